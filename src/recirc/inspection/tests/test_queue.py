"""The queue is fed from the passports: items of categories with a checklist are queued once, in id order;
inspectable states only; the cursor makes the read incremental; a completed inspection leaves the queue."""

from __future__ import annotations

from typing import Any

from recirc.core.models import AuditEvent
from recirc.inspection import selectors, services
from recirc.inspection.models import Inspection, QueueCursor
from recirc.inspection.queue import checklist_category_codes, queue_sync
from recirc.inspection.tests.factories import CLOTHING_OK, clothing, furniture, phone, register_item
from recirc.items.facade import item_transition


def test_checklists_cover_their_categories(db: Any) -> None:
    assert checklist_category_codes() == {"mobile-phones", "clothing", "furniture", "luxury-bags-watches"}


def test_new_passports_join_the_queue_once(world: dict[str, Any]) -> None:
    coat = clothing(world["clerk_a"], world["operator_a"])
    register_item(world["clerk_a"], world["operator_a"], "books", "红楼梦", attributes={"title": "红楼梦"})
    sofa = furniture(world["clerk_b"], world["operator_b"])
    assert queue_sync() == 2
    assert queue_sync() == 0
    assert sorted(Inspection.objects.values_list("item_id", "status")) == [(coat.id, "waiting"), (sofa.id, "waiting")]
    cursor = QueueCursor.objects.get(name="passports")
    assert cursor.last_item_id == sofa.id
    assert AuditEvent.objects.filter(action="inspection.queue_synced").count() == 1


def test_the_queue_shows_inspectable_items_of_the_actors_operators(world: dict[str, Any]) -> None:
    coat, sold = clothing(world["clerk_a"], world["operator_a"]), clothing(world["clerk_a"], world["operator_a"])
    item_transition(actor=world["clerk_a"], item_id=sold.id, to_state="sold")
    other = phone(world["clerk_b"], world["operator_b"])
    queue_sync()
    assert [row.item_id for row in selectors.inspection_list(world["inspector_a"])] == [coat.id]
    assert [row.item_id for row in selectors.inspection_list(world["inspector_b"])] == [other.id]
    assert [row.item_id for row in selectors.inspection_list(world["supervision"])] == [coat.id, other.id]
    services.inspection_complete(actor=world["inspector_a"], item_id=coat.id, answers=CLOTHING_OK)
    assert list(selectors.inspection_list(world["inspector_a"])) == []
    assert [row.item_id for row in selectors.inspection_list(world["inspector_a"], status="completed")] == [coat.id]
    assert selectors.queue_counts(world["inspector_a"]) == {"waiting": 0, "completed": 1}
