"""Test data for the review queue: operator A's phones published through the listings services (a phone without
its network-access licence number is screened "review" and joins the queue), moderators, and a snapshot of
everything a refused request must leave unchanged."""

from __future__ import annotations

from typing import Any

from recirc.core.models import AuditEvent
from recirc.listings.models import Listing, PublicListing, SearchEntry
from recirc.listings.tests.factories import published, ready_phone
from recirc.moderation.models import Appeal, ModerationDecision, ReviewItem, Strike, Suspension

REASON = "标题与描述自称“高仿”，属于假冒注册商标商品，平台不允许发布。"


def queued(world: dict[str, Any], serial: int = 123456, **fields: Any) -> tuple[Listing, ReviewItem]:
    """A published phone listing of operator A and its open review item."""
    listing = published(world, ready_phone(world, serial), **fields)
    return listing, ReviewItem.objects.get(subject_id=listing.pk, state="open")


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(),
            list(ReviewItem.objects.order_by("pk").values_list("pk", "state", "decided_at")),
            list(ModerationDecision.objects.order_by("pk").values_list("pk", "kind")),
            list(Appeal.objects.order_by("pk").values_list("pk", "state", "answer")),
            list(Strike.objects.order_by("pk").values_list("pk", "overturned_at")),
            list(Suspension.objects.order_by("pk").values_list("pk", "lifted_at")),
            list(Listing.objects.order_by("pk").values_list("pk", "status", "takedown_ref")),
            SearchEntry.objects.count(), PublicListing.objects.count())
