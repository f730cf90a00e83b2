"""The review queue and what comes of it (REGULATIONS.md sections 3 and 6; DESIGN.md: the moderator "handles
takedowns, appeals"): a `ReviewItem` per listing waiting for a moderator (a "review" verdict, or an open
counterfeit case), the `ModerationDecision` that closes it (approve, or take down with a reason shown to the
seller), the seller's one `Appeal` against a takedown (decided by another moderator), the `Strike` each standing
takedown puts on the seller, and the `Suspension` from publishing that enough strikes bring.

A seller is named by its kind and id: an operator (`operator`, the operator's id) or an individual
(`consumer`, the user's id): cross-context references by id, never a foreign key into another context.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.moderation.models.screening import ScreeningCase, ScreeningVerdict


class ReviewKind(models.TextChoices):
    REVIEW = "review", _("Screening review")
    COUNTERFEIT = "counterfeit", _("Suspected counterfeit")


class ReviewState(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    TAKEN_DOWN = "taken_down", _("Taken down")


REVIEW_TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewState.OPEN: frozenset({ReviewState.APPROVED, ReviewState.TAKEN_DOWN}),
    ReviewState.APPROVED: frozenset(),
    ReviewState.TAKEN_DOWN: frozenset(),
}


class SellerKind(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    CONSUMER = "consumer", _("Individual seller")


class ReviewItem(models.Model):
    """One listing waiting for a moderator. At most one open item per listing: a later "review" verdict of the
    same listing joins it (the item then points at the newest verdict). `categories` holds the reasons'
    category codes as "|code|code|" so a filter is a plain substring match on SQLite and PostgreSQL alike."""

    kind = models.CharField(_("kind"), max_length=12, choices=ReviewKind.choices, default=ReviewKind.REVIEW)
    subject_kind = models.CharField(_("subject kind"), max_length=30, default="listing")
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    listing_code = models.CharField(_("listing number"), max_length=20, db_index=True)
    categories = models.CharField(_("reason categories"), max_length=400, blank=True)
    verdict = models.ForeignKey(ScreeningVerdict, verbose_name=_("verdict"), on_delete=models.PROTECT,
                                related_name="+")
    case = models.ForeignKey(ScreeningCase, verbose_name=_("counterfeit case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=12, choices=ReviewState.choices, default=ReviewState.OPEN)
    opened_at = models.DateTimeField(_("waiting since"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["opened_at", "id"]
        indexes = [models.Index(fields=["state", "opened_at"], name="review_item_queue_idx")]
        constraints = [
            models.UniqueConstraint(fields=["subject_kind", "subject_id"], condition=Q(state=ReviewState.OPEN),
                                    name="review_item_one_open_per_subject"),
            models.CheckConstraint(condition=Q(state=ReviewState.OPEN, decided_at__isnull=True)
                                   | (~Q(state=ReviewState.OPEN) & Q(decided_at__isnull=False)),
                                   name="review_item_decided_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.listing_code} ({self.state})"


class DecisionKind(models.TextChoices):
    APPROVE = "approve", _("Approved")
    TAKE_DOWN = "take_down", _("Taken down")


class ModerationDecision(models.Model):
    """A moderator's decision on a listing: approve (it stays) or take it down, with a category of the
    prohibited-goods taxonomy and the reason shown to the seller. `reference` is the number the seller and the
    listing see. One decision per review item (two moderators deciding at once: one wins)."""

    reference = models.CharField(_("decision number"), max_length=20, unique=True)
    item = models.OneToOneField(ReviewItem, verbose_name=_("review item"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="decision")
    kind = models.CharField(_("decision"), max_length=12, choices=DecisionKind.choices)
    subject_kind = models.CharField(_("subject kind"), max_length=30, default="listing")
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    listing_code = models.CharField(_("listing number"), max_length=20, db_index=True)
    seller_kind = models.CharField(_("seller kind"), max_length=12, choices=SellerKind.choices)
    seller_id = models.PositiveBigIntegerField(_("seller id"))
    category = models.CharField(_("reason category"), max_length=60, blank=True)
    reason = models.TextField(_("reason shown to the seller"), max_length=1000, blank=True)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("moderator"), on_delete=models.PROTECT,
                                  related_name="+")
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["subject_kind", "subject_id", "-decided_at"], name="decision_subject_idx")]
        constraints = [models.CheckConstraint(condition=Q(kind=DecisionKind.APPROVE)
                                              | (~Q(category="") & ~Q(reason="")),
                                              name="decision_takedown_has_reason")]

    def __str__(self) -> str:
        return f"{self.reference} {self.kind} {self.listing_code}"


class AppealState(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    UPHELD = "upheld", _("Takedown upheld")
    GRANTED = "granted", _("Appeal granted, listing reinstated")


APPEAL_TRANSITIONS: dict[str, frozenset[str]] = {
    AppealState.PENDING: frozenset({AppealState.UPHELD, AppealState.GRANTED}),
    AppealState.UPHELD: frozenset(),
    AppealState.GRANTED: frozenset(),
}


class Appeal(models.Model):
    """The seller's one appeal against a takedown, with their statement; decided by a moderator other than the
    one who took the listing down, with an answer the seller reads."""

    decision = models.OneToOneField(ModerationDecision, verbose_name=_("takedown"), on_delete=models.PROTECT,
                                    related_name="appeal")
    statement = models.TextField(_("seller's statement"), max_length=2000)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT,
                                 related_name="+")
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=AppealState.choices, default=AppealState.PENDING,
                             db_index=True)
    answer = models.TextField(_("answer to the seller"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["filed_at", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(state=AppealState.PENDING, decided_at__isnull=True, decided_by__isnull=True)
            | (~Q(state=AppealState.PENDING) & Q(decided_at__isnull=False, decided_by__isnull=False) & ~Q(answer="")),
            name="appeal_decided_has_decider")]

    def __str__(self) -> str:
        return f"appeal on {self.decision_id} ({self.state})"


class Strike(models.Model):
    """A takedown counted against its seller. It stops counting when the appeal is granted (`overturned_at`)
    and when it is older than the window (RECIRC_POLICY MODERATION_STRIKE_WINDOW_DAYS)."""

    seller_kind = models.CharField(_("seller kind"), max_length=12, choices=SellerKind.choices)
    seller_id = models.PositiveBigIntegerField(_("seller id"))
    decision = models.OneToOneField(ModerationDecision, verbose_name=_("takedown"), on_delete=models.PROTECT,
                                    related_name="strike")
    created_at = models.DateTimeField(_("counted from"), default=timezone.now)
    overturned_at = models.DateTimeField(_("overturned at"), null=True, blank=True)

    class Meta:
        verbose_name = _("strike")
        verbose_name_plural = _("strikes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["seller_kind", "seller_id", "created_at"], name="strike_seller_idx")]

    def __str__(self) -> str:
        return f"strike {self.seller_kind}:{self.seller_id} ({self.decision_id})"


class Suspension(models.Model):
    """The seller may not publish listings from `starts_at` until `ends_at`, unless a moderator lifts it early
    (with a reason). Brought by the strike that reached MODERATION_STRIKES_TO_SUSPEND within the window."""

    seller_kind = models.CharField(_("seller kind"), max_length=12, choices=SellerKind.choices)
    seller_id = models.PositiveBigIntegerField(_("seller id"))
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"))
    strikes = models.PositiveSmallIntegerField(_("strikes counted"))
    decision = models.ForeignKey(ModerationDecision, verbose_name=_("takedown that brought it"),
                                 on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("lifted by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    lift_reason = models.TextField(_("reason for lifting"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["seller_kind", "seller_id", "ends_at"], name="suspension_seller_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="suspension_ends_after"),
            models.CheckConstraint(condition=Q(lifted_at__isnull=True, lift_reason="")
                                   | (Q(lifted_at__isnull=False) & ~Q(lift_reason="")),
                                   name="suspension_lift_has_reason"),
        ]

    def __str__(self) -> str:
        return f"suspension {self.seller_kind}:{self.seller_id} until {self.ends_at:%Y-%m-%d}"
