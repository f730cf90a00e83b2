"""Who may do what with price evaluation, and the policy numbers it reads (settings.RECIRC_POLICY keys with
the defaults below; see docs/contexts/valuation.md).

- Estimates, the model registry and the observations: operator staff, the three regulators and the platform
  administrator (read-only for regulators). Consumers and moderators: no.
- Recording and importing observations: the platform administrator (for any operator, or none) and operator
  managers (always as their own operator's sales or appraisals).
- Training a model: the platform administrator and operator managers. A new model becomes active only when
  it beats the active one on its hold-out part; activating by hand (or forcing activation at training) is for
  the platform administrator only, because the active model serves the whole city.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings

from recirc.core.permissions import has_role
from recirc.core.roles import OPERATOR_STAFF_ROLES, REGULATOR_ROLES, Role
from recirc.valuation.errors import ValuationForbidden

DEFAULTS: dict[str, Any] = {
    "VALUATION_MIN_TRAINING_ROWS": 200,  # fewer observations in the window: training refuses
    "VALUATION_TRAINING_WINDOW_DAYS": 3 * 365,  # observations older than this are not trained on
    "VALUATION_HOLDOUT_SHARE": "0.25",  # share of the observations kept aside to measure a new model
    "VALUATION_INTERVAL_COVERAGE": "0.8",  # the interval holds this share of hold-out prices
    "VALUATION_MIN_BRAND_ROWS": 5,  # a brand the model saw less often is "thin": comparables answer instead
    "VALUATION_MIN_COMPARABLES": 5,  # the fewest past sales the comparables fallback answers with
    "VALUATION_COMPARABLES_DAYS": 2 * 365,  # how far back comparables are looked for
    "VALUATION_COMPARABLES_SHOWN": 5,  # k: the most similar past sales returned with an estimate
    "VALUATION_IMPORT_MAX_ROWS": 100_000,
}

ESTIMATE_ROLES = frozenset(OPERATOR_STAFF_ROLES | REGULATOR_ROLES | {Role.PLATFORM_ADMIN})
RECORD_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.OPERATOR_MANAGER})
TRAIN_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.OPERATOR_MANAGER})
ACTIVATE_ROLES = frozenset({Role.PLATFORM_ADMIN})


def policy_value(key: str) -> Any:
    return getattr(settings, "RECIRC_POLICY", {}).get(key, DEFAULTS[key])


def policy_int(key: str) -> int:
    return int(policy_value(key))


def policy_decimal(key: str) -> Decimal:
    return Decimal(str(policy_value(key)))


def is_system(actor: Any) -> bool:
    """No actor at all (None, not an anonymous user): the platform itself, i.e. the `recirc valuation` commands
    run by whoever operates the server, scheduled retraining, the demo builder."""
    return actor is None


def may_estimate(actor: Any) -> bool:
    return is_system(actor) or has_role(actor, *ESTIMATE_ROLES)


def may_record(actor: Any) -> bool:
    return is_system(actor) or has_role(actor, *RECORD_ROLES)


def may_train(actor: Any) -> bool:
    return is_system(actor) or has_role(actor, *TRAIN_ROLES)


def may_activate(actor: Any) -> bool:
    return is_system(actor) or has_role(actor, *ACTIVATE_ROLES)


def require(allowed: bool) -> None:
    if not allowed:
        raise ValuationForbidden()
