"""Shared fixtures of the listings tests: operator A with a clerk, an inspector, a technician and a manager;
operator B with a clerk; a verified consumer, an unverified one, a commerce regulator. Photos go to a
temporary MEDIA_ROOT. And a snapshot of everything a refused request must leave unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from recirc.accounts.facade import realname_verify
from recirc.accounts.tests.helpers import self_verification
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item, ItemEvent
from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
from recirc.listings.models import Disclosure, Listing, ListingPhoto, SearchEntry

LISTING_FIELDS = ("pk", "status", "version", "price", "warranty_days", "return_window_days", "known_defects",
                  "no_known_defects", "disclosure_version", "disclosure_sha256", "order_ref", "title")
BACKEND = "django.contrib.auth.backends.ModelBackend"


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(), Listing.objects.count(), Disclosure.objects.count(),
            ListingPhoto.objects.count(), ItemEvent.objects.count(),
            list(Listing.objects.order_by("pk").values_list(*LISTING_FIELDS)),
            list(SearchEntry.objects.order_by("pk").values_list("pk", "listing_id", "price")),
            list(Item.objects.order_by("pk").values_list("pk", "state")))


def verify(user: Any) -> Any:
    realname_verify(**self_verification(user))
    return user


def signed_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    operator_a, operator_b = OperatorFactory(name="甲回收"), OperatorFactory(name="乙回收")
    outlet_a = OutletFactory(operator=operator_a, name="甲回收文三路店")
    seller = UserFactory(role=Role.CONSUMER, username="xiaoyu", display_name="小雨")
    return {
        "operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a,
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk.a"),
        "inspector_a": staff_member(operator_a, role=Role.INSPECTOR, username="qc.li"),
        "technician_a": staff_member(operator_a, role=Role.TECHNICIAN, username="tech.zhang"),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="boss.chen"),
        "clerk_b": staff_member(operator_b, username="clerk.b"),
        "seller": seller, "unverified": UserFactory(role=Role.CONSUMER, username="newbie"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="commerce"),
    }


@pytest.fixture
def verified_seller(world: dict[str, Any]) -> Any:
    return verify(world["seller"])
