"""Who may do what, as a matrix: anonymous, another operator's clerk, a wrong role, a consumer who is not the
seller, and the right roles. Every denial changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.errors import DomainError
from recirc.listings import drafting, photos, services
from recirc.listings.selectors import listing_get
from recirc.listings.tests.conftest import snapshot
from recirc.listings.tests.factories import COMPLETE_TERMS, draft, image_bytes, ready_phone, with_photo

DENIED = [(None, "listings.not_found"), ("clerk_b", "listings.not_found"),
          ("inspector_a", "listings.change_forbidden"), ("technician_a", "listings.change_forbidden"),
          ("seller", "listings.not_found"), ("regulator", "listings.change_forbidden")]


def _actor(world: dict[str, Any], name: str | None) -> Any:
    if name is None:
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    return world[name]


def _writes(listing_id: int) -> dict[str, Any]:
    return {
        "update": lambda actor: drafting.listing_update(actor=actor, listing_id=listing_id, price="1"),
        "photo": lambda actor: photos.photo_add(actor=actor, listing_id=listing_id, content=image_bytes()),
        "publish": lambda actor: services.listing_publish(actor=actor, listing_id=listing_id),
        "withdraw": lambda actor: services.listing_withdraw(actor=actor, listing_id=listing_id),
    }


@pytest.mark.parametrize(("who", "code"), DENIED)
@pytest.mark.parametrize("write", ["update", "photo", "publish", "withdraw"])
def test_only_the_seller_changes_a_listing(world: dict[str, Any], who: str | None, code: str, write: str) -> None:
    listing = with_photo(world, draft(world, ready_phone(world), **COMPLETE_TERMS))
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        _writes(listing.pk)[write](_actor(world, who))
    assert refused.value.code == code
    assert snapshot() == before


@pytest.mark.parametrize("who", ["clerk_a", "manager_a"])
def test_clerks_and_managers_of_the_operator_sell(world: dict[str, Any], who: str) -> None:
    listing = with_photo(world, draft(world, ready_phone(world), actor=who, **COMPLETE_TERMS), actor=who)
    published = services.listing_publish(actor=world[who], listing_id=listing.pk)
    assert published.status == "published"


@pytest.mark.parametrize(("who", "code"), [(None, "listings.create_forbidden"),
                                           ("inspector_a", "listings.create_forbidden"),
                                           ("regulator", "listings.create_forbidden"),
                                           ("clerk_b", "items.not_found")])
def test_creating_needs_a_selling_role_in_scope(world: dict[str, Any], who: str | None, code: str) -> None:
    item = ready_phone(world)
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        drafting.listing_create(actor=_actor(world, who), item_id=item.id)
    assert refused.value.code == code
    assert snapshot() == before


@pytest.mark.parametrize(("who", "visible"), [(None, False), ("clerk_b", False), ("seller", False),
                                              ("clerk_a", True), ("inspector_a", True), ("regulator", True)])
def test_who_sees_a_draft(world: dict[str, Any], who: str | None, visible: bool) -> None:
    listing = draft(world, ready_phone(world))
    try:
        listing_get(_actor(world, who), listing.pk)
        seen = True
    except DomainError:
        seen = False
    assert seen is visible
