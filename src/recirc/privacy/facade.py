"""The only module other contexts import from privacy: the vault, masking and consent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from recirc.privacy import selectors, services
from recirc.privacy.contracts import ConsentRef, StoredPii
from recirc.privacy.crypto import blind_index as _blind_index
from recirc.privacy.masking import mask_address, mask_birth_date, mask_identity_number, mask_name, mask_phone
from recirc.privacy.models import ConsentPurpose, PiiKind, Purpose
from recirc.privacy.normalisation import normalise as _normalise

__all__ = [
    "ConsentPurpose", "ConsentRef", "PiiKind", "Purpose", "StoredPii",
    "consent_active", "consent_record", "consent_withdraw",
    "mask_address", "mask_birth_date", "mask_identity_number", "mask_name", "mask_phone",
    "pii_erase", "pii_lookup", "pii_reveal", "pii_rotate", "pii_store", "pii_store_many",
]


def pii_store(*, kind: str, value: str, actor: Any = None) -> StoredPii:
    """Encrypt a personal value; keep the returned token and show the masked form."""
    return services.pii_store(kind=kind, value=value, actor=actor)


def pii_store_many(*, values: Sequence[tuple[str, str]], actor: Any = None) -> list[StoredPii]:
    """Encrypt several (kind, value) pairs at once, in order; one token and masked form each. An invalid value
    stores none of them."""
    return services.pii_store_many(values=values, actor=actor)


def pii_reveal(*, token: str, actor: Any, purpose: str, detail: str = "") -> str:
    """The plain value for a signed-in actor and a `Purpose`; logged and audited in one transaction."""
    return services.pii_reveal(token=token, actor=actor, purpose=purpose, detail=detail)


def pii_erase(*, token: str, actor: Any, reason: str) -> None:
    """Erase a value for good (retention ended, the person asked); the masked form stays."""
    services.pii_erase(token=token, actor=actor, reason=reason)


def pii_lookup(*, kind: str, value: str) -> list[str]:
    """Tokens of live records with this exact value (any formatting), through the blind index."""
    return selectors.pii_lookup(kind=kind, value=value)


def pii_rotate(*, batch_size: int = 500) -> int:
    """Re-encrypt every record not under the active key; returns how many were re-encrypted."""
    return services.pii_rotate(batch_size=batch_size)


def _consent_ref(consent: Any) -> ConsentRef:
    return ConsentRef(id=consent.pk, purpose=consent.purpose, text_version=consent.text_version,
                      granted_at=consent.granted_at, withdrawn_at=consent.withdrawn_at)


def consent_record(*, actor: Any, purpose: str, text_version: str, user: Any = None,
                   subject_token: str = "") -> ConsentRef:
    """Record a separate consent (PIPL) by a user or by the person behind a vault token."""
    return _consent_ref(services.consent_record(actor=actor, purpose=purpose, text_version=text_version,
                                                user=user, subject_token=subject_token))


def consent_withdraw(*, actor: Any, consent_id: int) -> ConsentRef:
    return _consent_ref(services.consent_withdraw(actor=actor, consent_id=consent_id))


def consent_active(*, purpose: str, user: Any = None, subject_token: str = "") -> ConsentRef | None:
    consent = selectors.consent_active(purpose=purpose, user=user, subject_token=subject_token)
    return _consent_ref(consent) if consent is not None else None


def pii_pseudonym(*, kind: str, value: str) -> str:
    """A stable keyed pseudonym of a value (its HMAC blind index): equal values give equal pseudonyms, and the
    value cannot be read back from it. For linking records of one person (e.g. repeat sellers) without PII."""
    return _blind_index(kind, _normalise(kind, value))
