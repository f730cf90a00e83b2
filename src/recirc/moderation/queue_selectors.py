"""Reads of the review queue, scoped to the actor by construction: moderators and administrators read the queue,
appeals and suspensions; a seller reads the takedown of their own listing (with its appeal, their strikes and
suspension); anyone else is refused (403) and a missing object is 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recirc.listings.facade import ListingOffer, listing_offers
from recirc.moderation.models import (
    Appeal,
    AppealState,
    DecisionKind,
    ModerationDecision,
    ReviewItem,
    ReviewKind,
    ReviewState,
    Suspension,
)
from recirc.moderation.queue_errors import AppealNotFound, QueueForbidden, ReviewItemNotFound, TakedownNotFound
from recirc.moderation.queue_policy import may_see_takedown, require_moderator
from recirc.moderation.queue_strikes import active_suspension, standing_strikes
from recirc.moderation.screening_selectors import spec_in_force
from recirc.operators.facade import operator_refs


def category_names() -> dict[str, str]:
    """The taxonomy in force's category names in the reader's language, by code."""
    chinese = (get_language() or "").startswith("zh")
    return {category.code: category.name_zh if chinese else category.name_en
            for category in spec_in_force()[1].categories}


def category_choices() -> list[tuple[str, str]]:
    return list(category_names().items())


def queue_list(actor: Any, *, kind: str = "", category: str = "", query: str = "") -> QuerySet[ReviewItem]:
    """The open items, oldest first; filtered by kind, reason category and listing number."""
    require_moderator(actor)
    items = ReviewItem.objects.filter(state=ReviewState.OPEN).select_related("verdict")
    if kind in ReviewKind.values:
        items = items.filter(kind=kind)
    if category:
        items = items.filter(categories__contains=f"|{category}|")
    code = "".join((query or "").split()).upper()
    if code:
        items = items.filter(listing_code__contains=code)
    return items.order_by("opened_at", "id")


def queue_counts(actor: Any) -> dict[str, int]:
    require_moderator(actor)
    return {"open": ReviewItem.objects.filter(state=ReviewState.OPEN).count(),
            "appeals": Appeal.objects.filter(state=AppealState.PENDING).count(),
            "suspensions": suspensions_active(actor).count()}


def review_item_get(actor: Any, item_id: int) -> ReviewItem:
    require_moderator(actor)
    item = ReviewItem.objects.select_related("verdict", "case").filter(pk=item_id).first()
    if item is None:
        raise ReviewItemNotFound()
    return item


def offers_for(items: list[Any], field: str = "subject_id") -> dict[int, ListingOffer]:
    return listing_offers([getattr(item, field) for item in items])


def seller_names(sellers: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Who sells, for moderators: the operator's registered name (one query for a page); an individual is shown
    as "individual seller" (the listing's page tells the moderator more; no per-row user look-ups)."""
    operators = operator_refs(seller_id for kind, seller_id in sellers if kind == "operator")
    names = {("operator", pk): ref.name for pk, ref in operators.items()}
    names.update({(kind, seller_id): str(_("Individual seller")) for kind, seller_id in sellers if kind == "consumer"})
    return names


def seller_of_offer(offer: ListingOffer | None) -> tuple[str, int]:
    if offer is None:
        return ("", 0)
    if offer.seller_kind == "consumer":
        return ("consumer", offer.seller_user_id or 0)
    return ("operator", offer.seller_operator_id or 0)


def appeals_pending(actor: Any) -> QuerySet[Appeal]:
    require_moderator(actor)
    return Appeal.objects.filter(state=AppealState.PENDING).select_related("decision").order_by("filed_at", "id")


def appeal_get(actor: Any, appeal_id: int) -> Appeal:
    require_moderator(actor)
    appeal = Appeal.objects.select_related("decision", "decision__moderator").filter(pk=appeal_id).first()
    if appeal is None:
        raise AppealNotFound()
    return appeal


def suspensions_active(actor: Any) -> QuerySet[Suspension]:
    require_moderator(actor)
    now = timezone.now()
    return (Suspension.objects.filter(lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
            .select_related("decision").order_by("ends_at", "id"))


@dataclass(frozen=True)
class TakedownView:
    """What the seller (and a moderator) sees of a takedown on a listing."""

    offer: ListingOffer
    decision: ModerationDecision
    category_name: str
    appeal: Appeal | None
    strikes: int
    suspension: Suspension | None


def takedown_for_listing(actor: Any, listing_id: int) -> TakedownView:
    """The latest takedown of the listing (standing, or reinstated on appeal) with its appeal; 403 for anyone but
    the seller and moderators, 404 when the listing was never taken down."""
    if not may_see_takedown(actor, listing_id):
        raise QueueForbidden()
    offer = listing_offers([listing_id]).get(listing_id)
    decision = (ModerationDecision.objects.filter(kind=DecisionKind.TAKE_DOWN, subject_kind="listing",
                                                  subject_id=listing_id)
                .order_by("-decided_at", "-id").first()) if offer else None
    if offer is None or decision is None:
        raise TakedownNotFound()
    appeal = Appeal.objects.filter(decision=decision).first()
    return TakedownView(offer=offer, decision=decision,
                        category_name=category_names().get(decision.category, decision.category), appeal=appeal,
                        strikes=standing_strikes(decision.seller_kind, decision.seller_id),
                        suspension=active_suspension(decision.seller_kind, decision.seller_id))
