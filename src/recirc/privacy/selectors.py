"""Reads of the vault. Lookups go through the blind index; no read returns a plain value."""

from __future__ import annotations

from typing import Any

from recirc.privacy.crypto import blind_index
from recirc.privacy.errors import InvalidPiiValue
from recirc.privacy.models import Consent, PiiKind, VaultRecord
from recirc.privacy.normalisation import UNINDEXED_KINDS, normalise


def pii_lookup(*, kind: str, value: str) -> list[str]:
    """Tokens of the live records holding this value, however it was formatted; oldest first."""
    if kind not in PiiKind.values or kind in UNINDEXED_KINDS or not value or not value.strip():
        return []
    try:
        canonical = normalise(kind, value)
    except InvalidPiiValue:
        return []
    return list(VaultRecord.objects.filter(kind=kind, blind_index=blind_index(kind, canonical),
                                           erased_at__isnull=True)
                .order_by("id").values_list("token", flat=True))


def consent_active(*, purpose: str, user: Any = None, subject_token: str = "") -> Consent | None:
    """The newest consent for this purpose that has not been withdrawn, or None."""
    if user is None and not subject_token:
        return None
    consents = Consent.objects.filter(purpose=purpose, withdrawn_at__isnull=True)
    consents = consents.filter(subject_user=user) if user is not None else consents.filter(subject_token=subject_token)
    return consents.order_by("-granted_at", "-id").first()


def consent_list_for(user: Any) -> list[Consent]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(Consent.objects.filter(subject_user=user).order_by("-granted_at", "-id"))
