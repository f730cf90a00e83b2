"""Navigation per role: URL names only, so the kernel imports no context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from recirc.core.roles import OPERATOR_STAFF_ROLES, REGULATOR_ROLES, Role

ALL = frozenset(Role)


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: Any
    roles: frozenset[str]


NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry("home", _("Home"), ALL),
    NavEntry("item-list", _("Items"), frozenset(OPERATOR_STAFF_ROLES | REGULATOR_ROLES | {Role.PLATFORM_ADMIN})),
    NavEntry("register-list", _("Acquisition register"),
             frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.POLICE, Role.COMMERCE_REGULATOR})),
    NavEntry("police-alerts", _("Alerts"), frozenset({Role.POLICE})),
    NavEntry("police-holds", _("Holds"), frozenset({Role.POLICE})),
    NavEntry("police-watchlist", _("Watchlist"), frozenset({Role.POLICE})),
    NavEntry("register-police-search", _("Register search"), frozenset({Role.POLICE})),
    NavEntry("operator-list", _("Operators"), ALL),
    NavEntry("category-list", _("Categories"), ALL),
    NavEntry("account-verification", _("Real-name verification"), frozenset({Role.CONSUMER})),
    NavEntry("account-tokens", _("API tokens"), ALL),
)


def navigation_for(user: Any) -> list[dict[str, str]]:
    if user is None or not user.is_authenticated:
        return [{"url": reverse("home"), "label": str(_("Home")), "name": "home"},
                {"url": reverse("operator-list"), "label": str(_("Operators")), "name": "operator-list"}]
    entries = []
    for entry in NAVIGATION:
        if getattr(user, "role", None) not in entry.roles:
            continue
        try:
            entries.append({"url": reverse(entry.url_name), "label": str(entry.label), "name": entry.url_name})
        except NoReverseMatch:
            continue
    return entries
