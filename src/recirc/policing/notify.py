"""Telling the police about an alert at once. Adapters share one interface, `notify(alert_ref)`:

- InAppNotifier: the Alert row is the queue (the police alert page and home page read it); nothing to send.
- SignedWebhookNotifier: POSTs the alert as JSON to RECIRC_POLICY["POLICE_WEBHOOK_URL"] with
  `X-Recirc-Signature: sha256=<hex HMAC-SHA256 of the body under POLICE_WEBHOOK_SECRET>` and
  `Idempotency-Key: <alert id>` (a receiver drops repeats). The body holds no personal data.
The HTTP call is injected (`transport`), so tests never touch the network; the default uses urllib.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Protocol

from recirc.policing.contracts import AlertRef
from recirc.policing.policy import policy_int, policy_value

SIGNATURE_HEADER = "X-Recirc-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
EVENT = "policing.alert"

Transport = Callable[[str, bytes, dict[str, str], float], int]  # (url, body, headers, timeout) -> HTTP status


class AlertNotifier(Protocol):
    def notify(self, alert_ref: AlertRef) -> None: ...


class WebhookFailed(Exception):
    """The receiver could not be reached or did not answer 2xx: retry later."""


class InAppNotifier:
    """The alert row itself is the in-app queue."""

    def notify(self, alert_ref: AlertRef) -> None:
        return None


def urllib_transport(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    if not url.startswith(("https://", "http://")):
        raise WebhookFailed("the webhook URL must be http(s)")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - scheme checked
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (urllib.error.URLError, OSError) as error:
        raise WebhookFailed(str(error)) from error


TRANSPORT: Transport = urllib_transport  # tests replace it


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def payload(alert: AlertRef) -> bytes:
    """Canonical JSON (sorted keys, no spaces): the signature covers exactly these bytes."""
    document = {"event": EVENT, "id": alert.id, "kind": alert.kind, "status": alert.status, "item_id": alert.item_id,
                "operator_id": alert.operator_id, "watchlist_entry_id": alert.watchlist_entry_id,
                "score": str(alert.score), "reason": alert.reason, "source_ref": alert.source_ref,
                "hold_id": alert.hold_id, "created_at": alert.created_at.isoformat()}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


class SignedWebhookNotifier:
    def __init__(self, *, url: str, secret: str, timeout: float = 5, transport: Transport | None = None) -> None:
        self.url, self.secret, self.timeout = url, secret, timeout
        self.transport = transport

    def request(self, alert: AlertRef) -> tuple[bytes, dict[str, str]]:
        body = payload(alert)
        headers = {"Content-Type": "application/json; charset=utf-8", SIGNATURE_HEADER: sign(self.secret, body),
                   IDEMPOTENCY_HEADER: str(alert.id), "X-Recirc-Event": EVENT}
        return body, headers

    def notify(self, alert_ref: AlertRef) -> None:
        body, headers = self.request(alert_ref)
        status = (self.transport or TRANSPORT)(self.url, body, headers, self.timeout)
        if not 200 <= status < 300:
            raise WebhookFailed(f"the receiver answered {status}")


def webhook_notifier() -> SignedWebhookNotifier | None:
    """The configured webhook, or None when POLICE_WEBHOOK_URL is empty (in-app only)."""
    url = str(policy_value("POLICE_WEBHOOK_URL") or "")
    if not url:
        return None
    return SignedWebhookNotifier(url=url, secret=str(policy_value("POLICE_WEBHOOK_SECRET") or ""),
                                 timeout=policy_int("POLICE_WEBHOOK_TIMEOUT_SECONDS"))
