"""The police register search, and the acceptance check that no plain personal value of a seller is in any table."""

from __future__ import annotations

import json
from typing import Any

import pytest

from recirc.accounts.tests.test_pii_acceptance import dump_every_row, raw_database_image
from recirc.acquisitions.errors import PoliceOnly
from recirc.acquisitions.models import AcquisitionEntry
from recirc.acquisitions.search import register_search_by_identifier, register_search_by_identity
from recirc.acquisitions.tests.factories import (
    ADDRESS,
    LEGAL_NAME,
    PHONE,
    RESIDENT_ID,
    SECOND_IMEI,
    SECOND_RESIDENT_ID,
    VALID_IMEI,
    individual,
    organisation,
    phone,
    photo,
    record,
)
from recirc.core.errors import ValidationFailed
from recirc.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(world: dict[str, Any]) -> list[Any]:
    return [record(world["clerk_a"], world["outlet_a"]),
            record(world["clerk_b"], world["outlet_b"], seller=individual(document_number=SECOND_RESIDENT_ID),
                   article=phone(identifiers=(("imei", SECOND_IMEI), ("serial", "F2LXK1ABJG5H")))),
            record(world["clerk_b"], world["outlet_b"], seller=organisation(handler_document_number=RESIDENT_ID),
                   article=phone(identifiers=(("mac", "3C:22:FB:12:34:56"),)))]


@pytest.mark.parametrize(("value", "expected"), [
    ("49-015420-323751-8", [0]), ("4901542032375181", [0]), ("35686800-004141-20", [1]), ("f2lxk1abjg5h", [1]),
    ("3c-22-fb-12-34-56", [2]), ("3C22.FB12.3456", [2]), ("357805023984942", []),
])
def test_the_police_find_entries_by_normalised_identifier(world: dict[str, Any], entries: list[Any], value: str,
                                                          expected: list[int]) -> None:
    found = register_search_by_identifier(actor=world["police"], value=value)
    assert [entry.pk for entry in found] == [entries[index].pk for index in expected]
    audit = AuditEvent.objects.filter(action="acquisitions.searched_by_identifier").latest("id")
    assert audit.payload["results"] == len(expected)


def test_the_police_find_sellers_and_handlers_by_identity_number_with_a_logged_purpose(
        world: dict[str, Any], entries: list[Any]) -> None:
    found = register_search_by_identity(actor=world["police"], document_type="resident_id",
                                        number="110105 19491231 002x", purpose="Case 2026-0412 stolen phones")

    assert sorted(entry.pk for entry in found) == sorted([entries[0].pk, entries[2].pk])
    audit = AuditEvent.objects.get(action="acquisitions.searched_by_identity")
    assert audit.actor_id == world["police"].pk
    assert audit.payload == {"purpose": "Case 2026-0412 stolen phones", "document_type": "resident_id",
                             "number": "110105********002X", "results": 2}
    assert RESIDENT_ID not in json.dumps(audit.payload)


def test_the_identity_search_still_finds_entries_whose_pseudonym_was_tampered_with(
        world: dict[str, Any], entries: list[Any]) -> None:
    AcquisitionEntry.objects.filter(pk=entries[0].pk).update(seller_document_pseudonym="0" * 64)
    found = register_search_by_identity(actor=world["police"], document_type="resident_id", number=RESIDENT_ID,
                                        purpose="Case 2026-0412")
    assert entries[0].pk in {entry.pk for entry in found}


@pytest.mark.parametrize(("purpose", "number", "fields"), [
    ("", RESIDENT_ID, ["purpose"]), ("ab", RESIDENT_ID, ["purpose"]),
    ("Case 1", "110105194912310021", ["number"]),
])
def test_the_identity_search_needs_a_purpose_and_a_valid_number(world: dict[str, Any], entries: list[Any],
                                                                 purpose: str, number: str,
                                                                 fields: list[str]) -> None:
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        register_search_by_identity(actor=world["police"], document_type="resident_id", number=number,
                                    purpose=purpose)
    assert list(caught.value.errors) == fields
    assert AuditEvent.objects.count() == audits


@pytest.mark.parametrize("who", ["clerk_a", "manager_a", "regulator", "consumer", "admin"])
def test_only_the_police_search(world: dict[str, Any], entries: list[Any], who: str) -> None:
    audits = AuditEvent.objects.count()
    with pytest.raises(PoliceOnly):
        register_search_by_identity(actor=world[who], document_type="resident_id", number=RESIDENT_ID,
                                    purpose="Curious")
    with pytest.raises(PoliceOnly):
        register_search_by_identifier(actor=world[who], value=VALID_IMEI)
    assert AuditEvent.objects.count() == audits


SECRETS = [RESIDENT_ID, "11010519491231", SECOND_RESIDENT_ID, "36042619910101", LEGAL_NAME, PHONE, ADDRESS,
           "文三路90号"]


def leaks(haystack: bytes) -> list[str]:
    return [secret for secret in SECRETS if secret.encode("utf-8") in haystack]


@pytest.mark.django_db(transaction=True)
def test_no_plain_personal_value_of_a_seller_is_in_any_table(world: dict[str, Any]) -> None:
    # given intakes of an individual (with a document photo) and of an organisation, a search and an export
    entry = record(world["clerk_a"], world["outlet_a"], photos=[photo("document"), photo("item")])
    record(world["clerk_a"], world["outlet_a"], seller=organisation())
    register_search_by_identity(actor=world["police"], document_type="resident_id", number=RESIDENT_ID,
                                purpose="Case 2026-0412")

    # then no table holds the numbers, name, phone or address (positive control: the masked number is there)
    rows = dump_every_row()
    assert leaks(rows) == []
    assert b"110105********002X" in rows and entry.seller_document_pseudonym.encode() in rows
    image = raw_database_image()
    if image is not None:
        assert leaks(image) == []
