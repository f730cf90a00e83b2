"""Item passport reads, scoped to the actor by construction. Missing and forbidden both raise NotFound."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from recirc.catalog.contracts import CategoryNode, CategoryRef, GradingScaleRef
from recirc.catalog.facade import category_get, category_list, category_subtree_ids, category_tree, grading_scales_for
from recirc.core.errors import NotFound
from recirc.items.codes import code_looks_valid, code_normalise
from recirc.items.contracts import ItemSummary, PassportEvent, PassportFact, PassportView
from recirc.items.errors import ItemNotFound, PassportNotFound
from recirc.items.events import event_label
from recirc.items.identifiers import identifier_mask, identifier_normalise
from recirc.items.models import IdentifierKind, Item, ItemEvent, ItemIdentifier, ItemState
from recirc.items.policy import scope_filter, visible_filter
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import operator_refs, outlet_ref

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
    names = operator_names([item.owner_operator_id, *(event.operator_id for event in events)])
    state_labels = dict(ItemState.choices)
    timeline = [{"event": event, "label": event_label(event.kind, event.to_state),
                 "from_label": state_labels.get(event.from_state, event.from_state),
                 "to_label": state_labels.get(event.to_state, event.to_state),
                 "operator_name": names.get(event.operator_id or 0, "")} for event in events]
    outlet = outlet_ref(item.outlet_id, scope=CITY_WIDE) if item.outlet_id else None
    return {"item": item, "category": category, "timeline": timeline, "outlet": outlet,
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
