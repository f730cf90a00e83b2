"""Cases for market supervision and the police: a matter found in any context (a counterfeit, a disclosure
violation, stolen goods, smuggling), held by one authority at a time, referred between them, with an append-only
timeline and evidence whose files are fingerprinted (SHA-256) for the evidence export.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    COUNTERFEIT = "counterfeit", _("Counterfeit goods")
    DISCLOSURE_VIOLATION = "disclosure_violation", _("Disclosure violation")
    STOLEN_GOODS = "stolen_goods", _("Stolen goods")
    SMUGGLING = "smuggling", _("Smuggled goods")
    OTHER = "other", _("Other violation")


class Authority(models.TextChoices):
    """The authorities that hold cases; the values are the roles of their users."""

    MARKET_SUPERVISION = "market_supervision", _("Market supervision")
    POLICE = "police", _("Public security")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    INVESTIGATING = "investigating", _("Investigating")
    REFERRED = "referred", _("Referred, awaiting acceptance")
    CLOSED = "closed", _("Closed")


CASE_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.INVESTIGATING, CaseStatus.REFERRED, CaseStatus.CLOSED}),
    CaseStatus.INVESTIGATING: frozenset({CaseStatus.REFERRED, CaseStatus.CLOSED}),
    # The receiving authority accepts (investigating, held by it) or returns it (investigating, held by the sender).
    CaseStatus.REFERRED: frozenset({CaseStatus.INVESTIGATING}),
    CaseStatus.CLOSED: frozenset({CaseStatus.INVESTIGATING}),
}


class CaseOutcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Violation established, penalty or measure taken")
    UNSUBSTANTIATED = "unsubstantiated", _("Not established")
    NO_JURISDICTION = "no_jurisdiction", _("Not within our remit, closed")


class Case(models.Model):
    """A case file. `authority` holds it now; `referred_by` is the authority awaiting the holder's acceptance."""

    reference = models.CharField(_("case reference"), max_length=24, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=CaseKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN,
                              db_index=True)
    authority = models.CharField(_("held by"), max_length=24, choices=Authority.choices)
    opened_by_authority = models.CharField(_("opened by authority"), max_length=24, choices=Authority.choices)
    referred_by = models.CharField(_("referred by"), max_length=24, choices=Authority.choices, blank=True)
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("summary"), max_length=4000, blank=True,
                               help_text=_("Facts of the case. Refer to people by their records, not by name."))
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator concerned"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(_("item concerned (passport code)"), max_length=16, blank=True)
    source_ref = models.CharField(_("source"), max_length=80, blank=True,
                                  help_text=_("Where the case came from, such as “inspection.referral:12”."))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CaseOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["authority", "status"], name="supervision_case_holder_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="closed") | (models.Q(closed_at__isnull=False)
                                                                         & ~models.Q(outcome="")),
                                   name="supervision_case_closed_has_outcome"),
            models.CheckConstraint(condition=~models.Q(status="referred") | ~models.Q(referred_by=""),
                                   name="supervision_case_referral_has_sender"),
            models.UniqueConstraint(fields=["source_ref"], condition=~models.Q(source_ref=""),
                                    name="supervision_case_source_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class CaseEventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    IMPORTED = "imported", _("Imported")
    NOTE = "note", _("Note")
    EVIDENCE = "evidence", _("Evidence added")
    TAKEN_UP = "taken_up", _("Investigation started")
    REFERRED = "referred", _("Referred")
    ACCEPTED = "accepted", _("Referral accepted")
    RETURNED = "returned", _("Referral returned")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


class CaseEvent(models.Model):
    """One step of a case's timeline. Append-only."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=CaseEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("at"), auto_now_add=True)
    from_status = models.CharField(_("from status"), max_length=16, blank=True)
    to_status = models.CharField(_("to status"), max_length=16, blank=True)
    from_authority = models.CharField(_("from authority"), max_length=24, blank=True)
    to_authority = models.CharField(_("to authority"), max_length=24, blank=True)
    text = models.TextField(_("text"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


def evidence_path(instance: CaseEvidence, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"supervision/cases/{instance.case_id}/{instance.sha256}.{extension}"


class CaseEvidence(models.Model):
    """A piece of evidence: an uploaded file (fingerprinted) or a reference to a record in Recirc (a register
    entry, a passport, an inspection report)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="evidence")
    description = models.CharField(_("description"), max_length=300)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=80, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    record_ref = models.CharField(_("record"), max_length=120, blank=True,
                                  help_text=_("A record in Recirc, such as a passport code or “acquisitions.entry:…”."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(sha256="") | ~models.Q(record_ref=""),
                                              name="supervision_evidence_file_or_record")]

    def __str__(self) -> str:
        return self.description
