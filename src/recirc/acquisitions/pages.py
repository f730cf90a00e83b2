"""What the register pages show, composed from the selectors and the facades below (no writes here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from recirc.acquisitions import policy, selectors
from recirc.acquisitions.models import AcquisitionEntry, AcquisitionPhoto
from recirc.catalog.contracts import CategoryNode, CategoryRef
from recirc.catalog.facade import category_get, category_list, category_tree
from recirc.core.errors import DomainError, NotFound
from recirc.items.facade import holds_for_item
from recirc.operators.facade import membership_of, operator_refs, outlet_ref
from recirc.policing.facade import alerts_for_item

PRINT_LIMIT = 2000
CHECK_LABELS = {
    "watchlist": _("Stolen-goods watchlist"), "tac": _("TAC and declared brand"),
    "clone": _("Same IMEI on another item"),
    "repeat_seller": _("Repeat seller"), "price": _("Price against value"), "age": _("Seller's age"),
    "imei": _("IMEI check digit"),
}
RESULT_BADGES = {"clear": "ok", "hit": "bad", "unverified": "warn"}
RESULT_LABELS = {"clear": _("clear"), "hit": _("hit"), "unverified": _("unverified")}
ALERT_STATUS_LABELS = {"open": _("open"), "acknowledged": _("acknowledged by the police"), "closed": _("closed")}


def _walk(nodes: Iterable[CategoryNode], leaf_only: bool, by_code: bool) -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = []
    for node in nodes:
        if node.category.is_leaf or not leaf_only:
            key = node.category.code if by_code else str(node.category.id)
            choices.append((key, "— " * node.depth + node.category.display_name))
        choices.extend(_walk(node.children, leaf_only, by_code))
    return choices


def category_choices(*, leaf_only: bool = False, by_code: bool = False) -> list[tuple[str, str]]:
    return _walk(category_tree(), leaf_only, by_code)


def requested_category(request: HttpRequest) -> CategoryRef | None:
    raw = (request.POST or request.GET).get("category", "")
    if not raw.isdigit():
        return None
    try:
        return category_get(int(raw))
    except NotFound:
        return None


def check_rows(checks: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"label": CHECK_LABELS.get(check["source"], check["source"]), "result": check["result"],
             "result_label": RESULT_LABELS.get(check["result"], check["result"]),
             "badge": RESULT_BADGES.get(check["result"], ""), "detail": check.get("detail", ""),
             "checked_at": _moment(check.get("checked_at"))} for check in checks]


def _moment(value: Any) -> dt.datetime | None:
    try:
        return timezone.localtime(dt.datetime.fromisoformat(str(value)))
    except (TypeError, ValueError):
        return None


def checks_badge(checks: Iterable[Mapping[str, Any]]) -> str:
    results = {check["result"] for check in checks}
    return "bad" if "hit" in results else ("warn" if "unverified" in results else "ok")


def rows(entries: Iterable[AcquisitionEntry]) -> list[dict[str, Any]]:
    """Table rows: the entry with its category name, outlet name, checks summary, and whether it was corrected."""
    entries = list(entries)
    names = {category.code: category.display_name for category in category_list(include_inactive=True)}
    corrected = set(AcquisitionEntry.objects.filter(corrects_id__in=[entry.pk for entry in entries])
                    .values_list("corrects_id", flat=True))
    outlets = {pk: outlet_ref(pk, scope=selectors.CITY_WIDE).name for pk in {entry.outlet_id for entry in entries}}
    return [{"entry": entry, "category_name": names.get(entry.category_code, entry.category_code),
             "outlet_name": outlets.get(entry.outlet_id, ""), "checks_badge": checks_badge(entry.checks),
             "hits": sum(1 for check in entry.checks if check["result"] == "hit"),
             "check_rows": check_rows(entry.checks),
             "corrected": entry.pk in corrected} for entry in entries]


def _may_correct(actor: Any, entry: AcquisitionEntry) -> bool:
    membership = membership_of(actor) if policy.may_record(actor) else None
    return membership is not None and membership.operator_id == entry.operator_id and (
        membership.outlet_id in (None, entry.outlet_id))


def _photos(entry: AcquisitionEntry, older: list[AcquisitionEntry]) -> list[AcquisitionPhoto]:
    """The intake photos: a correction shows those of the entry it corrects."""
    ids = [entry.pk, *(version.pk for version in older)]
    return list(AcquisitionPhoto.objects.filter(entry_id__in=ids).order_by("kind", "id"))


def entry_context(actor: Any, entry_id: int) -> dict[str, Any]:
    entry = selectors.entry_get(actor, entry_id)
    versions = selectors.corrections_of(entry)
    category_name = category_get(entry.category_code).display_name if entry.category_code else ""
    operator = operator_refs([entry.operator_id]).get(entry.operator_id)
    return {
        "entry": entry, "versions": versions, "category_name": category_name,
        "outlet": outlet_ref(entry.outlet_id, scope=selectors.CITY_WIDE),
        "operator_name": operator.name if operator else "", "checks": check_rows(entry.checks),
        "alerts": [{"reason": alert.reason, "status": ALERT_STATUS_LABELS.get(alert.status, alert.status)}
                   for alert in alerts_for_item(entry.item_id)],
        "holds": [hold for hold in holds_for_item(entry.item_id) if hold.is_active],
        "photos": _photos(entry, versions["older"]),
        "may_correct": versions["is_current"] and _may_correct(actor, entry),
        "may_reveal": policy.reveal_purpose(actor, entry.operator_id) is not None,
    }


def _date(value: str | None, default: dt.date | None) -> dt.date | None:
    parsed = parse_date(value) if value else None
    return parsed or default


def print_context(actor: Any, params: Mapping[str, str]) -> dict[str, Any]:
    """One outlet's register for a date range (default: today), in chain order, with the chain's status."""
    outlets = selectors.register_outlets(actor)
    raw = params.get("outlet") or ""
    outlet_id = int(raw) if raw.isdigit() else (outlets[0][0] if outlets else 0)
    try:
        outlet = selectors.outlet_of(actor, outlet_id)
    except DomainError as error:
        raise NotFound() from error
    today = timezone.localdate()
    date_from, date_to = _date(params.get("date_from"), today), _date(params.get("date_to"), today)
    entries = list(selectors.print_rows(actor, outlet=outlet.id, date_from=date_from, date_to=date_to)[:PRINT_LIMIT])
    operator = operator_refs([outlet.operator_id]).get(outlet.operator_id)
    statuses = selectors.chain_statuses(outlet_ids=[outlet.id]) if entries else []
    return {"outlet": outlet, "operator": operator, "date_from": date_from, "date_to": date_to,
            "rows": rows(entries), "truncated": len(entries) >= PRINT_LIMIT, "outlets": outlets,
            "chain": statuses[0] if statuses else None, "printed_at": timezone.now(), "printed_by": actor}
