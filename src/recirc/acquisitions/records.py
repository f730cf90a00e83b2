"""One register entry as a flat record, for exports and the police batch format (docs/contexts/acquisitions.md).

Every key is present in every record (null where a fact does not apply). Personal fields carry the plain
value only when the reader may see it (public security, the operator's own manager) and asked for it; the
reveal goes through privacy.facade.pii_reveal, which logs it. Otherwise they carry the masked form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from recirc.acquisitions import policy
from recirc.acquisitions.models import AcquisitionEntry
from recirc.core.errors import DomainError
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import operator_refs, outlet_ref
from recirc.privacy.facade import pii_reveal

FORMAT = "recirc.acquisition-register.v1"
IDENTIFIER_KINDS = ("imei", "meid", "serial", "mac", "network_licence")
CITY_WIDE = OperatorScope(city_wide=True, operator_ids=frozenset())
# (record key, token field, masked field) of every personal value.
PERSONAL_FIELDS = (
    ("seller_name", "seller_name_token", "seller_name_masked"),
    ("seller_document_number", "seller_document_token", "seller_document_masked"),
    ("seller_address", "seller_address_token", "seller_address_masked"),
    ("seller_phone", "seller_phone_token", "seller_phone_masked"),
    ("handler_name", "handler_name_token", "handler_name_masked"),
    ("handler_document_number", "handler_document_token", "handler_document_masked"),
)
KEYS = (
    "entry_id", "reference", "chain_sequence", "entry_hash", "previous_hash", "operator_id", "operator_name",
    "operator_licence", "outlet_id", "outlet_name", "clerk", "transaction_type", "created_at", "recorded_at",
    "corrects_entry_id", "correction_reason", "bulk_reference", "seller_kind", "seller_name", "seller_document_type",
    "seller_document_number", "seller_address", "seller_phone", "seller_birth_year", "seller_age",
    "identity_check_method", "face_matched", "organisation_name", "organisation_credit_code", "handler_name",
    "handler_document_type", "handler_document_number", "proof_of_origin", "ownership_declared",
    "account_of_origin", "item_code", "category_code", "title", "brand", "model_name", "colour", "quantity",
    "specification", "condition", "distinguishing_features", *IDENTIFIER_KINDS, "attributes", "invoice_details",
    "price_paid", "currency", "payment_method", "payment_reference", "checks", "hold_until", "photos",
    "personal_data",
)


def _time(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


@dataclass
class Revealer:
    """Reveals personal values to `actor` when `wanted` and allowed, once per token; counts what it revealed."""

    actor: Any
    wanted: bool
    revealed: int = 0
    _cache: dict[str, str] = field(default_factory=dict)

    def purpose(self, entry: AcquisitionEntry) -> str | None:
        return policy.reveal_purpose(self.actor, entry.operator_id) if self.wanted else None

    def value(self, token: str, masked: str, purpose: str, detail: str) -> tuple[str, bool]:
        if token in self._cache:
            return self._cache[token], True
        try:
            plain = pii_reveal(token=token, actor=self.actor, purpose=purpose, detail=detail)
        except DomainError:  # erased (retention ended) or missing: the masked form stays
            return masked, False
        self._cache[token] = plain
        self.revealed += 1
        return plain, True


def _personal(entry: AcquisitionEntry, revealer: Revealer) -> dict[str, Any]:
    purpose = revealer.purpose(entry)
    values: dict[str, Any] = {}
    state = "erased" if entry.personal_data_erased_at else ("revealed" if purpose else "masked")
    for key, token_field, masked_field in PERSONAL_FIELDS:
        token, masked = getattr(entry, token_field), getattr(entry, masked_field)
        if not token:
            values[key] = masked or None
        elif purpose is None or entry.personal_data_erased_at:
            values[key] = masked
        else:
            values[key], shown = revealer.value(token, masked, purpose, f"register export {entry.reference}")
            state = state if shown else "erased"
    values["personal_data"] = state
    return values


def _identifiers(entry: AcquisitionEntry) -> dict[str, list[str] | None]:
    found: dict[str, list[str]] = {}
    for identifier in entry.identifiers:
        found.setdefault(identifier["kind"], []).append(identifier["value"])
    return {kind: found.get(kind) for kind in IDENTIFIER_KINDS}


class Names:
    """Operator and outlet names, looked up once per export."""

    def __init__(self, entries: Iterable[AcquisitionEntry]) -> None:
        entries = list(entries)
        self.operators = {pk: ref.name for pk, ref in operator_refs({e.operator_id for e in entries}).items()}
        self.outlets = {pk: outlet_ref(pk, scope=CITY_WIDE).name for pk in {e.outlet_id for e in entries}}


def entry_record(entry: AcquisitionEntry, revealer: Revealer, names: Names) -> dict[str, Any]:
    none_if_blank = {name: getattr(entry, name) or None for name in (
        "correction_reason", "seller_document_type", "identity_check_method", "organisation_name",
        "organisation_credit_code", "handler_document_type", "proof_of_origin", "account_of_origin", "brand",
        "model_name", "colour", "specification", "distinguishing_features", "invoice_details", "payment_reference")}
    record = {
        "entry_id": entry.pk, "reference": str(entry.reference), "chain_sequence": entry.sequence,
        "entry_hash": entry.entry_hash, "previous_hash": entry.previous_hash, "operator_id": entry.operator_id,
        "operator_name": names.operators.get(entry.operator_id), "operator_licence": entry.operator_licence,
        "outlet_id": entry.outlet_id, "outlet_name": names.outlets.get(entry.outlet_id),
        "clerk": entry.clerk.username, "transaction_type": entry.transaction_type,
        "created_at": _time(entry.created_at), "recorded_at": _time(entry.recorded_at),
        "corrects_entry_id": entry.corrects_id,
        "bulk_reference": str(entry.bulk_reference) if entry.bulk_reference else None,
        "seller_kind": entry.seller_kind, "seller_birth_year": entry.seller_birth_year, "seller_age": entry.seller_age,
        "face_matched": entry.face_matched, "ownership_declared": entry.ownership_declared,
        "item_code": entry.item_code, "category_code": entry.category_code, "title": entry.title,
        "quantity": entry.quantity, "condition": entry.condition, **_identifiers(entry),
        "attributes": entry.attributes, "price_paid": str(entry.price_paid), "currency": "CNY",
        "payment_method": entry.payment_method, "checks": entry.checks, "hold_until": _time(entry.hold_until),
        "photos": entry.photo_digests, **none_if_blank, **_personal(entry, revealer),
    }
    return {key: record[key] for key in KEYS}
