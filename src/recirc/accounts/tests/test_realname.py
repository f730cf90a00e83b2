"""Real-name verification: the number is checked, stored only in the vault, and expires."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation
from stdnum.cn import ric

from recirc.accounts.models import RealNameStatus, RealNameVerification
from recirc.accounts.selectors import realname_status
from recirc.accounts.services import REALNAME_CONSENT_TEXT_VERSION, realname_verify
from recirc.accounts.tests.factories import UserFactory
from recirc.accounts.tests.helpers import LEGAL_NAME, VALID_ID, row_counts, self_verification
from recirc.core.errors import PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.privacy.facade import Purpose, pii_reveal
from recirc.privacy.models import Consent, VaultRecord

pytestmark = pytest.mark.django_db


def with_check_digit(first_seventeen: str) -> str:
    return first_seventeen + ric.calc_check_digit(first_seventeen + "0")


def test_a_consumer_verifies_themself(consumer, settings) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "REALNAME_REVERIFY_DAYS": 180}
    # when
    verification = realname_verify(**self_verification(consumer, id_number="110105 19491231 002x"))
    # then
    assert (verification.id_masked, verification.name_masked) == ("110105********002X", "张**")
    assert (verification.region_code, verification.birth_year) == ("110105", 1949)
    assert (verification.method, verification.face_matched, verification.verified_by) == (
        "online_face_match", True, None)
    assert verification.expires_at - verification.verified_at == dt.timedelta(days=180)
    assert pii_reveal(token=verification.id_token, actor=consumer, purpose=Purpose.REALNAME_CHECK) == VALID_ID
    assert pii_reveal(token=verification.name_token, actor=consumer, purpose=Purpose.REALNAME_CHECK) == LEGAL_NAME
    assert set(VaultRecord.objects.values_list("kind", flat=True)) == {"resident_id", "name"}
    assert realname_status(consumer) == RealNameStatus.VERIFIED
    consent = Consent.objects.get()
    assert (consent.subject_user, consent.purpose, consent.text_version) == (
        consumer, "sensitive_pi", REALNAME_CONSENT_TEXT_VERSION)
    event = AuditEvent.objects.get(action="accounts.realname_verified")
    assert event.payload == {"user_id": consumer.pk, "document_type": "resident_id", "id_masked": "110105********002X",
                             "method": "online_face_match", "region_code": "110105", "superseded": []}


def test_a_moderator_verifies_a_consumer_in_person(consumer, moderator) -> None:
    verification = realname_verify(actor=moderator, user=consumer, document_type="passport", id_number="E12345678",
                                   legal_name="John Smith", method="manual_document", face_matched=False,
                                   birth_date=dt.date(1990, 5, 1))
    assert (verification.id_masked, verification.name_masked, verification.birth_year) == (
        "E1*****78", "J*** S****", 1990)
    assert verification.verified_by == moderator
    assert VaultRecord.objects.get(token=verification.id_token).kind == "passport"
    assert Consent.objects.count() == 0


CHECK_DIGIT = ("The check digit (the last character) of this identity number is wrong. "
               "Compare the number with the card.")
BIRTH_DATE = "The birth date in this identity number (characters 7 to 14) is not a valid date."
REGION = "The region code of this identity number (its first 6 digits) is not a known region for the year of birth."
FORMAT = "A resident identity number has 18 characters: 17 digits, then a digit or X."


@pytest.mark.parametrize(("id_number", "code", "message"), [
    ("110105194912310021", "accounts.id_check_digit", CHECK_DIGIT),
    (with_check_digit("11010519491331002"), "accounts.id_birth_date", BIRTH_DATE),
    (with_check_digit("99010519491231002"), "accounts.id_region", REGION),
    ("440524188001010014", "accounts.id_region", REGION),
    ("12345", "accounts.id_number_format", FORMAT),
])
def test_an_invalid_number_gives_the_field_error_and_writes_nothing(consumer, id_number, code, message) -> None:
    before = row_counts()
    with translation.override("en"), pytest.raises(ValidationFailed) as raised:
        realname_verify(**self_verification(consumer, id_number=id_number))
    assert (raised.value.code, raised.value.errors) == (code, {"id_number": [message]})
    assert row_counts() == before


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"face_matched": False}, "face_matched", "accounts.face_not_matched"),
    ({"consent_text_version": ""}, "consent", "accounts.consent_required"),
    ({"legal_name": "  "}, "legal_name", "accounts.legal_name_required"),
    ({"method": "id_card_reader"}, "method", "accounts.method_not_allowed"),
    ({"document_type": "library_card"}, "document_type", "accounts.document_type"),
    ({"document_type": "passport", "id_number": "E12345678"}, "birth_date", "accounts.birth_date_required"),
])
def test_other_bad_input_gives_the_field_error_and_writes_nothing(consumer, overrides, field, code) -> None:
    before = row_counts()
    with pytest.raises(ValidationFailed) as raised:
        realname_verify(**self_verification(consumer, **overrides))
    assert (raised.value.code, list(raised.value.errors)) == (code, [field])
    assert row_counts() == before


def test_sellers_below_the_minimum_age_are_refused(consumer, settings) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "MINIMUM_AGE_TO_SELL": 18}
    young = timezone.localdate().replace(year=timezone.localdate().year - 17)
    number = with_check_digit("110105" + young.strftime("%Y%m%d") + "002")
    before = row_counts()
    with pytest.raises(ValidationFailed) as raised:
        realname_verify(**self_verification(consumer, id_number=number))
    assert raised.value.code == "accounts.too_young"
    with translation.override("en"):
        assert raised.value.text() == "Sellers must be at least 18 years old."
    assert row_counts() == before


@pytest.mark.parametrize("role", [Role.CLERK, Role.POLICE, Role.PLATFORM_ADMIN])
def test_only_consumers_are_verified(role) -> None:
    user = UserFactory(role=role)
    before = row_counts()
    with pytest.raises(PermissionDenied) as raised:
        realname_verify(**self_verification(user))
    assert raised.value.code == "accounts.only_consumers"
    assert row_counts() == before


@pytest.mark.parametrize("role", [Role.CONSUMER, Role.CLERK, Role.POLICE])
def test_only_moderators_and_administrators_verify_someone_else(consumer, role) -> None:
    before = row_counts()
    with pytest.raises(PermissionDenied) as raised:
        realname_verify(**self_verification(consumer, actor=UserFactory(role=role), method="manual_document"))
    assert raised.value.code == "accounts.not_a_verifier"
    assert row_counts() == before


def test_verifying_again_supersedes_the_previous_verification(consumer) -> None:
    first = realname_verify(**self_verification(consumer))
    second = realname_verify(**self_verification(consumer, id_number="360426199101010071"))
    first.refresh_from_db()
    assert first.revoked_at == second.verified_at
    assert RealNameVerification.objects.filter(user=consumer, revoked_at__isnull=True).get() == second
    latest = AuditEvent.objects.filter(action="accounts.realname_verified").order_by("id").last()
    assert latest is not None and latest.payload["superseded"] == [first.pk]


def test_status_is_none_then_verified_then_expired(consumer) -> None:
    assert realname_status(consumer) == RealNameStatus.NONE
    verification = realname_verify(**self_verification(consumer))
    assert realname_status(consumer) == RealNameStatus.VERIFIED
    RealNameVerification.objects.filter(pk=verification.pk).update(expires_at=timezone.now())
    assert realname_status(consumer) == RealNameStatus.EXPIRED
