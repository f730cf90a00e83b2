"""After-sales cases on a warranty record: return requests, repair-under-warranty tickets and disputes. Each has
an explicit state machine (TextChoices + transition table), a public number, and the deadline of its current
step: `due_at` and who owes the next step (`due_party`). The periodic task sets `overdue_at` once a deadline
passes; the queues show overdue cases first."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recirc.aftersales.models.records import Warranty


class Party(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER = "seller", _("Seller")
    PLATFORM = "platform", _("Platform")


class CaseBase(models.Model):
    """What every case has: its number, record, parties (copied for scoping), deadline and times."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    warranty = models.ForeignKey(Warranty, verbose_name=_("warranty record"), on_delete=models.PROTECT,
                                 related_name="+")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.PROTECT,
                              related_name="+")
    seller_operator = models.ForeignKey("operators.Operator", verbose_name=_("selling operator"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    seller_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("seller (C2C)"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField(_("next step due by"), null=True, blank=True, db_index=True)
    due_party = models.CharField(_("next step owed by"), max_length=10, choices=Party.choices, blank=True)
    overdue_at = models.DateTimeField(_("marked overdue at"), null=True, blank=True)
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.number


class ReturnKind(models.TextChoices):
    NO_REASON = "no_reason", _("No-reason return")
    DEFECTIVE = "defective", _("Defective or not working")
    NOT_AS_DESCRIBED = "not_as_described", _("Not as described")


class ReturnState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved, goods to be returned")
    REFUSED = "refused", _("Refused")
    GOODS_RETURNED = "goods_returned", _("Goods received back")
    REFUNDED = "refunded", _("Refunded")
    CANCELLED = "cancelled", _("Withdrawn")


R = ReturnState
RETURN_TRANSITIONS: dict[str, frozenset[str]] = {
    R.REQUESTED: frozenset({R.APPROVED, R.REFUSED, R.CANCELLED}),
    R.APPROVED: frozenset({R.GOODS_RETURNED, R.CANCELLED}),
    R.GOODS_RETURNED: frozenset({R.REFUNDED}),
    R.REFUSED: frozenset(),
    R.REFUNDED: frozenset(),
    R.CANCELLED: frozenset(),
}
RETURN_FINAL = frozenset({R.REFUSED, R.REFUNDED, R.CANCELLED})


class ReturnRequest(CaseBase):
    """A buyer asks to return the item: without a reason inside the window, or with a reason and evidence.
    Approved goods come back (the passport returns to the seller) and the money goes back through the ledger."""

    kind = models.CharField(_("kind of return"), max_length=20, choices=ReturnKind.choices)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    amount = models.DecimalField(_("refund asked (CNY)"), max_digits=12, decimal_places=2)
    state = models.CharField(_("state"), max_length=16, choices=ReturnState.choices, default=R.REQUESTED,
                             db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusing"), max_length=1000, blank=True)
    ship_back_carrier = models.CharField(_("carrier"), max_length=60, blank=True)
    ship_back_tracking = models.CharField(_("tracking number"), max_length=60, blank=True)
    shipped_back_at = models.DateTimeField(_("sent back at"), null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("received by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("goods received at"), null=True, blank=True)
    refund_number = models.CharField(_("refund number"), max_length=32, blank=True)
    refunded_amount = models.DecimalField(_("refunded (CNY)"), max_digits=12, decimal_places=2, null=True,
                                          blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("return request")
        verbose_name_plural = _("return requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["warranty"], condition=~models.Q(state__in=sorted(RETURN_FINAL)),
                                    name="return_one_open_per_item"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="return_amount_positive"),
            models.CheckConstraint(condition=models.Q(kind=ReturnKind.NO_REASON) | ~models.Q(reason=""),
                                   name="return_reason_unless_no_reason"),
            models.CheckConstraint(condition=~models.Q(state__in=[R.APPROVED, R.REFUSED, R.GOODS_RETURNED,
                                                                  R.REFUNDED])
                                   | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                                   name="return_answer_recorded"),
            models.CheckConstraint(condition=~models.Q(state=R.REFUSED) | ~models.Q(refusal_reason=""),
                                   name="return_refusal_has_reason"),
            models.CheckConstraint(condition=~models.Q(state=R.REFUNDED)
                                   | (models.Q(refunded_amount__isnull=False) & ~models.Q(refund_number="")),
                                   name="return_refund_recorded"),
        ]

    @property
    def idempotency_key(self) -> str:
        return f"aftersales-return-{self.number}"


class TicketState(models.TextChoices):
    OPEN = "open", _("Reported")
    IN_REPAIR = "in_repair", _("Accepted, in repair")
    REFUSED = "refused", _("Not covered")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Withdrawn")


class TicketOutcome(models.TextChoices):
    REPAIRED = "repaired", _("Repaired")
    REPLACED = "replaced", _("Replaced with an equivalent item")
    REFUNDED = "refunded", _("Could not be repaired: refunded")


T = TicketState
TICKET_TRANSITIONS: dict[str, frozenset[str]] = {
    T.OPEN: frozenset({T.IN_REPAIR, T.REFUSED, T.CANCELLED}),
    T.IN_REPAIR: frozenset({T.COMPLETED}),
    T.REFUSED: frozenset(),
    T.COMPLETED: frozenset(),
    T.CANCELLED: frozenset(),
}
TICKET_FINAL = frozenset({T.REFUSED, T.COMPLETED, T.CANCELLED})


class ServiceTicket(CaseBase):
    """A repair under warranty: opened by the buyer while the warranty runs, accepted (or refused as not covered,
    with a reason) by the seller, completed as repaired, replaced or refunded."""

    fault = models.TextField(_("fault"), max_length=2000)
    state = models.CharField(_("state"), max_length=16, choices=TicketState.choices, default=T.OPEN, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusing"), max_length=1000, blank=True)
    work_order_number = models.CharField(_("repair work order"), max_length=20, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=TicketOutcome.choices, blank=True)
    resolution = models.TextField(_("what was done"), max_length=2000, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("completed by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    refund_number = models.CharField(_("refund number"), max_length=32, blank=True)
    refunded_amount = models.DecimalField(_("refunded (CNY)"), max_digits=12, decimal_places=2, null=True,
                                          blank=True)

    class Meta:
        verbose_name = _("warranty service ticket")
        verbose_name_plural = _("warranty service tickets")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["warranty"], condition=~models.Q(state__in=sorted(TICKET_FINAL)),
                                    name="ticket_one_open_per_item"),
            models.CheckConstraint(condition=~models.Q(state=T.REFUSED) | ~models.Q(refusal_reason=""),
                                   name="ticket_refusal_has_reason"),
            models.CheckConstraint(condition=~models.Q(state=T.COMPLETED) | ~models.Q(outcome=""),
                                   name="ticket_completed_has_outcome"),
            models.CheckConstraint(condition=~models.Q(outcome=TicketOutcome.REFUNDED)
                                   | models.Q(refunded_amount__isnull=False), name="ticket_refund_recorded"),
        ]

    @property
    def idempotency_key(self) -> str:
        return f"aftersales-ticket-{self.number}"


class DisputeState(models.TextChoices):
    OPEN = "open", _("Awaiting the seller's statement")
    UNDER_REVIEW = "under_review", _("Under platform review")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DisputeOutcome(models.TextChoices):
    REFUND = "refund", _("Refund to the buyer")
    NO_REFUND = "no_refund", _("No refund")


D = DisputeState
DISPUTE_TRANSITIONS: dict[str, frozenset[str]] = {
    D.OPEN: frozenset({D.UNDER_REVIEW, D.WITHDRAWN}),
    D.UNDER_REVIEW: frozenset({D.DECIDED, D.WITHDRAWN}),
    D.DECIDED: frozenset(),
    D.WITHDRAWN: frozenset(),
}
DISPUTE_FINAL = frozenset({D.DECIDED, D.WITHDRAWN})


class Dispute(CaseBase):
    """The buyer asks the platform to decide: both parties state their case with evidence, a platform moderator
    or administrator decides (a refund through the ledger, or none) and gives reasons."""

    claim = models.TextField(_("what the buyer asks and why"), max_length=4000)
    amount_claimed = models.DecimalField(_("refund asked (CNY)"), max_digits=12, decimal_places=2)
    return_request = models.ForeignKey(ReturnRequest, verbose_name=_("about the return"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="disputes")
    ticket = models.ForeignKey(ServiceTicket, verbose_name=_("about the service ticket"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="disputes")
    state = models.CharField(_("state"), max_length=16, choices=DisputeState.choices, default=D.OPEN, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=DisputeOutcome.choices, blank=True)
    refund_amount = models.DecimalField(_("refund decided (CNY)"), max_digits=12, decimal_places=2, null=True,
                                        blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), max_length=4000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refund_number = models.CharField(_("refund number"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["warranty"], condition=~models.Q(state__in=sorted(DISPUTE_FINAL)),
                                    name="dispute_one_open_per_item"),
            models.CheckConstraint(condition=models.Q(amount_claimed__gte=0), name="dispute_claim_not_negative"),
            models.CheckConstraint(condition=~models.Q(state=D.DECIDED)
                                   | (~models.Q(outcome="") & ~models.Q(decision_reasons="")
                                      & models.Q(decided_by__isnull=False, decided_at__isnull=False)),
                                   name="dispute_decision_recorded"),
            models.CheckConstraint(condition=~models.Q(outcome=DisputeOutcome.REFUND)
                                   | models.Q(refund_amount__gt=0), name="dispute_refund_has_amount"),
        ]

    @property
    def idempotency_key(self) -> str:
        return f"aftersales-dispute-{self.number}"


class DisputeStatement(models.Model):
    """One party's statement in a dispute (the buyer's claim is the first; the seller answers; the platform may
    ask or note)."""

    dispute = models.ForeignKey(Dispute, verbose_name=_("dispute"), on_delete=models.PROTECT,
                                related_name="statements")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(_("statement"), max_length=4000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dispute statement")
        verbose_name_plural = _("dispute statements")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.dispute.number} {self.party}"
