"""acquisition_record: what one intake writes, in which order, and what it refuses (writing nothing)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from stdnum.cn import ric

from recirc.acquisitions.models import AcquisitionEntry, AcquisitionPhoto
from recirc.acquisitions.tests.conftest import snapshot
from recirc.acquisitions.tests.factories import (
    ADDRESS,
    LEGAL_NAME,
    PHONE,
    RESIDENT_ID,
    VALID_IMEI,
    individual,
    jacket,
    phone,
    photo,
    record,
)
from recirc.catalog.facade import category_get
from recirc.core.errors import ValidationFailed
from recirc.core.hashchain import GENESIS_HASH, chain_verify
from recirc.core.models import AuditEvent
from recirc.items.facade import holds_for_item, item_ref
from recirc.policing.models import WatchlistIdentifier
from recirc.policing.tests.factories import WatchlistEntryFactory
from recirc.privacy.facade import pii_pseudonym, pii_reveal
from recirc.privacy.models import VaultRecord

pytestmark = pytest.mark.django_db


def test_a_phone_intake_writes_the_passport_vault_values_checks_hold_and_a_sealed_entry(world: dict[str, Any]) -> None:
    # when the clerk records a phone bought from an individual
    entry = record(world["clerk_a"], world["outlet_a"])

    # then the entry is the first of the outlet's chain and verifies
    assert (entry.chain_key, entry.sequence, entry.previous_hash) == (str(world["outlet_a"].pk), 1, GENESIS_HASH)
    report = chain_verify(AcquisitionEntry, chain_key=str(world["outlet_a"].pk))
    assert (report.intact, report.checked, report.length) == (True, 1, 1)
    # the facts of the entry
    assert (entry.operator_id, entry.outlet_id, entry.clerk_id) == (world["operator_a"].pk, world["outlet_a"].pk,
                                                                    world["clerk_a"].pk)
    assert entry.operator_licence == world["operator_a"].credit_code
    assert (entry.transaction_type, entry.quantity, entry.condition, entry.price_paid) == (
        "purchase", 1, "95", Decimal("2100.00"))
    assert entry.identifiers == [{"kind": "imei", "value": VALID_IMEI}]
    assert entry.attributes == {"brand": "Apple", "model": "iPhone 13", "storage_gb": "128", "colour": "黑色",
                                "battery_health_percent": 91}
    assert (entry.payment_method, entry.payment_reference) == ("wechat_pay", "WX20261130-0001")
    assert entry.recorded_at == entry.created_at
    # the seller: tokens and masks only, the number's pseudonym, age from the document
    assert (entry.seller_name_masked, entry.seller_document_masked) == ("张**", "110105********002X")
    assert entry.seller_phone_masked == "138****5678"
    assert entry.seller_address_masked.startswith("浙江省杭州市西湖区")
    assert entry.seller_document_pseudonym == pii_pseudonym(kind="resident_id", value=RESIDENT_ID)
    assert (entry.seller_birth_year, entry.identity_check_method, entry.face_matched) == (1949, "id_card_reader",
                                                                                          True)
    assert entry.seller_age == timezone.localdate().year - 1949 - 1  # born 31 December
    revealed = [pii_reveal(token=getattr(entry, field), actor=world["police"], purpose="police_request")
                for field in ("seller_name_token", "seller_document_token", "seller_address_token",
                              "seller_phone_token")]
    assert revealed == [LEGAL_NAME, RESIDENT_ID, ADDRESS, "+86" + PHONE]
    # the item passport, owned by the operator at the outlet, in stock
    item = item_ref(entry.item_id)
    assert (item.code, item.owner_operator_id, item.outlet_id, item.state) == (
        entry.item_code, world["operator_a"].pk, world["outlet_a"].pk, "in_stock")
    assert [(identifier.kind, identifier.value) for identifier in item.identifiers] == [("imei", VALID_IMEI)]
    # the screening checks are sealed in the entry
    assert entry.checks and {check["source"] for check in entry.checks} >= {"watchlist"}
    assert all(set(check) == {"source", "checked_at", "result", "detail"} for check in entry.checks)
    # the statutory hold for phones: 7 days from compile time
    assert entry.hold_until == entry.created_at + dt.timedelta(days=7)
    holds = holds_for_item(entry.item_id)
    assert [(hold.kind, hold.ends_at, hold.is_active) for hold in holds] == [
        ("statutory", entry.hold_until, True), ("erasure_pending", None, True)]
    assert holds[0].source_ref == f"acquisitions.entry:{entry.reference}"
    # and one audit event with masked values only
    audit = AuditEvent.objects.get(action="acquisitions.recorded")
    assert (audit.actor_id, audit.target_id, audit.operator_id) == (world["clerk_a"].pk, str(entry.pk),
                                                                    world["operator_a"].pk)
    assert audit.payload["seller_document"] == "110105********002X"
    assert (audit.payload["sequence"], audit.payload["item_code"], audit.payload["back_entry"]) == (
        1, entry.item_code, False)


def test_the_chain_hash_covers_the_checks(world: dict[str, Any]) -> None:
    entry = record(world["clerk_a"], world["outlet_a"])
    tampered = [{**check, "result": "clear"} for check in entry.checks] + [
        {"source": "watchlist", "checked_at": "2026-01-01T00:00:00+00:00", "result": "clear", "detail": "x"}]
    models.QuerySet(model=AcquisitionEntry).filter(pk=entry.pk).update(checks=tampered)  # bypasses the guards

    report = chain_verify(AcquisitionEntry, chain_key=entry.chain_key)

    assert (report.first_bad_sequence, report.first_bad_id, report.reason) == (1, entry.pk, "entry content was altered")


def test_entries_of_one_outlet_chain_up_and_other_outlets_have_their_own_chain(world: dict[str, Any]) -> None:
    first = record(world["clerk_a"], world["outlet_a"])
    second = record(world["clerk_a"], world["outlet_a"], article=jacket())
    other = record(world["manager_a"], world["outlet_a2"], article=jacket())

    assert (second.sequence, second.previous_hash) == (2, first.entry_hash)
    assert (other.chain_key, other.sequence, other.previous_hash) == (str(world["outlet_a2"].pk), 1, GENESIS_HASH)


def test_clothing_has_no_statutory_hold(world: dict[str, Any]) -> None:
    entry = record(world["clerk_a"], world["outlet_a"], article=jacket())
    assert entry.hold_until is None
    assert holds_for_item(entry.item_id) == []


def test_statutory_hold_days_are_a_setting(world: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "STATUTORY_HOLD_DAYS": {"clothing": 2}}
    phone_entry = record(world["clerk_a"], world["outlet_a"])
    jacket_entry = record(world["clerk_a"], world["outlet_a"], article=jacket())
    assert phone_entry.hold_until is None
    assert jacket_entry.hold_until == jacket_entry.created_at + dt.timedelta(days=2)


def test_a_paper_back_entry_keeps_both_times(world: dict[str, Any]) -> None:
    acquired = timezone.now() - dt.timedelta(hours=20)
    entry = record(world["clerk_a"], world["outlet_a"], recorded_at=acquired)
    assert entry.recorded_at == acquired
    assert entry.created_at > acquired + dt.timedelta(hours=19)
    assert AuditEvent.objects.get(action="acquisitions.recorded").payload["back_entry"] is True


@pytest.mark.parametrize(("hours", "code"), [(-25, "acquisitions.back_entry_too_late"),
                                             (2, "acquisitions.recorded_in_future")])
def test_back_entry_window_is_enforced(world: dict[str, Any], hours: int, code: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], recorded_at=timezone.now() + dt.timedelta(hours=hours))
    assert (caught.value.code, list(caught.value.errors)) == (code, ["recorded_at"])
    assert snapshot() == before


def test_item_photos_are_files_and_document_photos_only_in_the_vault(world: dict[str, Any]) -> None:
    entry = record(world["clerk_a"], world["outlet_a"], photos=[photo("item"), photo("document")])
    item_photo, document_photo = (AcquisitionPhoto.objects.get(entry=entry, kind=kind) for kind in ("item", "document"))
    assert item_photo.image.name.startswith(f"acquisitions/{entry.pk}/") and item_photo.vault_token == ""
    assert document_photo.image.name == "" and document_photo.vault_token.startswith("pii_")
    assert VaultRecord.objects.get(token=document_photo.vault_token).kind == "id_photo"
    assert [digest["sha256"] for digest in entry.photo_digests] == [item_photo.sha256, document_photo.sha256]


def test_a_seller_under_18_is_recorded_and_screened_but_not_refused(world: dict[str, Any]) -> None:
    born = timezone.localdate().replace(year=timezone.localdate().year - 16) - dt.timedelta(days=1)
    base = f"110105{born:%Y%m%d}003"
    minor = base + ric.calc_check_digit(base + "0")
    entry = record(world["clerk_a"], world["outlet_a"], seller=individual(document_number=minor))
    assert entry.seller_age == 16


def test_minors_are_refused_when_the_policy_says_so(world: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "MINIMUM_SELLER_AGE_REFUSE": True}
    base = f"110105{timezone.localdate().year - 15}0101003"
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"],
               seller=individual(document_number=base + ric.calc_check_digit(base + "0")))
    assert (caught.value.code, list(caught.value.errors)) == ("acquisitions.seller_too_young",
                                                              ["seller.document_number"])
    assert snapshot() == before


def test_the_low_value_exemption_never_applies_to_phones(world: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "LOW_VALUE_ID_EXEMPTION_YUAN": 50}
    anonymous_seller = individual(document_number="", document_type="", legal_name="", address="", phone="",
                                  identity_check_method="")
    entry = record(world["clerk_a"], world["outlet_a"], seller=anonymous_seller, article=jacket())
    assert (entry.seller_document_token, entry.seller_document_pseudonym) == ("", "")
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], seller=anonymous_seller,
               article=phone(price_paid=Decimal("20")))
    assert (caught.value.code, list(caught.value.errors)) == ("acquisitions.identity_required",
                                                              ["seller.document_number"])
    assert "no low-value exemption" in str(caught.value.errors["seller.document_number"][0])
    assert snapshot() == before


def test_without_an_exemption_a_cheap_jacket_still_needs_an_identity_document(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], seller=individual(document_number=""),
               article=jacket(price_paid=Decimal("1")))
    assert (caught.value.code, list(caught.value.errors)) == ("acquisitions.identity_required",
                                                              ["seller.document_number"])
    assert snapshot() == before


def test_every_problem_is_reported_at_once(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"],
               seller=individual(legal_name="", ownership_declared=False, identity_check_method="", phone="12"),
               article=phone(identifiers=(("imei", "490154203237519"),), quantity=2, condition="mint",
                             price_paid="-3", attributes={"storage_gb": "100"}),
               payment_method="cheque")
    assert caught.value.code == "acquisitions.invalid"
    assert sorted(caught.value.errors) == [
        "article.condition", "article.identifiers", "article.price_paid", "article.quantity",
        "payment_method", "seller.identity_check_method", "seller.legal_name", "seller.ownership_declared",
        "seller.phone"]
    assert snapshot() == before


def test_a_donation_is_free_and_a_paid_purchase_names_its_payment(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], transaction_type="donation", article=jacket())
    assert list(caught.value.errors) == ["article.price_paid"]
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], payment_method="none")
    assert list(caught.value.errors) == ["payment_method"]
    assert snapshot() == before
    donated = record(world["clerk_a"], world["outlet_a"], transaction_type="donation",
                     article=jacket(price_paid="0"), payment_method="none", payment_reference="")
    assert (donated.price_paid, donated.payment_method) == (Decimal("0.00"), "none")


def test_a_watchlist_hit_is_stored_with_the_entry_and_shown_first(world: dict[str, Any]) -> None:
    # given a stolen phone on the watchlist
    WatchlistIdentifier.objects.create(entry=WatchlistEntryFactory(), kind="imei", value=VALID_IMEI)

    # when a clerk takes it in (typed with dashes)
    entry = record(world["clerk_a"], world["outlet_a"],
                   article=phone(identifiers=(("imei", "49-015420-323751-8"),)))

    # then the watchlist check is a sealed hit, the item is held, and the entry page says so first
    watchlist = [check for check in entry.checks if check["source"] == "watchlist"]
    assert [check["result"] for check in watchlist] == ["hit"]
    assert item_ref(entry.item_id).state == "on_hold"
    assert sorted(hold.kind for hold in holds_for_item(entry.item_id)) == ["erasure_pending", "statutory",
                                                                         "watchlist_match"]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world["clerk_a"], backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("register-entry", args=[entry.pk]) + "?recorded=1").content.decode()
    assert page.index("Screening: action needed") < page.index("Checks at intake")
    assert "Police alert" in page
    assert chain_verify(AcquisitionEntry, chain_key=entry.chain_key).intact


@pytest.mark.parametrize(("price_paid", "alerted"), [("400.00", True), ("2100.00", False)])
def test_a_price_far_below_the_evaluated_value_raises_an_alert(world: dict[str, Any], price_paid: str,
                                                                alerted: bool) -> None:
    # given five past sales of this model at 3,000-3,400 yuan (the comparables answer: median 3,200)
    from recirc.policing.models import Alert
    from recirc.valuation.facade import observation_record

    phones = category_get("mobile-phones").id
    for number, price in enumerate(("3000", "3100", "3200", "3300", "3400")):
        observation_record(actor=world["admin"], category_id=phones, price=Decimal(price),
                           observed_on=timezone.localdate(), source="sale", source_ref=f"test-sale-{number}",
                           brand="Apple", model_name="iPhone 13")

    # when the clerk pays well under half of it (the rule's default ratio is 0.5), or a fair price
    entry = record(world["clerk_a"], world["outlet_a"], article=phone(price_paid=Decimal(price_paid)))

    # then only the low price is alerted, with the price and the value named
    alerts = list(Alert.objects.filter(item_id=entry.item_id, kind="price_below_value"))
    assert len(alerts) == (1 if alerted else 0)
    checks = {check["source"]: check["result"] for check in entry.checks}
    assert checks["price"] == ("hit" if alerted else "clear")
    if alerted:
        assert alerts[0].reason_params == {"price": "¥400.00", "value": "¥3,200.00", "percent": "13", "threshold": "50"}
