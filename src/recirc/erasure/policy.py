"""Who may do what in data erasure, and the policy settings it reads (settings.RECIRC_POLICY).

- Consent: counter clerks (at intake), technicians, inspectors and managers of the item's operator.
- Planning, starting, completing, recording a failure, planning again: technicians and inspectors of the
  item's operator; completing and recording a failure: only the person who started.
- Verifying and re-verifying: a technician, inspector or manager of the operator who did not erase the
  device (and, re-verifying, did not verify it either).
- Drawing a re-verification sample: the operator's manager, or the system (the monthly task).
- Reading: the operator's staff (a chain head's staff: the branches too); commerce regulators and market
  supervision read every certificate; anyone may check a certificate on the public verification page.
Other operators' records answer NotFound, as if they did not exist.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings

from recirc.core.permissions import has_role, role_of
from recirc.core.roles import Role
from recirc.erasure.errors import ErasureForbidden
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import NO_SCOPE, operator_scope

CONSENT_ROLES = frozenset({Role.CLERK, Role.TECHNICIAN, Role.INSPECTOR, Role.OPERATOR_MANAGER})
PERFORMER_ROLES = frozenset({Role.TECHNICIAN, Role.INSPECTOR})
VERIFIER_ROLES = frozenset({Role.TECHNICIAN, Role.INSPECTOR, Role.OPERATOR_MANAGER})
STAFF_READER_ROLES = frozenset({Role.CLERK, Role.TECHNICIAN, Role.INSPECTOR, Role.OPERATOR_MANAGER})
CERTIFICATE_READER_ROLES = frozenset({Role.COMMERCE_REGULATOR, Role.MARKET_SUPERVISION})
SAMPLER_ROLES = frozenset({Role.OPERATOR_MANAGER})
CITY_WIDE = OperatorScope(city_wide=True, operator_ids=frozenset())

DEFAULTS: dict[str, Any] = {
    "ERASURE_REVERIFY_SHARE": "0.05",  # R2v3: at least 5 % of a period's erased devices are re-verified
    "ERASURE_CONSENT_TEXT_VERSION": "2026-01",  # the consent text shown to owners (pre-filled on the form)
}


def policy_value(key: str) -> Any:
    return getattr(settings, "RECIRC_POLICY", {}).get(key, DEFAULTS[key])


def reverify_share() -> Decimal:
    """The share of a period's verified erasures drawn for re-verification, in (0, 1]."""
    try:
        share = Decimal(str(policy_value("ERASURE_REVERIFY_SHARE")))
    except InvalidOperation as error:
        raise ValueError("RECIRC_POLICY['ERASURE_REVERIFY_SHARE'] must be a number in (0, 1]") from error
    if not Decimal(0) < share <= Decimal(1):
        raise ValueError("RECIRC_POLICY['ERASURE_REVERIFY_SHARE'] must be a number in (0, 1]")
    return share


def consent_text_version() -> str:
    return str(policy_value("ERASURE_CONSENT_TEXT_VERSION"))


def is_signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False)) and bool(
        getattr(actor, "is_active", True))


def holds(actor: Any, roles: frozenset[Role]) -> bool:
    return is_signed_in(actor) and role_of(actor) in roles


def require(actor: Any, roles: frozenset[Role]) -> None:
    """ErasureForbidden (403) unless the actor holds one of the roles: existence is no secret here."""
    if not holds(actor, roles):
        raise ErasureForbidden()


def staff_scope(actor: Any) -> OperatorScope:
    """The operators whose erasure records the actor's role lets them see (staff only; never city-wide).
    Looked up once per user object (a request's user; like Django's permission cache)."""
    if not holds(actor, STAFF_READER_ROLES):
        return NO_SCOPE
    cached = getattr(actor, "_erasure_staff_scope", None)
    if cached is None:
        scope = operator_scope(actor)
        cached = NO_SCOPE if scope.city_wide else scope
        actor._erasure_staff_scope = cached
    return cached


def reads_every_certificate(actor: Any) -> bool:
    return holds(actor, CERTIFICATE_READER_ROLES)


def may_read_jobs(actor: Any) -> bool:
    return bool(staff_scope(actor).operator_ids)


def may_read_certificates(actor: Any) -> bool:
    return reads_every_certificate(actor) or may_read_jobs(actor)


def may_perform(actor: Any) -> bool:
    return holds(actor, PERFORMER_ROLES)


def may_verify(actor: Any) -> bool:
    return holds(actor, VERIFIER_ROLES)


def may_draw(actor: Any) -> bool:
    return holds(actor, SAMPLER_ROLES)


def is_manager(actor: Any) -> bool:
    return has_role(actor, Role.OPERATOR_MANAGER)
