"""Alert notification: the in-app queue needs nothing sent; the signed webhook sends canonical JSON with an
HMAC-SHA256 signature and the alert id as idempotency key, once, and never breaks the caller when it fails."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings

from recirc.policing import notify, tasks
from recirc.policing.contracts import AlertRef
from recirc.policing.models import Alert
from recirc.policing.tests.factories import AlertFactory, register_phone

REF = AlertRef(id=12, kind="watchlist_exact", status="open", item_id=7, operator_id=3, watchlist_entry_id=5,
               score=Decimal("100.00"), reason="IMEI 490154203237518 is on the watchlist.",
               source_ref="acquisitions.entry:55", hold_id=9,
               created_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC))
WEBHOOK = {"POLICE_WEBHOOK_URL": "https://police.example/recirc", "POLICE_WEBHOOK_SECRET": "s3cret"}


class FakeTransport:
    def __init__(self, *statuses: int) -> None:
        self.statuses = list(statuses)
        self.calls: list[tuple[str, bytes, dict[str, str], float]] = []

    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        self.calls.append((url, body, headers, timeout))
        status = self.statuses.pop(0)
        if status == 0:
            raise notify.WebhookFailed("connection refused")
        return status


def test_the_in_app_notifier_sends_nothing() -> None:
    assert notify.InAppNotifier().notify(REF) is None


def test_the_webhook_signs_the_exact_body() -> None:
    transport = FakeTransport(200)
    notify.SignedWebhookNotifier(url="https://police.example/recirc", secret="s3cret", timeout=3,
                                 transport=transport).notify(REF)
    [(url, body, headers, timeout)] = transport.calls
    assert (url, timeout) == ("https://police.example/recirc", 3)
    assert json.loads(body) == {
        "event": "policing.alert", "id": 12, "kind": "watchlist_exact", "status": "open", "item_id": 7,
        "operator_id": 3, "watchlist_entry_id": 5, "score": "100.00",
        "reason": "IMEI 490154203237518 is on the watchlist.", "source_ref": "acquisitions.entry:55", "hold_id": 9,
        "created_at": "2026-12-01T09:30:00+00:00"}
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers == {"Content-Type": "application/json; charset=utf-8", "X-Recirc-Signature": expected,
                       "Idempotency-Key": "12", "X-Recirc-Event": "policing.alert"}
    assert body.startswith(b'{"created_at":"2026-12-01T09:30:00+00:00","event":"policing.alert","hold_id":9,')


def test_a_receiver_error_is_a_failure() -> None:
    notifier = notify.SignedWebhookNotifier(url="https://x.example", secret="k", transport=FakeTransport(500))
    with pytest.raises(notify.WebhookFailed):
        notifier.notify(REF)


def test_only_http_urls_are_called() -> None:
    with pytest.raises(notify.WebhookFailed):
        notify.urllib_transport("file:///etc/passwd", b"{}", {}, 1)


@pytest.fixture
def alert(world: dict[str, Any]) -> Alert:
    register_phone(world["clerk_a"])
    return AlertFactory()


def test_without_a_webhook_the_alert_stays_in_app(alert: Alert, monkeypatch: pytest.MonkeyPatch) -> None:
    transport = FakeTransport()
    monkeypatch.setattr(notify, "TRANSPORT", transport)
    assert tasks.alert_notify(alert.pk) == "in_app" and transport.calls == []


@override_settings(RECIRC_POLICY=WEBHOOK)
def test_an_alert_is_delivered_once(alert: Alert, monkeypatch: pytest.MonkeyPatch) -> None:
    transport = FakeTransport(204)
    monkeypatch.setattr(notify, "TRANSPORT", transport)
    assert tasks.alert_notify.delay(alert.pk).get() == "delivered"
    assert tasks.alert_notify.delay(alert.pk).get() == "already_delivered"
    alert.refresh_from_db()
    assert (len(transport.calls), alert.notify_attempts, alert.notified_at is not None) == (1, 1, True)
    assert json.loads(transport.calls[0][1])["id"] == alert.pk


@override_settings(RECIRC_POLICY=WEBHOOK)
def test_a_failed_delivery_is_recorded_and_never_raises(alert: Alert, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notify, "TRANSPORT", FakeTransport(0))
    assert tasks.alert_notify.delay(alert.pk).get() == "failed"  # eager: one try, the in-app queue has it
    alert.refresh_from_db()
    assert (alert.notify_attempts, alert.notified_at) == (1, None)
    monkeypatch.setattr(notify, "TRANSPORT", FakeTransport(200))
    assert tasks.alert_notify.delay(alert.pk).get() == "delivered"  # a later run delivers it


@override_settings(RECIRC_POLICY={**WEBHOOK, "POLICE_WEBHOOK_MAX_RETRIES": 2})
def test_with_a_broker_failures_are_retried_with_backoff(alert: Alert, monkeypatch: pytest.MonkeyPatch) -> None:
    retried: list[int] = []

    def retry(*, exc: Exception, countdown: int) -> Exception:
        retried.append(countdown)
        return RuntimeError("retry scheduled")

    monkeypatch.setattr(notify, "TRANSPORT", FakeTransport(0, 0, 0))
    monkeypatch.setattr(tasks.alert_notify, "retry", retry)
    for attempt in range(2):
        tasks.alert_notify.push_request(retries=attempt, is_eager=False)
        try:
            with pytest.raises(RuntimeError, match="retry scheduled"):
                tasks.alert_notify.run(alert.pk)
        finally:
            tasks.alert_notify.pop_request()
    tasks.alert_notify.push_request(retries=2, is_eager=False)
    try:
        assert tasks.alert_notify.run(alert.pk) == "failed"
    finally:
        tasks.alert_notify.pop_request()
    assert retried == [60, 120]
