"""Navigation per role: URL names only, so the kernel imports no context."""

from __future__ import annotations

import contextlib
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
    NavEntry("inspection-list", _("Inspections"),
             frozenset({Role.INSPECTOR, Role.TECHNICIAN, Role.OPERATOR_MANAGER, Role.MARKET_SUPERVISION})),
    NavEntry("erasure-list", _("Data erasure"),
             frozenset({Role.CLERK, Role.INSPECTOR, Role.TECHNICIAN, Role.OPERATOR_MANAGER})),
    NavEntry("erasure-certificates", _("Erasure certificates"),
             frozenset({Role.COMMERCE_REGULATOR, Role.MARKET_SUPERVISION})),
    NavEntry("repair-list", _("Repairs"),
             frozenset({Role.TECHNICIAN, Role.INSPECTOR, Role.OPERATOR_MANAGER, Role.CONSUMER})),
    NavEntry("market", _("Market"), ALL),
    NavEntry("auction-list", _("Auctions"), frozenset({Role.CONSUMER})),
    NavEntry("auction-mine", _("Auctions"), frozenset({Role.CLERK, Role.OPERATOR_MANAGER})),
    NavEntry("listing-list", _("My listings"), frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.CONSUMER})),
    NavEntry("aftersales-purchases", _("My purchases"), frozenset({Role.CONSUMER})),
    NavEntry("aftersales-queue", _("After-sales"),
             frozenset({Role.CLERK, Role.TECHNICIAN, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER, Role.MODERATOR,
                        Role.PLATFORM_ADMIN, Role.MARKET_SUPERVISION})),
    NavEntry("moderation-queue", _("Review queue"), frozenset({Role.MODERATOR, Role.PLATFORM_ADMIN})),
    NavEntry("rules-manage", _("Transaction rules"), frozenset({Role.MODERATOR, Role.PLATFORM_ADMIN})),
    NavEntry("complaint-mine", _("My complaints"), frozenset({Role.CONSUMER})),
    NavEntry("complaint-against", _("Complaints about us"),
             frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER})),
    NavEntry("complaint-queue", _("Complaints"),
             frozenset({Role.MARKET_SUPERVISION, Role.MODERATOR, Role.PLATFORM_ADMIN})),
    NavEntry("complaint-statistics", _("Complaint statistics"),
             frozenset({Role.MARKET_SUPERVISION, Role.MODERATOR, Role.PLATFORM_ADMIN})),
    NavEntry("complaint-police", _("Referred complaints"), frozenset({Role.POLICE})),
    NavEntry("valuation-home", _("Valuation"),
             frozenset({Role.INSPECTOR, Role.OPERATOR_MANAGER, Role.PLATFORM_ADMIN, Role.COMMERCE_REGULATOR})),
    NavEntry("inspection-referrals", _("Counterfeit referrals"), frozenset({Role.MARKET_SUPERVISION})),
    NavEntry("supervision-dashboard", _("Statistics"), frozenset({Role.COMMERCE_REGULATOR, Role.PLATFORM_ADMIN})),
    NavEntry("supervision-goals", _("Pilot goals"), frozenset({Role.COMMERCE_REGULATOR, Role.PLATFORM_ADMIN})),
    NavEntry("supervision-report", _("Implementation plan"),
             frozenset({Role.COMMERCE_REGULATOR, Role.PLATFORM_ADMIN})),
    NavEntry("supervision-cases", _("Cases"), frozenset({Role.MARKET_SUPERVISION, Role.POLICE, Role.PLATFORM_ADMIN})),
    NavEntry("supervision-submissions", _("Data submissions"),
             frozenset({Role.OPERATOR_MANAGER, Role.COMMERCE_REGULATOR, Role.PLATFORM_ADMIN})),
    NavEntry("supervision-green", _("Green impact"), ALL),
    NavEntry("police-alerts", _("Alerts"), frozenset({Role.POLICE})),
    NavEntry("police-holds", _("Holds"), frozenset({Role.POLICE})),
    NavEntry("police-watchlist", _("Watchlist"), frozenset({Role.POLICE})),
    NavEntry("register-police-search", _("Register search"), frozenset({Role.POLICE})),
    NavEntry("trade-orders", _("My orders"), frozenset({Role.CONSUMER})),
    NavEntry("trade-cart", _("Cart"), frozenset({Role.CONSUMER})),
    NavEntry("trade-sales", _("Sales orders"), frozenset({Role.CONSUMER, Role.CLERK, Role.OPERATOR_MANAGER,
                                                          Role.MARKET_MANAGER, Role.PLATFORM_ADMIN})),
    NavEntry("trade-pos", _("Point of sale"), frozenset({Role.CLERK, Role.OPERATOR_MANAGER, Role.MARKET_MANAGER})),
    NavEntry("trade-inspection", _("Platform inspection"), frozenset({Role.PLATFORM_ADMIN})),
    NavEntry("trade-ledger", _("Ledger"), frozenset({Role.PLATFORM_ADMIN})),
    NavEntry("operator-list", _("Operators"), ALL),
    NavEntry("category-list", _("Categories"), ALL),
    NavEntry("account-verification", _("Real-name verification"), frozenset({Role.CONSUMER})),
    NavEntry("trade-seller-sales", _("My annual sales"), frozenset({Role.CONSUMER})),
    NavEntry("operator-recheck-list", _("Merchant re-checks"), frozenset({Role.MODERATOR, Role.PLATFORM_ADMIN})),
    NavEntry("trade-seller-registration", _("Sellers to register"),
             frozenset({Role.MODERATOR, Role.PLATFORM_ADMIN, Role.MARKET_SUPERVISION})),
    NavEntry("account-tokens", _("API tokens"), ALL),
)


def navigation_for(user: Any) -> list[dict[str, str]]:
    if user is None or not user.is_authenticated:
        public = [{"url": reverse("home"), "label": str(_("Home")), "name": "home"},
                  {"url": reverse("operator-list"), "label": str(_("Operators")), "name": "operator-list"}]
        with contextlib.suppress(NoReverseMatch):
            public.append({"url": reverse("market"), "label": str(_("Market")), "name": "market"})
        with contextlib.suppress(NoReverseMatch):
            public.append({"url": reverse("supervision-green"), "label": str(_("Green impact")),
                           "name": "supervision-green"})
        return public
    entries = []
    for entry in NAVIGATION:
        if getattr(user, "role", None) not in entry.roles:
            continue
        try:
            entries.append({"url": reverse(entry.url_name), "label": str(entry.label), "name": entry.url_name})
        except NoReverseMatch:
            continue
    return entries
