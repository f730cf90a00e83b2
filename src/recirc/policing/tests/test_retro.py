"""Retroactive matching: a watchlist entry added after the item was registered finds it (a background task,
run after commit), raises an alert and holds the item; re-running raises nothing new."""

from __future__ import annotations

from typing import Any

from recirc.items.facade import holds_for_item
from recirc.items.models import ItemState
from recirc.policing import facade, services, tasks
from recirc.policing.models import Alert, WatchlistEntry
from recirc.policing.tests.factories import facts_for, imei, register_phone

STOLEN = imei(4821)
FIELDS = {"case_number": "杭公刑(2026)0007号", "reporting_unit": "西湖区分局", "brand": "Apple",
          "model_name": "iPhone 13", "colour": "午夜色", "description": "背面刻字 ZL4821，屏幕左上角有裂纹"}


def test_a_new_entry_finds_an_item_registered_before(world: dict[str, Any],
                                                    django_capture_on_commit_callbacks: Any) -> None:
    item = register_phone(world["clerk_a"], identifiers=[("imei", f"{STOLEN[:8]} {STOLEN[8:]}")])
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.watchlist_add(actor=world["police"], data=FIELDS, identifiers=[("imei", STOLEN)])
    alert = Alert.objects.get()
    assert (alert.kind, alert.item_id, alert.watchlist_entry_id, alert.operator_id, alert.source_ref) == (
        "watchlist_exact", item.pk, entry.pk, world["operator_a"].pk, f"policing.watchlist:{entry.pk}")
    item.refresh_from_db()
    assert item.state == ItemState.ON_HOLD
    assert [(hold.kind, hold.id) for hold in holds_for_item(item.pk) if hold.kind != "erasure_pending"] == [
        ("watchlist_match", alert.hold_id)]
    entry.refresh_from_db()
    assert entry.rescreened_at is not None


def test_nothing_happens_before_the_commit(world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    register_phone(world["clerk_a"], identifiers=[("imei", STOLEN)])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.watchlist_add(actor=world["police"], data=FIELDS, identifiers=[("imei", STOLEN)])
    assert (Alert.objects.count(), len(callbacks)) == (0, 1)


def test_a_new_entry_finds_a_past_intake_by_its_description(world: dict[str, Any],
                                                            django_capture_on_commit_callbacks: Any) -> None:
    item = register_phone(world["clerk_a"], identifiers=[("imei", imei(2))], brand="苹果", model_name="iPhone 13")
    facade.screen_intake(actor=world["clerk_a"], facts=facts_for(item, description="左上角屏幕有裂痕，背面刻字ZL4821"))
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.watchlist_add(actor=world["police"], data=FIELDS)
    assert list(Alert.objects.values_list("kind", "item_id", "watchlist_entry_id")) == [
        ("watchlist_fuzzy", item.pk, entry.pk)]


def test_rescreening_is_idempotent_and_skips_withdrawn_entries(world: dict[str, Any],
                                                               django_capture_on_commit_callbacks: Any) -> None:
    register_phone(world["clerk_a"], identifiers=[("imei", STOLEN)])
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.watchlist_add(actor=world["police"], data=FIELDS, identifiers=[("imei", STOLEN)])
    assert tasks.watchlist_rescreen(entry.pk) == 0
    assert Alert.objects.count() == 1
    WatchlistEntry.objects.filter(pk=entry.pk).update(status="withdrawn", withdrawn_at=entry.created_at)
    Alert.objects.all().delete()
    assert tasks.watchlist_rescreen(entry.pk) == 0 and Alert.objects.count() == 0


def test_a_sold_item_still_raises_the_alert_without_a_hold(world: dict[str, Any],
                                                           django_capture_on_commit_callbacks: Any) -> None:
    item = register_phone(world["clerk_a"], identifiers=[("imei", STOLEN)])
    type(item).objects.filter(pk=item.pk).update(state=ItemState.SOLD)
    with django_capture_on_commit_callbacks(execute=True):
        services.watchlist_add(actor=world["police"], data=FIELDS, identifiers=[("imei", STOLEN)])
    alert = Alert.objects.get()
    assert (alert.item_id, alert.hold_id) == (item.pk, None)
    item.refresh_from_db()
    assert item.state == ItemState.SOLD
