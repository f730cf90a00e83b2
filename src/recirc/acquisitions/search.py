"""The police register search (public security only): by hardware identifier, and by identity number.

Searching by identity number needs a stated purpose; the search is audited with the purpose and the masked
number ("acquisitions.searched_by_identity"), never the number itself. Entries are found by the document
pseudonym (the vault's keyed blind index) and, as a second path that survives a tampered pseudonym column,
by the vault tokens holding that number (sealed in the chain). Values erased at the end of retention are
found by neither: the person can no longer be looked up.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recirc.accounts.facade import IdDocumentType, identity_document_check
from recirc.acquisitions import policy
from recirc.acquisitions.errors import PoliceOnly
from recirc.acquisitions.intake import Problems, document_pii_kind, text
from recirc.acquisitions.models import AcquisitionEntry
from recirc.acquisitions.selectors import SEARCHED_IDENTIFIER_KINDS, items_matching_identifier
from recirc.core.audit import audit_record
from recirc.core.errors import ValidationFailed
from recirc.items.facade import identifier_normalise
from recirc.privacy.facade import mask_identity_number, pii_lookup, pii_pseudonym

RESULT_LIMIT = 200
MINIMUM_PURPOSE_LENGTH = 4


def _require_police(actor: Any) -> None:
    if not policy.is_police(actor):
        raise PoliceOnly()


def _results(condition: Q) -> list[AcquisitionEntry]:
    return list(AcquisitionEntry.objects.filter(condition).select_related("clerk")
                .order_by("-recorded_at", "-id")[:RESULT_LIMIT])


def _normalised(kind: str, value: str) -> list[tuple[str, str]]:
    kinds = (kind,) if kind else SEARCHED_IDENTIFIER_KINDS
    pairs = []
    for candidate in kinds:
        try:
            pairs.append(identifier_normalise(candidate, value))
        except ValidationFailed:
            continue
    return pairs


@transaction.atomic
def register_search_by_identifier(*, actor: Any, value: str, kind: str = "") -> list[AcquisitionEntry]:
    """Entries of articles carrying the identifier (IMEI with or without separators, IMEISV, serial, MAC...)."""
    _require_police(actor)
    pairs = _normalised(kind, value or "")
    if not pairs:
        raise ValidationFailed(_("This is not a valid IMEI, MEID, serial number, MAC address or licence number."),
                               field="value", code="acquisitions.identifier_invalid")
    item_ids: set[int] = set()
    for pair_kind, pair_value in pairs:
        item_ids |= items_matching_identifier(pair_value, (pair_kind,))
    results = _results(Q(item_id__in=item_ids)) if item_ids else []
    audit_record(actor=actor, action="acquisitions.searched_by_identifier",
                 payload={"identifiers": [f"{pair_kind}:{pair_value}" for pair_kind, pair_value in pairs],
                          "results": len(results)})
    return results


def _checked_number(problems: Problems, document_type: str, number: str) -> str:
    if document_type not in IdDocumentType.values:
        problems.add("document_type", _("Choose the type of identity document."), "acquisitions.document_type")
        return ""
    try:
        return identity_document_check(document_type, number).number
    except ValidationFailed as error:
        problems.absorb(error, lambda _key: "number")
        return ""


@transaction.atomic
def register_search_by_identity(*, actor: Any, document_type: str, number: str,
                                purpose: str) -> list[AcquisitionEntry]:
    """Entries whose seller (or organisation handler) showed this identity document. Audited with purpose."""
    _require_police(actor)
    problems = Problems()
    stated = text(problems, "purpose", purpose, max_length=200, required=True)
    if stated and len(stated) < MINIMUM_PURPOSE_LENGTH:
        problems.add("purpose", _("State the purpose of the search, such as the case number."),
                     "acquisitions.purpose_required")
    canonical = _checked_number(problems, document_type, number)
    problems.raise_if_any()
    kind = document_pii_kind(document_type)
    pseudonym = pii_pseudonym(kind=kind, value=canonical)
    tokens = pii_lookup(kind=kind, value=canonical)
    condition = Q(seller_document_pseudonym=pseudonym) | Q(handler_document_pseudonym=pseudonym)
    if tokens:
        condition |= Q(seller_document_token__in=tokens) | Q(handler_document_token__in=tokens)
    results = _results(condition)
    audit_record(actor=actor, action="acquisitions.searched_by_identity",
                 payload={"purpose": stated, "document_type": document_type,
                          "number": mask_identity_number(canonical, kind=kind), "results": len(results)})
    return results
