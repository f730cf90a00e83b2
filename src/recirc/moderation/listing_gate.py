"""Screening at publication (REGULATIONS.md sections 3 and 6, DESIGN.md invariant 7; ADR 0012): registered with
listings as a publication check when the app is ready (listings.facade.register_publication_check).

A listing screened "block" is refused, each reason shown to the seller under the field it was found in, and
nothing is stored (the refused publication rolls back). "review" and "allow" publish; their verdict is stored
in the publishing transaction, and counterfeit signals open a case for the moderators; at publication (not at a
draft's edit) a "review" verdict or a case puts the listing in the review queue (queue_services.review_item_enqueue).
The lexicon, attribute and price passes run in the request; the sentence model (about 140 MB) is not loaded by a web
worker."""

from __future__ import annotations

from typing import Any

from recirc.listings.facade import ListingText

FIELDS = {"title": "title", "description": "description", "brand": "title", "attributes": "title",
          "price": "price"}


def screen_for_publication(actor: Any, text: ListingText) -> dict[str, list[str]] | None:
    from recirc.moderation.facade import screen_listing, screening_record

    result = screen_listing(title=text.title, description=text.description, category_code=text.category_code,
                            brand=text.brand, price=text.price, attributes=text.attributes, semantic=False)
    if result.outcome == "block":
        refusal: dict[str, list[str]] = {}
        for reason in result.reasons:
            if reason.action == "block" and reason.text not in refusal.get(FIELDS.get(reason.field, "title"), []):
                refusal.setdefault(FIELDS.get(reason.field, "title"), []).append(reason.text)
        return refusal
    verdict = screening_record(actor=actor, subject_kind="listing", subject_id=text.id, result=result)
    if text.publishing and (verdict.outcome == "review" or verdict.case_id is not None):
        from recirc.moderation.queue_services import review_item_enqueue

        review_item_enqueue(actor=actor, verdict_id=verdict.id, case_id=verdict.case_id, listing_code=text.code)
    return None
