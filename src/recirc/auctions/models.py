"""Auctions: a lot of one or more items (bulk lots hold many) offered by an operator, English with proxy bids or
sealed for B2B bulk lots; every bid kept (append-only), the auction row holding the running state that the
engine (engine.py) computes under the row's lock.

Items, operators and users are referenced by string labels (cross-context foreign keys); the item's passport
code and title are copied so lists never join another context's tables. The leader's maximum is secret: it is
never shown to anyone but that bidder.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuctionFormat(models.TextChoices):
    ENGLISH = "english", _("English auction with proxy bids")
    SEALED = "sealed", _("Sealed bids (bulk lots)")


class AuctionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open for bids")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class AuctionOutcome(models.TextChoices):
    PENDING = "pending", _("Not closed yet")
    SOLD = "sold", _("Sold")
    BOUGHT_NOW = "bought_now", _("Bought at the buy-it-now price")
    RESERVE_NOT_MET = "reserve_not_met", _("Reserve not met")
    NO_BIDS = "no_bids", _("No bids")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Stopped: an item is under a hold")
    UNPAID = "unpaid", _("The winner did not check out in time")


S = AuctionState
# The state table: every change of `state` is one of these (services check it; tests walk every pair).
AUCTION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.SCHEDULED: frozenset({S.OPEN, S.CANCELLED}),
    S.OPEN: frozenset({S.CLOSED, S.CANCELLED}),
    S.CLOSED: frozenset(),
    S.CANCELLED: frozenset(),
}


class Auction(models.Model):
    code = models.CharField(_("auction number"), max_length=20, unique=True)
    format = models.CharField(_("format"), max_length=10, choices=AuctionFormat.choices,
                              default=AuctionFormat.ENGLISH)
    operator = models.ForeignKey("operators.Operator", verbose_name=_("operator"), on_delete=models.PROTECT,
                                 related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=AuctionState.choices, default=S.SCHEDULED,
                             db_index=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=AuctionOutcome.choices,
                               default=AuctionOutcome.PENDING)
    starts_at = models.DateTimeField(_("starts at"))
    scheduled_end = models.DateTimeField(_("scheduled end"))
    ends_at = models.DateTimeField(_("ends at"), db_index=True,
                                   help_text=_("The scheduled end, moved by late bids up to the cap."))
    extension_window = models.DurationField(_("anti-sniping window"))
    extension_cap = models.DurationField(_("longest extension"))
    start_price = models.DecimalField(_("starting price (yuan)"), max_digits=12, decimal_places=2)
    reserve_price = models.DecimalField(_("reserve price (yuan)"), max_digits=12, decimal_places=2, null=True,
                                        blank=True)
    buy_now_price = models.DecimalField(_("buy-it-now price (yuan)"), max_digits=12, decimal_places=2, null=True,
                                        blank=True)
    increments = models.JSONField(_("increment table"), default=list,
                                  help_text=_("Pairs of (price from, increment) in yuan, rising from 0."))
    price = models.DecimalField(_("current price (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("leading bidder"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    leader_max = models.DecimalField(_("leader's maximum (secret)"), max_digits=12, decimal_places=2, null=True,
                                     blank=True)
    bid_count = models.PositiveIntegerField(_("bids"), default=0)
    extensions = models.PositiveIntegerField(_("extensions"), default=0)
    winner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("winner"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    final_price = models.DecimalField(_("final price (yuan)"), max_digits=12, decimal_places=2, null=True,
                                      blank=True)
    checkout_number = models.CharField(_("winner's checkout"), max_length=24, blank=True,
                                       help_text=_("The trade checkout the winner pays the lot through."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("auction")
        verbose_name_plural = _("auctions")
        ordering = ["ends_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(scheduled_end__gt=models.F("starts_at")),
                                   name="auction_ends_after_start"),
            models.CheckConstraint(condition=models.Q(ends_at__gte=models.F("scheduled_end")),
                                   name="auction_end_not_before_schedule"),
            models.CheckConstraint(condition=models.Q(start_price__gt=0), name="auction_start_price_positive"),
            models.CheckConstraint(condition=models.Q(reserve_price__isnull=True)
                                   | models.Q(reserve_price__gte=models.F("start_price")),
                                   name="auction_reserve_not_below_start"),
            models.CheckConstraint(condition=models.Q(buy_now_price__isnull=True)
                                   | models.Q(buy_now_price__gt=models.F("start_price")),
                                   name="auction_buy_now_above_start"),
            models.CheckConstraint(condition=models.Q(leader__isnull=True)
                                   | models.Q(price__lte=models.F("leader_max")),
                                   name="auction_price_within_leader_max"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class LotItem(models.Model):
    """One listing of an auction's lot (a bulk lot holds many). The lot is made of published listings, so every
    item carries its sealed disclosure; the auction reserves them (order reference "auction:<code>") until the
    close, and an item is in at most one live auction."""

    auction = models.ForeignKey(Auction, verbose_name=_("auction"), on_delete=models.CASCADE, related_name="lot")
    listing_id = models.PositiveBigIntegerField(_("listing"))
    listing_code = models.CharField(_("listing number"), max_length=20)
    listing_version = models.PositiveIntegerField(_("listing version"))
    disclosure_sha256 = models.CharField(_("disclosure SHA-256"), max_length=64)
    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(_("passport code"), max_length=16)
    title = models.CharField(_("title"), max_length=200)
    live = models.BooleanField(_("in a live auction"), default=True)

    class Meta:
        verbose_name = _("lot item")
        verbose_name_plural = _("lot items")
        ordering = ["auction", "id"]
        constraints = [models.UniqueConstraint(fields=["item"], condition=models.Q(live=True),
                                               name="lot_item_in_one_live_auction")]

    def __str__(self) -> str:
        return f"{self.auction_id}: {self.listing_code}"


class Bid(models.Model):
    """An accepted bid, append-only. English: `maximum` is the bidder's proxy maximum (secret), `price_after` the
    visible price it produced; sealed: `maximum` is the sealed amount, revealed at the close."""

    auction = models.ForeignKey(Auction, verbose_name=_("auction"), on_delete=models.PROTECT, related_name="bids")
    sequence = models.PositiveIntegerField(_("sequence"))
    bidder = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("bidder"), on_delete=models.PROTECT,
                               related_name="+")
    maximum = models.DecimalField(_("maximum (yuan)"), max_digits=12, decimal_places=2)
    price_after = models.DecimalField(_("price after the bid (yuan)"), max_digits=12, decimal_places=2, null=True,
                                      blank=True)
    leading_after = models.BooleanField(_("leading after the bid"), default=False)
    extended = models.BooleanField(_("extended the end"), default=False)
    placed_at = models.DateTimeField(_("placed at"), default=timezone.now)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["auction", "sequence"]
        constraints = [models.UniqueConstraint(fields=["auction", "sequence"], name="bid_sequence_once")]

    def __str__(self) -> str:
        return f"{self.auction_id}#{self.sequence}"
