"""Separate consent (PIPL): recorded, found, withdrawn."""

from __future__ import annotations

import pytest

from recirc.core.errors import NotFound, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.privacy.errors import PiiNotFound
from recirc.privacy.facade import ConsentPurpose, PiiKind, consent_active, consent_record, consent_withdraw, pii_store
from recirc.privacy.models import Consent
from recirc.privacy.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db
SENSITIVE = ConsentPurpose.SENSITIVE_PERSONAL_INFORMATION


def test_a_user_gives_and_withdraws_consent(actor) -> None:
    given = consent_record(actor=actor, purpose=SENSITIVE, text_version="v1", user=actor)
    assert consent_active(purpose=SENSITIVE, user=actor) == given
    withdrawn = consent_withdraw(actor=actor, consent_id=given.id)
    assert withdrawn.withdrawn_at is not None
    assert consent_active(purpose=SENSITIVE, user=actor) is None
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "privacy.consent_recorded", "privacy.consent_withdrawn"]


def test_a_person_without_an_account_consents_through_a_vault_token(actor, one_key) -> None:
    seller = pii_store(kind=PiiKind.RESIDENT_ID, value="11010519491231002X")
    consent_record(actor=actor, purpose=ConsentPurpose.DEVICE_DATA_ERASURE, text_version="v2",
                   subject_token=seller.token)
    assert consent_active(purpose=ConsentPurpose.DEVICE_DATA_ERASURE, subject_token=seller.token) is not None
    assert consent_active(purpose=SENSITIVE, subject_token=seller.token) is None


def test_someone_else_cannot_withdraw_my_consent(actor) -> None:
    given = consent_record(actor=actor, purpose=SENSITIVE, text_version="v1", user=actor)
    with pytest.raises(NotFound):
        consent_withdraw(actor=ActorFactory(), consent_id=given.id)
    assert Consent.objects.get().withdrawn_at is None


@pytest.mark.parametrize(("arguments", "error"), [
    ({"purpose": SENSITIVE, "text_version": "v1"}, ValidationFailed),
    ({"purpose": "spam", "text_version": "v1", "self": True}, ValidationFailed),
    ({"purpose": SENSITIVE, "text_version": "", "self": True}, ValidationFailed),
    ({"purpose": SENSITIVE, "text_version": "v1", "subject_token": "pii_unknown"}, PiiNotFound),
])
def test_bad_consents_are_refused_and_nothing_is_recorded(actor, arguments, error) -> None:
    user = actor if arguments.pop("self", False) else None
    with pytest.raises(error):
        consent_record(actor=actor, user=user, **arguments)
    assert Consent.objects.count() == 0
    assert AuditEvent.objects.count() == 0
