"""Item passport writes. Each runs in one transaction with its ItemEvent and its audit event."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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
    Ownership,
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
    _require_registrable(category)
    return category


def _require_registrable(category: CategoryRef) -> None:
    if not category.is_active or not category.is_leaf:
        raise ValidationFailed(_("Choose a more specific, active category."), field="category_id",
                               code="items.category_not_registrable")


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
    """Field validation (lengths, choices, blanks) of a row a service built, in Python.

    Its relations, unique values and check constraints are the database's to enforce: services build them
    from rows they have read or checked, so Django's re-checks (a query per relation, three statements per
    check constraint) would only cost time; the database refuses the row all the same."""
    try:
        instance.full_clean(exclude=_relations(type(instance)), validate_unique=False, validate_constraints=False)
    except DjangoValidationError as error:
        raise validation_from_django(error, code="items.invalid") from error


_RELATIONS: dict[type[Any], list[str]] = {}


def _relations(model: type[Any]) -> list[str]:
    found = _RELATIONS.get(model)
    if found is None:
        found = _RELATIONS[model] = [field.name for field in model._meta.concrete_fields if field.is_relation]
    return found


def event_row(*, item: Item, kind: str, actor: Any, operator_id: int | None, is_public: bool,
              data: Mapping[str, Any] | None = None, from_state: str = "", to_state: str = "") -> ItemEvent:
    """An event not yet saved (several are inserted together)."""
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return ItemEvent(item=item, kind=kind, actor=user, operator_id=operator_id, from_state=from_state,
                     to_state=to_state, data=dict(data or {}), is_public=is_public)


def event_append(*, item: Item, kind: str, actor: Any, operator_id: int | None, is_public: bool,
                  data: Mapping[str, Any] | None = None, from_state: str = "", to_state: str = "") -> ItemEvent:
    event = event_row(item=item, kind=kind, actor=actor, operator_id=operator_id, is_public=is_public, data=data,
                      from_state=from_state, to_state=to_state)
    event.save(force_insert=True)
    return event


def checked_facts(category: CategoryRef, *, brand: str, model_name: str, attributes: Mapping[str, Any] | None,
                  identifiers: Iterable[tuple[str, str]]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The cleaned attributes and normalised identifiers, or one ValidationFailed naming every problem."""
    failures: list[ValidationFailed] = []
    cleaned_attributes: dict[str, Any] = {}
    try:
        cleaned_attributes = attributes_validate(category, _attributes_with_names(
            category, attributes, brand.strip(), model_name.strip()))
    except ValidationFailed as failure:
        failures.append(failure)
    pairs = _normalised_identifiers(identifiers, failures)
    _merge_errors(failures)
    if category.requires_hardware_identifier and not any(kind in HARDWARE_KINDS for kind, _value in pairs):
        raise HardwareIdentifierRequired(field="identifiers")
    return cleaned_attributes, pairs


def passport_row(category: CategoryRef, ownership: Ownership, *, title: str, brand: str, model_name: str,
                 attributes: dict[str, Any], state: str = ItemState.INTAKE) -> Item:
    """A new passport, validated and not yet saved, with an unused code."""
    item = Item(code=_unique_code(), category_id=category.id, title=" ".join(title.split()),
                brand=brand.strip() or str(attributes.get("brand", "")),
                model_name=model_name.strip() or str(attributes.get("model", "")),
                attributes=attributes, owner_operator_id=ownership.operator_id,
                owner_user_id=ownership.user_id, outlet_id=ownership.outlet_id, state=state)
    full_clean(item)
    return item


def registered_event(actor: Any, item: Item, category: CategoryRef, operator_id: int | None) -> ItemEvent:
    return event_row(item=item, kind="registered", actor=actor, operator_id=operator_id, is_public=True,
                     data={"category": category.code, "erasure_required": category.has_storage},
                     to_state=ItemState.INTAKE)


def audit_registered(actor: Any, item: Item, category: CategoryRef, operator_id: int | None,
                     pairs: list[tuple[str, str]]) -> None:
    audit_record(actor=actor, action="item.registered", target=item, operator_id=operator_id,
                 payload={"code": item.code, "category": category.code,
                          "identifier_kinds": sorted({kind for kind, _value in pairs}),
                          "erasure_required": category.has_storage})


def open_erasure_gate(actor: Any, item: Item, category: CategoryRef) -> None:
    """Devices with data storage are held until a verified erasure (erasure_gate)."""
    if category.has_storage:
        from recirc.items.erasure_gate import erasure_hold_open  # holds import this module

        erasure_hold_open(actor=actor, item=item, new_item=True)


@transaction.atomic
def item_register(*, actor: Any, category_id: int, title: str, brand: str = "", model_name: str = "",
                  attributes: Mapping[str, Any] | None = None, identifiers: Iterable[tuple[str, str]] = (),
                  owner_operator_id: int | None = None, owner_user_id: int | None = None,
                  outlet_id: int | None = None) -> Item:
    """Create an item passport with its identifiers and first event ("registered")."""
    ownership = registration_ownership(actor, owner_operator_id=owner_operator_id, owner_user_id=owner_user_id,
                                       outlet_id=outlet_id)
    category = _registrable_category(category_id)
    cleaned_attributes, pairs = checked_facts(category, brand=brand, model_name=model_name, attributes=attributes,
                                              identifiers=identifiers)
    item = passport_row(category, ownership, title=title, brand=brand, model_name=model_name,
                        attributes=cleaned_attributes)
    item.save(force_insert=True)
    ItemIdentifier.objects.bulk_create([ItemIdentifier(item=item, kind=kind, value=value) for kind, value in pairs])
    event_operator = ownership.operator_id
    if event_operator is None and ownership.outlet_id is not None:
        event_operator = outlet_ref(ownership.outlet_id, scope=operator_scope(actor)).operator_id
    registered_event(actor, item, category, event_operator).save(force_insert=True)
    open_erasure_gate(actor, item, category)
    audit_registered(actor, item, category, event_operator, pairs)
    return item


@dataclass(frozen=True)
class StatutoryHold:
    """A statutory hold before resale, placed (by the system) together with the passport."""

    ends_at: dt.datetime
    reason: str
    source_ref: str


def item_take_in(*, actor: Any, category: CategoryRef, title: str, brand: str = "", model_name: str = "",
                 attributes: Mapping[str, Any] | None = None, identifiers: Iterable[tuple[str, str]] = (),
                 owner_operator_id: int, outlet_id: int, reason: str = "",
                 statutory_hold: StatutoryHold | None = None) -> tuple[Item, list[tuple[str, str]]]:
    """An article taken into an operator's stock: item_register, then item_transition to IN_STOCK, then (when
    asked) hold_place of a statutory hold, with the same rules, rows, events and audit events, in fewer
    statements: the passport is inserted in stock (its events still read "registered" into intake, then
    intake -> in stock), its events go in together, and nothing this transaction has just written is locked
    or read back. Everything is checked before the first write. Runs in the caller's transaction."""
    ownership = registration_ownership(actor, owner_operator_id=owner_operator_id, owner_user_id=None,
                                       outlet_id=outlet_id)
    _require_registrable(category)
    cleaned_attributes, pairs = checked_facts(category, brand=brand, model_name=model_name, attributes=attributes,
                                              identifiers=identifiers)
    item = passport_row(category, ownership, title=title, brand=brand, model_name=model_name,
                        attributes=cleaned_attributes)
    if not transition_permitted(actor, item, ItemState.IN_STOCK):
        raise ItemChangeForbidden()
    hold = _statutory_row(item, statutory_hold) if statutory_hold is not None else None
    with transaction.atomic(savepoint=False):
        item.state = ItemState.IN_STOCK
        item.save(force_insert=True)
        ItemIdentifier.objects.bulk_create([ItemIdentifier(item=item, kind=kind, value=value)
                                            for kind, value in pairs])
        _holds_place(actor, item, category, hold)
        _taken_in_records(actor, item, category, pairs, reason.strip()[:500], hold)
    return item, pairs


def _holds_place(actor: Any, item: Item, category: CategoryRef, hold: ItemHold | None) -> None:
    """The erasure gate (devices with data storage) and the statutory hold, in that order, as open_erasure_gate
    then hold_place after registration would place them, in one INSERT."""
    rows = []
    if category.has_storage:
        from recirc.items.erasure_gate import erasure_hold_row  # holds import this module

        rows.append(erasure_hold_row(actor=actor, item=item))
    if hold is not None:
        hold.item, hold.placed_at = item, timezone.now()
        rows.append(hold)
    ItemHold.objects.bulk_create(rows)


def _statutory_row(item: Item, statutory_hold: StatutoryHold) -> ItemHold:
    from recirc.items.holds import statutory_hold_row  # holds import this module

    return statutory_hold_row(item, ends_at=statutory_hold.ends_at, reason=statutory_hold.reason,
                              source_ref=statutory_hold.source_ref)


def _taken_in_records(actor: Any, item: Item, category: CategoryRef, pairs: list[tuple[str, str]], reason: str,
                      hold: ItemHold | None) -> None:
    """The events and audit events of registration, the move into stock and the statutory hold, in order."""
    operator_id = item.owner_operator_id
    events = [registered_event(actor, item, category, operator_id),
              event_row(item=item, kind="state_changed", actor=actor, operator_id=acting_operator(actor, item),
                        is_public=True, data={"reason": reason} if reason else {}, from_state=ItemState.INTAKE,
                        to_state=ItemState.IN_STOCK)]
    ends_at = hold.ends_at.isoformat() if hold is not None and hold.ends_at is not None else None
    if hold is not None:
        events.append(event_row(item=item, kind="hold_placed", actor=None, operator_id=operator_id,
                                is_public=False, data={"hold_id": hold.pk, "hold_kind": hold.kind,
                                                       "reason": hold.reason, "ends_at": ends_at}))
    ItemEvent.objects.bulk_create(events)
    audit_registered(actor, item, category, operator_id, pairs)
    audit_record(actor=actor, action="item.transitioned", target=item, operator_id=operator_id,
                 payload={"code": item.code, "from": ItemState.INTAKE, "to": ItemState.IN_STOCK})
    if hold is not None:
        audit_record(actor=None, action="item.hold_placed", target=hold, operator_id=operator_id,
                     payload={"code": item.code, "hold_id": hold.pk, "kind": hold.kind, "ends_at": ends_at})


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
