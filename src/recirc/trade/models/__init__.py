"""Trade models: the ledger, idempotency keys, carts, checkouts, payments, orders and refunds."""

from recirc.trade.models.idempotency import IdempotencyKey
from recirc.trade.models.ledger import Account, AccountKind, LedgerEntry, LedgerKind, LedgerTransaction
from recirc.trade.models.order import Order, OrderEvent, OrderLine, Refund
from recirc.trade.models.orders import (
    FINAL_STATES,
    ORDER_TRANSITIONS,
    PAID_STATES,
    CartLine,
    Channel,
    Checkout,
    Fulfilment,
    OrderState,
    Payment,
    PaymentEvent,
    PaymentMethod,
    PaymentState,
    SellerKind,
)

__all__ = [
    "FINAL_STATES", "ORDER_TRANSITIONS", "PAID_STATES", "Account", "AccountKind", "CartLine", "Channel", "Checkout",
    "Fulfilment", "IdempotencyKey", "LedgerEntry", "LedgerKind", "LedgerTransaction", "Order", "OrderEvent",
    "OrderLine", "OrderState", "Payment", "PaymentEvent", "PaymentMethod", "PaymentState", "Refund", "SellerKind",
]
