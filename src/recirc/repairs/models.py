"""Repair and refurbishment work orders: an explicit state machine, the parts fitted (original or not, brand and
producer), the labour, and a quality check by someone who did not do the repair.

Items, operators and outlets are referenced by string labels (cross-context foreign keys). The item's passport
code, title, brand and model are copied at intake so lists never join another context's tables. No personal data
lives here: a customer is a user id, shown by the user's display name (a nickname, never a legal name).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.repairs.parts import PartKind, PartOrigin


class WorkOrderState(models.TextChoices):
    INTAKE = "intake", _("Taken in")
    DIAGNOSED = "diagnosed", _("Diagnosed")
    QUOTED = "quoted", _("Quoted, awaiting approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Quote declined")
    IN_REPAIR = "in_repair", _("In repair")
    QUALITY_CHECK = "quality_check", _("Awaiting quality check")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


S = WorkOrderState
# The state table: every change of `state` is one of these (services check it; tests walk every pair).
WORK_ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    S.INTAKE: frozenset({S.DIAGNOSED, S.CANCELLED}),
    S.DIAGNOSED: frozenset({S.QUOTED, S.CANCELLED}),
    S.QUOTED: frozenset({S.QUOTED, S.APPROVED, S.DECLINED, S.CANCELLED}),  # quoted -> quoted: a revised quote
    S.APPROVED: frozenset({S.IN_REPAIR, S.CANCELLED}),
    S.IN_REPAIR: frozenset({S.QUALITY_CHECK}),
    S.QUALITY_CHECK: frozenset({S.COMPLETED, S.IN_REPAIR}),
    S.COMPLETED: frozenset(),
    S.DECLINED: frozenset(),
    S.CANCELLED: frozenset(),
}
FINAL_STATES = frozenset({S.COMPLETED, S.DECLINED, S.CANCELLED})
QUOTED_STATES = frozenset({S.QUOTED, S.APPROVED, S.DECLINED, S.IN_REPAIR, S.QUALITY_CHECK, S.COMPLETED})
DECIDED_STATES = frozenset({S.APPROVED, S.DECLINED, S.IN_REPAIR, S.QUALITY_CHECK, S.COMPLETED})
REPAIR_STATES = frozenset({S.IN_REPAIR, S.QUALITY_CHECK, S.COMPLETED})


class WorkOrderKind(models.TextChoices):
    STOCK = "stock", _("Operator's stock")
    CUSTOMER = "customer", _("Customer's own item")


class WorkOrder(models.Model):
    """One repair or refurbishment of one item by one operator, from intake to completion (or decline, or
    cancellation). `number` is public: it is printed on the receipt and recorded on the item's passport."""

    number = models.CharField(_("work order number"), max_length=20, unique=True)
    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(_("passport code"), max_length=16, db_index=True)
    item_title = models.CharField(_("item"), max_length=160)
    item_brand = models.CharField(_("brand"), max_length=60, blank=True)
    item_model = models.CharField(_("model"), max_length=80, blank=True)
    category_code = models.CharField(_("category code"), max_length=64)
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator doing the work"),
                                 on_delete=models.PROTECT, related_name="+")
    outlet = models.ForeignKey("operators.Outlet", verbose_name=_("outlet"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("whose item"), max_length=16, choices=WorkOrderKind.choices)
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("customer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 help_text=_("The consumer who owns the item (customer repairs only)."))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, related_name="+")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT,
                                  related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=WorkOrderState.choices, default=S.INTAKE,
                             db_index=True)
    reported_fault = models.TextField(_("reported fault"), max_length=1000)
    intake_notes = models.TextField(_("condition at intake"), max_length=1000, blank=True)
    refurbishment_declared = models.BooleanField(
        _("refurbishment declared"), default=False,
        help_text=_("Cosmetic or main-part refurbishment. Once declared it cannot be withdrawn."))
    diagnosis_notes = models.TextField(_("diagnosis"), max_length=2000, blank=True)
    found_faults = models.JSONField(_("faults found"), default=list, blank=True)
    diagnosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diagnosed by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    diagnosed_at = models.DateTimeField(_("diagnosed at"), null=True, blank=True)
    quote_parts = models.DecimalField(_("parts estimate (CNY)"), max_digits=10, decimal_places=2, null=True,
                                      blank=True)
    quote_labour = models.DecimalField(_("labour estimate (CNY)"), max_digits=10, decimal_places=2, null=True,
                                       blank=True)
    quote_valid_until = models.DateField(_("quote valid until"), null=True, blank=True)
    quote_notes = models.TextField(_("quote notes"), max_length=1000, blank=True)
    quoted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("quoted by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    quoted_at = models.DateTimeField(_("quoted at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved or declined by"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("approved or declined at"), null=True, blank=True)
    decision_note = models.CharField(_("reason for declining"), max_length=500, blank=True)
    technician = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("repairing technician"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    repair_started_at = models.DateTimeField(_("repair started at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted for quality check at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, db_index=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["operator", "state"], name="workorder_operator_state_idx"),
                   models.Index(fields=["item", "state"], name="workorder_item_state_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind=WorkOrderKind.CUSTOMER, customer__isnull=False)
                                   | models.Q(kind=WorkOrderKind.STOCK, customer__isnull=True),
                                   name="workorder_customer_iff_customer_kind"),
            models.UniqueConstraint(fields=["item"], condition=~models.Q(state__in=sorted(FINAL_STATES)),
                                    name="workorder_one_open_per_item"),
            models.CheckConstraint(condition=~models.Q(state__in=sorted(QUOTED_STATES)) | models.Q(
                quote_parts__isnull=False, quote_labour__isnull=False, quote_valid_until__isnull=False),
                name="workorder_quoted_has_quote"),
            models.CheckConstraint(condition=models.Q(quote_parts__isnull=True) | models.Q(quote_parts__gte=0),
                                   name="workorder_quote_parts_not_negative"),
            models.CheckConstraint(condition=models.Q(quote_labour__isnull=True) | models.Q(quote_labour__gte=0),
                                   name="workorder_quote_labour_not_negative"),
            models.CheckConstraint(condition=~models.Q(state__in=sorted(DECIDED_STATES))
                                   | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                                   name="workorder_decision_recorded"),
            models.CheckConstraint(condition=~models.Q(state__in=sorted(REPAIR_STATES))
                                   | models.Q(technician__isnull=False, repair_started_at__isnull=False),
                                   name="workorder_repair_has_technician"),
            models.CheckConstraint(condition=~models.Q(state=S.COMPLETED) | models.Q(completed_at__isnull=False),
                                   name="workorder_completed_has_time"),
            models.CheckConstraint(condition=~models.Q(state=S.CANCELLED)
                                   | (models.Q(cancelled_at__isnull=False) & ~models.Q(cancel_reason="")),
                                   name="workorder_cancelled_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.item_code}"

    @property
    def quote_total(self) -> Decimal | None:
        if self.quote_parts is None or self.quote_labour is None:
            return None
        return self.quote_parts + self.quote_labour

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES


class RepairPart(models.Model):
    """A part fitted to the item: what it is (a controlled list per category, main parts marked), whether it is
    original, and who made it. Never hidden from the sale-time disclosure."""

    work_order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT,
                                   related_name="parts")
    kind = models.CharField(_("part"), max_length=32, choices=PartKind.choices)
    is_main_part = models.BooleanField(_("main part"), default=False)
    origin = models.CharField(_("origin"), max_length=20, choices=PartOrigin.choices)
    brand = models.CharField(_("brand"), max_length=60)
    producer = models.CharField(_("producer"), max_length=120)
    part_number = models.CharField(_("part number"), max_length=60, blank=True)
    serial_number = models.CharField(_("part serial number"), max_length=60, blank=True)
    cost = models.DecimalField(_("cost (CNY)"), max_digits=10, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    fitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("fitted by"), on_delete=models.PROTECT,
                                  related_name="+")
    fitted_at = models.DateTimeField(_("fitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("repair part")
        verbose_name_plural = _("repair parts")
        ordering = ["fitted_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(brand="") & ~models.Q(producer=""),
                                   name="repairpart_brand_and_producer_named"),
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="repairpart_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.work_order.number} {self.kind}"


class LabourEntry(models.Model):
    """Time a technician spent on the work order, at an hourly rate in yuan."""

    work_order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT,
                                   related_name="labour")
    technician = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("technician"),
                                   on_delete=models.PROTECT, related_name="+")
    minutes = models.PositiveIntegerField(_("minutes"))
    rate = models.DecimalField(_("hourly rate (CNY)"), max_digits=8, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("labour entry")
        verbose_name_plural = _("labour entries")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gte=1, minutes__lte=1440),
                                   name="labour_minutes_in_a_day"),
            models.CheckConstraint(condition=models.Q(rate__gte=0), name="labour_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.work_order.number} {self.minutes} min"

    @property
    def amount(self) -> Decimal:
        return (self.rate * self.minutes / 60).quantize(Decimal("0.01"))


class QualityCheck(models.Model):
    """One quality check of a repair: a checklist result per check ("pass", "fail", "na"). Passed when no check
    failed. The checker is never the repairing technician (a database constraint as well as a service rule)."""

    work_order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT,
                                   related_name="checks")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("checked by"),
                                   on_delete=models.PROTECT, related_name="+")
    repaired_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("repairing technician"),
                                    on_delete=models.PROTECT, related_name="+")
    passed = models.BooleanField(_("passed"))
    results = models.JSONField(_("checklist results"), default=dict)
    notes = models.TextField(_("notes"), max_length=1000, blank=True)
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    class Meta:
        verbose_name = _("quality check")
        verbose_name_plural = _("quality checks")
        ordering = ["checked_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(checked_by=models.F("repaired_by")),
                                   name="qualitycheck_not_by_the_repairer"),
        ]

    def __str__(self) -> str:
        return f"{self.work_order.number} {'pass' if self.passed else 'fail'}"
