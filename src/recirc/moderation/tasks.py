"""Celery tasks of moderation: the announced rules take effect on their date (`moderation.rules_bring_into_force`,
on the beat schedule). Idempotent: a second run finds nothing due.

The semantic screening pass (`moderation.listing_screen_semantic`, ADR 0012): the sentence model adds about
140 MB to a process, so a web request screens without it and, when RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT is on
(by default when a broker runs tasks in separate workers; off when tasks run eagerly in the web process), a
publication check queues the full screen after the publish or edit commits. The task records a new verdict only
when the outcome got worse than the listing's last one (allow -> review): the semantic pass can only ask for
review."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import transaction

from recirc.core.errors import NotFound
from recirc.listings.facade import ListingStatus, ListingText, listing_offer
from recirc.moderation.models import Outcome, ScreeningVerdict
from recirc.moderation.services import rules_bring_into_force_due

SEVERITY: dict[str, int] = {Outcome.ALLOW: 0, Outcome.REVIEW: 1, Outcome.BLOCK: 2}


@shared_task(name="moderation.rules_bring_into_force")
def rules_bring_into_force_task() -> list[int]:
    return [rules.version for rules in rules_bring_into_force_due()]


def semantic_after_commit(actor: Any, text: ListingText) -> None:
    """A publication check (listings' port) that refuses nothing: it queues the full screen, sentence model
    included, for after the publish or edit commits (a refused, rolled-back one queues nothing)."""
    if not settings.RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT:
        return None
    fields = {"title": text.title, "description": text.description, "category_code": text.category_code,
              "brand": text.brand, "price": str(text.price) if text.price is not None else None,
              "attributes": dict(text.attributes)}
    transaction.on_commit(lambda: listing_screen_semantic_task.delay(text.id, fields))
    return None


@shared_task(name="moderation.listing_screen_semantic")
def listing_screen_semantic_task(listing_id: int, fields: dict[str, Any]) -> str | None:
    """Screen the listing's words as they were committed, with the semantic pass; record the verdict when it is
    worse than the listing's last one. Skipped (None) when the listing is gone, withdrawn, or retitled since (that
    edit queued its own screen). Idempotent: a second run finds the last verdict already as bad."""
    from recirc.moderation.facade import screen_listing, screening_record

    try:
        offer = listing_offer(listing_id)
    except NotFound:
        return None
    if offer.status == ListingStatus.WITHDRAWN or offer.title != fields["title"]:
        return None
    price = Decimal(fields["price"]) if fields.get("price") is not None else None
    result = screen_listing(title=fields["title"], description=fields["description"],
                            category_code=fields["category_code"], brand=fields["brand"], price=price,
                            attributes=fields["attributes"], semantic=True)
    last = (ScreeningVerdict.objects.filter(subject_kind="listing", subject_id=listing_id)
            .values_list("outcome", flat=True).first())
    if SEVERITY.get(result.outcome, 0) > SEVERITY.get(last or Outcome.ALLOW, 0):
        with transaction.atomic():
            screening_record(actor=None, subject_kind="listing", subject_id=listing_id, result=result)
    return result.outcome


@shared_task(name="moderation.complaints_escalate_overdue")
def complaints_escalate_overdue_task() -> list[str]:
    """Complaints not answered by their deadline go to market supervision (idempotent)."""
    from recirc.moderation.complaint_services import complaints_escalate_overdue

    return complaints_escalate_overdue()
