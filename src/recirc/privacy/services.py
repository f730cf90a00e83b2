"""Writes of the vault: store, reveal (logged), erase, rotate keys. Plain values never leave except by reveal."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.core.audit import audit_batch, audit_record
from recirc.core.errors import NotFound, ValidationFailed, validation_from_django
from recirc.core.roles import Role
from recirc.privacy.contracts import StoredPii
from recirc.privacy.crypto import Sealed, blind_index, decrypt, encrypt, keyring
from recirc.privacy.errors import InvalidPiiValue, InvalidPurpose, PiiErased, PiiNotFound, RevealNeedsActor
from recirc.privacy.logging import mask_text
from recirc.privacy.masking import mask_value
from recirc.privacy.models import Consent, PiiKind, Purpose, RevealLog, VaultRecord
from recirc.privacy.normalisation import UNINDEXED_KINDS, normalise, normalise_text

VAULT_TOKEN_PREFIX = "pii_"  # noqa: S105  (a label, not a secret)
DETAIL_LENGTH = 200


def new_token() -> str:
    return VAULT_TOKEN_PREFIX + secrets.token_urlsafe(16)


def is_person(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False)) and bool(
        getattr(actor, "is_active", True))


def _sealed_of(record: VaultRecord) -> Sealed:
    return Sealed(key_id=record.key_id, nonce=bytes(record.nonce or b""), ciphertext=bytes(record.ciphertext or b""))


def _canonical(kind: str, value: str) -> str:
    if kind not in PiiKind.values:
        raise InvalidPiiValue(_("Unknown kind of personal information."), field="kind")
    if not isinstance(value, str) or not value.strip():
        raise InvalidPiiValue(_("Enter a value."), field="value")
    return normalise(kind, value)


def _sealed_record(kind: str, value: str) -> VaultRecord:
    """The vault row of one value (validated, encrypted, indexed, masked); not saved."""
    canonical = _canonical(kind, value)
    token = new_token()
    sealed = encrypt(canonical, token=token, kind=kind)
    return VaultRecord(
        token=token, kind=kind, key_id=sealed.key_id, nonce=sealed.nonce, ciphertext=sealed.ciphertext,
        blind_index="" if kind in UNINDEXED_KINDS else blind_index(kind, canonical),
        masked=mask_value(kind, canonical)[:120],
    )


@transaction.atomic
def pii_store(*, kind: str, value: str, actor: Any = None) -> StoredPii:
    """Encrypt a value under the active key; return its new token and masked form."""
    record = _sealed_record(kind, value)
    record.save(force_insert=True)
    audit_record(actor=actor, action="privacy.stored", target=record, payload={"token": record.token, "kind": kind})
    return StoredPii(token=record.token, masked=record.masked)


def pii_store_many(*, values: Sequence[tuple[str, str]], actor: Any = None) -> list[StoredPii]:
    """Encrypt several (kind, value) pairs, such as one seller's name, document, address and phone: the same
    records and audit events as pii_store for each, written with one INSERT for the records and one for the
    events. Every value is checked first; an invalid one stores nothing. Joins the caller's transaction."""
    records = [_sealed_record(kind, value) for kind, value in values]
    if not records:
        return []
    with transaction.atomic(savepoint=False), audit_batch():
        VaultRecord.objects.bulk_create(records)
        for record in records:
            audit_record(actor=actor, action="privacy.stored", target=record,
                         payload={"token": record.token, "kind": record.kind})
    return [StoredPii(token=record.token, masked=record.masked) for record in records]


def pii_reveal(*, token: str, actor: Any, purpose: str, detail: str = "") -> str:
    """The plain value, for a signed-in person and a named purpose; the reveal is logged and audited."""
    if not is_person(actor):
        raise RevealNeedsActor()
    if purpose not in Purpose.values:
        raise InvalidPurpose(field="purpose")
    with transaction.atomic():
        record = VaultRecord.objects.select_for_update().filter(token=token).first()
        if record is None:
            raise PiiNotFound()
        if record.erased_at is not None:
            raise PiiErased()
        plaintext = decrypt(_sealed_of(record), token=record.token, kind=record.kind)
        RevealLog.objects.create(record=record, actor=actor, purpose=purpose,
                                 detail=mask_text(detail or "")[:DETAIL_LENGTH])
        audit_record(actor=actor, action="privacy.revealed", target=record,
                     payload={"token": record.token, "purpose": purpose})
    return plaintext


@transaction.atomic
def pii_erase(*, token: str, actor: Any, reason: str) -> None:
    """Destroy the ciphertext and blind index for good; the masked form and the reveal log stay."""
    reason = mask_text(normalise_text(reason or ""))[:DETAIL_LENGTH]
    if not reason:
        raise ValidationFailed(_("Give the reason for the erasure."), field="reason", code="privacy.reason_required")
    record = VaultRecord.objects.select_for_update().filter(token=token).first()
    if record is None:
        raise PiiNotFound()
    if record.erased_at is not None:
        return
    record.ciphertext, record.nonce, record.blind_index = None, None, ""
    record.erased_at, record.erasure_reason = timezone.now(), reason
    record.save(update_fields=["ciphertext", "nonce", "blind_index", "erased_at", "erasure_reason"])
    audit_record(actor=actor, action="privacy.erased", target=record, payload={"token": token, "reason": reason})


def rotation_pending() -> int:
    """How many live records are still sealed under a key other than the active one."""
    return VaultRecord.objects.filter(erased_at__isnull=True).exclude(key_id=keyring().active_key_id).count()


@transaction.atomic
def _rotate_batch(*, active_key_id: str, batch_size: int) -> int:
    records = list(VaultRecord.objects.select_for_update().filter(erased_at__isnull=True)
                   .exclude(key_id=active_key_id).order_by("id")[:batch_size])
    for record in records:
        sealed = encrypt(decrypt(_sealed_of(record), token=record.token, kind=record.kind),
                         token=record.token, kind=record.kind)
        record.key_id, record.nonce, record.ciphertext = sealed.key_id, sealed.nonce, sealed.ciphertext
    if records:
        VaultRecord.objects.bulk_update(records, ["key_id", "nonce", "ciphertext"])
        audit_record(actor=None, action="privacy.rotated",
                     payload={"count": len(records), "key_id": active_key_id})
    return len(records)


def pii_rotate(*, batch_size: int = 500, on_batch: Callable[[int], None] | None = None) -> int:
    """Re-encrypt every live record not under the active key, one transaction per batch; returns the count."""
    if batch_size < 1:
        raise ValidationFailed(_("The batch size must be at least 1."), field="batch_size")
    active_key_id, rotated = keyring().active_key_id, 0
    while done := _rotate_batch(active_key_id=active_key_id, batch_size=batch_size):
        rotated += done
        if on_batch is not None:
            on_batch(rotated)
    return rotated


@transaction.atomic
def consent_record(*, actor: Any, purpose: str, text_version: str, user: Any = None,
                   subject_token: str = "") -> Consent:
    """Record a separate consent, given by `user` or by the person behind a vault token."""
    consent = Consent(subject_user=user, subject_token=subject_token or "", purpose=purpose,
                      text_version=(text_version or "").strip(), granted_at=timezone.now(),
                      recorded_by=actor if is_person(actor) else None)
    if user is None and not subject_token:
        raise ValidationFailed(_("Name the person who gives the consent."), field="subject",
                               code="privacy.consent_subject_required")
    if subject_token and not VaultRecord.objects.filter(token=subject_token).exists():
        raise PiiNotFound()
    try:
        consent.full_clean()
    except DjangoValidationError as error:
        raise validation_from_django(error, code="privacy.consent_invalid") from error
    consent.save()
    audit_record(actor=actor, action="privacy.consent_recorded", target=consent,
                 payload={"purpose": purpose, "text_version": consent.text_version, "subject_token": subject_token})
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Any, consent_id: int) -> Consent:
    """The person (or an administrator on their behalf) withdraws a consent; withdrawing twice changes nothing."""
    consent = Consent.objects.select_for_update().filter(pk=consent_id).first()
    may_withdraw = consent is not None and is_person(actor) and (
        consent.subject_user_id is None or consent.subject_user_id == actor.pk
        or getattr(actor, "role", None) == Role.PLATFORM_ADMIN)
    if consent is None or not may_withdraw:
        raise NotFound()
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_record(actor=actor, action="privacy.consent_withdrawn", target=consent,
                     payload={"purpose": consent.purpose})
    return consent
