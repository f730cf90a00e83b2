"""Policy numbers (REGULATIONS.md marks most of them [U]): settings.RECIRC_POLICY keys with defaults here.

Who may do what: every watchlist, alert and hold action is for the police role only; the system (actor None)
screens intakes and matches retroactively.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings

from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.policing.errors import PoliceOnly

DEFAULTS: dict[str, Any] = {
    "FUZZY_MATCH_THRESHOLD": 80,  # 0-100: a description match at or above this raises an alert
    "FUZZY_HOLD_THRESHOLD": 95,  # 0-100: ... and at or above this also places a watchlist hold
    # A description match must also be specific: the expected number of watchlist entries that would share
    # the same facts with an unrelated device must stay below this (1 in 50 by default; see fuzzy.py).
    "FUZZY_MAX_CHANCE": "0.02",
    "REPEAT_SELLER_DAYS": 30,  # the repeat-seller window
    "REPEAT_SELLER_ITEMS": 3,  # items of one category from one seller within the window (this one included)
    "PRICE_BELOW_VALUE_RATIO": "0.5",  # alert when the price paid is below this share of the evaluated value
    "MINIMUM_AGE_TO_SELL": 18,  # shared with accounts
    "RETROACTIVE_MATCH_DAYS": 3 * 365,  # how far back a new watchlist entry is matched by description
    "POLICE_HOLD_MAX_DAYS": 30,  # shared with items: the default end of a police hold on the form
    "POLICE_WEBHOOK_URL": "",  # empty: alerts stay in the in-app queue only
    "POLICE_WEBHOOK_SECRET": "",
    "POLICE_WEBHOOK_TIMEOUT_SECONDS": 5,
    "POLICE_WEBHOOK_MAX_RETRIES": 5,
    "WATCHLIST_IMPORT_MAX_ROWS": 100_000,
}


def policy_value(key: str) -> Any:
    return getattr(settings, "RECIRC_POLICY", {}).get(key, DEFAULTS[key])


def policy_int(key: str) -> int:
    return int(policy_value(key))


def policy_float(key: str) -> float:
    return float(policy_value(key))


def policy_decimal(key: str) -> Decimal:
    return Decimal(str(policy_value(key)))


def is_police(actor: Any) -> bool:
    return has_role(actor, Role.POLICE)


def require_police(actor: Any) -> None:
    if not is_police(actor):
        raise PoliceOnly()
