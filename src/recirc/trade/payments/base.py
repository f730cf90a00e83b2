"""The interface a payment provider implements. The local provider (local.py) is the working one; a real
provider (Alipay 支付宝 page/app pay with asynchronous notify, WeChat Pay 微信支付 JSAPI/Native with v3 signed
callbacks) is a class with these four methods named in RECIRC_TRADE["PAYMENT_PROVIDER"]. Those real adapters are
NOT built here: they need merchant credentials and certificates a pilot city obtains itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class Intent:
    """A payment the provider is ready to take: its reference and where the buyer pays."""

    reference: str
    redirect_url: str


@dataclass(frozen=True)
class ProviderEvent:
    """A verified notification: `kind` is "payment.succeeded" (others are recorded and ignored)."""

    event_id: str
    kind: str
    reference: str
    amount: Decimal


@dataclass(frozen=True)
class ProviderRefund:
    reference: str
    completed: bool


class PaymentProvider(Protocol):
    name: str

    def create_intent(self, *, payment_number: str, amount: Decimal, description: str) -> Intent:
        """Ask the provider to prepare a payment; nothing is charged yet."""

    def capture(self, *, reference: str, amount: Decimal) -> None:
        """Take money already authorised (providers that separate authorisation; a no-op for the others)."""

    def refund(self, *, reference: str, amount: Decimal, refund_number: str) -> ProviderRefund:
        """Give money back to the buyer's payment method; `refund_number` makes the call idempotent."""

    def verify_webhook(self, *, body: bytes, headers: Mapping[str, str]) -> ProviderEvent:
        """Check the notification's signature (WebhookSignatureInvalid otherwise) and parse it."""
