"""The state table: the verbs cover exactly LISTING_TRANSITIONS, and every verb from every state outside it is
refused with listings.transition_not_allowed (or not_available for the trade verbs) and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from recirc.core.errors import Conflict
from recirc.listings import policy, reservations, services
from recirc.listings.models import LISTING_TRANSITIONS, Listing, ListingStatus
from recirc.listings.tests.conftest import snapshot
from recirc.listings.tests.factories import draft, stock_bookcase

S = ListingStatus


def test_verbs_cover_exactly_the_state_table() -> None:
    pairs = {(source, target) for verb in policy.VERBS.values() for source, target in verb.items()}
    table = {(source, target) for source, targets in LISTING_TRANSITIONS.items() for target in targets}
    assert pairs == table


def built(world: dict[str, Any], status: str) -> Listing:
    """A listing written straight into `status` with what its constraints ask for."""
    listing = draft(world, stock_bookcase(world), price="100", no_known_defects=True)
    fields: dict[str, Any] = {"status": status}
    if status in (S.PUBLISHED, S.RESERVED, S.SOLD):
        fields.update(disclosure_version=1, published_at=timezone.now())
    if status in (S.RESERVED, S.SOLD):
        fields["order_ref"] = "O-1"
    Listing.objects.filter(pk=listing.pk).update(**fields)
    return Listing.objects.get(pk=listing.pk)


SELLER_SERVICES = {"publish": services.listing_publish, "withdraw": services.listing_withdraw,
                   "edit": services.listing_reopen}


@pytest.mark.parametrize("status", [S.RESERVED, S.SOLD])
@pytest.mark.parametrize("verb", sorted(SELLER_SERVICES))
def test_seller_verbs_outside_the_table_are_refused(world: dict[str, Any], status: str, verb: str) -> None:
    listing = built(world, status)
    before = snapshot()
    with pytest.raises(Conflict) as refused:
        SELLER_SERVICES[verb](actor=world["clerk_a"], listing_id=listing.pk)
    assert refused.value.code == "listings.transition_not_allowed"
    assert snapshot() == before


@pytest.mark.parametrize("status", [S.DRAFT, S.WITHDRAWN, S.SOLD])
def test_reserve_outside_published_is_refused(world: dict[str, Any], status: str) -> None:
    listing = built(world, status)
    before = snapshot()
    with pytest.raises(Conflict) as refused:
        reservations.listing_reserve(actor=None, listing_id=listing.pk, expected_version=listing.version,
                                     order_ref="O-9")
    assert refused.value.code == "listings.not_available"
    assert snapshot() == before


@pytest.mark.parametrize("status", [S.DRAFT, S.PUBLISHED, S.WITHDRAWN, S.SOLD])
def test_release_and_sale_need_a_reservation(world: dict[str, Any], status: str) -> None:
    listing = built(world, status)
    before = snapshot()
    for service in (reservations.listing_release, reservations.listing_mark_sold):
        with pytest.raises(Conflict) as refused:
            service(actor=None, listing_id=listing.pk, order_ref="O-1")
        assert refused.value.code == "listings.not_available"
    assert snapshot() == before


def test_publishing_twice_is_refused(world: dict[str, Any]) -> None:
    listing = built(world, S.PUBLISHED)
    with pytest.raises(Conflict) as refused:
        services.listing_publish(actor=world["clerk_a"], listing_id=listing.pk)
    assert refused.value.code == "listings.transition_not_allowed"
    assert str(refused.value.text()) == "A listing that is “Published” cannot become “Published”."
