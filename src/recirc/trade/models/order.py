"""The order: what one seller sells to one buyer in one checkout (or one counter sale)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recirc.trade.models.orders import Channel, Checkout, Fulfilment, OrderState, Payment, SellerKind


class Order(models.Model):
    """One seller's part of a checkout, from payment to completion. `receipt_code` is printed on the voucher and
    carries the warranty (also for anonymous walk-in buyers)."""

    number = models.CharField(_("order number"), max_length=20, unique=True)
    receipt_code = models.CharField(_("receipt code"), max_length=16, unique=True)
    checkout = models.ForeignKey(Checkout, verbose_name=_("checkout"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="orders")
    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.PROTECT,
                                related_name="orders")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("buyer"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              help_text=_("Empty for an anonymous walk-in buyer at the counter."))
    seller_kind = models.CharField(_("seller kind"), max_length=10, choices=SellerKind.choices)
    seller_operator = models.ForeignKey("operators.Operator", verbose_name=_("selling operator"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    seller_outlet = models.ForeignKey("operators.Outlet", verbose_name=_("selling outlet"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    seller_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("selling consumer"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    stall_code = models.CharField(_("stall number"), max_length=20, blank=True)
    district_code = models.CharField(_("seller's district (GB/T 2260)"), max_length=6, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    fulfilment = models.CharField(_("fulfilment"), max_length=10, choices=Fulfilment.choices)
    inspection_requested = models.BooleanField(_("platform inspection (验货) requested"), default=False)
    state = models.CharField(_("state"), max_length=24, choices=OrderState.choices,
                             default=OrderState.PENDING_PAYMENT, db_index=True)
    total = models.DecimalField(_("total (CNY)"), max_digits=12, decimal_places=2)
    fee_rate = models.DecimalField(_("platform fee rate"), max_digits=5, decimal_places=4, default=Decimal("0"))
    fee_amount = models.DecimalField(_("platform fee (CNY)"), max_digits=12, decimal_places=2, null=True,
                                     blank=True)
    paid_total = models.DecimalField(_("paid (CNY)"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    refunded_total = models.DecimalField(_("refunded (CNY)"), max_digits=12, decimal_places=2,
                                         default=Decimal("0.00"))
    address_token = models.CharField(_("shipping address (vault token)"), max_length=64, blank=True)
    address_masked = models.CharField(_("shipping address"), max_length=200, blank=True)
    carrier = models.CharField(_("carrier"), max_length=40, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)
    pickup_code = models.CharField(_("pickup code"), max_length=8, blank=True)
    inspection_note = models.CharField(_("inspection result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("placed at"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    release_due_at = models.DateTimeField(_("escrow released automatically at"), null=True, blank=True,
                                          db_index=True)
    escrow_released_at = models.DateTimeField(_("escrow released at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gt=0), name="order_total_positive"),
            models.CheckConstraint(condition=models.Q(refunded_total__lte=models.F("paid_total")),
                                   name="order_refund_within_paid"),
            models.CheckConstraint(condition=models.Q(refunded_total__gte=0), name="order_refund_not_negative"),
            models.CheckConstraint(
                condition=(models.Q(seller_kind="operator", seller_operator__isnull=False, seller_user__isnull=True)
                           | models.Q(seller_kind="consumer", seller_operator__isnull=True,
                                      seller_user__isnull=False)),
                name="order_one_seller"),
        ]
        indexes = [models.Index(fields=["seller_operator", "state"], name="order_seller_state_idx"),
                   models.Index(fields=["buyer", "state"], name="order_buyer_state_idx")]

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    """One listing bought: the facts the buyer was shown, frozen at checkout."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="lines")
    listing_id = models.PositiveBigIntegerField(_("listing"), db_index=True)
    listing_code = models.CharField(_("listing code"), max_length=24)
    listing_version = models.PositiveIntegerField(_("listing version"))
    disclosure_sha256 = models.CharField(_("disclosure SHA-256"), max_length=64)
    item = models.ForeignKey("items.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(_("passport code"), max_length=16)
    category_id = models.PositiveBigIntegerField(_("category"))
    category_code = models.CharField(_("category code"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    price = models.DecimalField(_("price (CNY)"), max_digits=12, decimal_places=2)
    warranty_days = models.PositiveIntegerField(_("warranty (days)"))
    return_window_days = models.PositiveIntegerField(_("return window (days)"))
    terms_text = models.TextField(_("after-sales terms"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=models.Q(price__gt=0), name="order_line_price_positive")]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.title}"


class Refund(models.Model):
    """Money given back on an order: partial or full, never more than was paid."""

    number = models.CharField(_("refund number"), max_length=20, unique=True)
    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=500)
    from_escrow = models.BooleanField(_("paid from escrow"), default=True)
    provider_reference = models.CharField(_("provider reference"), max_length=80, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_amount_positive")]

    def __str__(self) -> str:
        return self.number


class OrderEvent(models.Model):
    """The order's timeline as the buyer and seller see it (the audit log holds the same, for auditors)."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=40)
    from_state = models.CharField(_("from state"), max_length=24, blank=True)
    to_state = models.CharField(_("to state"), max_length=24, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.kind}"
