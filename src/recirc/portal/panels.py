"""What each role's home page shows, composed only from the contexts' facades and scoped to the user."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from recirc.accounts import facade as accounts
from recirc.acquisitions import facade as acquisitions
from recirc.aftersales import facade as aftersales
from recirc.catalog import facade as catalog
from recirc.core.roles import OPERATOR_STAFF_ROLES, Role
from recirc.items import facade as items
from recirc.moderation import facade as moderation
from recirc.operators import facade as operators
from recirc.operators.contracts import OperatorScope
from recirc.policing import facade as policing
from recirc.trade import facade as trade

CITY = OperatorScope(city_wide=True, operator_ids=frozenset())


def _labelled(counts: dict[str, int], choices: Any) -> list[dict[str, Any]]:
    labels = dict(choices)
    return [{"key": key, "label": labels.get(key, key), "count": count} for key, count in counts.items()]


def _category_rows(counts: dict[str, int]) -> list[dict[str, Any]]:
    names = {category.code: category.display_name for category in catalog.category_list(include_inactive=True)}
    rows = [{"key": code, "label": names.get(code, code), "count": count} for code, count in counts.items()]
    return sorted(rows, key=lambda row: (-row["count"], row["key"]))


def public_panel(user: Any) -> dict[str, Any]:
    """The city at a glance: registry facts that are public (operators are public entities)."""
    by_kind = operators.operator_counts_by_kind(CITY)
    return {
        "operator_total": sum(by_kind.values()),
        "operators_by_kind": _labelled(by_kind, operators.OperatorKind.choices),
        "outlet_total": operators.outlet_count(CITY),
        "category_total": len(catalog.category_list()),
        "passport_total": items.item_total(CITY),
    }


def consumer_panel(user: Any) -> dict[str, Any]:
    return {
        "verification": accounts.verification_of(user),
        "realname_status": accounts.realname_status(user),
        "my_items": items.items_owned_by_user(user, limit=10),
        "must_register": _over_sales_threshold(user),
    }


def _over_sales_threshold(user: Any) -> bool:
    """Whether the consumer's C2C sales this calendar year exceed the natural-person registration threshold."""
    limit = Decimal(settings.RECIRC_POLICY.get("NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN", 100_000))
    return trade.consumer_seller_sales_total(user.pk, timezone.localdate().year) > limit


def staff_panel(user: Any) -> dict[str, Any]:
    scope = operators.operator_scope(user)
    return {
        "register_total": sum(acquisitions.acquisition_counts(scope).values()),
        "open_alerts": policing.open_alert_total(scope),
        "membership": operators.membership_of(user),
        "outlet_total": operators.outlet_count(scope),
        "items_by_state": _labelled(items.item_counts_by_state(scope), items.ItemState.choices),
        "items_by_category": _category_rows(items.item_counts_by_category(scope)),
        "recent_items": items.recent_items(scope, limit=8),
        "aftersales": aftersales.aftersales_counts(user),
        "complaints": moderation.complaint_counts_for_staff(user),
        "merchant_recheck": _merchant_recheck(user),
    }


def _merchant_recheck(user: Any) -> Any:
    """The staff member's operator's identity re-check when it is overdue (a warning on their home), else None."""
    membership = operators.membership_of(user)
    state = operators.merchant_recheck_state(membership.operator_id) if membership else None
    return state if state is not None and state.state in ("overdue", "refused") else None


def regulator_panel(user: Any) -> dict[str, Any]:
    scope = operators.operator_scope(user)
    alerts = policing.alert_counts(scope)
    by_district = operators.operator_counts_by_district(scope)
    districts = operators.district_refs(by_district.keys())
    return {
        **public_panel(user),
        "operators_by_district": sorted(
            ({"code": code, "name": districts[code].name if code in districts else code, "count": count}
             for code, count in by_district.items()), key=lambda row: (-row["count"], row["code"])),
        "items_by_state": _labelled(items.item_counts_by_state(scope), items.ItemState.choices),
        "items_by_category": _category_rows(items.item_counts_by_category(scope)),
        "register_total": sum(acquisitions.acquisition_counts(scope).values()),
        "open_alerts": alerts.get("open", 0),
        "acknowledged_alerts": alerts.get("acknowledged", 0),
    }


def admin_panel(user: Any) -> dict[str, Any]:
    counts = accounts.user_counts_by_role()
    return {**regulator_panel(user), "users_by_role": _labelled(counts, Role.choices)}


PANELS: dict[str, tuple[str, Callable[[Any], dict[str, Any]]]] = {
    Role.CONSUMER: ("portal/home_consumer.html", consumer_panel),
    **{role: ("portal/home_staff.html", staff_panel) for role in OPERATOR_STAFF_ROLES},
    Role.MODERATOR: ("portal/home_regulator.html", regulator_panel),
    Role.COMMERCE_REGULATOR: ("portal/home_regulator.html", regulator_panel),
    Role.POLICE: ("portal/home_regulator.html", regulator_panel),
    Role.MARKET_SUPERVISION: ("portal/home_regulator.html", regulator_panel),
    Role.PLATFORM_ADMIN: ("portal/home_regulator.html", admin_panel),
}


def home_for(user: Any) -> tuple[str, dict[str, Any]]:
    """The template and context of the user's home page; anonymous visitors get the public one."""
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    template, build = PANELS.get(role or "", ("portal/home_public.html", public_panel))
    return template, build(user)
