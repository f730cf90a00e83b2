"""Races that only a real database with row locks can show (run with DATABASE_URL=postgres://...): many orders
reserving one listing at once, two drafts of one item. Exactly one wins; the others get a clear error."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from recirc.core.models import AuditEvent
from recirc.core.testing import race
from recirc.listings import facade
from recirc.listings.models import Listing
from recirc.listings.tests.factories import draft, published, ready_phone

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_eight_orders_reserving_one_listing_admit_exactly_one(world: dict[str, Any]) -> None:
    listing = published(world)
    results = race(*[lambda number=number: facade.listing_reserve(actor=None, listing_id=listing.pk,
                                                                  expected_version=2, order_ref=f"O-{number}")
                     for number in range(8)])
    assert results == ["listings.not_available"] * 7 + ["ok"]
    listing.refresh_from_db()
    assert listing.status == "reserved"
    assert AuditEvent.objects.filter(action="listings.listing_reserved", target_id=str(listing.pk)).count() == 1


def test_two_drafts_of_one_item_admit_exactly_one(world: dict[str, Any]) -> None:
    item = ready_phone(world)
    results = race(*[lambda key=key: draft(world, item, actor=key) for key in ("clerk_a", "manager_a")])
    assert results == ["listings.open_listing_exists", "ok"]
    assert Listing.objects.filter(item_id=item.id).count() == 1
