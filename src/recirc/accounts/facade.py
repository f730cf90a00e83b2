"""The only module other contexts import from accounts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count

from recirc.accounts import id_documents, selectors, services
from recirc.accounts.contracts import UserRef, VerificationRef
from recirc.accounts.id_documents import CheckedDocument
from recirc.accounts.models import IdDocumentType, RealNameStatus, RealNameVerification, User, VerificationMethod
from recirc.core.errors import NotFound, ValidationFailed
from recirc.core.roles import Role

__all__ = [
    "CheckedDocument",
    "IdDocumentType",
    "RealNameStatus",
    "UserRef",
    "VerificationMethod",
    "VerificationRef",
    "age_on",
    "identity_document_check",
    "is_verified_seller",
    "realname_status",
    "realname_verify",
    "user_counts_by_role",
    "user_create",
    "user_ref",
    "users_with_role",
    "verification_of",
]


def _user_ref(user: User) -> UserRef:
    return UserRef(id=user.pk, username=user.username, display_name=user.display_name or user.username,
                   role=user.role, is_active=user.is_active)


def _verification_ref(verification: RealNameVerification) -> VerificationRef:
    return VerificationRef(
        id=verification.pk, user_id=verification.user_id, document_type=verification.document_type,
        id_token=verification.id_token, id_masked=verification.id_masked, name_token=verification.name_token,
        name_masked=verification.name_masked, region_code=verification.region_code,
        birth_year=verification.birth_year, method=verification.method, face_matched=verification.face_matched,
        verified_at=verification.verified_at, expires_at=verification.expires_at,
        status=str(selectors.status_of(verification)),
    )


def realname_status(user: Any) -> str:
    """"verified", "expired" or "none"."""
    return str(selectors.realname_status(user))


def is_verified_seller(user: Any) -> bool:
    """An active consumer whose real-name verification is current may sell."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.role == Role.CONSUMER and selectors.realname_status(user) == RealNameStatus.VERIFIED


def verification_of(user: Any) -> VerificationRef | None:
    """The user's current (possibly expired) verification, or None."""
    verification = selectors.current_verification(user)
    return _verification_ref(verification) if verification is not None else None


def realname_verify(*, actor: Any, user: Any, document_type: str, id_number: str, legal_name: str, method: str,
                    face_matched: bool, birth_date: dt.date | None = None,
                    consent_text_version: str = "") -> VerificationRef:
    """Verify a consumer (themself online, or by a moderator); see services.realname_verify."""
    verification = services.realname_verify(
        actor=actor, user=user, document_type=document_type, id_number=id_number, legal_name=legal_name,
        method=method, face_matched=face_matched, birth_date=birth_date, consent_text_version=consent_text_version)
    return _verification_ref(verification)


def user_ref(user_id: int) -> UserRef:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise NotFound()
    return _user_ref(user)


def users_with_role(role: str) -> list[UserRef]:
    """Active users holding the role, by username."""
    if role not in Role.values:
        raise ValidationFailed(field="role", code="accounts.invalid_role")
    return [_user_ref(user) for user in User.objects.filter(role=role, is_active=True).order_by("username")]


def user_create(*, actor: Any, username: str, password: str = "", role: str, display_name: str = "",
                email: str = "", password_hash: str = "") -> User:
    """Create a user (demo seed, administration). Returns the User, which other services take as `actor`."""
    return services.user_create(actor=actor, username=username, password=password, role=role,
                                display_name=display_name, email=email,
                                password_hash=password_hash)


def user_counts_by_role() -> dict[str, int]:
    """Active users per role (roles without users are absent), for the administrator's dashboard."""
    rows = User.objects.filter(is_active=True).values("role").annotate(total=Count("id")).order_by("role")
    return {row["role"]: row["total"] for row in rows}


def identity_document_check(document_type: str, number: str) -> CheckedDocument:
    """Validate an identity document number (resident ID: check digit, birth date, region for the birth year;
    other documents: their shape) and return it in canonical form. Raises ValidationFailed on `id_number`."""
    return id_documents.check_document(document_type, number)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return id_documents.age_on(birth_date, day)
