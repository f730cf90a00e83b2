"""Writes of the review queue: a listing joins the queue when screening sends it to review (or opens a counterfeit
case); a moderator approves it (it stays) or takes it down (a category of the taxonomy in force and a reason the
seller reads; listings hides it everywhere in the same transaction); the seller appeals once; another moderator
upholds the takedown or grants the appeal (the listing is reinstated and the strike overturned).

Each is one transaction with its audit events. Each checks who (403), then the state (409: an item decided by
another moderator a moment earlier is refused, under the item's row lock), then the input (422), and writes
nothing when it refuses.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.listings.facade import ListingOffer, listing_offer, listing_reinstate, listing_take_down
from recirc.moderation import screening_services
from recirc.moderation.models import (
    Appeal,
    AppealState,
    CaseState,
    DecisionKind,
    ModerationDecision,
    ReviewItem,
    ReviewKind,
    ReviewState,
    ScreeningCase,
    ScreeningVerdict,
    SellerKind,
)
from recirc.moderation.queue_errors import (
    AlreadyDecided,
    AppealAlreadyDecided,
    AppealExists,
    AppealNotFound,
    ReviewItemNotFound,
    SameModerator,
    TakedownNotFound,
)
from recirc.moderation.queue_policy import require_moderator, require_seller
from recirc.moderation.queue_strikes import strike_add, strike_overturn
from recirc.moderation.screening_selectors import spec_in_force
from recirc.moderation.validation import Checker

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32, as listing numbers
REASON_LIMIT, STATEMENT_LIMIT, ANSWER_LIMIT = 1000, 2000, 1000


def new_reference() -> str:
    """A decision number such as MD261201-7K3QF: the day and 5 random characters."""
    while True:
        code = f"MD{timezone.localdate():%y%m%d}-{''.join(secrets.choice(CODE_ALPHABET) for _index in range(5))}"
        if not ModerationDecision.objects.filter(reference=code).exists():
            return code


def seller_of(offer: ListingOffer) -> tuple[str, int]:
    if offer.seller_kind == SellerKind.CONSUMER and offer.seller_user_id is not None:
        return SellerKind.CONSUMER, offer.seller_user_id
    return SellerKind.OPERATOR, offer.seller_operator_id or 0


def _categories(verdict: ScreeningVerdict) -> str:
    codes = list(dict.fromkeys(str(reason.get("category", "")) for reason in verdict.reasons or []))
    return "|" + "|".join(code for code in codes if code) + "|" if codes else ""


def review_item_enqueue(*, actor: Any, verdict_id: int, case_id: int | None, listing_code: str) -> ReviewItem:
    """Put a listing in the queue for its "review" verdict or counterfeit case (in the caller's transaction, the
    publishing one); a listing already waiting keeps its place and points at the newest verdict."""
    verdict = ScreeningVerdict.objects.get(pk=verdict_id)
    kind = ReviewKind.COUNTERFEIT if case_id is not None else ReviewKind.REVIEW
    item = ReviewItem.objects.select_for_update().filter(subject_kind=verdict.subject_kind,
                                                         subject_id=verdict.subject_id,
                                                         state=ReviewState.OPEN).first()
    if item is not None:
        item.verdict, item.categories = verdict, _categories(verdict)
        item.case_id = case_id or item.case_id
        item.kind = ReviewKind.COUNTERFEIT if item.case_id else kind
        item.save(update_fields=["verdict", "categories", "case", "kind"])
        return item
    item = ReviewItem.objects.create(kind=kind, subject_kind=verdict.subject_kind, subject_id=verdict.subject_id,
                                     listing_code=listing_code, categories=_categories(verdict), verdict=verdict,
                                     case_id=case_id)
    audit_record(actor=actor, action="moderation.review_item_opened", target=item,
                 payload={"kind": kind, "subject": f"{item.subject_kind}:{item.subject_id}", "verdict": verdict.pk})
    return item


def _locked_open(item_id: int) -> ReviewItem:
    item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise ReviewItemNotFound()
    if item.state != ReviewState.OPEN:
        raise AlreadyDecided(params={"state": ReviewState(item.state).label})
    return item


def _decide(actor: Any, item: ReviewItem, kind: str, offer: ListingOffer, category: str = "",
            reason: str = "") -> ModerationDecision:
    seller_kind, seller_id = seller_of(offer)
    now = timezone.now()
    decision = ModerationDecision.objects.create(
        reference=new_reference(), item=item, kind=kind, subject_kind=item.subject_kind, subject_id=item.subject_id,
        listing_code=offer.code, seller_kind=seller_kind, seller_id=seller_id, category=category, reason=reason,
        moderator=actor, decided_at=now)
    item.state = ReviewState.APPROVED if kind == DecisionKind.APPROVE else ReviewState.TAKEN_DOWN
    item.decided_at = now
    item.save(update_fields=["state", "decided_at"])
    if item.case_id is not None and ScreeningCase.objects.filter(pk=item.case_id, state=CaseState.OPEN).exists():
        screening_services.case_close(actor=actor, case_id=item.case_id,
                                      outcome="cleared" if kind == DecisionKind.APPROVE else "confirmed")
    return decision


@transaction.atomic
def review_approve(*, actor: Any, item_id: int) -> ModerationDecision:
    """The listing may stay: the item (and its counterfeit case) is closed."""
    require_moderator(actor)
    item = _locked_open(item_id)
    decision = _decide(actor, item, DecisionKind.APPROVE, listing_offer(item.subject_id))
    audit_record(actor=actor, action="moderation.review_approved", target=decision,
                 payload={"reference": decision.reference, "listing": decision.listing_code, "item": item.pk})
    return decision


def _takedown_input(category: str, reason: str) -> tuple[str, str]:
    check = Checker()
    code = check.text("category", category, limit=60, required=True)
    text = check.text("reason", reason, limit=REASON_LIMIT, required=True)
    if code and code not in spec_in_force()[1].by_code:
        check.add("category", _("Choose a category of the prohibited-goods taxonomy in force."))
    check.raise_if_any()
    return code, text


@transaction.atomic
def review_take_down(*, actor: Any, item_id: int, category: str, reason: str) -> ModerationDecision:
    """Take the listing down: the decision, the listing hidden everywhere (listings facade), the case closed as
    confirmed, and a strike on the seller (which may suspend them), all in this transaction."""
    require_moderator(actor)
    item = _locked_open(item_id)
    code, text = _takedown_input(category, reason)
    decision = _decide(actor, item, DecisionKind.TAKE_DOWN, listing_offer(item.subject_id), code, text)
    listing_take_down(actor=actor, listing_id=item.subject_id, reason=text, decision_ref=decision.reference)
    audit_record(actor=actor, action="moderation.listing_taken_down", target=decision,
                 payload={"reference": decision.reference, "listing": decision.listing_code, "category": code,
                          "seller": f"{decision.seller_kind}:{decision.seller_id}", "item": item.pk})
    strike_add(actor=actor, decision=decision)
    return decision


def standing_takedown(listing_id: int) -> tuple[ListingOffer, ModerationDecision]:
    """The listing and the takedown decision that stands on it; TakedownNotFound when it is not taken down."""
    offer = listing_offer(listing_id)
    decision = ModerationDecision.objects.filter(reference=offer.takedown_ref, kind=DecisionKind.TAKE_DOWN,
                                                 subject_id=listing_id).first()
    if offer.status != "taken_down" or decision is None:
        raise TakedownNotFound()
    return offer, decision


@transaction.atomic
def appeal_file(*, actor: Any, listing_id: int, statement: str) -> Appeal:
    """The seller appeals the takedown that stands on their listing, once, with a statement."""
    require_seller(actor, listing_id)
    _offer, decision = standing_takedown(listing_id)
    ModerationDecision.objects.select_for_update().filter(pk=decision.pk).first()
    if Appeal.objects.filter(decision=decision).exists():
        raise AppealExists()
    check = Checker()
    text = check.text("statement", statement, limit=STATEMENT_LIMIT, required=True)
    check.raise_if_any()
    appeal = Appeal.objects.create(decision=decision, statement=text, filed_by=actor)
    audit_record(actor=actor, action="moderation.appeal_filed", target=appeal,
                 payload={"decision": decision.reference, "listing": decision.listing_code})
    return appeal


@transaction.atomic
def appeal_decide(*, actor: Any, appeal_id: int, grant: bool, answer: str) -> Appeal:
    """Another moderator decides: uphold (the listing stays down, the strike stands) or grant (the listing is
    reinstated, the strike overturned and a suspension it brought lifted when the count falls below)."""
    require_moderator(actor)
    appeal = Appeal.objects.select_for_update().select_related("decision").filter(pk=appeal_id).first()
    if appeal is None:
        raise AppealNotFound()
    if appeal.decision.moderator_id == actor.pk:
        raise SameModerator()
    if appeal.state != AppealState.PENDING:
        raise AppealAlreadyDecided(params={"state": AppealState(appeal.state).label})
    check = Checker()
    text = check.text("answer", answer, limit=ANSWER_LIMIT, required=True)
    check.raise_if_any()
    appeal.state = AppealState.GRANTED if grant else AppealState.UPHELD
    appeal.answer, appeal.decided_by, appeal.decided_at = text, actor, timezone.now()
    appeal.save(update_fields=["state", "answer", "decided_by", "decided_at"])
    decision = appeal.decision
    if grant:
        listing_reinstate(actor=actor, listing_id=decision.subject_id, decision_ref=decision.reference)
        strike_overturn(actor=actor, decision=decision, appeal_id=appeal.pk)
    audit_record(actor=actor, action=f"moderation.appeal_{appeal.state}", target=appeal,
                 payload={"decision": decision.reference, "listing": decision.listing_code})
    return appeal
