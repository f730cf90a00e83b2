"""Who may see which operators' records (ADR 0004): computed once per request from the membership.

Inside a `lookups_cached()` block (one service call, such as an intake, that asks the same questions from
several contexts) each user's membership and scope, and each outlet and operator, are read once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import connection

from recirc.core.permissions import sees_whole_city
from recirc.operators.contracts import MembershipRef, OperatorRef, OperatorScope
from recirc.operators.models import District, Membership, Operator

NO_SCOPE = OperatorScope(city_wide=False, operator_ids=frozenset())
CITY_WIDE_SCOPE = OperatorScope(city_wide=True, operator_ids=frozenset())

_LOOKUPS: ContextVar[dict[tuple[str, Any], Any] | None] = ContextVar("recirc_operator_lookups", default=None)
T = TypeVar("T")


@contextmanager
def lookups_cached() -> Iterator[None]:
    """Within the block, memberships, scopes, outlets and operators are read from the database once each.

    For one service call: a membership ended or an outlet closed by the block itself is not seen. Nested
    blocks share the outer block's look-ups."""
    if _LOOKUPS.get() is not None:
        yield
        return
    token = _LOOKUPS.set({})
    try:
        yield
    finally:
        _LOOKUPS.reset(token)


def cached(kind: str, key: Any, compute: Callable[[], T]) -> T:
    """compute(), remembered under (kind, key) while a lookups_cached() block is active."""
    lookups = _LOOKUPS.get()
    if lookups is None:
        return compute()
    if (kind, key) not in lookups:
        lookups[(kind, key)] = compute()
    return lookups[(kind, key)]  # type: ignore[no-any-return]


def recalled(kind: str, key: Any) -> Any:
    """What a lookups_cached() block remembers under (kind, key); None outside a block or when unknown."""
    lookups = _LOOKUPS.get()
    return None if lookups is None else lookups.get((kind, key))


def remember(kind: str, key: Any, value: Any) -> None:
    """Seed a look-up already made (an operator read together with a membership)."""
    lookups = _LOOKUPS.get()
    if lookups is not None:
        lookups.setdefault((kind, key), value)


def _membership_sql() -> str:
    """The open membership with its operator's registry facts, as one plain statement: every intake and every
    scoped page asks this first, and compiling the ORM's three-table select_related costs more than running it."""
    table = {model: connection.ops.quote_name(model._meta.db_table) for model in (Membership, Operator, District)}
    return (f"SELECT m.id, m.operator_id, m.outlet_id, m.role, o.name, o.kind, o.status, o.credit_code, d.code, "  # noqa: S608
            f"o.parent_id FROM {table[Membership]} m JOIN {table[Operator]} o ON o.id = m.operator_id "
            f"JOIN {table[District]} d ON d.id = o.district_id WHERE m.user_id = %s AND m.ended_on IS NULL LIMIT 1")


def _open_membership(user: Any) -> MembershipRef | None:
    # At most one is open (a unique constraint): LIMIT 1 needs no ordering.
    with connection.cursor() as cursor:
        cursor.execute(_membership_sql(), [user.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, operator_id, outlet_id, role, name, kind, status, credit_code, district_code, parent_id = row
    remember("operator", operator_id, OperatorRef(id=operator_id, name=name, kind=kind, status=status,
                                                  credit_code=credit_code, district_code=district_code,
                                                  parent_id=parent_id))
    return MembershipRef(user_id=user.pk, operator_id=operator_id, operator_name=name, outlet_id=outlet_id, role=role,
                         membership_id=pk)


def open_membership(user: Any) -> MembershipRef | None:
    """The user's one open membership (with its operator's name), or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return cached("membership", user.pk, lambda: _open_membership(user))


def _staff_scope(user: Any) -> OperatorScope:
    membership = open_membership(user)
    if membership is None:
        return NO_SCOPE
    branch_ids = Operator.objects.filter(parent_id=membership.operator_id).order_by().values_list("id", flat=True)
    return OperatorScope(city_wide=False, operator_ids=frozenset({membership.operator_id, *branch_ids}))


def operator_scope(user: Any) -> OperatorScope:
    """City-wide roles see every operator; staff see their operator and, at a chain head, its branches."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_SCOPE
    if sees_whole_city(user):
        return CITY_WIDE_SCOPE
    return cached("scope", user.pk, lambda: _staff_scope(user))


def membership_of(user: Any) -> MembershipRef | None:
    return open_membership(user)
