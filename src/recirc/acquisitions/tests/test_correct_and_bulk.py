"""Corrections are new linked entries (the original never changes); bulk purchases give one entry per article."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from recirc.acquisitions import services
from recirc.acquisitions.errors import AlreadyCorrected, EntryNotFound, RecordingForbidden
from recirc.acquisitions.models import AcquisitionEntry
from recirc.acquisitions.tests.conftest import snapshot
from recirc.acquisitions.tests.factories import (
    SECOND_IMEI,
    SECOND_RESIDENT_ID,
    VALID_IMEI,
    individual,
    jacket,
    organisation,
    phone,
    record,
)
from recirc.core.errors import ValidationFailed
from recirc.core.hashchain import chain_verify
from recirc.core.models import AuditEvent
from recirc.items.models import Item

pytestmark = pytest.mark.django_db


def correct(actor: Any, entry: AcquisitionEntry, changes: dict[str, Any], reason: str = "Typo in the price") -> Any:
    return services.acquisition_correct(actor=actor, entry_id=entry.pk, changes=changes, reason=reason)


def test_a_correction_is_a_new_linked_entry_and_the_original_stays(world: dict[str, Any]) -> None:
    original = record(world["clerk_a"], world["outlet_a"])
    sealed = {name: getattr(original, name) for name in ("entry_hash", "price_paid", "title", "colour")}

    fixed = correct(world["clerk_a"], original, {"price_paid": "1900.00", "colour": "午夜色"})

    assert (fixed.corrects_id, fixed.sequence, fixed.previous_hash) == (original.pk, 2, original.entry_hash)
    assert (fixed.price_paid, fixed.colour, fixed.correction_reason) == (Decimal("1900.00"), "午夜色",
                                                                        "Typo in the price")
    assert (fixed.item_id, fixed.identifiers, fixed.hold_until) == (original.item_id, original.identifiers,
                                                                     original.hold_until)
    # the price changed, so the facts were screened again: the same checks, with the same results
    assert [(check["source"], check["result"]) for check in fixed.checks] == [
        (check["source"], check["result"]) for check in original.checks]
    assert (fixed.seller_document_token, fixed.seller_document_masked) == (original.seller_document_token,
                                                                           "110105********002X")
    original.refresh_from_db()
    assert {name: getattr(original, name) for name in sealed} == sealed
    assert Item.objects.count() == 1
    assert chain_verify(AcquisitionEntry, chain_key=original.chain_key).intact
    audit = AuditEvent.objects.get(action="acquisitions.corrected")
    assert audit.payload == {"reference": str(fixed.reference), "sequence": 2, "corrects_id": original.pk,
                             "corrects_sequence": 1, "changed": ["colour", "price_paid"], "rescreened": True,
                             "alerts": 0}


def test_a_corrected_seller_is_entered_again_in_full(world: dict[str, Any]) -> None:
    original = record(world["clerk_a"], world["outlet_a"])
    fixed = correct(world["clerk_a"], original, {"seller": individual(document_number=SECOND_RESIDENT_ID)},
                    reason="Wrong card read")
    assert fixed.seller_document_masked == "360426********0071"
    assert fixed.seller_document_token != original.seller_document_token


def test_only_the_newest_version_is_corrected(world: dict[str, Any]) -> None:
    original = record(world["clerk_a"], world["outlet_a"])
    correct(world["clerk_a"], original, {"price_paid": "1900"})
    before = snapshot()
    with pytest.raises(AlreadyCorrected) as caught:
        correct(world["clerk_a"], original, {"price_paid": "1800"})
    assert caught.value.text() == "This entry has already been corrected by entry #2: correct the newest version."
    assert snapshot() == before


@pytest.mark.parametrize(("changes", "reason", "field", "code"), [
    ({"price_paid": "1900"}, "", "reason", "acquisitions.required"),
    ({}, "Nothing", "changes", "acquisitions.nothing_changed"),
    ({"price_paid": "2100.00"}, "Same", "changes", "acquisitions.nothing_changed"),
    ({"identifiers": (("imei", SECOND_IMEI),)}, "IMEI", "changes", "acquisitions.not_correctable"),
    ({"condition": "mint"}, "Condition", "article.condition", "acquisitions.condition"),
    ({"transaction_type": "bulk_purchase"}, "Bulk", "seller.kind", "acquisitions.bulk_needs_organisation"),
])
def test_bad_corrections_write_nothing(world: dict[str, Any], changes: dict[str, Any], reason: str, field: str,
                                       code: str) -> None:
    original = record(world["clerk_a"], world["outlet_a"])
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        correct(world["clerk_a"], original, changes, reason=reason)
    assert (caught.value.code, list(caught.value.errors)) == (code, [field])
    assert snapshot() == before


@pytest.mark.parametrize(("who", "error"), [("clerk_b", EntryNotFound), ("police", RecordingForbidden),
                                            ("regulator", RecordingForbidden), ("consumer", EntryNotFound),
                                            ("inspector_a", EntryNotFound)])
def test_only_the_outlets_staff_may_correct(world: dict[str, Any], who: str, error: type[Exception]) -> None:
    original = record(world["clerk_a"], world["outlet_a"])
    before = snapshot()
    with pytest.raises(error):
        correct(world[who], original, {"price_paid": "1900"})
    assert snapshot() == before
    assert correct(world["manager_a"], original, {"price_paid": "1900"}).clerk_id == world["manager_a"].pk


def test_a_bulk_purchase_records_one_entry_per_article(world: dict[str, Any]) -> None:
    entries = services.acquisition_bulk_record(
        actor=world["clerk_a"], outlet_id=world["outlet_a"].pk, seller=organisation(),
        articles=[phone(), phone(identifiers=(("imei", SECOND_IMEI),)), jacket(quantity=3)],
        payment_method="bank_transfer", payment_reference="B-77")

    assert [(entry.sequence, entry.quantity, entry.title) for entry in entries] == [
        (1, 1, "iPhone 13 128G 黑色"), (2, 1, "iPhone 13 128G 黑色"), (3, 1, "Down jacket"), (4, 1, "Down jacket"),
        (5, 1, "Down jacket")]
    assert {entry.bulk_reference for entry in entries} == {entries[0].bulk_reference}
    assert {entry.transaction_type for entry in entries} == {"bulk_purchase"}
    assert [entry.identifiers for entry in entries[:2]] == [[{"kind": "imei", "value": VALID_IMEI}],
                                                             [{"kind": "imei", "value": SECOND_IMEI}]]
    assert len({entry.item_id for entry in entries}) == 5
    assert {entry.handler_document_token for entry in entries} == {entries[0].handler_document_token}
    assert AuditEvent.objects.get(action="acquisitions.bulk_recorded").payload["entries"] == 5


@pytest.mark.parametrize(("seller", "articles", "field", "code"), [
    (individual(), [jacket()], "seller.kind", "acquisitions.bulk_needs_organisation"),
    (organisation(), [phone(quantity=2)], "articles.0.quantity", "acquisitions.lumped"),
    (organisation(), [jacket(), phone(identifiers=())], "articles.1.identifiers",
     "acquisitions.hardware_identifier_required"),
    (organisation(), [], "articles", "acquisitions.articles_required"),
    (organisation(handler_document_number=""), [jacket()], "seller.handler_document_number",
     "acquisitions.identity_required"),
])
def test_bad_bulk_purchases_write_nothing(world: dict[str, Any], seller: Any, articles: list[Any], field: str,
                                          code: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        services.acquisition_bulk_record(actor=world["clerk_a"], outlet_id=world["outlet_a"].pk, seller=seller,
                                         articles=articles, payment_method="bank_transfer")
    assert (caught.value.code, list(caught.value.errors)) == (code, [field])
    assert snapshot() == before


def test_a_payment_correction_keeps_the_checks_as_they_were(world: dict[str, Any]) -> None:
    original = record(world["clerk_a"], world["outlet_a"])
    fixed = correct(world["clerk_a"], original, {"payment_method": "bank_transfer", "payment_reference": "TX-77"})
    assert fixed.checks == original.checks
    assert AuditEvent.objects.get(action="acquisitions.corrected").payload["rescreened"] is False


def test_a_seller_corrected_to_a_minor_is_screened_and_alerted(world: dict[str, Any]) -> None:
    from stdnum.cn import ric

    from recirc.policing.models import Alert

    original = record(world["clerk_a"], world["outlet_a"])
    born = timezone.localdate().replace(year=timezone.localdate().year - 16) - dt.timedelta(days=1)
    base = f"110105{born:%Y%m%d}003"
    fixed = correct(world["clerk_a"], original, {"seller": individual(document_number=base + ric.calc_check_digit(
        base + "0"))}, reason="Wrong card read")
    assert {check["source"]: check["result"] for check in fixed.checks}["age"] == "hit"
    assert list(Alert.objects.filter(item_id=original.item_id).values_list("kind", "source_ref")) == [
        ("seller_minor", f"acquisitions.entry:{fixed.reference}")]


def test_a_description_corrected_into_a_watchlisted_article_is_matched(world: dict[str, Any]) -> None:
    from recirc.policing.facade import watchlist_add
    from recirc.policing.models import Alert

    original = record(world["clerk_a"], world["outlet_a"])
    watchlist_add(actor=world["police"], data={
        "case_number": "杭公刑(2026)0102号", "reporting_unit": "杭州市公安局西湖区分局", "brand": "Apple",
        "model_name": "iPhone 13", "colour": "午夜色", "description": "背面刻字 ZL4821，屏幕左上角有裂纹"})
    fixed = correct(world["clerk_a"], original, {"colour": "午夜色",
                                                 "distinguishing_features": "背面刻字 ZL4821，屏幕左上角有裂纹"})
    assert {check["source"]: check["result"] for check in fixed.checks}["watchlist"] == "hit"
    assert Alert.objects.filter(item_id=original.item_id, kind="watchlist_fuzzy").count() == 1
