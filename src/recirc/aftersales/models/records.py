"""The warranty record: one per item sold, made from the sale's terms (trade's order line snapshots the listing's
warranty and return window), starting at delivery. Trade sits below after-sales, so after-sales pulls: the
periodic sync reads completed sales, and a buyer's page pulls their delivered sales on demand.

Orders are referenced by id and number (copied), not by a foreign key: trade's order table is trade's business;
the facade is the way in. Items, operators and people are cross-context foreign keys by string label.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WarrantyState(models.TextChoices):
    ACTIVE = "active", _("Active")
    VOID = "void", _("Void (goods returned)")


WARRANTY_TRANSITIONS: dict[str, frozenset[str]] = {
    WarrantyState.ACTIVE: frozenset({WarrantyState.VOID}),
    WarrantyState.VOID: frozenset(),
}


class Warranty(models.Model):
    """The after-sales record of one item sold: who sold it to whom, on which terms, and until when the
    warranty runs (`ends_on`, inclusive; no warranty when `warranty_days` is 0)."""

    order_id = models.BigIntegerField(_("order id"), db_index=True)
    order_number = models.CharField(_("order number"), max_length=32, db_index=True)
    receipt_code = models.CharField(_("receipt code"), max_length=32, blank=True, db_index=True)
    channel = models.CharField(_("channel"), max_length=16)
    listing_id = models.BigIntegerField(_("listing id"))
    listing_version = models.PositiveIntegerField(_("listing version"))
    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(_("passport code"), max_length=16, db_index=True)
    title = models.CharField(_("item"), max_length=200)
    price = models.DecimalField(_("price paid (CNY)"), max_digits=12, decimal_places=2)
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("buyer"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              help_text=_("Empty for a walk-in buyer until they claim it with the receipt code."))
    seller_kind = models.CharField(_("seller kind"), max_length=16)
    seller_operator = models.ForeignKey("operators.Operator", verbose_name=_("selling operator"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    seller_outlet = models.ForeignKey("operators.Outlet", verbose_name=_("selling outlet"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    seller_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("seller (C2C)"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    warranty_days = models.PositiveIntegerField(_("warranty (days)"))
    return_window_days = models.PositiveIntegerField(_("no-reason return window (days)"))
    terms_text = models.TextField(_("after-sales terms"), max_length=4000, blank=True)
    disclosure_sha256 = models.CharField(_("disclosure seal"), max_length=64, blank=True)
    sold_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"))
    starts_on = models.DateField(_("warranty starts on"))
    ends_on = models.DateField(_("warranty ends on"))
    state = models.CharField(_("state"), max_length=12, choices=WarrantyState.choices, default=WarrantyState.ACTIVE)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("warranty record")
        verbose_name_plural = _("warranty records")
        ordering = ["-delivered_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["order_id", "item"], name="warranty_one_per_item_sold"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="warranty_ends_after_start"),
            models.CheckConstraint(condition=models.Q(seller_operator__isnull=False)
                                   | models.Q(seller_user__isnull=False), name="warranty_has_a_seller"),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="warranty_price_not_negative"),
            models.CheckConstraint(condition=~models.Q(state=WarrantyState.VOID) | models.Q(voided_at__isnull=False),
                                   name="warranty_void_has_time"),
        ]
        indexes = [models.Index(fields=["seller_operator", "ends_on"], name="warranty_operator_ends_idx"),
                   models.Index(fields=["buyer", "delivered_at"], name="warranty_buyer_idx")]

    def __str__(self) -> str:
        return f"{self.order_number} {self.item_code}"

    @property
    def has_warranty(self) -> bool:
        return self.warranty_days > 0

    def covers(self, day: dt.date | None = None) -> bool:
        """The warranty runs on `day` (today by default)."""
        day = day or timezone.localdate()
        return self.state == WarrantyState.ACTIVE and self.has_warranty and self.starts_on <= day <= self.ends_on

    @property
    def is_active(self) -> bool:
        return self.covers()


class SyncCursor(models.Model):
    """How far a pull from another context got (the id of the last sale read)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    last_id = models.BigIntegerField(_("last id read"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("sync cursor")
        verbose_name_plural = _("sync cursors")

    def __str__(self) -> str:
        return f"{self.name}@{self.last_id}"


class Notice(models.Model):
    """An in-app notice about an after-sales case: to a person (the buyer, a C2C seller) or to everyone on an
    operator's after-sales queue. Read when the recipient dismisses it. Text is composed when shown, from
    `kind` and `case_number`; nothing personal is stored."""

    recipient_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), null=True,
                                       blank=True, on_delete=models.CASCADE, related_name="+")
    recipient_operator = models.ForeignKey("operators.Operator", verbose_name=_("recipient operator"), null=True,
                                           blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    case_kind = models.CharField(_("case kind"), max_length=16)
    case_id = models.BigIntegerField(_("case id"))
    case_number = models.CharField(_("case number"), max_length=24)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("after-sales notice")
        verbose_name_plural = _("after-sales notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case_kind", "case_id"], name="notice_case_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(recipient_user__isnull=False)
                                   | models.Q(recipient_operator__isnull=False), name="notice_has_a_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.case_number}"
