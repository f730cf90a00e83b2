"""Trade errors with stable codes "trade.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class OrderNotFound(NotFound):
    code = "trade.order_not_found"
    default_message = _("No such order.")


class PaymentNotFound(NotFound):
    code = "trade.payment_not_found"
    default_message = _("No such payment.")


class CheckoutNotFound(NotFound):
    code = "trade.checkout_not_found"
    default_message = _("No such checkout.")


class TransitionNotAllowed(Conflict):
    code = "trade.transition_not_allowed"
    default_message = _("An order that is “%(from_state)s” cannot become “%(to_state)s”.")


class TradeForbidden(PermissionDenied):
    code = "trade.forbidden"
    default_message = _("Your role may not do this to an order.")


class BuyerOnly(PermissionDenied):
    code = "trade.buyer_only"
    default_message = _("Only consumers can buy online. Sign in with a consumer account.")


class CartEmpty(ValidationFailed):
    code = "trade.cart_empty"
    default_message = _("Your cart is empty.")


class CartFull(ValidationFailed):
    code = "trade.cart_full"
    default_message = _("A checkout may hold at most %(limit)s listings.")


class StalePrice(Conflict):
    code = "trade.stale_price"
    default_message = _("“%(title)s” has changed since you saw it (price or terms). Review it and check out again.")


class InStoreOnly(Conflict):
    code = "trade.in_store_only"
    default_message = _("“%(title)s” is sold in the shop only: buy it at the seller's counter.")


class ListingUnavailable(Conflict):
    code = "trade.listing_unavailable"
    default_message = _("“%(title)s” is no longer available.")


class OwnListing(ValidationFailed):
    code = "trade.own_listing"
    default_message = _("You cannot buy your own listing “%(title)s”.")


class InspectionNotOffered(ValidationFailed):
    code = "trade.inspection_not_offered"
    default_message = _("Platform inspection is not offered for “%(title)s”.")


class IdempotencyMismatch(ValidationFailed):
    code = "trade.idempotency_mismatch"
    default_message = _("This idempotency key was already used with a different request. Use a new key.")


class IdempotencyKeyInvalid(ValidationFailed):
    code = "trade.idempotency_key_invalid"
    default_message = _("Send an Idempotency-Key header of 8 to 80 letters, digits, dashes or underscores.")


class AlreadyPaid(Conflict):
    code = "trade.already_paid"
    default_message = _("This payment has already been made.")


class PaymentClosed(Conflict):
    code = "trade.payment_closed"
    default_message = _("This payment was cancelled; nothing was charged.")


class PaymentAmountMismatch(Conflict):
    code = "trade.payment_amount_mismatch"
    default_message = _("The provider reported an amount different from the payment's amount.")


class WebhookSignatureInvalid(PermissionDenied):
    code = "trade.webhook_signature_invalid"
    default_message = _("The payment notification's signature is not valid.")


class RefundExceedsPaid(Conflict):
    code = "trade.refund_exceeds_paid"
    default_message = _("At most ¥%(refundable)s can still be refunded on this order.")


class RefundNotPossible(Conflict):
    code = "trade.refund_not_possible"
    default_message = _("An order that is “%(state)s” has no payment to refund.")


class PickupCodeWrong(ValidationFailed):
    code = "trade.pickup_code_wrong"
    default_message = _("The pickup code does not match. Ask the buyer for the code shown on their order.")


class LedgerUnbalanced(Conflict):
    code = "trade.ledger_unbalanced"
    default_message = _("A ledger transaction must sum to zero.")


class ItemNotForSale(Conflict):
    code = "trade.item_not_for_sale"
    default_message = _("No listing for sale carries the item code “%(code)s”.")
