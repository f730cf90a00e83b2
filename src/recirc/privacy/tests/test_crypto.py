"""Encryption round trips, key handling and tamper detection."""

from __future__ import annotations

import base64

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from recirc.privacy.crypto import KEY_BYTES, parse_keyring
from recirc.privacy.errors import VaultKeyUnknown, VaultTampered
from recirc.privacy.facade import PiiKind, Purpose, pii_reveal, pii_store
from recirc.privacy.models import RevealLog, VaultRecord
from recirc.privacy.tests.conftest import KEY_ONE, KEY_TWO

pytestmark = pytest.mark.django_db

ROUND_TRIPS = [
    (PiiKind.RESIDENT_ID, "11010519491231002X", "11010519491231002X", "110105********002X"),
    (PiiKind.RESIDENT_ID, "110105 19491231 002x", "11010519491231002X", "110105********002X"),
    (PiiKind.PHONE, "138 1234 5678", "+8613812345678", "138****5678"),
    (PiiKind.NAME, "张三丰", "张三丰", "张**"),
    (PiiKind.ADDRESS, "北京市朝阳区建国路88号", "北京市朝阳区建国路88号", "北京市朝阳区****"),
    (PiiKind.PASSPORT, "E1234 5678", "E12345678", "E1*****78"),
]


@pytest.mark.parametrize(("kind", "value", "canonical", "masked"), ROUND_TRIPS)
def test_round_trip_returns_the_canonical_value_and_its_mask(actor, one_key, kind, value, canonical, masked) -> None:
    # given / when
    stored = pii_store(kind=kind, value=value, actor=actor)
    # then
    record = VaultRecord.objects.get(token=stored.token)
    assert stored.masked == masked
    assert (record.kind, record.key_id, record.masked) == (kind, "k1", masked)
    assert len(bytes(record.nonce)) == 12
    assert canonical.encode() not in bytes(record.ciphertext)
    assert pii_reveal(token=stored.token, actor=actor, purpose=Purpose.SUPPORT) == canonical


def test_the_same_value_gets_new_token_and_nonce_each_time(one_key) -> None:
    first = pii_store(kind=PiiKind.PHONE, value="13812345678")
    second = pii_store(kind=PiiKind.PHONE, value="13812345678")
    records = {record.token: record for record in VaultRecord.objects.all()}
    assert first.token != second.token
    assert first.token.startswith("pii_")
    assert bytes(records[first.token].nonce) != bytes(records[second.token].nonce)
    assert bytes(records[first.token].ciphertext) != bytes(records[second.token].ciphertext)


def test_a_record_under_an_unknown_key_id_raises_and_logs_nothing(actor, one_key) -> None:
    stored = pii_store(kind=PiiKind.PHONE, value="13812345678")
    VaultRecord.objects.filter(token=stored.token).update(key_id="retired")
    with pytest.raises(VaultKeyUnknown) as raised:
        pii_reveal(token=stored.token, actor=actor, purpose=Purpose.SUPPORT)
    assert raised.value.code == "privacy.key_unknown"
    assert RevealLog.objects.count() == 0


def test_a_record_read_with_the_wrong_key_raises(actor, one_key) -> None:
    stored = pii_store(kind=PiiKind.PHONE, value="13812345678")
    one_key.VAULT_KEYS = f"k1:{KEY_TWO}"  # same id, different key material
    with pytest.raises(VaultTampered):
        pii_reveal(token=stored.token, actor=actor, purpose=Purpose.SUPPORT)
    assert RevealLog.objects.count() == 0


def test_a_tampered_ciphertext_raises(actor, one_key) -> None:
    stored = pii_store(kind=PiiKind.RESIDENT_ID, value="11010519491231002X")
    record = VaultRecord.objects.get(token=stored.token)
    tampered = bytearray(bytes(record.ciphertext))
    tampered[0] ^= 0x01
    VaultRecord.objects.filter(pk=record.pk).update(ciphertext=bytes(tampered))
    with pytest.raises(VaultTampered) as raised:
        pii_reveal(token=stored.token, actor=actor, purpose=Purpose.SUPPORT)
    assert raised.value.code == "privacy.tampered"
    assert RevealLog.objects.count() == 0


def test_a_ciphertext_moved_to_another_record_does_not_decrypt(actor, one_key) -> None:
    # given two records; the associated data binds each ciphertext to its own token and kind
    victim = VaultRecord.objects.get(token=pii_store(kind=PiiKind.PHONE, value="13812345678").token)
    other = VaultRecord.objects.get(token=pii_store(kind=PiiKind.PHONE, value="13900000000").token)
    # when the victim's ciphertext and nonce are copied into the other record
    VaultRecord.objects.filter(pk=other.pk).update(ciphertext=victim.ciphertext, nonce=victim.nonce)
    # then
    with pytest.raises(VaultTampered):
        pii_reveal(token=other.token, actor=actor, purpose=Purpose.SUPPORT)


def test_the_development_default_key_is_a_valid_32_byte_key() -> None:
    ring = parse_keyring(settings.VAULT_KEYS, settings.VAULT_ACTIVE_KEY_ID)
    assert [len(key) for key in ring.keys.values()] == [KEY_BYTES]


@pytest.mark.parametrize("configured", [
    "k1:" + base64.b64encode(b"short").decode(),
    "k1:not base64!",
    "k1",
    f"k1:{KEY_ONE},k1:{KEY_TWO}",
])
def test_a_bad_keyring_stops_with_a_clear_message(configured) -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_keyring(configured, "k1")


def test_the_active_key_must_be_configured() -> None:
    with pytest.raises(ImproperlyConfigured, match="RECIRC_VAULT_ACTIVE_KEY"):
        parse_keyring(f"k1:{KEY_ONE}", "k2")
