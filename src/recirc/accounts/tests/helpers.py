"""Shared test helpers of the accounts tests."""

from __future__ import annotations

from typing import Any

from recirc.accounts.models import ApiToken, RealNameVerification
from recirc.accounts.services import REALNAME_CONSENT_TEXT_VERSION
from recirc.core.models import AuditEvent
from recirc.privacy.models import Consent, VaultRecord

VALID_ID = "11010519491231002X"
LEGAL_NAME = "张三丰"


def row_counts() -> dict[str, int]:
    return {"verifications": RealNameVerification.objects.count(), "vault": VaultRecord.objects.count(),
            "audit": AuditEvent.objects.count(), "consents": Consent.objects.count(),
            "tokens": ApiToken.objects.count()}


def self_verification(user: Any, **overrides: Any) -> dict[str, Any]:
    """Arguments of realname_verify for a consumer verifying themself online."""
    return {"actor": user, "user": user, "document_type": "resident_id", "id_number": VALID_ID,
            "legal_name": LEGAL_NAME, "method": "online_face_match", "face_matched": True,
            "consent_text_version": REALNAME_CONSENT_TEXT_VERSION, **overrides}
