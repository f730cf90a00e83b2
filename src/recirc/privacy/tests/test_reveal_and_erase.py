"""Purpose-bound reveal with its log, and erasure."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from recirc.core.errors import ValidationFailed
from recirc.core.models import AuditEvent
from recirc.privacy.errors import InvalidPurpose, PiiErased, PiiNotFound, RevealNeedsActor
from recirc.privacy.facade import PiiKind, Purpose, pii_erase, pii_reveal, pii_store
from recirc.privacy.models import RevealLog, VaultRecord
from recirc.privacy.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(one_key):  # type: ignore[no-untyped-def]
    return pii_store(kind=PiiKind.RESIDENT_ID, value="11010519491231002X")


def test_each_reveal_writes_exactly_one_log_row_and_one_audit_event(actor, stored) -> None:
    other = ActorFactory()
    pii_reveal(token=stored.token, actor=actor, purpose=Purpose.POLICE_REQUEST, detail="case 2026-17")
    pii_reveal(token=stored.token, actor=other, purpose=Purpose.REALNAME_CHECK)
    logs = list(RevealLog.objects.order_by("id").values_list("actor_id", "purpose", "detail", "record__token"))
    assert logs == [(actor.pk, "police_request", "case 2026-17", stored.token),
                    (other.pk, "realname_check", "", stored.token)]
    events = list(AuditEvent.objects.filter(action="privacy.revealed").order_by("id")
                  .values_list("actor_id", "payload"))
    assert events == [(actor.pk, {"token": stored.token, "purpose": "police_request"}),
                      (other.pk, {"token": stored.token, "purpose": "realname_check"})]


def test_personal_values_in_the_detail_are_masked(actor, stored) -> None:
    pii_reveal(token=stored.token, actor=actor, purpose=Purpose.SUPPORT, detail="caller 13812345678")
    assert RevealLog.objects.get().detail == "caller 138****5678"


@pytest.mark.parametrize("nobody", [None, AnonymousUser()])
def test_nobody_is_refused_and_nothing_is_logged(nobody, stored) -> None:
    with pytest.raises(RevealNeedsActor):
        pii_reveal(token=stored.token, actor=nobody, purpose=Purpose.SUPPORT)
    assert RevealLog.objects.count() == 0
    assert not AuditEvent.objects.filter(action="privacy.revealed").exists()


def test_an_unknown_purpose_is_refused(actor, stored) -> None:
    with pytest.raises(InvalidPurpose) as raised:
        pii_reveal(token=stored.token, actor=actor, purpose="curiosity")
    assert raised.value.errors == {"purpose": [raised.value.text()]}
    assert RevealLog.objects.count() == 0


def test_an_unknown_token_is_not_found(actor, one_key) -> None:
    with pytest.raises(PiiNotFound) as raised:
        pii_reveal(token="pii_missing", actor=actor, purpose=Purpose.SUPPORT)
    assert (raised.value.code, raised.value.status) == ("privacy.not_found", 404)


def test_erasure_destroys_the_value_and_keeps_the_mask(actor, stored) -> None:
    pii_erase(token=stored.token, actor=actor, reason="retention period ended")
    record = VaultRecord.objects.get(token=stored.token)
    assert (record.ciphertext, record.nonce, record.blind_index) == (None, None, "")
    assert record.masked == "110105********002X"
    assert record.erased_at is not None
    assert record.erasure_reason == "retention period ended"
    event = AuditEvent.objects.get(action="privacy.erased")
    assert (event.actor_id, event.payload) == (actor.pk, {"token": stored.token, "reason": "retention period ended"})


def test_an_erased_record_cannot_be_revealed(actor, stored) -> None:
    pii_erase(token=stored.token, actor=actor, reason="asked by the person")
    with pytest.raises(PiiErased) as raised:
        pii_reveal(token=stored.token, actor=actor, purpose=Purpose.DATA_SUBJECT_REQUEST)
    assert raised.value.code == "privacy.erased"
    assert RevealLog.objects.count() == 0


def test_erasing_twice_changes_nothing_more(actor, stored) -> None:
    pii_erase(token=stored.token, actor=actor, reason="first")
    pii_erase(token=stored.token, actor=actor, reason="second")
    assert VaultRecord.objects.get(token=stored.token).erasure_reason == "first"
    assert AuditEvent.objects.filter(action="privacy.erased").count() == 1


def test_erasure_needs_a_reason_and_changes_nothing_without_one(actor, stored) -> None:
    with pytest.raises(ValidationFailed) as raised:
        pii_erase(token=stored.token, actor=actor, reason="  ")
    assert raised.value.errors.keys() == {"reason"}
    assert VaultRecord.objects.get(token=stored.token).erased_at is None


@pytest.mark.parametrize(("kind", "value", "field"), [
    (PiiKind.PHONE, "12", "phone"),
    (PiiKind.NAME, "   ", "value"),
    ("shoe_size", "42", "kind"),
])
def test_bad_values_are_refused_and_nothing_is_stored(one_key, kind, value, field) -> None:
    with pytest.raises(ValidationFailed) as raised:
        pii_store(kind=kind, value=value)
    assert raised.value.errors.keys() == {field}
    assert VaultRecord.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_storing_is_audited_without_the_value(one_key, actor) -> None:
    stored = pii_store(kind=PiiKind.PHONE, value="13812345678", actor=actor)
    event = AuditEvent.objects.get(action="privacy.stored")
    assert (event.actor_id, event.payload) == (actor.pk, {"token": stored.token, "kind": "phone"})
