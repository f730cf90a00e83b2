"""Writes of the accounts context: users, real-name verification, API tokens."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.accounts.auth import token_digest
from recirc.accounts.errors import NotAVerifier, OnlyConsumers
from recirc.accounts.id_documents import CheckedDocument, check_document, check_minimum_age
from recirc.accounts.models import ApiToken, IdDocumentType, RealNameVerification, User, VerificationMethod
from recirc.accounts.selectors import api_token_get
from recirc.core.audit import audit_record
from recirc.core.errors import PermissionDenied, ValidationFailed, validation_from_django
from recirc.core.roles import Role
from recirc.privacy.facade import ConsentPurpose, PiiKind, consent_record, pii_store

VERIFIER_ROLES = frozenset({Role.MODERATOR, Role.PLATFORM_ADMIN})
SECRET_PREFIX = "rc_"  # noqa: S105  (not a secret: marks Recirc API secrets, so secret scanners can find leaked ones
TOKEN_PREFIX_LENGTH = 12
MAX_TOKEN_DAYS = 3650
# The version of the consent text shown on the verification page and in the API docs; change both together.
REALNAME_CONSENT_TEXT_VERSION = "realname-consent-2026-01"


def _is_person(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False)) and bool(actor.is_active)


def _full_clean(instance: Any, *, code: str, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except DjangoValidationError as error:
        raise validation_from_django(error, code=code) from error


@transaction.atomic
def _is_password_hash(value: str) -> bool:
    try:
        return bool(value) and identify_hasher(value) is not None
    except ValueError:
        return False


def user_create(*, actor: Any, username: str, password: str = "", role: str, display_name: str = "",
                email: str = "", password_hash: str = "") -> User:
    """Create a user with one role; platform administrators also get the Django admin.

    `password_hash` (from make_password) lets a bulk loader hash one password once instead of per user.
    """
    if role not in Role.values:
        raise ValidationFailed(_("Choose one of the roles."), field="role", code="accounts.invalid_role")
    is_admin = role == Role.PLATFORM_ADMIN
    user = User(username=(username or "").strip(), role=role, display_name=(display_name or "").strip(),
                email=(email or "").strip(), is_staff=is_admin, is_superuser=is_admin)
    if not password and not _is_password_hash(password_hash):
        raise ValidationFailed(_("Enter a password."), field="password", code="accounts.password_required")
    if password:
        user.set_password(password)
    else:
        user.password = password_hash
    _full_clean(user, code="accounts.user_invalid")
    user.save()
    audit_record(actor=actor, action="accounts.user_created", target=user,
                 payload={"username": user.username, "role": role})
    return user


# --- real-name verification ---------------------------------------------------------------------------


def _check_who(*, actor: Any, user: User, method: str) -> None:
    if not _is_person(actor):
        raise PermissionDenied()
    is_self = actor.pk == user.pk
    if not is_self and actor.role not in VERIFIER_ROLES:
        raise NotAVerifier()
    if user.role != Role.CONSUMER or not user.is_active:
        raise OnlyConsumers()
    if is_self and method != VerificationMethod.ONLINE_FACE_MATCH:
        raise ValidationFailed(_("When you verify yourself, the method is the online document and face match."),
                               field="method", code="accounts.method_not_allowed")


def _check_input(*, document_type: str, id_number: str, legal_name: str, method: str, face_matched: bool,
                 birth_date: dt.date | None) -> CheckedDocument:
    if document_type not in IdDocumentType.values:
        raise ValidationFailed(_("Choose a document type."), field="document_type", code="accounts.document_type")
    if method not in VerificationMethod.values:
        raise ValidationFailed(_("Choose a verification method."), field="method", code="accounts.method_invalid")
    document = check_document(document_type, id_number)
    if document.birth_date is None and birth_date is None:
        raise ValidationFailed(_("Enter the date of birth shown on the document."), field="birth_date",
                               code="accounts.birth_date_required")
    check_minimum_age(document.birth_date or birth_date, settings.RECIRC_POLICY["MINIMUM_AGE_TO_SELL"])
    if not (legal_name or "").strip() or len(legal_name.strip()) > 80:
        raise ValidationFailed(_("Enter the legal name exactly as it is on the document."), field="legal_name",
                               code="accounts.legal_name_required")
    if method == VerificationMethod.ONLINE_FACE_MATCH and not face_matched:
        raise ValidationFailed(_("The face did not match the document photo. Try again in good light."),
                               field="face_matched", code="accounts.face_not_matched")
    return document


def _check_consent(*, actor: Any, user: User, consent_text_version: str) -> None:
    if actor.pk == user.pk and not consent_text_version:
        raise ValidationFailed(_("Agree to the processing of your identity document to continue."),
                               field="consent", code="accounts.consent_required")


@transaction.atomic
def realname_verify(*, actor: Any, user: User, document_type: str, id_number: str, legal_name: str, method: str,
                    face_matched: bool, birth_date: dt.date | None = None,
                    consent_text_version: str = "") -> RealNameVerification:
    """Verify a consumer's identity. The number and name go to the vault; this row keeps tokens and masks.

    A consumer verifying themself must give separate consent (PIPL art. 29): `consent_text_version` names
    the consent text they agreed to. Staff-assisted verification records consent when it is given.
    """
    _check_who(actor=actor, user=user, method=method)
    document = _check_input(document_type=document_type, id_number=id_number, legal_name=legal_name,
                            method=method, face_matched=face_matched, birth_date=birth_date)
    _check_consent(actor=actor, user=user, consent_text_version=consent_text_version)
    kind = {IdDocumentType.RESIDENT_ID: PiiKind.RESIDENT_ID, IdDocumentType.PASSPORT: PiiKind.PASSPORT}.get(
        IdDocumentType(document_type), PiiKind.OTHER_ID)
    stored_id = pii_store(kind=kind, value=document.number, actor=actor)
    stored_name = pii_store(kind=PiiKind.NAME, value=legal_name, actor=actor)
    now = timezone.now()
    superseded = RealNameVerification.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    superseded_ids = list(superseded.values_list("id", flat=True))
    superseded.update(revoked_at=now)
    born = document.birth_date or birth_date
    verification = RealNameVerification(
        user=user, document_type=document_type, id_token=stored_id.token, id_masked=stored_id.masked,
        name_token=stored_name.token, name_masked=stored_name.masked, region_code=document.region_code,
        birth_year=born.year if born else None, method=method, face_matched=bool(face_matched),
        verified_at=now, expires_at=now + dt.timedelta(days=settings.RECIRC_POLICY["REALNAME_REVERIFY_DAYS"]),
        verified_by=None if actor.pk == user.pk else actor,
    )
    _full_clean(verification, code="accounts.verification_invalid")
    verification.save()
    if consent_text_version:
        consent_record(actor=actor, purpose=ConsentPurpose.SENSITIVE_PERSONAL_INFORMATION,
                       text_version=consent_text_version, user=user)
    audit_record(actor=actor, action="accounts.realname_verified", target=verification, payload={
        "user_id": user.pk, "document_type": document_type, "id_masked": stored_id.masked, "method": method,
        "region_code": document.region_code, "superseded": superseded_ids})
    return verification


# --- API tokens -----------------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(*, actor: Any, name: str, expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    """A new bearer token for the actor. The secret is returned once and only its digest is kept."""
    if not _is_person(actor):
        raise PermissionDenied()
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_TOKEN_DAYS:
        raise ValidationFailed(_("A token expires after 1 to %(days)s days, or never."), field="expires_in_days",
                               code="accounts.token_expiry_invalid", params={"days": MAX_TOKEN_DAYS})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None
    token = ApiToken(user=actor, name=(name or "").strip(), prefix=secret[:TOKEN_PREFIX_LENGTH],
                     digest=token_digest(secret), expires_at=expires_at)
    _full_clean(token, code="accounts.token_invalid", exclude=["user"])
    token.save()
    audit_record(actor=actor, action="accounts.token_created", target=token,
                 payload={"name": token.name, "prefix": token.prefix,
                          "expires_at": expires_at.isoformat() if expires_at else None})
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Any, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens; revoking twice changes nothing; others' tokens are NotFound."""
    token = api_token_get(actor=actor, token_id=token_id, for_update=True)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="accounts.token_revoked", target=token, payload={"prefix": token.prefix})
    return token


@transaction.atomic
def api_tokens_revoke_as_admin(*, actor: Any, token_ids: list[int]) -> int:
    """A platform administrator revokes any users' tokens (Django admin); returns how many were revoked."""
    if not _is_person(actor) or not (actor.is_superuser or actor.role == Role.PLATFORM_ADMIN):
        raise PermissionDenied()
    tokens = list(ApiToken.objects.select_for_update().filter(pk__in=token_ids, revoked_at__isnull=True))
    now = timezone.now()
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="accounts.token_revoked", target=token,
                     payload={"prefix": token.prefix, "owner_id": token.user_id, "by_admin": True})
    return len(tokens)
