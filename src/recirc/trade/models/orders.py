"""Carts, checkouts, orders (one per seller), their lines, payments, refunds and the order timeline.

Listing facts (title, price, version, disclosure hash, warranty) are copied into the order line at checkout: the
order proves what the buyer was shown, whatever the listing becomes. Personal data stays in the vault: the
shipping address is a vault token with its masked form.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderState(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
    PAID = "paid", _("Paid, to be sent")
    IN_PLATFORM_INSPECTION = "in_platform_inspection", _("In platform inspection")
    SHIPPED = "shipped", _("Shipped")
    READY_FOR_PICKUP = "ready_for_pickup", _("Ready for pickup")
    DELIVERED = "delivered", _("Delivered")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


S = OrderState
# The state table: every change of `state` is one of these (services check it; tests walk every pair).
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.IN_PLATFORM_INSPECTION, S.CANCELLED}),
    S.PAID: frozenset({S.SHIPPED, S.READY_FOR_PICKUP, S.COMPLETED, S.REFUNDED}),  # -> completed: a counter sale
    S.IN_PLATFORM_INSPECTION: frozenset({S.SHIPPED, S.REFUNDED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.COMPLETED, S.REFUNDED}),
    S.READY_FOR_PICKUP: frozenset({S.DELIVERED, S.REFUNDED}),
    S.DELIVERED: frozenset({S.COMPLETED, S.REFUNDED}),
    S.COMPLETED: frozenset({S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}
PAID_STATES = frozenset({S.PAID, S.IN_PLATFORM_INSPECTION, S.SHIPPED, S.READY_FOR_PICKUP, S.DELIVERED,
                         S.COMPLETED})
FINAL_STATES = frozenset({S.COMPLETED, S.CANCELLED, S.REFUNDED})


class SellerKind(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    CONSUMER = "consumer", _("Consumer (C2C)")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_STORE = "in_store", _("In store")
    STALL = "stall", _("Market stall")


class Fulfilment(models.TextChoices):
    SHIPPING = "shipping", _("Shipping")
    PICKUP = "pickup", _("Pickup")
    COUNTER = "counter", _("Handed over at the counter")


class PaymentMethod(models.TextChoices):
    ONLINE = "online", _("Online payment")
    CASH = "cash", _("Cash")
    CARD = "card", _("Bank card")
    QR = "qr", _("QR code payment")


class PaymentState(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    CAPTURED = "captured", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class CartLine(models.Model):
    """A listing in a consumer's cart, with the listing version the buyer saw (stale versions are refused)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.CASCADE,
                             related_name="+")
    listing_id = models.PositiveBigIntegerField(_("listing"))
    version_seen = models.PositiveIntegerField(_("listing version seen"))
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "listing_id"], name="cart_listing_once")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.listing_id}"


class Checkout(models.Model):
    """One checkout: the buyer's cart turned into one order per seller and one payment for them all."""

    number = models.CharField(_("checkout number"), max_length=20, unique=True)
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.PROTECT,
                              related_name="+")
    fulfilment = models.CharField(_("fulfilment"), max_length=10, choices=Fulfilment.choices)
    address_token = models.CharField(_("shipping address (vault token)"), max_length=64, blank=True)
    address_masked = models.CharField(_("shipping address"), max_length=200, blank=True)
    total = models.DecimalField(_("total (CNY)"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(_("placed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.number


class Payment(models.Model):
    """Money asked of the buyer: one per online checkout (all its orders), one per counter sale."""

    number = models.CharField(_("payment number"), max_length=20, unique=True)
    checkout = models.OneToOneField(Checkout, verbose_name=_("checkout"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="payment")
    method = models.CharField(_("method"), max_length=10, choices=PaymentMethod.choices)
    provider = models.CharField(_("provider"), max_length=40)
    provider_reference = models.CharField(_("provider reference"), max_length=80, unique=True)
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=2)
    state = models.CharField(_("state"), max_length=10, choices=PaymentState.choices, default=PaymentState.PENDING,
                             db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    captured_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive")]

    def __str__(self) -> str:
        return self.number


class PaymentEvent(models.Model):
    """A provider notification already processed: the same event never moves money twice."""

    provider = models.CharField(_("provider"), max_length=40)
    event_id = models.CharField(_("provider event"), max_length=80)
    kind = models.CharField(_("kind"), max_length=40)
    payment = models.ForeignKey(Payment, verbose_name=_("payment"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="events")
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment notification")
        verbose_name_plural = _("payment notifications")
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="payment_event_once")]

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id}"
