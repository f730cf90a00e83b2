"""Who may do what with inspections. Services and selectors call these; views never decide.

- Inspect (complete a checklist, issue a report): inspectors and operator managers whose operator scope
  covers the item (other operators' items answer NotFound, like missing ones).
- Read inspections and reports: those, technicians of the operator, and the city-wide roles (market
  supervision, commerce regulator, police, platform administrator) read-only.
- Referrals: market supervision acknowledges and closes them and takes the evidence package; the item's
  operator sees that a referral exists on its inspection.
- Everyone, without signing in: the public verification page of a report (public facts only).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.inspection.errors import InspectionForbidden, InspectionReadForbidden, ReferralForbidden
from recirc.operators.facade import operator_scope

INSPECT_ROLES = frozenset({Role.INSPECTOR, Role.OPERATOR_MANAGER})
STAFF_READ_ROLES = INSPECT_ROLES | {Role.TECHNICIAN}
CITY_READ_ROLES = frozenset({Role.MARKET_SUPERVISION, Role.COMMERCE_REGULATOR, Role.POLICE, Role.PLATFORM_ADMIN})
# Item states in which an item may be inspected (not sold, rented out, on hold or gone).
INSPECTABLE_STATES = frozenset({"intake", "in_stock", "listed"})


def may_read(actor: Any) -> bool:
    return has_role(actor, *STAFF_READ_ROLES, *CITY_READ_ROLES)


def may_inspect(actor: Any) -> bool:
    return has_role(actor, *INSPECT_ROLES)


def handles_referrals(actor: Any) -> bool:
    return has_role(actor, Role.MARKET_SUPERVISION)


def require_read(actor: Any) -> None:
    if not may_read(actor):
        raise InspectionReadForbidden()


def require_inspect(actor: Any) -> None:
    if not may_inspect(actor):
        raise InspectionForbidden()


def require_referrals(actor: Any) -> None:
    if not handles_referrals(actor):
        raise ReferralForbidden()


def item_scope_filter(actor: Any, *, prefix: str = "item__", inspecting_operator: str | None = None) -> Q | None:
    """Rows whose item the actor's operators own or keep at an outlet (and, with `inspecting_operator`, rows
    their operators inspected); None for city-wide roles. The same rule as items' own scope filter: the report
    belongs to the item, so a later owner sees it."""
    scope = operator_scope(actor)
    if scope.city_wide:
        return None
    ids = scope.operator_ids
    condition = Q(**{f"{prefix}owner_operator_id__in": ids}) | Q(**{f"{prefix}outlet__operator_id__in": ids})
    if inspecting_operator:
        condition |= Q(**{f"{inspecting_operator}__in": ids})
    return condition
