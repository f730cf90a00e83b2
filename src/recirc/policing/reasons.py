"""Why an alert or a check was raised: a stable code with JSON parameters, rendered in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.policing.models import WatchlistKind

IDENTIFIER_LABELS = {"imei": _("IMEI"), "meid": _("MEID"), "serial": _("Serial number"), "mac": _("MAC address"),
                     "network_licence": _("Network-access licence number")}

MESSAGES: dict[str, Any] = {
    "watchlist_exact": _("%(identifier_label)s %(identifier)s is on the watchlist: case %(case_number)s "
                         "(%(entry_kind)s), reported by %(reporting_unit)s."),
    "watchlist_fuzzy": _("The description fits watchlist case %(case_number)s (%(entry_kind)s), reported by "
                         "%(reporting_unit)s: score %(score)s, shared features: %(shared)s."),
    "imei_invalid": _("IMEI %(identifier)s fails its check digit: it may have been altered."),
    "tac_mismatch": _("IMEI %(identifier)s belongs to %(tac_brand)s devices (TAC %(tac)s), but the item is declared "
                      "as %(declared_brand)s: counterfeit review."),
    "imei_clone": _("%(identifier_label)s %(identifier)s is also on %(count)s other item(s) in circulation "
                    "(%(codes)s): suspected clone."),
    "repeat_seller": _("The same seller brought %(count)s items of this category within %(days)s days "
                       "(alert from %(threshold)s)."),
    "price_below_value": _("Price paid %(price)s is %(percent)s%% of the evaluated value %(value)s (alert below "
                           "%(threshold)s%%)."),
    "seller_minor": _("The seller is %(age)s, under the minimum age of %(minimum)s."),
}


def _labelled(params: Mapping[str, Any]) -> dict[str, Any]:
    rendered = dict(params)
    if "identifier_kind" in rendered:
        rendered["identifier_label"] = str(IDENTIFIER_LABELS.get(rendered["identifier_kind"],
                                                                 rendered["identifier_kind"]))
    if "entry_kind" in rendered and rendered["entry_kind"] in WatchlistKind.values:
        rendered["entry_kind"] = str(WatchlistKind(rendered["entry_kind"]).label)
    if isinstance(rendered.get("shared"), list):
        rendered["shared"] = "、".join(str(word) for word in rendered["shared"])
    return rendered


def reason_text(code: str, params: Mapping[str, Any]) -> str:
    """The reason in the active language; an unknown code shows as itself (never fails a page)."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    try:
        return str(template) % _labelled(params)
    except (KeyError, TypeError, ValueError):
        return str(template)
