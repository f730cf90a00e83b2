"""Reads, scoped to the actor. The registry's public facts are open to all (E-commerce Law Art. 15);
staff, memberships, stalls and tenancies only within the actor's OperatorScope (ADR 0004).
Missing and forbidden objects both raise NotFound.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from recirc.core.errors import NotFound
from recirc.operators.contracts import OperatorScope
from recirc.operators.models import (
    District,
    Membership,
    Operator,
    OperatorKind,
    OperatorStatus,
    Outlet,
    Stall,
    StallTenancy,
)
from recirc.operators.scoping import operator_scope
from recirc.operators.validation import normalize_credit_code


@dataclass(frozen=True)
class OperatorFilter:
    query: str = ""
    kind: str = ""
    district_code: str = ""
    status: str = ""


def registry_visible(actor: Any, scope: OperatorScope | None = None) -> QuerySet[Operator]:
    """Active operators for everyone; suspended and closed ones for city-wide roles and their own staff."""
    scope = scope if scope is not None else operator_scope(actor)
    operators = Operator.objects.select_related("district")
    if scope.city_wide:
        return operators
    return operators.filter(Q(status=OperatorStatus.ACTIVE) | Q(id__in=scope.operator_ids))


def _search(operators: QuerySet[Operator], query: str) -> QuerySet[Operator]:
    query = query.strip()
    if not query:
        return operators
    code = normalize_credit_code(query)
    return operators.filter(Q(name__icontains=query) | Q(name_en__icontains=query) | Q(credit_code__startswith=code))


def _filtered(operators: QuerySet[Operator], filters: OperatorFilter, *, with_kind: bool = True) -> QuerySet[Operator]:
    operators = _search(operators, filters.query)
    if with_kind and filters.kind:
        operators = operators.filter(kind=filters.kind)
    if filters.district_code:
        operators = operators.filter(Q(district__code=filters.district_code)
                                     | Q(district__parent__code=filters.district_code))
    if filters.status:
        operators = operators.filter(status=filters.status)
    return operators


def operator_list(actor: Any, *, query: str = "", kind: str = "", district_code: str = "",
                  status: str = "") -> QuerySet[Operator]:
    """The registry, filtered; a district filter also matches the districts under a city code."""
    filters = OperatorFilter(query=query, kind=kind, district_code=district_code, status=status)
    return _filtered(registry_visible(actor), filters).order_by("name", "id")


def operator_kind_facets(actor: Any, *, query: str = "", district_code: str = "",
                         status: str = "") -> list[tuple[str, str, int]]:
    """(kind, label, count) over the list filtered by everything but kind; one query."""
    filters = OperatorFilter(query=query, district_code=district_code, status=status)
    rows = (_filtered(registry_visible(actor), filters, with_kind=False)
            .order_by().values("kind").annotate(total=Count("id")))
    totals = {row["kind"]: row["total"] for row in rows}
    return [(kind.value, str(kind.label), totals.get(kind.value, 0)) for kind in OperatorKind]


def operator_get(actor: Any, operator_id: int, *, scope: OperatorScope | None = None) -> Operator:
    operator = registry_visible(actor, scope).select_related("parent").filter(pk=operator_id).first()
    if operator is None:
        raise NotFound()
    return operator


def operator_public_outlets(actor: Any, operator: Operator, *, scope: OperatorScope | None = None) -> QuerySet[Outlet]:
    """An operator's outlets as shown in the registry: active ones; staff in scope also see closed ones."""
    scope = scope if scope is not None else operator_scope(actor)
    outlets = operator.outlets.select_related("district").order_by("name", "id")
    return outlets if scope.allows(operator.pk) else outlets.filter(is_active=True)


def outlet_list(actor: Any, *, operator_id: int | None = None, query: str = "", kind: str = "",
                district_code: str = "", is_active: bool | None = None) -> QuerySet[Outlet]:
    """Outlets within the actor's scope (all of them for city-wide roles, none for consumers)."""
    scope = operator_scope(actor)
    outlets = Outlet.objects.select_related("operator", "district").order_by("operator__name", "name", "id")
    if not scope.city_wide:
        outlets = outlets.filter(operator_id__in=scope.operator_ids)
    if operator_id is not None:
        outlets = outlets.filter(operator_id=operator_id)
    if query.strip():
        outlets = outlets.filter(Q(name__icontains=query.strip()) | Q(address__icontains=query.strip()))
    if kind:
        outlets = outlets.filter(kind=kind)
    if district_code:
        outlets = outlets.filter(district__code=district_code)
    if is_active is not None:
        outlets = outlets.filter(is_active=is_active)
    return outlets


def _scoped_operator(actor: Any, operator_id: int, scope: OperatorScope | None) -> Operator:
    scope = scope if scope is not None else operator_scope(actor)
    if not scope.allows(operator_id):
        raise NotFound()
    operator = Operator.objects.filter(pk=operator_id).first()
    if operator is None:
        raise NotFound()
    return operator


def staff_list(actor: Any, operator_id: int, *, include_ended: bool = False,
               scope: OperatorScope | None = None) -> QuerySet[Membership]:
    """An operator's staff: only for its own staff (and chain head) and city-wide roles."""
    return _staff_of(_scoped_operator(actor, operator_id, scope), include_ended=include_ended)


def _staff_of(operator: Operator, *, include_ended: bool = False) -> QuerySet[Membership]:
    memberships = operator.memberships.select_related("user", "outlet").order_by("ended_on", "role", "id")
    return memberships if include_ended else memberships.filter(ended_on__isnull=True)


def stall_list(actor: Any, market_id: int, *, scope: OperatorScope | None = None) -> QuerySet[Stall]:
    """A market's stalls with their tenancies not yet ended (vendor included) as `current_tenancies`."""
    return _stalls_of(_scoped_operator(actor, market_id, scope))


def _stalls_of(market: Operator) -> QuerySet[Stall]:
    current = (StallTenancy.objects.select_related("vendor").order_by("starts_on")
               .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())))
    return (market.stalls.select_related("outlet").order_by("outlet__name", "code")
            .prefetch_related(Prefetch("tenancies", queryset=current, to_attr="current_tenancies")))


def district_list(*, parent_code: str = "") -> QuerySet[District]:
    districts = District.objects.select_related("parent").order_by("code")
    return districts.filter(parent__code=parent_code) if parent_code else districts


LICENCE_WARNING_DAYS = 30


def licence_state(operator: Operator) -> str:
    """"valid", "expiring" (within 30 days), "expired" or "open-ended" when no end date is recorded."""
    if operator.licence_valid_until is None:
        return "open-ended"
    days_left = (operator.licence_valid_until - timezone.localdate()).days
    if days_left < 0:
        return "expired"
    return "expiring" if days_left <= LICENCE_WARNING_DAYS else "valid"


@dataclass(frozen=True)
class OperatorDetail:
    """What the operator page shows: public facts for all; staff and stalls only within the scope."""

    operator: Operator
    licence_state: str
    outlets: list[Outlet]
    staff: list[Membership] | None
    stalls: list[Stall] | None


def operator_detail(actor: Any, operator_id: int) -> OperatorDetail:
    scope = operator_scope(actor)
    operator = operator_get(actor, operator_id, scope=scope)
    in_scope = scope.allows(operator.pk)
    is_market = operator.kind in (OperatorKind.TRANSACTION_MARKET, OperatorKind.RURAL_TRADE_CENTRE)
    return OperatorDetail(
        operator=operator,
        licence_state=licence_state(operator),
        outlets=list(operator_public_outlets(actor, operator, scope=scope)),
        staff=list(_staff_of(operator)) if in_scope else None,
        stalls=list(_stalls_of(operator)) if in_scope and is_market else None,
    )
