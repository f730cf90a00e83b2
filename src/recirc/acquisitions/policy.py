"""Who may record, read and reveal register entries, and the policy settings the register reads.

- Recording: clerks and operator managers with an open membership, at an outlet of their own operator
  (a clerk whose membership names an outlet: that outlet only).
- Reading: those staff roles for their operator's scope (masked personal data); public security and
  commerce regulators read every outlet's register.
- Revealing personal data (exports, document photos): public security (purpose "police_request") and the
  manager of the entry's own operator (purpose "acquisition_register"). Everyone else sees masked values.
- Searching by identifier or identity number: public security only.

Policy numbers are settings (settings.RECIRC_POLICY), never constants.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q

from recirc.acquisitions.errors import RegisterReadForbidden
from recirc.core.permissions import has_role, role_of
from recirc.core.roles import Role
from recirc.operators.facade import membership_of, operator_scope
from recirc.privacy.facade import Purpose

RECORDING_ROLES = frozenset({Role.CLERK, Role.OPERATOR_MANAGER})
CITY_READER_ROLES = frozenset({Role.POLICE, Role.COMMERCE_REGULATOR})
DEFAULT_STATUTORY_HOLD_DAYS = {"mobile-phones": 7, "tablets": 7, "laptops": 7, "desktop-computers": 7}


def _policy(key: str, default: Any) -> Any:
    return getattr(settings, "RECIRC_POLICY", {}).get(key, default)


def back_entry_hours() -> int:
    return int(_policy("BACK_ENTRY_HOURS", 24))


def low_value_exemption_yuan() -> int:
    return int(_policy("LOW_VALUE_ID_EXEMPTION_YUAN", 0))


def refuse_minors() -> bool:
    return bool(_policy("MINIMUM_SELLER_AGE_REFUSE", False))


def minimum_seller_age() -> int:
    return int(_policy("MINIMUM_AGE_TO_SELL", 18))


def statutory_hold_days(category_code: str) -> int:
    return int(dict(_policy("STATUTORY_HOLD_DAYS", DEFAULT_STATUTORY_HOLD_DAYS)).get(category_code, 0))


def retention_years() -> int:
    return int(_policy("REGISTER_RETENTION_YEARS", 3))


def photo_max_bytes() -> int:
    return int(getattr(settings, "RECIRC_PHOTO_MAX_BYTES", 5 * 1024 * 1024))


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    """Entries acquired before this moment are past retention (calendar years; 29 February -> 28)."""
    years = retention_years()
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False)) and bool(
        getattr(actor, "is_active", True))


def may_record(actor: Any) -> bool:
    return is_signed_in(actor) and role_of(actor) in RECORDING_ROLES and membership_of(actor) is not None


def may_read(actor: Any) -> bool:
    return is_signed_in(actor) and (role_of(actor) in CITY_READER_ROLES or may_record(actor))


def is_police(actor: Any) -> bool:
    return is_signed_in(actor) and has_role(actor, Role.POLICE)


def readable_filter(actor: Any) -> Q | None:
    """Entries the actor may read: None means all; an impossible filter for those who may read none."""
    if not is_signed_in(actor):
        return Q(pk__in=[])
    if role_of(actor) in CITY_READER_ROLES:
        return None
    if role_of(actor) not in RECORDING_ROLES:
        return Q(pk__in=[])
    scope = operator_scope(actor)
    return Q(operator_id__in=scope.operator_ids) if scope.operator_ids else Q(pk__in=[])


def reveal_purpose(actor: Any, operator_id: int) -> str | None:
    """The purpose under which the actor may see this operator's entries' personal data, or None (masked)."""
    if is_police(actor):
        return str(Purpose.POLICE_REQUEST)
    if is_signed_in(actor) and has_role(actor, Role.OPERATOR_MANAGER):
        membership = membership_of(actor)
        if membership is not None and membership.operator_id == operator_id:
            return str(Purpose.ACQUISITION_REGISTER)
    return None


def require_reader(actor: Any) -> None:
    """Lists, exports and verification pages: RegisterReadForbidden for anyone who may read no register."""
    if not may_read(actor):
        raise RegisterReadForbidden()
