"""The auction pages: the public list and an auction's page (polling partial, bids through the form with a key per
render, the outcome when closed), the seller's new-auction, our-auctions and cancel pages, who may use each, and
refusals that show a translated error and change nothing."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from recirc.auctions import services
from recirc.auctions.models import Auction, Bid
from recirc.auctions.tests.test_services import create, snapshot, states

BACKEND = "django.contrib.auth.backends.ModelBackend"
ROLES = ["manager_a", "clerk_a", "inspector_a", "technician_a", "manager_b", "alice", "regulator", "anonymous"]


def client_for(world: dict[str, Any] | None = None, role: str = "anonymous", language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if world is not None and role != "anonymous":
        client.force_login(world[role], backend=BACKEND)
    return client


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def key_of(page: str) -> str:
    found = re.search(r'name="idempotency_key" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def post_and_follow(client: Client, url: str, data: dict[str, Any]) -> Any:
    """Post; after a 303 (the pages' plain-post redirect) get the page it names, keeping the redirect seen."""
    response = client.post(url, data)
    if response.status_code != 303:
        return response
    page = client.get(response["Location"])
    page.redirect_chain = [(response["Location"], 303)]
    return page


def bid(client: Client, auction: Auction, maximum: str, key: str | None = None) -> Any:
    key = key or key_of(text(client.get(f"/auctions/{auction.code}/")))
    return post_and_follow(client, f"/auctions/{auction.code}/bid/", {"maximum": maximum, "idempotency_key": key})


def create_form(world: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    now = timezone.localtime()
    return {"operator": world["operator_a"].pk, "listings": world["phone"].code, "title": "华为 Mate 40 Pro 拍卖",
            "description": "", "format": "english", "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (now + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"), "start_price": "100",
            "reserve_price": "", "buy_now_price": "", "extension_window": "2", "extension_cap": "30", **overrides}


# --- the public list ----------------------------------------------------------------------------------------

def test_the_list_shows_live_auctions_ending_soonest_first(world: dict[str, Any]) -> None:
    empty = text(client_for().get("/auctions/"))
    assert "No auctions are running now." in empty
    later = create(world, minutes=120, title="书柜拍卖", listing_ids=[world["bookcase"].pk])
    sooner = create(world, minutes=30)
    page = text(client_for().get("/auctions/"))
    assert "2 auctions" in page
    assert page.index(sooner.code) < page.index(later.code)
    assert "¥100.00" in page and "0 bids" in page and "English auction with proxy bids" in page
    assert f'href="/auctions/{sooner.code}/"' in page


def test_the_list_searches_filters_and_reaches_closed_auctions(world: dict[str, Any]) -> None:
    auction = create(world)
    by_number = text(client_for().get("/auctions/", {"q": auction.code.lower()}))
    assert "1 auction" in by_number and auction.code in by_number
    by_title = text(client_for().get("/auctions/", {"q": "Mate 40"}))
    assert auction.code in by_title
    nothing = text(client_for().get("/auctions/", {"q": "冰箱"}))
    assert auction.code not in nothing and "No auction matches." in nothing
    sealed_only = text(client_for().get("/auctions/", {"format": "sealed"}))
    assert auction.code not in sealed_only
    services.auction_cancel(actor=world["manager_a"], auction_id=auction.pk, reason="拍品信息有误")
    assert auction.code not in text(client_for().get("/auctions/"))
    cancelled = text(client_for().get("/auctions/", {"state": "cancelled"}))
    assert auction.code in cancelled and "Cancelled" in cancelled


def test_the_list_pages_twenty_at_a_time(world: dict[str, Any]) -> None:
    create(world)
    Auction.objects.bulk_create([Auction(
        code=f"A000000-{number:05d}", operator=world["operator_a"], title=f"拍品 {number}", state="open",
        starts_at=timezone.now(), scheduled_end=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=1), extension_window=dt.timedelta(minutes=2),
        extension_cap=dt.timedelta(minutes=30), start_price="10", increments=[["0", "1"]]) for number in range(21)])
    first = text(client_for().get("/auctions/"))
    assert "22 auctions" in first and "Page 1 of 2" in first and first.count('class="card au-card"') == 20
    second = text(client_for().get("/auctions/", {"page": "2"}))
    assert second.count('class="card au-card"') == 2


# --- an auction's page --------------------------------------------------------------------------------------

def test_the_page_shows_the_lot_price_and_reserve_state_but_never_the_reserve(world: dict[str, Any]) -> None:
    auction = create(world, reserve_price="345.67", buy_now_price="888", description="原装配件齐全")
    page = text(client_for().get(f"/auctions/{auction.code}/"))
    phone = world["phone"]
    assert f'<a href="/market/{phone.code}/">{phone.title}</a>' in page
    assert f"<code>{phone.item_code}</code>" in page and f"Listing {phone.code}" in page
    assert "Starting price" in page and "¥100.00" in page and "<dt>Minimum next bid</dt><dd>¥100.00</dd>" in page
    assert "<dt>Bids</dt><dd>0</dd>" in page and "Reserve not met yet" in page
    assert "<dt>Buy it now</dt><dd>¥888.00</dd>" in page and "原装配件齐全" in page
    assert "345.67" not in page
    assert f'data-ends-at="{timezone.localtime(auction.ends_at).isoformat()}"' in page
    assert f'hx-get="/auctions/{auction.code}/" hx-trigger="every 4s"' in page
    assert "Sign in to bid" in page and 'name="maximum"' not in page
    assert "No bids yet." in page


def test_the_poll_gets_only_the_price_area(world: dict[str, Any]) -> None:
    auction = create(world)
    partial = text(client_for().get(f"/auctions/{auction.code}/", HTTP_HX_REQUEST="true"))
    assert partial.strip().startswith('<section id="auction-live"') and "<html" not in partial
    assert "<dt>Minimum next bid</dt><dd>¥100.00</dd>" in partial
    assert '<section class="card" id="auction-history" hx-swap-oob="true">' in partial and "No bids yet." in partial


def test_a_missing_auction_is_404(world: dict[str, Any]) -> None:
    response = client_for().get("/auctions/A000000-XXXXX/")
    assert response.status_code == 404 and "No such auction." in text(response)


def test_bids_through_the_page_lead_or_are_outbid_at_once(world: dict[str, Any]) -> None:
    auction = create(world)
    alice, bob = client_for(world, "alice"), client_for(world, "bob")
    form = text(alice.get(f"/auctions/{auction.code}/"))
    assert 'name="maximum"' in form and "the most you will pay" in form.lower()
    first = bid(alice, auction, "300", key_of(form))
    assert first.redirect_chain == [(f"/auctions/{auction.code}/", 303)]
    page = text(first)
    assert "You lead at ¥100.00. We bid for you up to your maximum, one increment at a time." in page
    assert "You lead. Your maximum, ¥300.00, is shown only to you." in page
    assert "<dt>Minimum next bid</dt><dd>¥105.00</dd>" in page
    outbid = text(bid(bob, auction, "200"))
    assert "You were outbid at once: another bidder's maximum is higher. The price is now ¥205.00." in outbid
    assert "300.00" not in outbid and "Current price" in outbid and "¥205.00" in outbid
    assert "<td>#1</td>" in outbid and "<td>#2</td>" in outbid
    leads = text(bid(bob, auction, "500"))
    assert "You lead at ¥305.00." in leads and "Your maximum, ¥500.00, is shown only to you." in leads
    seen_by_alice = text(alice.get(f"/auctions/{auction.code}/"))
    assert "¥305.00" in seen_by_alice and "You lead." not in seen_by_alice and "500.00" not in seen_by_alice
    assert list(Bid.objects.order_by("sequence").values_list("bidder__username", "maximum", "price_after")) == [
        ("alice", 300, 100), ("bob", 200, 205), ("bob", 500, 305)]


def test_a_double_submit_bids_once(world: dict[str, Any]) -> None:
    auction = create(world)
    alice = client_for(world, "alice")
    key = key_of(text(alice.get(f"/auctions/{auction.code}/")))
    first, again = bid(alice, auction, "300", key), bid(alice, auction, "300", key)
    assert Bid.objects.count() == 1
    assert "You lead at ¥100.00." in text(first) and "You lead at ¥100.00." in text(again)
    assert Auction.objects.get(pk=auction.pk).bid_count == 1
    fresh = key_of(text(alice.get(f"/auctions/{auction.code}/")))
    assert fresh != key


@pytest.mark.parametrize(("maximum", "message", "status"), [
    ("104", "The lowest bid accepted now is 105.00 yuan.", 409),
    ("abc", "Enter a number.", 422),
    ("12.345", "Ensure that there are no more than 2 decimal places.", 422),
])
def test_a_refused_bid_shows_why_and_changes_nothing(world: dict[str, Any], maximum: str, message: str,
                                                     status: int) -> None:
    auction = create(world)
    bid(client_for(world, "alice"), auction, "300")
    before = snapshot()
    response = bid(client_for(world, "bob"), auction, maximum)
    assert response.status_code == status and message in text(response)
    assert snapshot() == before


def test_a_refused_bid_in_chinese(world: dict[str, Any]) -> None:
    auction = create(world)
    bid(client_for(world, "alice"), auction, "300")
    before = snapshot()
    response = bid(client_for(world, "bob", language="zh-hans"), auction, "104")
    assert response.status_code == 409 and "当前可接受的最低出价为 105.00 元。" in text(response)
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_who_may_bid_in_an_english_auction(world: dict[str, Any], role: str) -> None:
    auction = create(world)
    client = client_for(world, role)
    shown = 'name="maximum"' in text(client.get(f"/auctions/{auction.code}/"))
    before = snapshot()
    response = client.post(f"/auctions/{auction.code}/bid/", {"maximum": "300", "idempotency_key": "page-key-0001"})
    if role == "alice":
        assert shown and response.status_code == 303 and Bid.objects.count() == 1
        return
    assert not shown and snapshot() == before
    if role == "anonymous":
        assert (response.status_code, response["Location"]) == (
            302, f"/accounts/login/?next=/auctions/{auction.code}/bid/")
    else:
        assert response.status_code == 403 and "You may not bid in this auction." in text(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_bid_in_a_sealed_auction(world: dict[str, Any], role: str) -> None:
    auction = create(world, format="sealed", listing_ids=[world["phone"].pk, world["bookcase"].pk])
    client = client_for(world, role)
    page = text(client.get(f"/auctions/{auction.code}/"))
    assert "all are revealed at the close" in page and "Current price" not in page
    before = snapshot()
    response = post_and_follow(client, f"/auctions/{auction.code}/bid/",
                               {"maximum": "600", "idempotency_key": "page-key-0002"})
    if role == "manager_b":
        assert 'name="maximum"' in page and "Your sealed bid (¥)" in page
        assert "Your sealed bid is in. Bids are revealed at the close." in text(response)
        again = bid(client, auction, "700")
        assert again.status_code == 409 and "You have already placed your sealed bid" in text(again)
        assert Bid.objects.count() == 1
        return
    assert 'name="maximum"' not in page and snapshot() == before


def test_buy_it_now_through_the_page(world: dict[str, Any]) -> None:
    auction = create(world, buy_now_price="800")
    alice = client_for(world, "alice")
    key = key_of(text(alice.get(f"/auctions/{auction.code}/")).split('action="/auctions/' + auction.code
                                                                      + '/buy-now/"')[1])
    response = post_and_follow(alice, f"/auctions/{auction.code}/buy-now/", {"idempotency_key": key})
    page = text(response)
    assert "You bought the lot at ¥800.00." in page and "Bought at the buy-it-now price, ¥800.00" in page
    assert "You won this auction." in page
    again = post_and_follow(alice, f"/auctions/{auction.code}/buy-now/", {"idempotency_key": key})
    assert "You bought the lot at ¥800.00." in text(again)
    assert Auction.objects.get(pk=auction.pk).outcome == "bought_now"


@pytest.mark.parametrize(("setup", "shown"), [
    ("sold", "Sold at ¥100.00"), ("reserve", "Reserve not met"), ("none", "No bids"), ("cancelled", "Cancelled"),
])
def test_a_closed_auction_shows_its_outcome(world: dict[str, Any], setup: str, shown: str) -> None:
    auction = create(world, reserve_price="400" if setup == "reserve" else None)
    if setup in ("sold", "reserve"):
        services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="300")
    if setup == "cancelled":
        services.auction_cancel(actor=world["manager_a"], auction_id=auction.pk, reason="拍品信息有误")
    else:
        services.auctions_close_due(now=auction.ends_at)
    page = text(client_for(world, "alice").get(f"/auctions/{auction.code}/"))
    assert f'<p class="au-outcome">{shown}</p>' in page.replace("\n", "")
    assert 'name="maximum"' not in page and "hx-trigger" not in page
    assert ("You won this auction." in page) == (setup == "sold")


def test_the_page_in_chinese(world: dict[str, Any]) -> None:
    auction = create(world)
    page = text(client_for(world, "alice", language="zh-hans").get(f"/auctions/{auction.code}/"))
    assert '<html lang="zh-hans">' in page and "英式拍卖（代理出价）" in page and "退出" in page
    assert auction.code in page and world["phone"].code in page


# --- the seller's pages -------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_new_auction_page(world: dict[str, Any], role: str) -> None:
    response = client_for(world, role).get("/auctions/new/")
    if role in ("manager_a", "clerk_a", "manager_b"):  # manager_b: for operator B's own listings
        assert response.status_code == 200 and 'name="listings"' in text(response)
    elif role == "anonymous":
        assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/auctions/new/")
    else:
        assert response.status_code == 403
        assert "Only operator managers and clerks may put their operator's listings up" in text(response)


def test_a_clerk_creates_an_auction(world: dict[str, Any]) -> None:
    clerk = client_for(world, "clerk_a")
    form = text(clerk.get(f"/auctions/new/?listing={world['phone'].code}"))
    assert f">\n{world['phone'].code}</textarea>" in form and 'type="hidden" name="operator"' in form
    response = clerk.post("/auctions/new/", create_form(world, reserve_price="300", buy_now_price="900",
                                                        extension_window="5", extension_cap="10"))
    auction = Auction.objects.get()
    assert (response.status_code, response["Location"]) == (303, f"/auctions/{auction.code}/")
    assert (auction.title, auction.created_by, auction.state) == ("华为 Mate 40 Pro 拍卖", world["clerk_a"], "open")
    assert (str(auction.start_price), str(auction.reserve_price), str(auction.buy_now_price)) == (
        "100.00", "300.00", "900.00")
    assert (auction.extension_window, auction.extension_cap) == (dt.timedelta(minutes=5), dt.timedelta(minutes=10))
    assert states(world["phone"]) == [("reserved", f"auction:{auction.code}", "reserved")]
    page = text(clerk.get(f"/auctions/{auction.code}/"))
    assert f"Auction {auction.code} created: its listings are reserved for it until the close." in page
    assert "This is your operator's auction: its staff may not bid." in page


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"start_price": "abc"}, "start_price", "Enter an amount in yuan."),
    ({"start_price": "0"}, "start_price", "Enter a positive amount in yuan with at most two decimals."),
    ({"reserve_price": "50"}, "reserve_price", "The reserve cannot be below the starting price."),
    ({"buy_now_price": "100"}, "buy_now_price", "Buy-it-now must be above the starting price and the reserve"),
    ({"title": "  "}, "title", "This field is required."),
    ({"listings": "L000000-NOPE"}, "listings", "No listing has the number L000000-NOPE."),
    ({"listings": " , "}, "listings", "Enter the number of at least one published listing."),
    ({"listings": "bookcase"}, "listings", "cannot be auctioned"),
    ({"ends_at": "2020-01-01T10:00"}, "ends_at", "The auction must end after it starts."),
    ({"ends_at": "yesterday"}, "ends_at", "Enter a valid date/time."),
    ({"extension_window": "-1"}, "extension_window", "Ensure this value is greater than or equal to 0."),
])
def test_bad_input_is_shown_on_its_field_and_nothing_is_written(world: dict[str, Any], overrides: dict[str, Any],
                                                                field: str, message: str) -> None:
    if overrides.get("listings") == "bookcase":
        create(world, listing_ids=[world["bookcase"].pk])  # already reserved for another auction
        overrides = {"listings": f"{world['phone'].code}\n{world['bookcase'].code}"}
    before = snapshot()
    response = client_for(world, "clerk_a").post("/auctions/new/", create_form(world, **overrides))
    page = text(response)
    assert response.status_code == 422 and "The auction was not created" in page
    errors = re.search(rf'id="id_{field}".*?(<ul class="errorlist".*?</ul>)', page, re.S)
    assert errors is not None and message in errors.group(1)
    assert snapshot() == before


def test_another_operators_manager_cannot_auction_our_listings(world: dict[str, Any]) -> None:
    before = snapshot()
    response = client_for(world, "manager_b").post("/auctions/new/", create_form(
        world, operator=world["operator_b"].pk))
    assert response.status_code == 422
    assert f"Listing {world['phone'].code} cannot be auctioned" in text(response)
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_our_auctions(world: dict[str, Any], role: str) -> None:
    live = create(world)
    cancelled = create(world, listing_ids=[world["bookcase"].pk], title="书柜")
    services.auction_cancel(actor=world["manager_a"], auction_id=cancelled.pk, reason="拍品信息有误")
    response = client_for(world, role).get("/auctions/mine/")
    if role in ("manager_a", "clerk_a"):
        page = text(response)
        assert response.status_code == 200 and live.code in page and cancelled.code in page
        assert f'href="/auctions/{live.code}/cancel/"' in page and f"/auctions/{cancelled.code}/cancel/" not in page
        only = text(client_for(world, role).get("/auctions/mine/", {"state": "cancelled"}))
        assert cancelled.code in only and live.code not in only
    elif role == "manager_b":
        page = text(response)
        assert live.code not in page and "No auctions yet." in page
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_who_may_cancel(world: dict[str, Any], role: str) -> None:
    auction = create(world)
    client = client_for(world, role)
    before = snapshot()
    confirm = client.get(f"/auctions/{auction.code}/cancel/")
    response = client.post(f"/auctions/{auction.code}/cancel/", {"reason": "拍品信息有误"})
    if role in ("manager_a", "clerk_a"):
        assert confirm.status_code == 200 and 'name="reason"' in text(confirm)
        assert (response.status_code, response["Location"]) == (303, "/auctions/mine/")
        assert Auction.objects.get(pk=auction.pk).state == "cancelled"
        assert states(world["phone"])[0][:2] == ("published", "")
        return
    assert snapshot() == before
    if role == "anonymous":
        assert confirm.status_code == response.status_code == 302
    else:
        assert confirm.status_code == response.status_code == 403
        assert "Your role may not change this auction." in text(response)


def test_cancel_needs_a_reason_and_no_bids(world: dict[str, Any]) -> None:
    auction = create(world)
    manager = client_for(world, "manager_a")
    before = snapshot()
    empty = manager.post(f"/auctions/{auction.code}/cancel/", {"reason": "  "})
    assert empty.status_code == 422 and "This field is required." in text(empty)
    assert snapshot() == before
    services.bid_place(actor=world["alice"], auction_id=auction.pk, maximum="300")
    before = snapshot()
    page = text(manager.get(f"/auctions/{auction.code}/cancel/"))
    assert "Somebody has bid in this auction: it cannot be cancelled" in page and 'name="reason"' not in page
    refused = manager.post(f"/auctions/{auction.code}/cancel/", {"reason": "不卖了"})
    assert refused.status_code == 422 and snapshot() == before


def test_navigation_names_auctions(world: dict[str, Any]) -> None:
    assert '<a href="/auctions/" aria-current="page">Auctions</a>' in text(client_for(world, "alice").get("/auctions/"))
    assert 'href="/auctions/mine/" aria-current="page">Auctions</a>' in text(
        client_for(world, "clerk_a").get("/auctions/mine/"))
