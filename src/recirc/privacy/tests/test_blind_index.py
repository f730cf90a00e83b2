"""Exact lookup through the blind index, whatever the formatting."""

from __future__ import annotations

import pytest

from recirc.privacy.crypto import blind_index
from recirc.privacy.facade import PiiKind, pii_erase, pii_lookup, pii_store
from recirc.privacy.models import VaultRecord

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["+8613812345678", "13812345678", "+86 138-1234-5678", "0086 138 1234 5678",
                                   "１３８１２３４５６７８"])
def test_a_phone_is_found_however_it_is_written(one_key, typed) -> None:
    stored = pii_store(kind=PiiKind.PHONE, value="138 1234 5678")
    assert pii_lookup(kind=PiiKind.PHONE, value=typed) == [stored.token]


@pytest.mark.parametrize("typed", ["11010519491231002x", "110105 19491231 002X", "110105-19491231-002X"])
def test_an_identity_number_is_found_in_upper_case_without_spaces(one_key, typed) -> None:
    stored = pii_store(kind=PiiKind.RESIDENT_ID, value="11010519491231002X")
    assert pii_lookup(kind=PiiKind.RESIDENT_ID, value=typed) == [stored.token]


def test_a_name_is_found_after_nfkc_and_space_folding(one_key) -> None:
    stored = pii_store(kind=PiiKind.NAME, value="John Smith")
    assert pii_lookup(kind=PiiKind.NAME, value="  Ｊｏｈｎ   Smith ") == [stored.token]


def test_every_record_with_the_value_is_found_oldest_first(one_key) -> None:
    first = pii_store(kind=PiiKind.PHONE, value="13812345678")
    second = pii_store(kind=PiiKind.PHONE, value="+8613812345678")
    assert pii_lookup(kind=PiiKind.PHONE, value="13812345678") == [first.token, second.token]


@pytest.mark.parametrize(("kind", "value"), [
    (PiiKind.PHONE, "13912345678"),
    (PiiKind.RESIDENT_ID, "13812345678"),
    (PiiKind.PHONE, "not a phone"),
    (PiiKind.PHONE, ""),
    ("unknown_kind", "13812345678"),
])
def test_other_values_and_kinds_find_nothing(one_key, kind, value) -> None:
    pii_store(kind=PiiKind.PHONE, value="13812345678")
    assert pii_lookup(kind=kind, value=value) == []


def test_erased_records_are_not_found(actor, one_key) -> None:
    stored = pii_store(kind=PiiKind.PHONE, value="13812345678")
    pii_erase(token=stored.token, actor=actor, reason="asked by the person")
    assert pii_lookup(kind=PiiKind.PHONE, value="13812345678") == []


def test_the_index_is_keyed_and_does_not_contain_the_value(one_key, settings) -> None:
    stored = pii_store(kind=PiiKind.PHONE, value="13812345678")
    index = VaultRecord.objects.get(token=stored.token).blind_index
    settings.VAULT_BLIND_INDEX_KEY = "another-deployment"
    assert len(index) == 64
    assert "13812345678" not in index
    assert blind_index(PiiKind.PHONE, "+8613812345678") != index
