"""Identifier normalisation and validation (IMEI, MEID, MAC, serial, network-access licence)."""

from __future__ import annotations

import pytest
from django.utils import translation

from recirc.items.errors import IdentifierInvalid
from recirc.items.identifiers import (
    identifier_mask,
    identifier_normalise,
    identifiers_parse,
    normalise_imei,
    normalise_mac,
    normalise_meid,
    normalise_network_licence,
    normalise_serial,
)


@pytest.mark.parametrize("raw", ["490154203237518", "49 015420 323751 8", "49-015420-323751-8",
                                 " 490154203237518 ", "4901542032375181", "49-015420-323751-81"])
def test_imei_forms_normalise_to_the_15_digit_imei(raw: str) -> None:
    assert normalise_imei(raw) == "490154203237518"


def test_imeisv_gets_a_computed_check_digit() -> None:
    # the software version (last two digits) is dropped whatever it is
    assert normalise_imei("3568680000414120") == "356868000041418"  # stdnum: format(.., add_check_digit)


@pytest.mark.parametrize(("raw", "code"), [
    ("490154203237519", "items.imei_checksum"),
    ("49015420323751", "items.imei_invalid"),
    ("4901542032375", "items.imei_invalid"),
    ("49015420323751A", "items.imei_invalid"),
    ("", "items.imei_invalid"),
])
def test_bad_imeis_are_refused_on_the_imei_field(raw: str, code: str) -> None:
    with pytest.raises(IdentifierInvalid) as caught, translation.override("en"):
        normalise_imei(raw)
    assert caught.value.code == code
    assert list(caught.value.errors) == ["identifiers.imei"]


def test_wrong_check_digit_message() -> None:
    with pytest.raises(IdentifierInvalid) as caught, translation.override("en"):
        normalise_imei("490154203237519")
    assert caught.value.errors == {"identifiers.imei": ["The IMEI check digit is wrong: check for a mistyped digit."]}


@pytest.mark.parametrize("raw", ["AF 01 23 45 0A BC DE C", "af0123450abcde", "29360 87365 0070 3710 0"])
def test_meid_forms(raw: str) -> None:
    assert normalise_meid(raw) == "AF0123450ABCDE"


@pytest.mark.parametrize(("raw", "code"), [("29360 87365 0070 3710 1", "items.meid_checksum"),
                                           ("XYZ", "items.meid_invalid")])
def test_bad_meid(raw: str, code: str) -> None:
    with pytest.raises(IdentifierInvalid) as caught:
        normalise_meid(raw)
    assert (caught.value.code, list(caught.value.errors)) == (code, ["identifiers.meid"])


@pytest.mark.parametrize("raw", ["3c:22:fb:12:34:56", "3C-22-FB-12-34-56", "3c22.fb12.3456", "3C22FB123456"])
def test_mac_forms_become_upper_case_colon_form(raw: str) -> None:
    assert normalise_mac(raw) == "3C:22:FB:12:34:56"


@pytest.mark.parametrize("raw", ["00:00:00:00:00:00", "01:00:5E:00:00:01", "FF:FF:FF:FF:FF:FF", "3C:22:FB:12:34",
                                 "GG:22:FB:12:34:56"])
def test_bad_macs(raw: str) -> None:
    with pytest.raises(IdentifierInvalid) as caught:
        normalise_mac(raw)
    assert (caught.value.code, list(caught.value.errors)) == ("items.mac_invalid", ["identifiers.mac"])


def test_serials() -> None:
    assert normalise_serial("  c02xk1abjg5h ") == "C02XK1ABJG5H"
    assert normalise_serial("sn-1234") == "SN-1234"
    for bad in ("abc", "A" * 41, "AB CD12", "序列号1234"):
        with pytest.raises(IdentifierInvalid):
            normalise_serial(bad)


@pytest.mark.parametrize("raw", ["02-B123-201234", "02 b123 201234", "02－B123－201234", "02B123201234"])
def test_network_licence_is_lenient_about_separators(raw: str) -> None:
    assert normalise_network_licence(raw) == "02-B123-201234"


def test_network_licence_shape_is_checked() -> None:
    with pytest.raises(IdentifierInvalid) as caught:
        normalise_network_licence("2-B123-201234")
    assert list(caught.value.errors) == ["identifiers.network_licence"]


def test_kinds_have_aliases_and_unknown_kinds_are_refused() -> None:
    assert identifier_normalise("IMEI", "490154203237518") == ("imei", "490154203237518")
    assert identifier_normalise("SN", "abcd1234") == ("serial", "ABCD1234")
    with pytest.raises(IdentifierInvalid) as caught:
        identifier_normalise("vin", "123")
    assert caught.value.code == "items.identifier_kind_unknown"


def test_lines_are_parsed() -> None:
    text = "imei: 49-015420-323751-8\n\n mac：3c:22:fb:12:34:56\nserial=AB12CD"
    assert identifiers_parse(text) == [("imei", "49-015420-323751-8"), ("mac", "3c:22:fb:12:34:56"),
                                       ("serial", "AB12CD")]
    with pytest.raises(IdentifierInvalid) as caught:
        identifiers_parse("490154203237518")
    assert caught.value.code == "items.identifier_line_invalid"


@pytest.mark.parametrize(("kind", "value", "masked"), [
    ("imei", "490154203237518", "49015420******8"),
    ("meid", "AF0123450ABCDE", "AF012345******"),
    ("mac", "3C:22:FB:12:34:56", "3C:22:FB:**:**:**"),
    ("serial", "C02XK1ABJG5H", "C0********5H"),
    ("serial", "AB12", "A***"),
    ("network_licence", "02-B123-201234", "02-B123-201234"),
])
def test_masks(kind: str, value: str, masked: str) -> None:
    assert identifier_mask(kind, value) == masked
