"""Screening at publication (listing_gate.py, registered with listings): a prohibited listing is refused with its
reasons under the field they were found in, and nothing changes; any other publishes with its verdict stored, a
counterfeit signal opening a case (DESIGN.md invariant 7)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from recirc.core.errors import ValidationFailed
from recirc.listings.facade import listing_publish
from recirc.listings.models import Listing, PublicListing
from recirc.listings.tests import conftest as listings_conftest
from recirc.listings.tests.conftest import snapshot
from recirc.listings.tests.factories import COMPLETE_TERMS, draft, ready_phone, with_photo
from recirc.moderation.models import ScreeningCase, ScreeningVerdict

# The listings tests' world (operators, staff, consumers) and their temporary MEDIA_ROOT, as fixtures here.
world = listings_conftest.world
media = listings_conftest._media


def _ready(world: dict[str, Any], title: str) -> Listing:
    return with_photo(world, draft(world, ready_phone(world), **{**COMPLETE_TERMS, "title": title}))


def test_a_prohibited_listing_is_refused_with_its_reason_and_nothing_changes(world: dict[str, Any]) -> None:
    # Given a complete draft whose title offers a replica gun
    listing = _ready(world, "Apple iPhone 13 128GB 附送仿真枪一把")
    before = (snapshot(), ScreeningVerdict.objects.count(), ScreeningCase.objects.count())

    # When the clerk publishes it (in Chinese)
    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as raised:
        listing_publish(actor=world["clerk_a"], listing_id=listing.pk)

    # Then the refusal names the category and the word, and nothing changed: still a draft, not public
    assert raised.value.code == "listings.refused"
    assert [str(message) for message in raised.value.errors["title"]] == ["枪支弹药与管制刀具：标题中出现“仿真枪”。"]
    assert (snapshot(), ScreeningVerdict.objects.count(), ScreeningCase.objects.count()) == before
    assert Listing.objects.get(pk=listing.pk).status == "draft"
    assert not PublicListing.objects.filter(listing_id=listing.pk).exists()


def test_the_api_answers_the_refusal_in_english(world: dict[str, Any]) -> None:
    from recirc.listings.tests.conftest import signed_in

    listing = _ready(world, "Apple iPhone 13 128GB 附送仿真枪一把")
    response = signed_in(world["clerk_a"]).post(f"/api/v1/listings/{listing.pk}/publish",
                                                HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert (response.status_code, body["code"]) == (422, "listings.refused")
    assert body["errors"]["title"][0].startswith("Firearms")


def test_a_counterfeit_signal_publishes_under_review_and_opens_a_case(world: dict[str, Any]) -> None:
    # Given a complete draft calling itself a high replica (高仿)
    listing = _ready(world, "Apple iPhone 13 高仿 A货")

    # When it is published
    published = listing_publish(actor=world["clerk_a"], listing_id=listing.pk)

    # Then it is public, its verdict is "review" and a counterfeit case is open for the moderators
    verdict = ScreeningVerdict.objects.get(subject_kind="listing", subject_id=listing.pk)
    assert (published.status, verdict.outcome) == ("published", "review")
    assert ScreeningCase.objects.filter(subject_kind="listing", subject_id=listing.pk, state="open").count() == 1


def test_a_clean_listing_publishes_with_its_verdict_stored(world: dict[str, Any]) -> None:
    listing = _ready(world, "Apple iPhone 13 128GB 99新 国行")
    published = listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    verdict = ScreeningVerdict.objects.get(subject_kind="listing", subject_id=listing.pk)
    # a phone with no network-access licence number among its attributes: published, flagged for review
    assert (published.status, verdict.outcome) == ("published", "review")
    assert [(reason["category"], reason["signal"]) for reason in verdict.reasons] == [("unlicensed_phones",
                                                                                      "attribute")]
    assert not ScreeningCase.objects.filter(subject_kind="listing", subject_id=listing.pk).exists()
