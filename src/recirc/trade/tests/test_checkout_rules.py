"""What a checkout refuses (and then leaves unchanged), idempotent checkouts, and paying: twice, with a bad
signature, a repeated notification, an item put under a police hold after checkout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.errors import DomainError
from recirc.items.models import HoldKind, Item, ItemHold
from recirc.listings.models import Listing
from recirc.trade import checkout as checkout_services
from recirc.trade import paying
from recirc.trade.idempotency import fingerprint, idempotent
from recirc.trade.ledger import ledger_verify
from recirc.trade.models import Checkout, LedgerTransaction, OrderState, PaymentEvent
from recirc.trade.payments.local import LocalProvider
from recirc.trade.tests.conftest import snapshot
from recirc.trade.tests.factories import line, only_order, paid, placed


def refused(call: Any) -> DomainError:
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        call()
    assert snapshot() == before
    return caught.value


def test_a_stale_price_is_refused_naming_the_listing(world: dict[str, Any]) -> None:
    Listing.objects.filter(pk=world["coat"].pk).update(version=2, price=Decimal("300.00"))
    error = refused(lambda: placed(world["buyer"], world["jacket"], world["coat"]))
    assert error.code == "trade.stale_price"
    assert "Wool coat 羊毛大衣" in error.text()
    assert Checkout.objects.count() == 0


def test_an_in_store_only_listing_is_not_sold_online(world: dict[str, Any]) -> None:
    Listing.objects.filter(pk=world["coat"].pk).update(channel="in_store")
    error = refused(lambda: placed(world["buyer"], world["jacket"], world["coat"]))
    assert (error.code, error.text()) == (
        "trade.in_store_only", "“Wool coat 羊毛大衣” is sold in the shop only: buy it at the seller's counter.")
    error = refused(lambda: checkout_services.cart_add(actor=world["buyer"], listing_id=world["coat"].pk))
    assert error.code == "trade.in_store_only"


def test_a_listing_reserved_by_someone_else_refuses_the_whole_checkout(world: dict[str, Any]) -> None:
    placed(world["buyer"], world["coat"])
    other = type(world["buyer"]).objects.create(username="late.buyer", role="consumer")
    error = refused(lambda: placed(other, world["jacket"], world["coat"]))
    assert error.code == "trade.listing_unavailable"
    assert Listing.objects.get(pk=world["jacket"].pk).status == "published"


def test_a_held_item_cannot_be_bought(world: dict[str, Any]) -> None:
    ItemHold.objects.create(item_id=world["jacket"].item_id, kind=HoldKind.POLICE, reason="协查通报",
                            order_number="公(2026)1号", ends_at=timezone.now() + dt.timedelta(days=5))
    error = refused(lambda: placed(world["buyer"], world["jacket"]))
    assert error.code == "items.not_circulable"


@pytest.mark.parametrize("changed", [{"model_name": "Ultra Light Down 2025"}, {"brand": "优衣库 UNIQLO"}])
def test_a_passport_changed_after_sealing_is_refused_as_stale(world: dict[str, Any], changed: dict[str, str]) -> None:
    # given the jacket's passport changed after its disclosure was sealed (the listing's version did not move)
    Item.objects.filter(pk=world["jacket"].item_id).update(**changed)
    # when the buyer checks out the version they saw, then the checkout is refused as stale and nothing changes
    error = refused(lambda: placed(world["buyer"], world["coat"], world["jacket"]))
    assert error.code == "trade.stale_price"
    assert "优衣库羽绒服 Down jacket" in error.text()
    assert set(Listing.objects.values_list("status", flat=True)) == {"published"}


@pytest.mark.parametrize(("arguments", "code"), [
    ({"fulfilment": "shipping", "address": "短"}, "trade.address_invalid"),
    ({"fulfilment": "teleport", "address": ""}, "trade.fulfilment_invalid"),
])
def test_bad_checkout_input_is_refused(world: dict[str, Any], arguments: dict[str, str], code: str) -> None:
    error = refused(lambda: checkout_services.checkout_place(actor=world["buyer"], lines=[line(world["jacket"])],
                                                             **arguments))
    assert (error.code, error.status) == (code, 422)


def test_only_consumers_buy_and_never_their_own_listing(world: dict[str, Any]) -> None:
    assert refused(lambda: placed(world["clerk_a"], world["jacket"])).code == "trade.buyer_only"
    assert refused(lambda: placed(world["seller"], world["bookcase"])).code == "trade.own_listing"
    assert refused(lambda: checkout_services.checkout_place(actor=world["buyer"], lines=[], fulfilment="pickup")
                   ).code == "trade.cart_empty"


def test_inspection_is_refused_where_the_listing_does_not_offer_it(world: dict[str, Any]) -> None:
    Listing.objects.filter(pk=world["bookcase"].pk).update(platform_inspection_offered=False)
    assert refused(lambda: placed(world["buyer"], world["bookcase"], inspection=True)
                   ).code == "trade.inspection_not_offered"


def test_the_same_checkout_key_places_one_checkout(world: dict[str, Any]) -> None:
    def work() -> tuple[int, dict[str, Any]]:
        return 201, {"checkout_id": placed(world["buyer"], world["jacket"]).pk}

    body = {"lines": [[world["jacket"].pk, 1]]}
    first = idempotent(scope="checkout", actor=world["buyer"], key="key-123456", body=body, work=work)
    again = idempotent(scope="checkout", actor=world["buyer"], key="key-123456", body=body, work=work)
    assert (again.body, again.status, again.replayed) == (first.body, 201, True)
    assert Checkout.objects.count() == 1
    with pytest.raises(DomainError) as mismatch:
        idempotent(scope="checkout", actor=world["buyer"], key="key-123456", body={"lines": []}, work=work)
    assert mismatch.value.code == "trade.idempotency_mismatch"
    assert fingerprint({"b": 1, "a": [1]}) == fingerprint({"a": [1], "b": 1})


def test_paying_twice_is_refused_and_moves_no_money(world: dict[str, Any]) -> None:
    checkout = paid(world["buyer"], world["jacket"])
    with pytest.raises(DomainError) as again:
        paying.payment_pay_local(actor=world["buyer"], reference=checkout.payment.provider_reference)
    assert again.value.code == "trade.already_paid"
    assert LedgerTransaction.objects.count() == 1


def test_a_repeated_or_forged_notification_moves_no_money(world: dict[str, Any]) -> None:
    checkout = placed(world["buyer"], world["jacket"])
    provider = LocalProvider()
    body, headers = provider.buyer_paid_notification(reference=checkout.payment.provider_reference,
                                                     amount=Decimal("199.00"))
    with pytest.raises(DomainError) as forged:
        paying.webhook_receive(provider_name="local", body=body, headers={"X-Local-Pay-Signature": "0" * 64})
    assert forged.value.code == "trade.webhook_signature_invalid"
    assert paying.webhook_receive(provider_name="local", body=body, headers=headers) == "processed"
    assert paying.webhook_receive(provider_name="local", body=body, headers=headers) == "duplicate"
    second, second_headers = provider.buyer_paid_notification(reference=checkout.payment.provider_reference,
                                                              amount=Decimal("199.00"))
    assert paying.webhook_receive(provider_name="local", body=second, headers=second_headers) == "duplicate"
    assert LedgerTransaction.objects.count() == 1
    assert PaymentEvent.objects.count() == 2
    assert ledger_verify().holds


def test_an_item_held_after_checkout_is_refunded_at_payment(world: dict[str, Any]) -> None:
    checkout = placed(world["buyer"], world["jacket"])
    ItemHold.objects.create(item_id=world["jacket"].item_id, kind=HoldKind.POLICE, reason="协查通报",
                            order_number="公(2026)2号", ends_at=timezone.now() + dt.timedelta(days=5))
    paying.payment_pay_local(actor=world["buyer"], reference=checkout.payment.provider_reference)
    order = only_order(checkout)
    assert (order.state, order.paid_total, order.refunded_total) == (OrderState.REFUNDED, Decimal("199.00"),
                                                                     Decimal("199.00"))
    # the hold keeps the item off sale: the listing stays reserved and the timeline says why
    assert Listing.objects.get(pk=world["jacket"].pk).status == "reserved"
    assert list(order.events.values_list("kind", flat=True)) == ["order_placed", "order_paid", "refund_issued",
                                                                 "order_refunded", "listing_kept_reserved"]
    assert ledger_verify().holds
