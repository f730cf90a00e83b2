"""Complaints about orders, across contexts: moderation reads orders only through the port trade registers when
its app is ready (DESIGN.md lists moderation before trade), so these journeys live here, where fixtures may use
both contexts' test factories. A buyer complains about their own order (from the order's page), nobody else
can, and the case's evidence package carries the order and the listing's disclosure as sold."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pytest
from django.test import Client

from recirc.moderation.complaint_errors import ComplaintInvalid
from recirc.moderation.complaint_exports import evidence_package
from recirc.moderation.tests.complaint_factories import escalated, filed, snapshot
from recirc.moderation.tests.complaint_factories import world as complaint_world
from recirc.trade.tests.factories import only_order, paid

__all__ = ["complaint_world"]


@pytest.fixture
def world(complaint_world: dict[str, Any]) -> dict[str, Any]:
    """The complaint tests' world and the buyer's paid order of the coat."""
    return {**complaint_world, "order": only_order(paid(complaint_world["buyer"], complaint_world["coat"]))}


def client_for(user: Any) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def test_a_complaint_about_ones_own_order_goes_to_the_selling_operator(world: Any) -> None:
    order = world["order"]
    complaint = filed(world, about="order", reference=order.number.lower())
    assert (complaint.subject_key, complaint.order_id, complaint.order_number, complaint.listing_id) == (
        f"order:{order.number}", order.pk, order.number, world["coat"].pk)
    assert (complaint.subject_title, complaint.seller_operator_id) == ("Wool coat 羊毛大衣", world["operator_a"].pk)


def test_someone_elses_order_reads_as_unknown(world: Any) -> None:
    before = snapshot()
    with pytest.raises(ComplaintInvalid) as caught:
        filed(world, about="order", reference=world["order"].number, by="other_consumer")
    assert [str(text) for text in caught.value.errors["reference"]] == [
        "None of your orders has this number. Copy it from the order's page."]
    assert snapshot() == before


def test_the_package_of_an_order_complaint_holds_the_order_and_the_disclosure_sold(world: Any) -> None:
    complaint = escalated(world, about="order", reference=world["order"].number)
    _name, content = evidence_package(actor=world["supervision"], complaint_id=complaint.pk)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert list(files) == ["manifest.json", "complaint.json", "order.json", "listing.json"]
    order, coat = json.loads(files["order.json"]), world["coat"]
    assert (order["number"], order["total"], order["seller_operator_id"]) == (
        world["order"].number, "350.50", world["operator_a"].pk)
    assert [(line["listing_id"], line["listing_version"], line["price"]) for line in order["lines"]] == [
        (coat.pk, 1, "350.50")]
    listing = json.loads(files["listing.json"])
    assert (listing["listing"]["code"], listing["disclosure"]["version"], listing["disclosure"]["sha256"]) == (
        coat.code, 1, coat.disclosure_sha256)


def test_the_listing_and_order_pages_link_to_the_complaint_form(world: Any) -> None:
    buyer = client_for(world["buyer"])
    listing_page = buyer.get(f"/market/{world['jacket'].code}/").content.decode()
    order_page = buyer.get(f"/trade/orders/{world['order'].pk}/").content.decode()
    assert f"/complaints/new/?listing={world['jacket'].code}" in listing_page
    assert f"/complaints/new/?order={world['order'].number}" in order_page
    form = buyer.get(f"/complaints/new/?order={world['order'].number}").content.decode()
    assert f'name="reference" value="{world["order"].number}"' in form
    assert re.search(r'value="order"[^>]*checked', form)
