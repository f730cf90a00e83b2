"""The operator's public store page (store_views.py): licence facts (an expired licence shown as expired), its
published listings only (searchable, paged, from the public read model), the link from a listing's page, and no
store page for an individual seller. Also: an expired real-name verification stops a consumer from publishing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from recirc.accounts.models import RealNameVerification
from recirc.core.errors import PermissionDenied
from recirc.listings import drafting, services, store_views
from recirc.listings.models import Listing
from recirc.listings.tests.conftest import signed_in, snapshot
from recirc.listings.tests.factories import draft, published, ready_phone, stock_bookcase, with_photo
from recirc.operators.models import Operator, OperatorStatus

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _store(operator: Operator, **params: Any) -> str:
    page = signed_in(None).get(reverse("market-store", args=[operator.credit_code]), params, **EN)
    assert page.status_code == 200
    return page.content.decode()


def test_the_store_page_shows_the_licence_and_only_this_operators_published_listings(
        world: dict[str, Any]) -> None:
    operator = world["operator_a"]
    Operator.objects.filter(pk=operator.pk).update(
        licence_number="330106000123456", licence_valid_from=dt.date(2020, 3, 1),
        licence_valid_until=dt.date(2099, 2, 28), registered_address="杭州市西湖区文三路 90 号")
    phone = published(world, title="苹果手机 iPhone 13")
    bookcase = draft(world, stock_bookcase(world), title="宜家 毕利书柜")
    text = _store(operator)
    for expected in ("甲回收", "Circulation enterprise", operator.credit_code, "330106000123456", "2020-03-01",
                     "2099-02-28", "杭州市西湖区文三路 90 号", "Valid", "1 listing", phone.code, "¥2999.00"):
        assert expected in text
    assert bookcase.code not in text and "Licence expired" not in text
    assert "This store has no listings for sale right now." in _store(world["operator_b"])


def test_an_expired_licence_is_shown_as_expired_never_hidden(world: dict[str, Any]) -> None:
    operator = world["operator_a"]
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Operator.objects.filter(pk=operator.pk).update(licence_valid_until=yesterday)
    text = _store(operator)
    assert "Licence expired" in text and yesterday.isoformat() in text


def test_the_store_is_searchable_and_paged(world: dict[str, Any], monkeypatch: Any) -> None:
    monkeypatch.setattr(store_views, "PAGE_SIZE", 1)
    older = published(world, title="苹果手机 iPhone 13")
    newer = published(world, item=ready_phone(world, serial=654321), title="华为手机 Mate 40")
    first, second = _store(world["operator_a"]), _store(world["operator_a"], page=2)
    assert newer.code in first and older.code not in first and "Page 1 of 2" in first
    assert older.code in second and newer.code not in second
    found = _store(world["operator_a"], q="华为")
    assert newer.code in found and older.code not in found and "1 listing" in found
    assert "Nothing in this store matches" in _store(world["operator_a"], q="书柜")


def test_the_store_page_reads_with_a_fixed_number_of_queries(world: dict[str, Any],
                                                             django_assert_max_num_queries: Any) -> None:
    published(world)
    published(world, item=ready_phone(world, serial=654321), title="华为手机 Mate 40")
    with django_assert_max_num_queries(8):
        _store(world["operator_a"])


def test_unknown_and_closed_operators_have_no_store(world: dict[str, Any]) -> None:
    Operator.objects.filter(pk=world["operator_b"].pk).update(status=OperatorStatus.CLOSED)
    for code in ("91330100MA0000000X", world["operator_b"].credit_code):
        assert signed_in(None).get(reverse("market-store", args=[code]), **EN).status_code == 404


def test_a_suspended_operators_store_says_so(world: dict[str, Any]) -> None:
    Operator.objects.filter(pk=world["operator_a"].pk).update(status=OperatorStatus.SUSPENDED)
    assert "This operator is suspended" in _store(world["operator_a"])


def test_the_listing_page_links_the_operator_to_its_store(world: dict[str, Any]) -> None:
    listing = published(world)
    text = signed_in(None).get(reverse("market-listing", args=[listing.code]), **EN).content.decode()
    store = reverse("market-store", args=[world["operator_a"].credit_code])
    assert f'<a href="{store}">甲回收</a>' in text


def _c2c(world: dict[str, Any], seller: Any) -> Listing:
    from recirc.catalog.facade import category_get
    from recirc.operators.facade import district_choices

    listing = drafting.listing_create_c2c(
        actor=seller, item={"title": "布艺单人沙发", "category_id": category_get("furniture").id,
                            "brand": "", "model_name": "", "attributes": {"material": "桦木 布艺"}}, price="350")
    with_photo(world, listing, actor="seller")
    return drafting.listing_update(actor=seller, listing_id=listing.pk, declared_grade="90",
                                   declared_condition="扶手有轻微磨损", declared_no_repairs=True,
                                   no_known_defects=True, warranty_days=0, return_window_days=0,
                                   district_code=district_choices()[0][0])


def test_an_individual_seller_has_no_store_link(world: dict[str, Any], verified_seller: Any) -> None:
    listing = services.listing_publish(actor=verified_seller, listing_id=_c2c(world, verified_seller).pk)
    text = signed_in(None).get(reverse("market-listing", args=[listing.code]), **EN).content.decode()
    assert "Individual seller, real-name verified" in text
    assert "/market/stores/" not in text and "小雨" not in text


def test_an_expired_verification_stops_a_consumer_from_publishing(world: dict[str, Any],
                                                                   verified_seller: Any) -> None:
    # Given a consumer's complete draft, and then their verification expires
    listing = _c2c(world, verified_seller)
    RealNameVerification.objects.filter(user=verified_seller).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))
    before = snapshot()
    # When they publish, then they are told to verify again, and nothing changed
    with pytest.raises(PermissionDenied) as refused:
        services.listing_publish(actor=verified_seller, listing_id=listing.pk)
    assert refused.value.code == "listings.seller_not_verified"
    assert snapshot() == before
    assert Listing.objects.get(pk=listing.pk).status == "draft"


def test_the_verification_page_shows_when_it_expires_and_prompts_to_verify_again(
        world: dict[str, Any], verified_seller: Any) -> None:
    verification = RealNameVerification.objects.get(user=verified_seller)
    page = signed_in(verified_seller).get(reverse("account-verification"), **EN).content.decode()
    assert f"Valid until {timezone.localtime(verification.expires_at):%Y-%m-%d}" in page
    assert "Verify again before then to keep selling without a break." in page
    RealNameVerification.objects.filter(pk=verification.pk).update(expires_at=timezone.now() - dt.timedelta(days=2))
    expired = signed_in(verified_seller).get(reverse("account-verification"), **EN).content.decode()
    assert "you cannot publish listings until you verify again" in expired
