"""Identification and inspection: the queue of items waiting for inspection, completed inspections with their
tamper-evident reports and grades, serial-number formats per brand, and counterfeit referrals to market
supervision. Items, operators and checklists are referenced by string labels; no personal data lives here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SerialFormat(models.Model):
    """A brand's serial-number format as data: a serial of that brand that matches none of its formats is a
    counterfeit indicator. A brand without formats is never a mismatch (unverified)."""

    brand = models.CharField(_("brand"), max_length=60, db_index=True,
                             help_text=_("The canonical brand name, as the catalogue's brand families spell it."))
    category_code = models.CharField(_("category code"), max_length=64, blank=True,
                                     help_text=_("Empty: the format applies to every category."))
    pattern = models.CharField(_("pattern"), max_length=200,
                               help_text=_("A regular expression the whole serial number must match."))
    description = models.CharField(_("description"), max_length=200)
    description_en = models.CharField(_("English description"), max_length=200)
    example = models.CharField(_("example"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("serial-number format")
        verbose_name_plural = _("serial-number formats")
        ordering = ["brand", "category_code", "pk"]
        constraints = [models.UniqueConstraint(fields=["brand", "category_code", "pattern"],
                                               name="serial_format_unique")]

    def __str__(self) -> str:
        return f"{self.brand} {self.category_code} {self.pattern}".strip()


class QueueCursor(models.Model):
    """How far the inspection queue has read the passports (items.facade.item_descriptions, id order)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    last_item_id = models.BigIntegerField(_("last item read"), default=0)
    synced_at = models.DateTimeField(_("synchronised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspection queue cursor")
        verbose_name_plural = _("inspection queue cursors")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_item_id}"


class InspectionStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for inspection")
    COMPLETED = "completed", _("Completed")


class InspectionOutcome(models.TextChoices):
    GRADED = "graded", _("Graded")
    REFUSED = "refused", _("Refused")


class Inspection(models.Model):
    """One inspection of an item: waiting in the queue, then completed with a checklist version, the answers,
    the identification checks and an outcome. A completed inspection has exactly one report."""

    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=InspectionStatus.choices,
                              default=InspectionStatus.WAITING, db_index=True)
    checklist = models.ForeignKey("catalog.GradingChecklist", verbose_name=_("checklist"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("inspecting operator"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("inspector"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    identification = models.JSONField(_("identification checks"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=InspectionOutcome.choices, blank=True)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-completed_at", "-queued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["item"], condition=models.Q(status="waiting"),
                                    name="inspection_one_waiting_per_item"),
            models.CheckConstraint(
                condition=(models.Q(status="waiting", completed_at__isnull=True, outcome="")
                           | (models.Q(status="completed", completed_at__isnull=False, checklist__isnull=False)
                              & ~models.Q(outcome=""))),
                name="inspection_completed_is_complete"),
        ]

    def __str__(self) -> str:
        return f"inspection {self.pk} of item {self.item_id}"


class InspectionReport(models.Model):
    """The portable result of a completed inspection. `payload` is the report document (public facts only);
    `sha256` is computed over its canonical JSON when issued and recomputed by the verification page."""

    inspection = models.OneToOneField(Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT,
                                      related_name="report")
    code = models.CharField(_("report code"), max_length=16, unique=True)
    payload = models.JSONField(_("report document"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("inspection report")
        verbose_name_plural = _("inspection reports")
        ordering = ["-issued_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                                              name="inspection_report_sha256_hex")]

    def __str__(self) -> str:
        return self.code


class GradeRecord(models.Model):
    """A grade a report gives on one scale: the internal scale and each standard it maps onto. A grade
    cannot exist without its report (the report is required)."""

    report = models.ForeignKey(InspectionReport, verbose_name=_("report"), on_delete=models.PROTECT,
                               related_name="grades")
    scale_code = models.SlugField(_("scale"), max_length=40)
    scale_version = models.PositiveSmallIntegerField(_("scale version"))
    grade = models.CharField(_("grade"), max_length=20)
    is_internal = models.BooleanField(_("internal scale"), default=False)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        ordering = ["-is_internal", "scale_code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "scale_code"], name="grade_once_per_scale"),
            models.CheckConstraint(condition=~models.Q(grade=""), name="grade_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.scale_code} v{self.scale_version}: {self.grade}"


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")


REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.OPEN: frozenset({ReferralStatus.ACKNOWLEDGED, ReferralStatus.CLOSED}),
    ReferralStatus.ACKNOWLEDGED: frozenset({ReferralStatus.CLOSED}),
    ReferralStatus.CLOSED: frozenset(),
}


class ReferralOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Counterfeit confirmed")
    CLEARED = "cleared", _("Cleared: genuine goods")
    TRANSFERRED = "transferred", _("Transferred to the police or another authority")


class CounterfeitReferral(models.Model):
    """A case for market supervision, opened when an inspection finds counterfeit indicators. While it is not
    closed the item should not circulate (the hold is the items context's: see docs/contexts/inspection.md)."""

    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT,
                                   related_name="referrals")
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=ReferralStatus.choices,
                              default=ReferralStatus.OPEN, db_index=True)
    indicators = models.JSONField(_("counterfeit indicators"), default=list)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acknowledged by"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=16, choices=ReferralOutcome.choices, blank=True)
    case_number = models.CharField(_("case number"), max_length=64, blank=True)
    closing_note = models.TextField(_("closing note"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("counterfeit referral")
        verbose_name_plural = _("counterfeit referrals")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["item"], condition=~models.Q(status="closed"),
                                    name="referral_one_open_per_item"),
            models.CheckConstraint(
                condition=(~models.Q(status="closed") & models.Q(closed_at__isnull=True, outcome=""))
                | (models.Q(status="closed", closed_at__isnull=False) & ~models.Q(outcome="")),
                name="referral_closed_has_outcome"),
        ]

    def __str__(self) -> str:
        return f"referral {self.pk} of item {self.item_id}"
