"""The inspection queue is fed from the passports: new passports are read in id order through
items.facade.item_descriptions and every item of a category with a grading checklist gets a waiting
inspection. The cursor row makes the read incremental and, locked, keeps two readers from reading twice.

Items registered before their category had a checklist are not queued: inspectors open them by passport code.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from recirc.catalog.facade import category_list, category_subtree_ids, grading_checklists_current
from recirc.core.audit import audit_record
from recirc.inspection.models import Inspection, InspectionStatus, QueueCursor
from recirc.items.facade import item_descriptions

CURSOR_NAME = "passports"
BATCH = 2000


def checklist_category_codes() -> set[str]:
    """Codes of the categories a checklist in force covers (its category and the descendants)."""
    ids: set[int] = set()
    for checklist in grading_checklists_current():
        ids.update(category_subtree_ids(checklist.category_id))
    return {category.code for category in category_list(include_inactive=True) if category.id in ids}


def _cursor() -> QueueCursor:
    QueueCursor.objects.get_or_create(name=CURSOR_NAME)
    return QueueCursor.objects.select_for_update().get(name=CURSOR_NAME)


@transaction.atomic
def queue_sync(*, batch: int = BATCH) -> int:
    """Queue the passports registered since the last read; returns how many inspections were queued."""
    cursor = _cursor()
    descriptions = item_descriptions(after_id=cursor.last_item_id, limit=batch)
    if not descriptions:
        return 0
    codes, queued, start = checklist_category_codes(), 0, cursor.last_item_id
    while descriptions:
        rows = [Inspection(item_id=entry.id, status=InspectionStatus.WAITING, queued_at=entry.created_at)
                for entry in descriptions if entry.category_code in codes]
        Inspection.objects.bulk_create(rows, ignore_conflicts=True)
        queued += len(rows)
        cursor.last_item_id = descriptions[-1].id
        descriptions = item_descriptions(after_id=cursor.last_item_id, limit=batch)
    cursor.synced_at = timezone.now()
    cursor.save(update_fields=["last_item_id", "synced_at"])
    audit_record(actor=None, action="inspection.queue_synced", target=cursor,
                 payload={"from_item_id": start, "to_item_id": cursor.last_item_id, "queued": queued})
    return queued
