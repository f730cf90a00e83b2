"""screen_intake(): the watchlist and the rules at intake, the alerts, the watchlist hold, the checks returned,
the screening record, the audit event and the notification after commit."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings

from recirc.core.models import AuditEvent
from recirc.items.facade import holds_for_item, item_circulation_blockers
from recirc.items.models import ItemState
from recirc.policing import facade, notify, services
from recirc.policing.models import Alert, ScreeningRecord
from recirc.policing.tests.factories import facts_for, imei, register_phone

STOLEN = imei(4821)


def add_stolen(world: dict[str, Any], **data: Any) -> Any:
    fields = {"case_number": "杭公刑(2026)0001号", "reporting_unit": "西湖区分局", "kind": "stolen", "brand": "Apple",
              "model_name": "iPhone 13", "colour": "午夜色", "description": "背面刻字 ZL4821，屏幕左上角有裂纹", **data}
    return services.watchlist_add(actor=world["police"], data=fields, identifiers=[("imei", STOLEN)])


def checks(result: facade.ScreeningResult) -> dict[str, str]:
    return {check.source: check.result for check in result.checks}


def test_a_clean_intake_reports_every_check(world: dict[str, Any]) -> None:
    item = register_phone(world["clerk_a"], identifiers=[("imei", imei(1))])
    result = facade.screen_intake(actor=world["clerk_a"], facts=facts_for(item))
    assert (result.alerts, result.held) == ((), False)
    assert checks(result) == {"watchlist": "clear", "imei": "clear", "tac": "unverified", "clone": "clear",
                              "repeat_seller": "clear", "price": "unverified", "age": "clear"}
    record = ScreeningRecord.objects.get()
    assert (record.item_id, record.operator_id, record.seller_index, record.price, record.result) == (
        item.pk, world["operator_a"].pk, "seller-pseudonym-1", Decimal("1500.00"), "clear")
    event = AuditEvent.objects.filter(action="policing.intake_screened").get()
    assert event.actor == world["clerk_a"] and event.payload["checks"]["watchlist"] == "clear"


def test_an_exact_watchlist_match_raises_an_alert_and_holds_the_item(world: dict[str, Any]) -> None:
    entry = add_stolen(world)
    item = register_phone(world["clerk_a"], identifiers=[("imei", f"{STOLEN[:14]}42")])  # typed as an IMEISV
    result = facade.screen_intake(actor=world["clerk_a"], facts=facts_for(item))
    alert = Alert.objects.get()
    assert result.held is True and checks(result)["watchlist"] == "hit"
    assert [(ref.id, ref.kind, ref.score, ref.watchlist_entry_id) for ref in result.alerts] == [
        (alert.pk, "watchlist_exact", Decimal(100), entry.pk)]
    assert result.alerts[0].reason == (f"IMEI {STOLEN} is on the watchlist: case 杭公刑(2026)0001号 (Stolen), "
                                       "reported by 西湖区分局.")
    item.refresh_from_db()
    assert item.state == ItemState.ON_HOLD
    hold = holds_for_item(item.pk)[0]
    assert (hold.kind, hold.is_active, hold.id, hold.source_ref) == (
        "watchlist_match", True, alert.hold_id, f"policing.alert:{alert.pk}")
    assert [blocker.code for blocker in item_circulation_blockers(item.pk)] == ["items.watchlist_match",
                                                                                "items.erasure_pending"]


def test_a_description_match_alerts_without_a_hold_below_the_hold_threshold(world: dict[str, Any]) -> None:
    entry = add_stolen(world)
    item = register_phone(world["clerk_a"], identifiers=[("imei", imei(2))], brand="苹果", model_name="iPhnoe 13")
    facts = facts_for(item, description="屏幕左上角有裂痕，背面刻字ZL4821，九成新")
    with override_settings(RECIRC_POLICY={"FUZZY_HOLD_THRESHOLD": 101}):
        result = facade.screen_intake(actor=world["clerk_a"], facts=facts)
    assert [(ref.kind, ref.watchlist_entry_id) for ref in result.alerts] == [("watchlist_fuzzy", entry.pk)]
    assert result.held is False and [hold.kind for hold in holds_for_item(item.pk)] == ["erasure_pending"]
    assert "shared features: " in result.alerts[0].reason and "zl" in result.alerts[0].reason


def test_a_strong_description_match_holds_the_item(world: dict[str, Any]) -> None:
    add_stolen(world)
    item = register_phone(world["clerk_a"], identifiers=[("imei", imei(2))])
    result = facade.screen_intake(actor=world["clerk_a"], facts=facts_for(
        item, description="背面刻字 ZL4821，屏幕左上角有裂纹"))
    assert [ref.kind for ref in result.alerts] == ["watchlist_fuzzy"] and result.alerts[0].score == Decimal(100)
    assert result.held is True


def test_rule_hits_become_alerts_without_a_hold(world: dict[str, Any]) -> None:
    item = register_phone(world["clerk_a"], identifiers=[("imei", imei(3))])
    result = facade.screen_intake(actor=world["clerk_a"], facts=facts_for(item, seller_age=16))
    assert [(ref.kind, ref.score, ref.reason) for ref in result.alerts] == [
        ("seller_minor", Decimal(100), "The seller is 16, under the minimum age of 18.")]
    assert result.held is False and facade.alerts_for_item(item.pk) == list(result.alerts)


def test_screening_rolls_back_with_the_callers_transaction(world: dict[str, Any]) -> None:
    from django.db import transaction

    add_stolen(world)
    item = register_phone(world["clerk_a"], identifiers=[("imei", STOLEN)])
    with pytest.raises(RuntimeError), transaction.atomic():
        facade.screen_intake(actor=world["clerk_a"], facts=facts_for(item))
        raise RuntimeError("the register refused the entry")
    item.refresh_from_db()
    assert (Alert.objects.count(), ScreeningRecord.objects.count(), item.state) == (0, 0, ItemState.INTAKE)


def test_each_new_alert_goes_to_the_webhook_after_commit(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
                                                         django_capture_on_commit_callbacks: Any) -> None:
    sent: list[tuple[str, dict[str, Any], dict[str, str]]] = []

    def transport(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        sent.append((url, json.loads(body), headers))
        return 202

    monkeypatch.setattr(notify, "TRANSPORT", transport)
    add_stolen(world)
    item = register_phone(world["clerk_a"], identifiers=[("imei", STOLEN)])
    with override_settings(RECIRC_POLICY={"POLICE_WEBHOOK_URL": "https://police.example/hook",
                                          "POLICE_WEBHOOK_SECRET": "s3cret"}):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            result = facade.screen_intake(actor=world["clerk_a"], facts=facts_for(item))
        assert sent == []  # nothing leaves before the commit
        for callback in callbacks:
            callback()
    alert = Alert.objects.get()
    assert [(url, body["id"], headers["Idempotency-Key"]) for url, body, headers in sent] == [
        ("https://police.example/hook", alert.pk, str(alert.pk))]
    assert alert.notified_at is not None and alert.notify_attempts == 1 and result.alerts[0].id == alert.pk
