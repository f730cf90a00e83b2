"""Suspicion rules (REGULATIONS.md sections 2 and 6). Each is a named function of the intake facts that returns
the check it made (clear / hit / unverified, with a detail) and the alerts it raises, each with its reason.
They write nothing: screening.py stores the alerts. Numbers come from policy (settings.RECIRC_POLICY)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from stdnum import imei as stdnum_imei

from recirc.catalog.facade import tac_brand_verdict, tac_lookup
from recirc.core.errors import DomainError
from recirc.core.money import format_cny
from recirc.items.facade import ItemState, identifier_holders, identifier_normalise
from recirc.policing.contracts import CheckRef, IntakeFacts
from recirc.policing.models import AlertKind
from recirc.policing.policy import policy_decimal, policy_int
from recirc.policing.reasons import reason_text
from recirc.policing.statements import screenings_since

CLEAR, HIT, UNVERIFIED = "clear", "hit", "unverified"
# A device still at an operator or with the police: the same identifier on another one is a clone signal
# (a device sold or returned earlier and brought back is the same device, not a clone).
PRESENT_STATES = frozenset({ItemState.INTAKE, ItemState.IN_STOCK, ItemState.LISTED, ItemState.RESERVED,
                            ItemState.RENTED_OUT, ItemState.ON_HOLD, ItemState.SEIZED})
CLONE_KINDS = ("imei", "meid")
SCORES = {AlertKind.IMEI_INVALID: Decimal(90), AlertKind.TAC_MISMATCH: Decimal(70), AlertKind.IMEI_CLONE: Decimal(80),
          AlertKind.REPEAT_SELLER: Decimal(60), AlertKind.PRICE_BELOW_VALUE: Decimal(60),
          AlertKind.SELLER_MINOR: Decimal(100)}
SEPARATORS = re.compile(r"[\s\-‐‑‒–—―－_]+")


@dataclass(frozen=True)
class AlertDraft:
    kind: str
    score: Decimal
    reason_code: str
    params: dict[str, Any]
    entry_id: int | None = None
    hold: bool = False


@dataclass(frozen=True)
class RuleOutcome:
    check: CheckRef
    alerts: tuple[AlertDraft, ...] = field(default=())


def _draft(kind: str, params: dict[str, Any]) -> AlertDraft:
    return AlertDraft(kind=kind, score=SCORES[AlertKind(kind)], reason_code=kind, params=params)


def _outcome(source: str, now: dt.datetime, result: str, detail: str, alerts: tuple[AlertDraft, ...] = ()
             ) -> RuleOutcome:
    return RuleOutcome(check=CheckRef(source=source, checked_at=now, result=result, detail=detail), alerts=alerts)


def _hits(source: str, now: dt.datetime, alerts: list[AlertDraft]) -> RuleOutcome:
    detail = " ".join(reason_text(alert.reason_code, alert.params) for alert in alerts)
    return _outcome(source, now, HIT, detail, tuple(alerts))


def _imeis(facts: IntakeFacts) -> list[str]:
    return [SEPARATORS.sub("", value) for kind, value in facts.identifiers if kind == "imei"]


def rule_invalid_imei(facts: IntakeFacts, now: dt.datetime) -> RuleOutcome | None:
    """An IMEI whose check digit fails (or that is not an IMEI at all) may have been altered."""
    imeis = _imeis(facts)
    if not imeis:
        return None
    bad = [value for value in imeis if not stdnum_imei.is_valid(value)]
    if bad:
        return _hits("imei", now, [_draft(AlertKind.IMEI_INVALID, {"identifier": value}) for value in bad])
    return _outcome("imei", now, CLEAR, _("Every IMEI passes its check digit (%(count)s).") % {"count": len(imeis)})


def rule_tac_mismatch(facts: IntakeFacts, now: dt.datetime) -> RuleOutcome | None:
    """The TAC (first 8 digits) names another brand than the declared one: counterfeit review. An unknown
    TAC or a missing brand is "unverified", never a mismatch."""
    imeis = [value for value in _imeis(facts) if stdnum_imei.is_valid(value)]
    if not imeis:
        return None
    verdicts = {value: tac_brand_verdict(value, facts.brand) for value in imeis}
    alerts = []
    for value, verdict in verdicts.items():
        if verdict == "mismatch":
            entry = tac_lookup(value)
            alerts.append(_draft(AlertKind.TAC_MISMATCH, {
                "identifier": value, "tac": value[:8], "tac_brand": entry.brand if entry else "",
                "declared_brand": facts.brand}))
    if alerts:
        return _hits("tac", now, alerts)
    if any(verdict != "match" for verdict in verdicts.values()):
        return _outcome("tac", now, UNVERIFIED, _("The TAC is not in the TAC database or no brand was declared: "
                                                  "the brand could not be verified."))
    return _outcome("tac", now, CLEAR, _("The TAC fits the declared brand %(brand)s.") % {"brand": facts.brand})


def rule_identifier_clone(facts: IntakeFacts, now: dt.datetime) -> RuleOutcome | None:
    """The same IMEI (or MEID) on another item still in circulation: a cloned or re-used identifier."""
    pairs = [(kind, value) for kind, value in facts.identifiers if kind in CLONE_KINDS]
    if not pairs:
        return None
    holders = identifier_holders(pairs)  # one query; identifiers that are not valid are left out
    alerts = []
    for kind, value in pairs:
        try:
            found = holders.get(identifier_normalise(kind, value), [])
        except DomainError:
            continue  # not a valid identifier: the invalid-IMEI rule reports it
        others = [holder for holder in found if holder.item_id != facts.item_id and holder.state in PRESENT_STATES]
        if others:
            alerts.append(_draft(AlertKind.IMEI_CLONE, {
                "identifier_kind": kind, "identifier": value, "count": len(others),
                "codes": ", ".join(holder.code for holder in others[:5]),
                "item_ids": [holder.item_id for holder in others]}))
    if alerts:
        return _hits("clone", now, alerts)
    return _outcome("clone", now, CLEAR, _("No other item in circulation carries these identifiers."))


def rule_repeat_seller(facts: IntakeFacts, now: dt.datetime) -> RuleOutcome:
    """One seller bringing REPEAT_SELLER_ITEMS or more items of one category within REPEAT_SELLER_DAYS days
    (at any operator of the city; the seller is known only by the vault's pseudonym)."""
    if not facts.seller_index:
        return _outcome("repeat_seller", now, UNVERIFIED, _("No seller pseudonym was given: not checked."))
    days, threshold = policy_int("REPEAT_SELLER_DAYS"), policy_int("REPEAT_SELLER_ITEMS")
    earlier = screenings_since(seller_index=facts.seller_index, category_code=facts.category_code,
                               since=now - dt.timedelta(days=days), other_than_item=facts.item_id)
    count = earlier + 1
    if count >= threshold:
        return _hits("repeat_seller", now, [_draft(AlertKind.REPEAT_SELLER, {
            "count": count, "days": days, "threshold": threshold})])
    return _outcome("repeat_seller", now, CLEAR, _("%(count)s item(s) of this category from this seller within "
                                                   "%(days)s days.") % {"count": count, "days": days})


def _percent(value: Decimal) -> str:
    return str((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rule_price_below_value(facts: IntakeFacts, now: dt.datetime) -> RuleOutcome:
    """Price paid below PRICE_BELOW_VALUE_RATIO of the evaluated value; skipped until an evaluation exists."""
    if facts.estimated_value is None or facts.estimated_value <= 0:
        return _outcome("price", now, UNVERIFIED, _("No evaluated value yet: the price was not compared."))
    ratio, limit = facts.price / facts.estimated_value, policy_decimal("PRICE_BELOW_VALUE_RATIO")
    if ratio < limit:
        return _hits("price", now, [_draft(AlertKind.PRICE_BELOW_VALUE, {
            "price": format_cny(facts.price), "value": format_cny(facts.estimated_value), "percent": _percent(ratio),
            "threshold": _percent(limit)})])
    return _outcome("price", now, CLEAR, _("The price paid is %(percent)s%% of the evaluated value.")
                    % {"percent": _percent(ratio)})


def rule_seller_minor(facts: IntakeFacts, now: dt.datetime) -> RuleOutcome:
    """A seller under MINIMUM_AGE_TO_SELL."""
    if facts.seller_age is None:
        return _outcome("age", now, UNVERIFIED, _("The seller's age is not known (an organisation, or not given)."))
    minimum = policy_int("MINIMUM_AGE_TO_SELL")
    if facts.seller_age < minimum:
        return _hits("age", now, [_draft(AlertKind.SELLER_MINOR, {"age": facts.seller_age, "minimum": minimum})])
    return _outcome("age", now, CLEAR, _("The seller is of age."))


RULES: tuple[Callable[[IntakeFacts, dt.datetime], RuleOutcome | None], ...] = (
    rule_invalid_imei, rule_tac_mismatch, rule_identifier_clone, rule_repeat_seller, rule_price_below_value,
    rule_seller_minor,
)
