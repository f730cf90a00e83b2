"""Key rotation: every live record moves to the active key and still reveals."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from recirc.core.models import AuditEvent
from recirc.privacy.facade import PiiKind, Purpose, pii_erase, pii_reveal, pii_rotate, pii_store
from recirc.privacy.models import VaultRecord
from recirc.privacy.tests.conftest import KEY_ONE, KEY_TWO

pytestmark = pytest.mark.django_db
PHONES = ["13800000001", "13800000002", "13800000003"]


@pytest.fixture
def three_under_k1(one_key):  # type: ignore[no-untyped-def]
    tokens = [pii_store(kind=PiiKind.PHONE, value=phone).token for phone in PHONES]
    one_key.VAULT_KEYS = f"k1:{KEY_ONE},k2:{KEY_TWO}"
    one_key.VAULT_ACTIVE_KEY_ID = "k2"
    return tokens


def test_rotation_reencrypts_under_the_active_key_and_values_still_reveal(actor, three_under_k1, settings) -> None:
    before = {record.token: bytes(record.ciphertext) for record in VaultRecord.objects.all()}
    # when
    rotated = pii_rotate(batch_size=2)
    # then
    assert rotated == 3
    assert set(VaultRecord.objects.values_list("key_id", flat=True)) == {"k2"}
    assert all(bytes(record.ciphertext) != before[record.token] for record in VaultRecord.objects.all())
    settings.VAULT_KEYS = f"k2:{KEY_TWO}"  # the old key can now be retired
    revealed = [pii_reveal(token=token, actor=actor, purpose=Purpose.SUPPORT) for token in three_under_k1]
    assert revealed == ["+86" + phone for phone in PHONES]
    assert AuditEvent.objects.filter(action="privacy.rotated").count() == 2  # one per batch of 2


def test_rotation_again_changes_nothing(three_under_k1) -> None:
    pii_rotate()
    assert pii_rotate() == 0


def test_new_values_are_sealed_under_the_active_key(three_under_k1) -> None:
    stored = pii_store(kind=PiiKind.NAME, value="李四")
    assert VaultRecord.objects.get(token=stored.token).key_id == "k2"


def test_erased_records_are_left_alone(actor, three_under_k1) -> None:
    pii_erase(token=three_under_k1[0], actor=actor, reason="retention period ended")
    assert pii_rotate() == 2
    assert VaultRecord.objects.get(token=three_under_k1[0]).key_id == "k1"


def test_the_command_prints_a_progress_bar(three_under_k1) -> None:
    out = StringIO()
    call_command("vault_rotate", "--batch-size", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines == [
        "Active key: k2. Records to re-encrypt: 3",
        "[------------------------------] 0/3 (0%)",
        "[####################----------] 2/3 (66%)",
        "[##############################] 3/3 (100%)",
        "Re-encrypted 3 record(s) under key k2.",
    ]
