"""The only module other contexts import from operators: reads and writes, all returning contracts.

Writes run the services (validated, permission-checked, audited) and hand back frozen contracts, never
model instances.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language

from recirc.core.errors import NotFound
from recirc.operators import recheck, services
from recirc.operators.contracts import (
    DistrictRef,
    MembershipRef,
    MerchantRecheckRef,
    OperatorRef,
    OperatorScope,
    OperatorStoreRef,
    OutletRef,
    StallRef,
    TenancyRef,
)
from recirc.operators.models import District, Operator, OperatorKind, OperatorStatus, Outlet, StallTenancy
from recirc.operators.refs import membership_to_ref, operator_to_ref, outlet_to_ref, stall_to_ref, tenancy_to_ref
from recirc.operators.scoping import (
    NO_SCOPE,
    cached,
    lookups_cached,
    membership_of,
    operator_scope,
    recalled,
    remember,
)

__all__ = [
    "NO_SCOPE",
    "DistrictRef",
    "MembershipRef",
    "OperatorRef",
    "OperatorScope",
    "OutletRef",
    "StallRef",
    "TenancyRef",
    "district_choices",
    "district_label",
    "district_refs",
    "lookups_cached",
    "membership_add",
    "membership_end",
    "membership_of",
    "merchant_recheck_state",
    "operator_change_status",
    "operator_choices_for",
    "operator_counts_by_district",
    "operator_counts_by_kind",
    "operator_refs",
    "operator_register",
    "operator_scope",
    "operator_store",
    "operator_update",
    "outlet_choices_for",
    "outlet_count",
    "outlet_create",
    "outlet_deactivate",
    "outlet_ref",
    "stall_create",
    "stall_tenancy_end",
    "stall_tenancy_start",
]


def _outlet_sql() -> str:
    """One plain statement: outlets are looked up by every intake and most scoped pages, and the ORM's
    select_related compile costs more than the query."""
    table = {model: connection.ops.quote_name(model._meta.db_table) for model in (Outlet, Operator, District)}
    return (f"SELECT u.id, u.name, u.operator_id, o.name, d.code, d.name, u.kind, u.is_active "  # noqa: S608
            f"FROM {table[Outlet]} u JOIN {table[Operator]} o ON o.id = u.operator_id "
            f"JOIN {table[District]} d ON d.id = u.district_id WHERE u.id = %s")


def _outlet(outlet_id: Any) -> OutletRef | None:
    try:
        key = int(outlet_id)
    except (TypeError, ValueError):
        return None
    with connection.cursor() as cursor:
        cursor.execute(_outlet_sql(), [key])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, name, operator_id, operator_name, district_code, district_name, kind, is_active = row
    return OutletRef(id=pk, name=name, operator_id=operator_id, operator_name=operator_name,
                     district_code=district_code, district_name=district_name, kind=kind, is_active=bool(is_active))


def outlet_ref(outlet_id: int, *, scope: OperatorScope) -> OutletRef:
    """The outlet as a contract, or NotFound when it is missing or outside the scope."""
    outlet = cached("outlet", outlet_id, lambda: _outlet(outlet_id))
    if outlet is None or not scope.allows(outlet.operator_id):
        raise NotFound()
    return outlet


def _in_scope(queryset: Any, scope: OperatorScope, field: str) -> Any:
    return queryset if scope.city_wide else queryset.filter(**{f"{field}__in": scope.operator_ids})


def operator_counts_by_kind(scope: OperatorScope, *, status: str | None = OperatorStatus.ACTIVE) -> dict[str, int]:
    """Operators per kind within the scope (every kind present, zero included); one query."""
    operators = _in_scope(Operator.objects.all(), scope, "id")
    if status is not None:
        operators = operators.filter(status=status)
    counts = {kind.value: 0 for kind in OperatorKind}
    for row in operators.order_by().values("kind").annotate(total=Count("id")):
        counts[row["kind"]] = row["total"]
    return counts


def operator_counts_by_district(scope: OperatorScope, *,
                                status: str | None = OperatorStatus.ACTIVE) -> dict[str, int]:
    """Operators per GB/T 2260 district code within the scope; districts without operators are left out."""
    operators = _in_scope(Operator.objects.all(), scope, "id")
    if status is not None:
        operators = operators.filter(status=status)
    rows = operators.order_by().values("district__code").annotate(total=Count("id"))
    return {row["district__code"]: row["total"] for row in rows}


def outlet_count(scope: OperatorScope, *, active_only: bool = True) -> int:
    outlets = _in_scope(Outlet.objects.all(), scope, "operator_id")
    return int(outlets.filter(is_active=True).count() if active_only else outlets.count())


def operator_refs(ids: Iterable[int]) -> dict[int, OperatorRef]:
    """Public registry facts for the given ids (unknown ids are left out); one query at most (none inside a
    lookups_cached() block that has read them already)."""
    wanted = set(ids)
    found = {pk: ref for pk in wanted if (ref := recalled("operator", pk)) is not None}
    if wanted - set(found):
        for operator in Operator.objects.select_related("district").filter(pk__in=wanted - set(found)):
            found[operator.pk] = operator_to_ref(operator)
            remember("operator", operator.pk, found[operator.pk])
    return found


def district_label(district: District) -> str:
    name = district.name_en if (get_language() or "").startswith("en") and district.name_en else district.name
    return f"{name} ({district.code})"


def district_choices(*, parent_code: str | None = None) -> list[tuple[str, str]]:
    """(code, label) for select boxes, in code order; the label follows the active language."""
    districts = District.objects.all()
    if parent_code is not None:
        districts = districts.filter(parent__code=parent_code)
    return [(district.code, district_label(district)) for district in districts]


def district_refs(codes: Iterable[str] | None = None) -> dict[str, DistrictRef]:
    districts = District.objects.select_related("parent")
    if codes is not None:
        districts = districts.filter(code__in=set(codes))
    return {d.code: DistrictRef(code=d.code, name=d.name, name_en=d.name_en,
                                parent_code=d.parent.code if d.parent else None, population=d.population)
            for d in districts}


def operator_choices_for(user: Any) -> list[tuple[int, str]]:
    """The active operators a user may act for: all of them city-wide, else the user's scope."""
    operators = _in_scope(Operator.objects.filter(status=OperatorStatus.ACTIVE), operator_scope(user), "id")
    return [(pk, name) for pk, name in operators.order_by("name").values_list("id", "name")]


# --- writes: the services, returning contracts -------------------------------------------------------

def operator_register(**kwargs: Any) -> OperatorRef:
    """See services.operator_register: actor, kind, name, credit_code, district_code, licence facts, parent."""
    return operator_to_ref(services.operator_register(**kwargs))


def operator_update(*, actor: Any, operator_id: int, **changes: Any) -> OperatorRef:
    return operator_to_ref(services.operator_update(actor=actor, operator_id=operator_id, **changes))


def operator_change_status(*, actor: Any, operator_id: int, status: str, reason: str = "") -> OperatorRef:
    return operator_to_ref(services.operator_change_status(actor=actor, operator_id=operator_id, status=status,
                                                           reason=reason))


def outlet_create(**kwargs: Any) -> OutletRef:
    """See services.outlet_create: actor, operator_id, name, district_code, address, kind, ..."""
    return outlet_to_ref(services.outlet_create(**kwargs))


def outlet_deactivate(*, actor: Any, outlet_id: int) -> OutletRef:
    return outlet_to_ref(services.outlet_deactivate(actor=actor, outlet_id=outlet_id))


def membership_add(**kwargs: Any) -> MembershipRef:
    """See services.membership_add: actor, operator_id, user_id, role, outlet_id, started_on."""
    return membership_to_ref(services.membership_add(**kwargs))


def membership_end(**kwargs: Any) -> MembershipRef:
    return membership_to_ref(services.membership_end(**kwargs))


def stall_codes_rented_by(vendor_operator_id: int, *, on_day: dt.date | None = None) -> list[str]:
    """The numbers of the stalls the vendor rents on `on_day` (today by default), in order."""
    day = on_day or timezone.localdate()
    return sorted(StallTenancy.objects.filter(vendor_id=vendor_operator_id, starts_on__lte=day)
                  .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
                  .values_list("stall__code", flat=True).distinct())


def stall_create(**kwargs: Any) -> StallRef:
    """See services.stall_create: actor, market_id, outlet_id, code, area_m2, monthly_rent."""
    return stall_to_ref(services.stall_create(**kwargs))


def stall_tenancy_start(**kwargs: Any) -> TenancyRef:
    return tenancy_to_ref(services.stall_tenancy_start(**kwargs))


def stall_tenancy_end(**kwargs: Any) -> TenancyRef:
    return tenancy_to_ref(services.stall_tenancy_end(**kwargs))


def outlet_choices_for(user: Any) -> list[tuple[int, str]]:
    """The active outlets a staff member may act at: their own outlet if the membership names one, else
    every active outlet of the operators in their scope (a manager works across the operator)."""
    membership = membership_of(user)
    scope = operator_scope(user)
    outlets = _in_scope(Outlet.objects.filter(is_active=True), scope, "operator_id")
    if membership is not None and membership.outlet_id is not None:
        outlets = outlets.filter(pk=membership.outlet_id)
    elif not scope.city_wide and not scope.operator_ids:
        return []
    return [(pk, name) for pk, name in outlets.order_by("operator__name", "name").values_list("id", "name")]


# --- read-only aggregates for the supervision statistics (operators/statistics.py) ------------------------
from recirc.operators.statistics import (  # noqa: E402
    RegistrationCount,
    operator_districts,
    operator_ids_by_credit_code,
    operator_kind_choices,
    operator_registrations_by_month,
)

__all__ += ["RegistrationCount", "operator_districts", "operator_ids_by_credit_code", "operator_kind_choices",
            "operator_registrations_by_month"]


# --- seller verification (REGULATIONS.md section 3): the public store page and the periodic re-check ----------

def operator_store(credit_code: str) -> OperatorStoreRef:
    """The public store facts of a registered operator by its unified social credit code; NotFound for an unknown
    code or a closed operator."""
    code = "".join((credit_code or "").split()).upper()[:18]
    operator = Operator.objects.select_related("district").filter(credit_code=code).exclude(
        status=OperatorStatus.CLOSED).first()
    if operator is None:
        raise NotFound()
    until = operator.licence_valid_until
    return OperatorStoreRef(
        id=operator.pk, name=operator.name, name_en=operator.name_en, kind=operator.kind,
        kind_label=str(OperatorKind(operator.kind).label), status=operator.status, credit_code=operator.credit_code,
        licence_number=operator.licence_number, licence_valid_from=operator.licence_valid_from,
        licence_valid_until=until, licence_expired=until is not None and until < timezone.localdate(),
        registered_address=operator.registered_address, district_name=operator.district.name)


def merchant_recheck_state(operator_id: int) -> MerchantRecheckRef | None:
    """The operator's re-check state (due date, overdue, publication refused), or None for an unknown or closed
    operator (never due)."""
    operator = Operator.objects.filter(pk=operator_id).exclude(status=OperatorStatus.CLOSED).only(
        "id", "identity_checked_at", "registered_on").first()
    if operator is None:
        return None
    state = recheck.state_of(operator)
    return MerchantRecheckRef(operator_id=operator.pk, checked_at=state.checked_at, due_on=state.due_on,
                              state=state.state, days_overdue=state.days_overdue,
                              refuses_publication=state.refuses_publication, refused_from=state.refused_from)
