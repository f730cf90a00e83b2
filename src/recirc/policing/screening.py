"""Intake screening: the watchlist (exact, then by description) and the suspicion rules, inside the caller's
transaction (the register's). Alerts go to the police queue (notified after commit); an exact watchlist
match, or a description match at or above FUZZY_HOLD_THRESHOLD, puts the item on a watchlist hold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.policing.alerts import alert_raise, entry_params, watchlist_hold
from recirc.policing.contracts import CheckRef, IntakeFacts, ScreeningResult
from recirc.policing.matching import description_hits, exact_hits, normalised_identifiers
from recirc.policing.models import AlertKind, ScreeningOutcome, ScreeningRecord, WatchlistEntry
from recirc.policing.policy import policy_float
from recirc.policing.refs import alert_ref
from recirc.policing.rules import CLEAR, HIT, RULES, AlertDraft, RuleOutcome
from recirc.policing.text import Profile, profile_of


def watchlist_drafts(identifiers: tuple[tuple[str, str], ...], profile: Profile,
                     category_code: str) -> list[AlertDraft]:
    """Exact identifier hits (each held), then description hits for the other entries."""
    exact = exact_hits(identifiers)
    threshold, hold_from = policy_float("FUZZY_MATCH_THRESHOLD"), policy_float("FUZZY_HOLD_THRESHOLD")
    fuzzy = description_hits(profile, category_code, threshold=threshold, max_chance=policy_float("FUZZY_MAX_CHANCE"),
                             exclude={hit.entry_id for hit in exact})
    entries = WatchlistEntry.objects.in_bulk([hit.entry_id for hit in exact] + [hit.entry_id for hit in fuzzy])
    drafts = [AlertDraft(kind=AlertKind.WATCHLIST_EXACT, score=Decimal(100), reason_code=AlertKind.WATCHLIST_EXACT,
                         params={**entry_params(entries[hit.entry_id]), "identifier_kind": hit.kind,
                                 "identifier": hit.value}, entry_id=hit.entry_id, hold=True) for hit in exact]
    seen = {draft.entry_id for draft in drafts}
    drafts += [AlertDraft(kind=AlertKind.WATCHLIST_FUZZY, score=Decimal(str(hit.match.score)),
                          reason_code=AlertKind.WATCHLIST_FUZZY,
                          params={**entry_params(entries[hit.entry_id]), "score": str(hit.match.score),
                                  "shared": list(hit.match.shared)},
                          entry_id=hit.entry_id, hold=hit.match.score >= hold_from)
               for hit in fuzzy if hit.entry_id not in seen]
    return drafts


def _watchlist_check(drafts: list[AlertDraft], now: dt.datetime) -> RuleOutcome:
    if not drafts:
        return RuleOutcome(check=CheckRef(source="watchlist", checked_at=now, result=CLEAR,
                                          detail=_("No match on the stolen-goods watchlist.")))
    exact = sum(1 for draft in drafts if draft.kind == AlertKind.WATCHLIST_EXACT)
    detail = _("Watchlist: %(exact)s identifier match(es), %(fuzzy)s description match(es).") % {
        "exact": exact, "fuzzy": len(drafts) - exact}
    return RuleOutcome(check=CheckRef(source="watchlist", checked_at=now, result=HIT, detail=detail),
                       alerts=tuple(drafts))


@transaction.atomic(savepoint=False)  # inside the register's transaction: a failure ends it anyway
def screen_intake(*, actor: Any, facts: IntakeFacts) -> ScreeningResult:
    now = timezone.now()
    profile = profile_of(brand=facts.brand, model_name=facts.model_name, colour=facts.colour,
                         description=facts.description, title=facts.title)
    identifiers = tuple(normalised_identifiers(facts.identifiers))
    outcomes = [_watchlist_check(watchlist_drafts(identifiers, profile, facts.category_code), now)]
    outcomes += [outcome for rule in RULES if (outcome := rule(facts, now)) is not None]
    alerts, held = [], False
    for draft in (draft for outcome in outcomes for draft in outcome.alerts):
        alert, _created = alert_raise(draft=draft, item_id=facts.item_id, operator_id=facts.operator_id,
                                      source_ref=facts.source_ref, actor=actor)
        if draft.hold:
            held = watchlist_hold(alert) is not None or held
        alerts.append(alert)
    record = ScreeningRecord.objects.create(
        item_id=facts.item_id, operator_id=facts.operator_id, category_code=facts.category_code,
        seller_index=facts.seller_index, price=facts.price, match_tokens=profile.dump(), source_ref=facts.source_ref,
        result=ScreeningOutcome.ALERT if alerts else ScreeningOutcome.CLEAR)
    audit_record(actor=actor, action="policing.intake_screened", target=record, operator_id=facts.operator_id,
                 payload={"item_id": facts.item_id, "source_ref": facts.source_ref, "held": held,
                          "alerts": [alert.pk for alert in alerts],
                          "checks": {outcome.check.source: outcome.check.result for outcome in outcomes}})
    return ScreeningResult(checks=tuple(outcome.check for outcome in outcomes),
                           alerts=tuple(alert_ref(alert) for alert in alerts), held=held)
