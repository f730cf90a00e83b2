"""Official check-digit vectors as fixture tables, driving acquisition_record end to end.

Valid vectors are recorded (stored in canonical form); invalid ones give a clear error on the named field and
write nothing: no entry, item, identifier, vault record, audit event or chain head.
Sources: python-stdnum's documented examples (imei, cn.ric, cn.uscc) and codes built with its check-digit
functions (luhn.calc_check_digit, ric.calc_check_digit, uscc.calc_check_digit).
"""

from __future__ import annotations

from typing import Any

import pytest
from stdnum import luhn
from stdnum.cn import ric, uscc

from recirc.acquisitions.tests.conftest import snapshot
from recirc.acquisitions.tests.factories import individual, organisation, phone, record
from recirc.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def luhn_completed(body: str) -> str:
    return body + luhn.calc_check_digit(body)


def ric_completed(first_seventeen: str) -> str:
    return first_seventeen + ric.calc_check_digit(first_seventeen + "0")


def uscc_completed(first_seventeen: str) -> str:
    return first_seventeen + uscc.calc_check_digit(first_seventeen)


def wrong_last(code: str, alphabet: str) -> str:
    return code[:-1] + next(character for character in alphabet if character != code[-1])


VALID_IMEIS = [  # (typed, stored)
    ("490154203237518", "490154203237518"),          # stdnum imei docs
    ("35-417803-685978-9", "354178036859789"),       # stdnum imei.format() example
    ("35686800-004141-20", "356868000041418"),       # stdnum IMEISV example -> IMEI with its check digit
    ("49 015420 323751 8", "490154203237518"),
    (luhn_completed("86012345678901"), luhn_completed("86012345678901")),
]
INVALID_IMEIS = [  # (typed, error code)
    ("35-417803-685978-1", "items.imei_checksum"),   # stdnum: InvalidChecksum
    ("490154203237519", "items.imei_checksum"),
    ("4901542032375", "items.imei_invalid"),          # 13 digits
    ("49015420323751A", "items.imei_invalid"),
]
VALID_RESIDENT_IDS = [  # (typed, masked)
    ("11010519491231002X", "110105********002X"),    # stdnum cn.ric test vector
    ("11010519491231002x", "110105********002X"),
    ("360426199101010071", "360426********0071"),    # stdnum cn.ric docs
    (ric_completed("33010619900101001"), "330106********0018"),    # built with ric.calc_check_digit
]
INVALID_RESIDENT_IDS = [  # (typed, error code)
    ("110105194912310021", "accounts.id_check_digit"),
    (ric_completed("11010519491331002"), "accounts.id_birth_date"),
    ("440524188001010014", "accounts.id_region"),
    ("1101051949123100", "accounts.id_number_format"),
]
VALID_CREDIT_CODES = [
    "91110000600037341L",                            # stdnum cn.uscc docs
    uscc_completed("91330106MA2H1B2C3"),
    uscc_completed("12100000400000624"),
]
INVALID_CREDIT_CODES = [  # (typed, error code)
    ("91110000600037341M", "acquisitions.credit_code_checksum"),
    (wrong_last(uscc_completed("91330106MA2H1B2C3"), "0123456789ABCDEFGHJKLMNPQRTUWXY"),
     "acquisitions.credit_code_checksum"),
    ("9111000060003734", "acquisitions.credit_code_invalid"),
    ("91110000600037341I", "acquisitions.credit_code_invalid"),
]


@pytest.mark.parametrize(("typed", "stored"), VALID_IMEIS)
def test_valid_imeis_are_recorded_in_canonical_form(world: dict[str, Any], typed: str, stored: str) -> None:
    entry = record(world["clerk_a"], world["outlet_a"], article=phone(identifiers=(("imei", typed),)))
    assert entry.identifiers == [{"kind": "imei", "value": stored}]


@pytest.mark.parametrize(("typed", "code"), INVALID_IMEIS)
def test_invalid_imeis_are_refused_and_nothing_is_written(world: dict[str, Any], typed: str, code: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], article=phone(identifiers=(("imei", typed),)))
    assert (caught.value.code, list(caught.value.errors)) == (code, ["article.identifiers"])
    assert snapshot() == before


@pytest.mark.parametrize(("typed", "masked"), VALID_RESIDENT_IDS)
def test_valid_resident_ids_are_recorded_masked(world: dict[str, Any], typed: str, masked: str) -> None:
    entry = record(world["clerk_a"], world["outlet_a"], seller=individual(document_number=typed))
    assert entry.seller_document_masked == masked
    assert typed.upper() not in str(entry.__dict__)


@pytest.mark.parametrize(("typed", "code"), INVALID_RESIDENT_IDS)
def test_invalid_resident_ids_are_refused_and_nothing_is_written(world: dict[str, Any], typed: str, code: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], seller=individual(document_number=typed))
    assert (caught.value.code, list(caught.value.errors)) == (code, ["seller.document_number"])
    assert typed not in caught.value.text() and typed not in str(caught.value.errors)
    assert snapshot() == before


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_valid_credit_codes_are_recorded(world: dict[str, Any], code: str) -> None:
    entry = record(world["clerk_a"], world["outlet_a"], seller=organisation(credit_code=code))
    assert (entry.seller_kind, entry.organisation_credit_code) == ("organisation", code)
    assert entry.handler_document_masked == "360426********0071"


@pytest.mark.parametrize(("typed", "code"), INVALID_CREDIT_CODES)
def test_invalid_credit_codes_are_refused_and_nothing_is_written(world: dict[str, Any], typed: str,
                                                                 code: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], seller=organisation(credit_code=typed))
    assert (caught.value.code, list(caught.value.errors)) == (code, ["seller.credit_code"])
    assert snapshot() == before


@pytest.mark.parametrize(("change", "field", "code"), [
    ({"seller": {"document_number": ""}}, "seller.document_number", "acquisitions.identity_required"),
    ({"seller": {"document_type": ""}}, "seller.document_type", "acquisitions.document_type"),
    ({"seller": {"ownership_declared": False}}, "seller.ownership_declared", "acquisitions.ownership_not_declared"),
    ({"article": {"quantity": 2}}, "article.quantity", "acquisitions.lumped"),
    ({"article": {"identifiers": ()}}, "article.identifiers", "acquisitions.hardware_identifier_required"),
    ({"article": {"identifiers": (("network_licence", "02-B123-201234"),)}}, "article.identifiers",
     "acquisitions.hardware_identifier_required"),
    ({"article": {"identifiers": (("mac", "01:00:5E:00:00:01"),)}}, "article.identifiers", "items.mac_invalid"),
    ({"article": {"category": "digital-products"}}, "article.category", "acquisitions.category"),
    ({"seller": {"identity_check_method": "online_face_match", "face_matched": False}}, "seller.face_matched",
     "acquisitions.face_not_matched"),
])
def test_each_bad_input_names_its_field_and_writes_nothing(world: dict[str, Any], change: dict[str, Any],
                                                          field: str, code: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], seller=individual(**change.get("seller", {})),
               article=phone(**change.get("article", {})))
    assert (caught.value.code, list(caught.value.errors)) == (code, [field])
    assert snapshot() == before


def test_a_lumped_bulk_purchase_points_to_the_bulk_intake(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as caught:
        record(world["clerk_a"], world["outlet_a"], transaction_type="bulk_purchase", seller=organisation(),
               article=phone(quantity=3))
    assert caught.value.code == "acquisitions.lumped"
    assert "bulk purchase intake" in str(caught.value.errors["article.quantity"][0])
    assert snapshot() == before


def test_an_outlet_of_another_operator_is_refused_and_nothing_is_written(world: dict[str, Any]) -> None:
    before = snapshot()
    for outlet in (world["outlet_b"], world["outlet_a2"]):  # another operator's; the clerk's own operator's other
        with pytest.raises(ValidationFailed) as caught:
            record(world["clerk_a"], outlet)
        assert (caught.value.code, list(caught.value.errors)) == ("acquisitions.outlet_not_yours", ["outlet_id"])
    assert snapshot() == before
