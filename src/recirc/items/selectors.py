"""Item passport reads, scoped to the actor by construction. Missing and forbidden both raise NotFound."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.catalog.contracts import CategoryNode, CategoryRef, GradingScaleRef
from recirc.catalog.facade import category_get, category_list, category_subtree_ids, category_tree, grading_scales_for
from recirc.core.errors import NotFound, ValidationFailed
from recirc.items.codes import code_looks_valid, code_normalise
from recirc.items.contracts import (
    CirculationBlocker,
    HoldRef,
    ItemDescription,
    ItemSummary,
    PassportEvent,
    PassportFact,
    PassportView,
)
from recirc.items.errors import ItemNotFound, PassportNotFound
from recirc.items.events import event_label
from recirc.items.identifiers import identifier_mask, identifier_normalise
from recirc.items.models import (
    POLICE_MATTER_HOLD_KINDS,
    HoldKind,
    IdentifierKind,
    Item,
    ItemEvent,
    ItemHold,
    ItemIdentifier,
    ItemState,
)
from recirc.items.policy import CIRCULATING_STATES, may_see_holds, scope_filter, transition_targets, visible_filter
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import operator_refs, outlet_ref

HOLD_EVENT_KINDS = frozenset({"hold_placed", "hold_extended", "hold_released"})
CITY_WIDE = OperatorScope(city_wide=True, operator_ids=frozenset())  # the item itself was already authorised


def items_visible_to(actor: Any) -> QuerySet[Item]:
    condition = visible_filter(actor)
    queryset = Item.objects.select_related("category")
    return queryset if condition is None else queryset.filter(condition)


def _search(queryset: QuerySet[Item], query: str) -> QuerySet[Item]:
    text = " ".join(query.split())
    compact = "".join(text.split()).replace("-", "").upper()
    identifier_hit = ItemIdentifier.objects.filter(item=OuterRef("pk"), value__icontains=compact or text)
    condition = (Q(code=code_normalise(text)) | Q(title__icontains=text) | Q(brand__icontains=text)
                 | Q(model_name__icontains=text) | Exists(identifier_hit))
    return queryset.filter(condition)


def item_list(actor: Any, *, query: str = "", category: int | str | None = None, state: str = "",
              outlet: int | None = None) -> QuerySet[Item]:
    """The actor's items, newest first; `category` includes its sub-categories."""
    queryset = items_visible_to(actor)
    if query and query.strip():
        queryset = _search(queryset, query)
    if category not in (None, ""):
        try:
            queryset = queryset.filter(category_id__in=category_subtree_ids(category))  # type: ignore[arg-type]
        except NotFound:
            queryset = queryset.none()
    if state:
        queryset = queryset.filter(state=state)
    if outlet:
        queryset = queryset.filter(outlet_id=outlet)
    return queryset.order_by("-created_at", "-id")


def item_get(actor: Any, item_id: int) -> Item:
    item = items_visible_to(actor).filter(pk=item_id).first()
    if item is None:
        raise ItemNotFound()
    return item


def item_events(item: Item, *, public_only: bool = False) -> list[ItemEvent]:
    events = item.events.select_related("actor").order_by("occurred_at", "id")
    return list(events.filter(is_public=True) if public_only else events)


def operator_names(ids: Iterable[int | None]) -> dict[int, str]:
    """Operators are public entities: their names may appear anywhere (one query)."""
    wanted = {operator_id for operator_id in ids if operator_id is not None}
    return {operator_id: ref.name for operator_id, ref in operator_refs(wanted).items()} if wanted else {}


def _grade_fact(events: list[ItemEvent], scales: list[GradingScaleRef]) -> PassportFact | None:
    graded = [event for event in events if event.data.get("grade") not in (None, "")]
    if not graded:
        return None
    data = graded[-1].data
    scale = next((scale for scale in scales if scale.code == data.get("grade_scale")), None)
    grade = scale.grade(str(data["grade"])) if scale else None
    value = grade.display if grade else str(data["grade"])
    label = scale.display_name if scale else str(data.get("grade_scale") or "")
    return PassportFact(label=label, value=value)


def attribute_facts(category: CategoryRef, attributes: dict[str, Any], *, public_only: bool) -> list[PassportFact]:
    facts = []
    for spec in category.schema:
        if spec.key in attributes and (spec.public or not public_only):
            facts.append(PassportFact(label=spec.display_label, value=spec.display_value(attributes[spec.key])))
    return facts


def identifier_label(kind: str) -> str:
    return str(IdentifierKind(kind).label) if kind in IdentifierKind.values else kind


def passport_get(code: str) -> PassportView:
    """The public passport: public attributes, masked identifiers, public events with operator names only."""
    canonical = code_normalise(code)
    item = Item.objects.filter(code=canonical).first() if code_looks_valid(canonical) else None
    if item is None:
        raise PassportNotFound()
    category = category_get(item.category_id)
    events = item_events(item, public_only=True)
    names = operator_names(event.operator_id for event in events)
    return PassportView(
        code=item.code, category_code=category.code, category_name=category.display_name, title=item.title,
        brand=item.brand, model_name=item.model_name, registered_at=item.created_at,
        attributes=tuple(attribute_facts(category, item.attributes, public_only=True)),
        identifiers=tuple(PassportFact(label=identifier_label(identifier.kind),
                                       value=identifier_mask(identifier.kind, identifier.value))
                          for identifier in item.identifiers.order_by("kind", "value")),
        grade=_grade_fact(events, grading_scales_for(category.id)),
        events=tuple(PassportEvent(kind=event.kind, label=event_label(event.kind, event.to_state),
                                   occurred_at=event.occurred_at,
                                   operator_name=names.get(event.operator_id or 0, ""))
                     for event in events),
    )


def item_detail(actor: Any, item_id: int) -> dict[str, Any]:
    """Everything staff (of the owner) and regulators see: all events, identifiers unmasked."""
    item = item_get(actor, item_id)
    category = category_get(item.category_id)
    events = item_events(item)
    if not may_see_holds(actor):  # a consumer owner is not told about police activity
        events = [event for event in events if event.kind not in HOLD_EVENT_KINDS]
    names = operator_names([item.owner_operator_id, *(event.operator_id for event in events)])
    state_labels = dict(ItemState.choices)
    timeline = [{"event": event, "label": event_label(event.kind, event.to_state),
                 "from_label": state_labels.get(event.from_state, event.from_state),
                 "to_label": state_labels.get(event.to_state, event.to_state),
                 "operator_name": names.get(event.operator_id or 0, "")} for event in events]
    outlet = outlet_ref(item.outlet_id, scope=CITY_WIDE) if item.outlet_id else None
    holds = holds_for_item(item.pk, active_only=True) if may_see_holds(actor) else []
    return {"item": item, "category": category, "timeline": timeline, "outlet": outlet, "holds": holds,
            "owner_operator_name": names.get(item.owner_operator_id or 0, ""),
            "attributes": attribute_facts(category, item.attributes, public_only=False),
            "identifiers": list(item.identifiers.order_by("kind", "value")),
            "grade": _grade_fact([event for event in events if event.is_public], grading_scales_for(category.id))}


def items_sharing_identifier(kind: str, value: str) -> list[Item]:
    """Every item carrying this identifier (normalised first): more than one is a clone signal."""
    canonical_kind, canonical_value = identifier_normalise(kind, value)
    return list(Item.objects.select_related("category").prefetch_related("identifiers")
                .filter(identifiers__kind=canonical_kind, identifiers__value=canonical_value)
                .distinct().order_by("id"))


def _counted(queryset: QuerySet[Item], scope: OperatorScope, field: str) -> dict[Any, int]:
    condition = scope_filter(scope)
    if condition is not None:
        queryset = queryset.filter(condition)
    rows = queryset.order_by().values(field).annotate(total=Count("id", distinct=True))
    return {row[field]: row["total"] for row in rows}


def item_counts_by_state(scope: OperatorScope) -> dict[str, int]:
    return {str(state): total for state, total in _counted(Item.objects.all(), scope, "state").items()}


def item_counts_by_category(scope: OperatorScope) -> dict[str, int]:
    """Counts keyed by category code (leaf categories as registered)."""
    return {str(code): total for code, total in _counted(Item.objects.all(), scope, "category__code").items()}


def _walk(nodes: Iterable[CategoryNode], leaf_only: bool) -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = []
    for node in nodes:
        if node.category.is_leaf or not leaf_only:
            choices.append((str(node.category.id), "— " * node.depth + node.category.display_name))
        choices.extend(_walk(node.children, leaf_only))
    return choices


def category_choices(*, leaf_only: bool = False) -> list[tuple[str, str]]:
    """(id, indented name) of active categories in tree order, for filters and the register form."""
    return _walk(category_tree(), leaf_only)


def _scoped(scope: OperatorScope) -> QuerySet[Item]:
    condition = scope_filter(scope)
    return Item.objects.filter(condition) if condition is not None else Item.objects.all()


def item_total(scope: OperatorScope) -> int:
    return _scoped(scope).count()


def _summaries(queryset: QuerySet[Item], limit: int) -> list[ItemSummary]:
    rows = list(queryset.order_by("-created_at", "-id")[:limit])
    names = {category.id: category.display_name for category in category_list(include_inactive=True)}
    return [ItemSummary(id=item.pk, code=item.code, title=item.title,
                        category_name=names.get(item.category_id, ""), state=item.state,
                        state_label=str(item.get_state_display()), created_at=item.created_at) for item in rows]


def recent_items(scope: OperatorScope, *, limit: int = 8) -> list[ItemSummary]:
    """The newest items in the scope, for staff home pages."""
    return _summaries(_scoped(scope), limit)


def items_owned_by(user: Any, *, limit: int = 10) -> list[ItemSummary]:
    """A consumer's own items (C2C sellers, buyers who keep the passport)."""
    return _summaries(Item.objects.filter(owner_user_id=user.pk), limit)


# Holds and the circulation gate ------------------------------------------------------------------------------

def active_hold_filter(now: dt.datetime, prefix: str = "") -> Q:
    """Police and watchlist holds are active until released; statutory holds until they end."""
    return Q(**{f"{prefix}released_at__isnull": True}) & (
        ~Q(**{f"{prefix}kind": HoldKind.STATUTORY}) | Q(**{f"{prefix}ends_at__gt": now}))


def hold_is_active(hold: ItemHold, now: dt.datetime) -> bool:
    if hold.released_at is not None:
        return False
    return hold.kind != HoldKind.STATUTORY or hold.ends_at is None or hold.ends_at > now


def hold_ref(hold: ItemHold, now: dt.datetime | None = None) -> HoldRef:
    return HoldRef(id=hold.pk, item_id=hold.item_id, kind=hold.kind, reason=hold.reason,
                   order_number=hold.order_number, placed_at=hold.placed_at, ends_at=hold.ends_at,
                   released_at=hold.released_at, is_active=hold_is_active(hold, now or timezone.now()),
                   source_ref=hold.source_ref, item_code=hold.item.code, release_reason=hold.release_reason,
                   prior_state=hold.prior_state, placed_by_id=hold.placed_by_id, released_by_id=hold.released_by_id)


def holds_for_item(item_id: int, *, active_only: bool = False) -> list[HoldRef]:
    """Every hold of the item (unscoped: for other contexts' services and already authorised pages), newest first."""
    now = timezone.now()
    queryset = ItemHold.objects.select_related("item").filter(item_id=item_id)
    if active_only:
        queryset = queryset.filter(active_hold_filter(now))
    return [hold_ref(hold, now) for hold in queryset.order_by("-placed_at", "-id")]


def holds_list(actor: Any, *, active_only: bool = True, kind: str | None = None) -> list[HoldRef]:
    """Holds the actor may see: the police and city-wide roles all, operator staff those on items in their
    scope, consumers and anonymous users none (police activity is not shown to the public)."""
    if not may_see_holds(actor):
        return []
    now = timezone.now()
    queryset = ItemHold.objects.select_related("item")
    condition = visible_filter(actor)
    if condition is not None:
        queryset = queryset.filter(item__in=Item.objects.filter(condition).values("pk"))
    if active_only:
        queryset = queryset.filter(active_hold_filter(now))
    # Erasure holds are not police matters: listed only when asked for by kind.
    queryset = queryset.filter(kind=kind) if kind else queryset.filter(kind__in=POLICE_MATTER_HOLD_KINDS)
    return [hold_ref(hold, now) for hold in queryset.order_by("-placed_at", "-id")]


def _until(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _blocker(hold: ItemHold) -> CirculationBlocker:
    until = _until(hold.ends_at)
    if hold.kind == HoldKind.POLICE:
        message = (_("On hold by order of the police (order %(order)s) until %(until)s.") if until
                   else _("On hold by order of the police (order %(order)s)."))
        return CirculationBlocker(code="items.on_hold", hold_id=hold.pk,
                                  message=message % {"order": hold.order_number, "until": until})
    if hold.kind == HoldKind.WATCHLIST:
        return CirculationBlocker(code="items.watchlist_match", hold_id=hold.pk, message=_(
            "Matched to the stolen-goods watchlist: on hold until the police release it."))
    if hold.kind == HoldKind.ERASURE:
        return CirculationBlocker(code="items.erasure_pending", hold_id=hold.pk, message=_(
            "A device with data storage: it may not be listed or sold until its erasure is verified."))
    if hold.kind == HoldKind.COUNTERFEIT:
        return CirculationBlocker(code="items.counterfeit_referral", hold_id=hold.pk, message=_(
            "Suspected counterfeit: it may not be listed or sold while market supervision examines it."))
    return CirculationBlocker(code="items.statutory_hold", hold_id=hold.pk,
                              message=_("Statutory hold before resale until %(until)s.") % {"until": until})


BLOCKER_ORDER: dict[str, int] = {HoldKind.POLICE: 0, HoldKind.WATCHLIST: 1, HoldKind.STATUTORY: 2,
                                 HoldKind.COUNTERFEIT: 3, HoldKind.ERASURE: 4}


def transition_choices(actor: Any, item: Item) -> list[tuple[str, str]]:
    """(state, label) the actor may move the item to now; circulating states only while nothing blocks them."""
    targets = transition_targets(actor, item)
    if any(state in CIRCULATING_STATES for state in targets) and item_circulation_blockers(item.pk):
        targets = [state for state in targets if state not in CIRCULATING_STATES]
    labels = dict(ItemState.choices)
    return [(state, str(labels[state])) for state in targets]


def item_circulation_blockers(item_id: int, *, now: dt.datetime | None = None) -> list[CirculationBlocker]:
    """Why the item may not be listed, reserved, sold or rented out now (empty: it may)."""
    holds = ItemHold.objects.filter(active_hold_filter(now or timezone.now()), item_id=item_id)
    ordered = sorted(holds, key=lambda hold: (BLOCKER_ORDER.get(hold.kind, 9), hold.placed_at, hold.pk))
    return [_blocker(hold) for hold in ordered]


# Bulk reads for retroactive watchlist matching ----------------------------------------------------------------

IDENTIFIER_CHUNK = 900  # values per query: below SQLite's host-parameter limit on old builds


def items_with_identifiers(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[int]]:
    """Normalised (kind, value) -> ids of the items carrying it (ascending). Pairs that cannot be normalised
    are left out; a normalised pair carried by no item maps to []. One query per 900 distinct values."""
    wanted: dict[tuple[str, str], list[int]] = {}
    for kind, value in pairs:
        try:
            wanted.setdefault(identifier_normalise(kind, value), [])
        except ValidationFailed:
            continue
    values = sorted({value for _kind, value in wanted})
    for start in range(0, len(values), IDENTIFIER_CHUNK):
        rows = (ItemIdentifier.objects.filter(value__in=values[start:start + IDENTIFIER_CHUNK])
                .order_by("item_id").values_list("kind", "value", "item_id"))
        for kind, value, item_id in rows:
            if (kind, value) in wanted and item_id not in wanted[(kind, value)]:
                wanted[(kind, value)].append(item_id)
    return wanted


@dataclass(frozen=True)
class IdentifierHolder:
    """An item carrying an identifier: enough for a clone check (where it stands, its public code)."""

    item_id: int
    code: str
    state: str


def identifier_holders(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[IdentifierHolder]]:
    """Normalised (kind, value) -> the items carrying it, by id, in one query. Pairs that cannot be normalised
    are left out; a pair carried by no item maps to []."""
    wanted: dict[tuple[str, str], list[IdentifierHolder]] = {}
    for kind, value in pairs:
        try:
            wanted.setdefault(identifier_normalise(kind, value), [])
        except ValidationFailed:
            continue
    if not wanted:
        return wanted
    condition = Q()
    for kind, value in wanted:
        condition |= Q(kind=kind, value=value)
    rows = (ItemIdentifier.objects.filter(condition).order_by("item_id")
            .values_list("kind", "value", "item_id", "item__code", "item__state"))
    for kind, value, item_id, code, state in rows:
        wanted[(kind, value)].append(IdentifierHolder(item_id=item_id, code=code, state=state))
    return wanted


def item_descriptions(*, since: dt.datetime | None = None, after_id: int = 0,
                      limit: int = 5000) -> list[ItemDescription]:
    """Items in id order (id > after_id, registered at or after `since`), for fuzzy matching in batches."""
    queryset = Item.objects.filter(pk__gt=after_id)
    if since is not None:
        queryset = queryset.filter(created_at__gte=since)
    rows = (queryset.order_by("pk").annotate(colour=KeyTextTransform("colour", "attributes"))
            .values_list("pk", "category__code", "title", "brand", "model_name", "colour", "created_at",
                         "owner_operator_id")[:max(limit, 0)])  # the colour alone: no decoding of every row's JSON
    return [ItemDescription(id=pk, category_code=code, title=title, brand=brand, model_name=model_name,
                            colour=str(colour or ""), created_at=created_at, owner_operator_id=operator_id)
            for pk, code, title, brand, model_name, colour, created_at, operator_id in rows]
