"""The item a seller means when creating a listing: its passport code, its number, or a hardware identifier."""

from __future__ import annotations

from typing import Any

from recirc.core.errors import NotFound
from recirc.items.facade import ItemRef, item_find_for, item_get_for, items_with_identifiers

IDENTIFIER_KINDS = ("imei", "meid", "serial", "mac")


def item_lookup(actor: Any, text: str) -> ItemRef | None:
    """The one item the actor may see that matches; None when none or several do."""
    text = " ".join((text or "").split())
    if not text:
        return None
    by_code = item_find_for(actor, text)
    if by_code is not None:
        return by_code
    matches = items_with_identifiers([(kind, text) for kind in IDENTIFIER_KINDS])
    candidates = {item_id for ids in matches.values() for item_id in ids}
    if not candidates and text.isdigit() and len(text) <= 12:
        candidates = {int(text)}
    visible = []
    for item_id in sorted(candidates)[:5]:
        try:
            visible.append(item_get_for(actor, item_id))
        except NotFound:
            continue
    return visible[0] if len(visible) == 1 else None
