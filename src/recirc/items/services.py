"""Item passport writes. Each runs in one transaction with its ItemEvent and its audit event."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.catalog.contracts import CategoryRef
from recirc.catalog.facade import attributes_validate, category_get
from recirc.core.audit import audit_record
from recirc.core.errors import NotFound, ValidationFailed, validation_from_django
from recirc.items.codes import code_generate
from recirc.items.errors import (
    HardwareIdentifierRequired,
    HoldStillActive,
    ItemChangeForbidden,
    ItemNotCirculable,
    ItemNotFound,
    TransitionNotAllowed,
)
from recirc.items.identifiers import HARDWARE_KINDS, identifier_normalise
from recirc.items.models import STATE_CHANGING_HOLD_KINDS, Item, ItemEvent, ItemHold, ItemIdentifier, ItemState
from recirc.items.policy import (
    CIRCULATING_STATES,
    HOLD_STATES,
    can_transition,
    registration_ownership,
    require_change,
    transition_permitted,
    visible_filter,
)
from recirc.items.selectors import active_hold_filter, item_circulation_blockers
from recirc.operators.facade import membership_of, operator_scope, outlet_ref

RESERVED_EVENT_KINDS = frozenset({"registered", "state_changed", "moved", "hold_placed", "hold_extended",
                                  "hold_released"})
EVENT_KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_.]{1,39}$")
# Police matters stay off the public passport.
PRIVATE_STATES = frozenset({ItemState.ON_HOLD, ItemState.SEIZED})


def _merge_errors(failures: Iterable[ValidationFailed]) -> None:
    failures = list(failures)
    if not failures:
        return
    if len(failures) == 1:
        raise failures[0]
    errors: dict[str, list[str]] = {}
    for failure in failures:
        for field, messages in failure.errors.items():
            errors.setdefault(field, []).extend(messages)
    raise ValidationFailed(code=failures[0].code, errors=errors)


def _registrable_category(category_id: int) -> CategoryRef:
    try:
        category = category_get(category_id)
    except NotFound as error:
        raise ValidationFailed(_("Choose a category."), field="category_id", code="items.category_unknown") from error
    if not category.is_active or not category.is_leaf:
        raise ValidationFailed(_("Choose a more specific, active category."), field="category_id",
                               code="items.category_not_registrable")
    return category


def _normalised_identifiers(pairs: Iterable[tuple[str, str]],
                            failures: list[ValidationFailed]) -> list[tuple[str, str]]:
    cleaned: list[tuple[str, str]] = []
    for kind, value in pairs:
        try:
            pair = identifier_normalise(kind, value)
        except ValidationFailed as failure:
            failures.append(failure)
            continue
        if pair not in cleaned:
            cleaned.append(pair)
    return cleaned


def _attributes_with_names(category: CategoryRef, attributes: Mapping[str, Any] | None, brand: str,
                           model_name: str) -> dict[str, Any]:
    """Brand and model are item fields too: fill the schema's brand/model from them when not given."""
    merged = dict(attributes or {})
    if category.spec("brand") and brand and not merged.get("brand"):
        merged["brand"] = brand
    if category.spec("model") and model_name and not merged.get("model"):
        merged["model"] = model_name
    return merged


def _unique_code() -> str:
    for _attempt in range(8):
        code = code_generate()
        if not Item.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not draw an unused passport code")


def full_clean(instance: Any) -> None:
    try:
        instance.full_clean()
    except DjangoValidationError as error:
        raise validation_from_django(error, code="items.invalid") from error


def event_append(*, item: Item, kind: str, actor: Any, operator_id: int | None, is_public: bool,
                  data: Mapping[str, Any] | None = None, from_state: str = "", to_state: str = "") -> ItemEvent:
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return ItemEvent.objects.create(item=item, kind=kind, actor=user, operator_id=operator_id, from_state=from_state,
                                    to_state=to_state, data=dict(data or {}), is_public=is_public)


@transaction.atomic
def item_register(*, actor: Any, category_id: int, title: str, brand: str = "", model_name: str = "",
                  attributes: Mapping[str, Any] | None = None, identifiers: Iterable[tuple[str, str]] = (),
                  owner_operator_id: int | None = None, owner_user_id: int | None = None,
                  outlet_id: int | None = None) -> Item:
    """Create an item passport with its identifiers and first event ("registered")."""
    ownership = registration_ownership(actor, owner_operator_id=owner_operator_id, owner_user_id=owner_user_id,
                                       outlet_id=outlet_id)
    category = _registrable_category(category_id)
    failures: list[ValidationFailed] = []
    cleaned_attributes: dict[str, Any] = {}
    try:
        cleaned_attributes = attributes_validate(category.id, _attributes_with_names(
            category, attributes, brand.strip(), model_name.strip()))
    except ValidationFailed as failure:
        failures.append(failure)
    pairs = _normalised_identifiers(identifiers, failures)
    _merge_errors(failures)
    if category.requires_hardware_identifier and not any(kind in HARDWARE_KINDS for kind, _value in pairs):
        raise HardwareIdentifierRequired(field="identifiers")
    item = Item(code=_unique_code(), category_id=category.id, title=" ".join(title.split()),
                brand=brand.strip() or str(cleaned_attributes.get("brand", "")),
                model_name=model_name.strip() or str(cleaned_attributes.get("model", "")),
                attributes=cleaned_attributes, owner_operator_id=ownership.operator_id,
                owner_user_id=ownership.user_id, outlet_id=ownership.outlet_id)
    full_clean(item)
    item.save()
    ItemIdentifier.objects.bulk_create([ItemIdentifier(item=item, kind=kind, value=value) for kind, value in pairs])
    event_operator = ownership.operator_id
    if event_operator is None and ownership.outlet_id is not None:
        event_operator = outlet_ref(ownership.outlet_id, scope=operator_scope(actor)).operator_id
    event_append(item=item, kind="registered", actor=actor, operator_id=event_operator, is_public=True,
                  data={"category": category.code, "erasure_required": category.has_storage}, to_state=item.state)
    if category.has_storage:
        from recirc.items.erasure_gate import erasure_hold_open  # holds import this module

        erasure_hold_open(actor=actor, item=item, new_item=True)
    audit_record(actor=actor, action="item.registered", target=item, operator_id=event_operator,
                 payload={"code": item.code, "category": category.code,
                          "identifier_kinds": sorted({kind for kind, _value in pairs}),
                          "erasure_required": category.has_storage})
    return item


def _locked_visible(actor: Any, item: Item) -> Item:
    """The item's row, locked, when the actor may see it; ItemNotFound otherwise (same for missing).

    Visibility is checked first without a lock: PostgreSQL cannot lock the outer-joined outlet side."""
    condition = visible_filter(actor) if actor is not None else None
    if condition is not None and not Item.objects.filter(condition, pk=item.pk).exists():
        raise ItemNotFound()
    locked = Item.objects.select_for_update().filter(pk=item.pk).first()
    if locked is None:
        raise ItemNotFound()
    return locked


@transaction.atomic
def item_transition(*, actor: Any, item: Item, to_state: str, reason: str = "") -> Item:
    """Move the item along ITEM_TRANSITIONS; records ItemEvent(from_state, to_state) and an audit event.

    Into a circulating state (listed, reserved, sold, rented out) only while no hold blocks it."""
    if to_state not in ItemState.values:
        raise ValidationFailed(_("Unknown state."), field="to_state", code="items.state_unknown")
    locked = _locked_visible(actor, item)
    if not transition_permitted(actor, locked, to_state):
        raise ItemChangeForbidden()
    if to_state in CIRCULATING_STATES:
        item_require_circulable(locked.pk)
    if not can_transition(locked.state, to_state):
        raise TransitionNotAllowed(params={"from_state": ItemState(locked.state).label,
                                           "to_state": ItemState(to_state).label})
    if locked.state in HOLD_STATES and to_state == ItemState.IN_STOCK and ItemHold.objects.filter(
            active_hold_filter(timezone.now()), item=locked, kind__in=STATE_CHANGING_HOLD_KINDS).exists():
        raise HoldStillActive()
    return state_change(actor=actor, item=locked, to_state=to_state,
                        data={"reason": reason.strip()[:500]} if reason.strip() else {})


def item_require_circulable(item_id: int) -> None:
    """ItemNotCirculable (409) naming every blocker, unless the item may circulate now."""
    blockers = item_circulation_blockers(item_id)
    if blockers:
        raise ItemNotCirculable(params={"blockers": " ".join(blocker.message for blocker in blockers)})


def state_change(*, actor: Any, item: Item, to_state: str, data: Mapping[str, Any] | None = None) -> Item:
    """Set the state of a locked, authorised item; record the event (private for hold states) and audit it.
    Callers have checked the rules; runs inside their transaction."""
    from_state = item.state
    item.state = to_state
    item.save(update_fields=["state", "updated_at"])
    is_public = from_state not in PRIVATE_STATES and to_state not in PRIVATE_STATES
    event_append(item=item, kind="state_changed", actor=actor, operator_id=acting_operator(actor, item),
                  is_public=is_public, data=data, from_state=from_state, to_state=to_state)
    audit_record(actor=actor, action="item.transitioned", target=item, operator_id=item.owner_operator_id,
                 payload={"code": item.code, "from": from_state, "to": to_state})
    return item


def acting_operator(actor: Any, item: Item) -> int | None:
    """The operator an event is recorded for: the actor's own, else the item's owner."""
    membership = membership_of(actor) if actor is not None else None
    return membership.operator_id if membership is not None else item.owner_operator_id


@transaction.atomic
def item_move(*, actor: Any, item: Item, outlet_id: int) -> Item:
    """Keep the item at another outlet of the operator that owns (or keeps) it."""
    locked = _locked_visible(actor, item)
    require_change(actor, locked)
    scope = operator_scope(actor) if actor is not None else None
    try:
        outlet = outlet_ref(outlet_id, scope=scope) if scope is not None else None
    except NotFound as error:
        raise ValidationFailed(_("Choose one of your outlets."), field="outlet_id",
                               code="items.outlet_unknown") from error
    if outlet is None or (locked.owner_operator_id is not None and outlet.operator_id != locked.owner_operator_id):
        raise ValidationFailed(_("Choose one of your outlets."), field="outlet_id", code="items.outlet_unknown")
    previous = locked.outlet_id
    locked.outlet_id = outlet.id
    locked.save(update_fields=["outlet", "updated_at"])
    event_append(item=locked, kind="moved", actor=actor, operator_id=outlet.operator_id, is_public=False,
                  data={"from_outlet_id": previous, "to_outlet_id": outlet.id})
    audit_record(actor=actor, action="item.moved", target=locked, operator_id=outlet.operator_id,
                 payload={"code": locked.code, "from_outlet_id": previous, "to_outlet_id": outlet.id})
    return locked


@transaction.atomic
def item_record_event(*, actor: Any, item: Item, kind: str, data: Mapping[str, Any] | None = None,
                      is_public: bool = False, operator_id: int | None = None) -> ItemEvent:
    """Append an event of another context (inspection, erasure, listing, sale...). Never edits or deletes.

    `data` must hold no personal data; the public passport shows only kind, date, operator name and a grade
    ("grade", "grade_scale" keys), never the rest of `data`.
    """
    locked = _locked_visible(actor, item)
    if not EVENT_KIND_PATTERN.match(kind or "") or kind in RESERVED_EVENT_KINDS:
        raise ValidationFailed(_("Use a lower-case event kind of your context, such as “inspected”."),
                               field="kind", code="items.event_kind_invalid")
    try:
        json.dumps(dict(data or {}))
    except (TypeError, ValueError) as error:
        raise ValidationFailed(_("Event data must be plain JSON."), field="data",
                               code="items.event_data_invalid") from error
    event = event_append(item=locked, kind=kind, actor=actor, is_public=is_public, data=data,
                          operator_id=operator_id if operator_id is not None else acting_operator(actor, locked))
    audit_record(actor=actor, action="item.event_recorded", target=locked, operator_id=event.operator_id,
                 payload={"code": locked.code, "kind": kind, "event_id": event.pk})
    return event
