"""Natural-person sellers over the yearly threshold (seller_registration.py): the yearly C2C totals per consumer
seller (paid, less refunds; cancelled, unpaid, refunded, other years and operators' sales not counted), the
moderators' list and CSV by role, and the seller's own page with the registration notice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from recirc.core.roles import Role
from recirc.items.tests.factories import UserFactory
from recirc.trade.facade import consumer_seller_sales_total, consumer_seller_sales_totals
from recirc.trade.models import Order, OrderState
from recirc.trade.tests.conftest import snapshot
from recirc.trade.tests.factories import consumer_item, only_order, paid, placed, published

BACKEND = "django.contrib.auth.backends.ModelBackend"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def sales(world: dict[str, Any]) -> dict[str, Any]:
    """The seller (老王): the bookcase paid this year (120.00); a chair paid this year then half refunded (80.00,
    30.00 back); a lamp paid last year (500.00); a desk ordered but never paid (60.00). Another seller (小周): a
    sofa paid this year (300.00), then wholly refunded. Operator A: a jacket paid this year (not C2C)."""
    seller, other, buyer = world["seller"], UserFactory(role=Role.CONSUMER, username="zhou"), world["buyer"]
    listing = lambda owner, title, price: published(consumer_item(owner, title=title), price=price,  # noqa: E731
                                                    creator=owner)
    paid(buyer, world["bookcase"])
    chair = only_order(paid(buyer, listing(seller, "椅子", "80.00")))
    Order.objects.filter(pk=chair.pk).update(refunded_total=Decimal("30.00"))
    lamp = only_order(paid(buyer, listing(seller, "台灯", "500.00")))
    Order.objects.filter(pk=lamp.pk).update(paid_at=timezone.make_aware(
        dt.datetime(timezone.localdate().year - 1, 12, 31, 23, 30)))
    placed(buyer, listing(seller, "书桌", "60.00"))
    sofa = only_order(paid(buyer, listing(other, "沙发", "300.00")))
    Order.objects.filter(pk=sofa.pk).update(state=OrderState.REFUNDED, refunded_total=Decimal("300.00"))
    paid(buyer, world["jacket"])
    return {"seller": seller, "other": other}


def test_the_totals_count_paid_c2c_sales_of_the_calendar_year_less_refunds(sales: dict[str, Any]) -> None:
    year = timezone.localdate().year
    assert consumer_seller_sales_totals(year) == [(sales["seller"].pk, Decimal("170.00"))]
    assert consumer_seller_sales_totals(year - 1) == [(sales["seller"].pk, Decimal("500.00"))]
    assert consumer_seller_sales_total(sales["seller"].pk, year) == Decimal("170.00")
    assert consumer_seller_sales_total(sales["other"].pk, year) == Decimal("0.00")
    assert consumer_seller_sales_totals(year + 1) == []


def _client(role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(UserFactory(role=role, username=f"who.{role}"), backend=BACKEND)
    return client


@pytest.mark.parametrize("role", [*[role.value for role in Role], None])
def test_the_flagged_list_and_its_csv_answer_by_role_and_change_nothing(sales: dict[str, Any], role: str | None,
                                                                       settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN": 150}
    before = snapshot()
    client = _client(role)
    answers = [client.get("/trade/sellers/over-threshold/", **EN).status_code,
               client.get("/trade/sellers/over-threshold/export.csv", **EN).status_code]
    allowed = role in (Role.MODERATOR, Role.PLATFORM_ADMIN, Role.MARKET_SUPERVISION)
    assert answers == [200, 200] if allowed else answers == [302, 302] if role is None else answers == [403, 403]
    assert snapshot() == before


def test_the_moderator_sees_the_sellers_over_the_threshold_with_their_totals(sales: dict[str, Any],
                                                                            settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN": 150}
    client, year = _client(Role.MODERATOR), timezone.localdate().year
    page = client.get("/trade/sellers/over-threshold/", **EN).content.decode()
    assert "1 seller flagged for registration" in page and "老王" in page and "¥170.00" in page
    assert "Must register as a business" in page
    last_year = client.get(f"/trade/sellers/over-threshold/?year={year - 1}", **EN).content.decode()
    assert "¥500.00" in last_year and "¥170.00" not in last_year
    csv = client.get("/trade/sellers/over-threshold/export.csv", **EN).content.decode("utf-8-sig")
    assert csv.strip().splitlines() == [
        "User number,Account name,Name shown,Year,C2C sales (CNY),Orders,Threshold (CNY)",
        f"{sales['seller'].pk},seller.wang,老王,{year},170.00,2,150"]
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN": 170}
    assert "No individual seller is over the threshold" in client.get("/trade/sellers/over-threshold/",
                                                                       **EN).content.decode()


def test_a_bad_year_shows_this_year(sales: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN": 150}
    client = _client(Role.MODERATOR)
    for year in ("abc", "1900", "99999"):
        page = client.get(f"/trade/sellers/over-threshold/?year={year}", **EN).content.decode()
        assert "¥170.00" in page


def test_the_seller_is_told_to_register_on_their_page_and_home(sales: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN": 150}
    client = Client()
    client.force_login(sales["seller"], backend=BACKEND)
    page = client.get("/trade/sellers/my-sales/", **EN).content.decode()
    assert "You must register as a business" in page and "¥170.00" in page and "¥500.00" in page
    assert "You must register as a business" in client.get("/", **EN).content.decode()
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN": 1000}
    below = client.get("/trade/sellers/my-sales/", **EN).content.decode()
    assert "You must register as a business" not in below and "Below the threshold" in below
    assert "You must register as a business" not in client.get("/", **EN).content.decode()


def test_only_consumers_have_a_sales_page(world: dict[str, Any]) -> None:
    assert _client(Role.CLERK).get("/trade/sellers/my-sales/").status_code == 403
    assert _client(None).get("/trade/sellers/my-sales/").status_code == 302
