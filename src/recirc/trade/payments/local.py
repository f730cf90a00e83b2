"""The local payment provider: works fully offline. The buyer "pays" on a local payment page; the provider then
calls back the platform with a notification signed by HMAC-SHA256, exactly as a real provider's notify would
arrive (it is delivered in-process to the same handler that serves /api/v1/trade/webhooks/<provider>).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.urls import reverse

from recirc.trade.conf import trade_setting
from recirc.trade.errors import WebhookSignatureInvalid
from recirc.trade.payments.base import Intent, ProviderEvent, ProviderRefund

SIGNATURE_HEADER = "X-Local-Pay-Signature"


def _secret() -> bytes:
    configured = str(trade_setting("LOCAL_PROVIDER_SECRET") or "")
    if configured:
        return configured.encode("utf-8")
    return hashlib.sha256(f"recirc-local-pay:{settings.SECRET_KEY}".encode()).digest()


def sign(body: bytes) -> str:
    return hmac.new(_secret(), body, hashlib.sha256).hexdigest()


class LocalProvider:
    name = "local"

    def create_intent(self, *, payment_number: str, amount: Decimal, description: str) -> Intent:
        reference = f"LP-{payment_number}-{secrets.token_hex(4)}"
        return Intent(reference=reference, redirect_url=reverse("trade-local-pay", args=[reference]))

    def capture(self, *, reference: str, amount: Decimal) -> None:
        return None  # the local provider captures when the buyer pays

    def refund(self, *, reference: str, amount: Decimal, refund_number: str) -> ProviderRefund:
        return ProviderRefund(reference=f"LR-{refund_number}", completed=True)

    def verify_webhook(self, *, body: bytes, headers: Mapping[str, str]) -> ProviderEvent:
        given = headers.get(SIGNATURE_HEADER, "") or headers.get(SIGNATURE_HEADER.lower(), "")
        if not given or not hmac.compare_digest(given, sign(body)):
            raise WebhookSignatureInvalid()
        try:
            data = json.loads(body.decode("utf-8"))
            return ProviderEvent(event_id=str(data["event_id"]), kind=str(data["type"]),
                                 reference=str(data["reference"]), amount=Decimal(str(data["amount"])))
        except (ValueError, KeyError, TypeError, InvalidOperation) as error:
            raise WebhookSignatureInvalid() from error

    def buyer_paid_notification(self, *, reference: str, amount: Decimal) -> tuple[bytes, dict[str, str]]:
        """What the provider sends when the buyer has paid on its page: a signed body and its headers."""
        body = json.dumps({"event_id": f"LE-{secrets.token_hex(8)}", "type": "payment.succeeded",
                           "reference": reference, "amount": str(amount)}, sort_keys=True).encode("utf-8")
        return body, {SIGNATURE_HEADER: sign(body)}
