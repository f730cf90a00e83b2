"""The seller's personal values into the privacy vault: the register keeps only tokens, masks and pseudonyms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recirc.acquisitions.intake import CleanDocument, CleanSeller
from recirc.acquisitions.models import AcquisitionEntry, SellerKind
from recirc.privacy.facade import PiiKind, pii_pseudonym, pii_store_many

ORGANISATION_INDEX_KIND = PiiKind.OTHER_ID

# Entry fields that hold vault tokens (erased when retention ends) and the derived pseudonym columns.
TOKEN_FIELDS = ("seller_name_token", "seller_document_token", "seller_address_token", "seller_phone_token",
                "handler_name_token", "handler_document_token")
PSEUDONYM_FIELDS = ("seller_document_pseudonym", "handler_document_pseudonym")
SELLER_FIELDS = (
    "seller_kind", "seller_name_token", "seller_name_masked", "seller_document_type", "seller_document_token",
    "seller_document_masked", "seller_document_pseudonym", "seller_address_token", "seller_address_masked",
    "seller_phone_token", "seller_phone_masked", "seller_birth_year", "seller_age", "identity_check_method",
    "face_matched", "organisation_name", "organisation_credit_code", "handler_name_token", "handler_name_masked",
    "handler_document_type", "handler_document_token", "handler_document_masked", "handler_document_pseudonym",
    "proof_of_origin", "ownership_declared", "account_of_origin",
)


@dataclass(frozen=True)
class StoredSeller:
    """The entry's seller fields (tokens and masks only) and the pseudonym given to policing."""

    fields: dict[str, Any]
    seller_index: str
    age: int | None


class _Pending:
    """The seller's values to store, gathered first and sent to the vault in one call (in this order)."""

    def __init__(self) -> None:
        self.values: list[tuple[str, str]] = []
        self.stored: list[tuple[str, str]] = []

    def add(self, kind: str, value: str) -> int | None:
        if not value:
            return None
        self.values.append((kind, value))
        return len(self.values) - 1

    def store(self, actor: Any) -> None:
        self.stored = [(stored.token, stored.masked) for stored in pii_store_many(values=self.values, actor=actor)]

    def get(self, index: int | None) -> tuple[str, str]:
        return ("", "") if index is None else self.stored[index]


def _document(document: CleanDocument | None, pending: _Pending) -> tuple[str, int | None, str]:
    """(type, pending index, pseudonym) of an identity document."""
    if document is None:
        return "", None, ""
    index = pending.add(document.pii_kind, document.number)
    return document.document_type, index, pii_pseudonym(kind=document.pii_kind, value=document.number)


def organisation_index(credit_code: str) -> str:
    """The pseudonym linking an organisation's acquisitions (for the repeat-seller rule)."""
    return pii_pseudonym(kind=ORGANISATION_INDEX_KIND, value=credit_code) if credit_code else ""


def seller_store(seller: CleanSeller, *, actor: Any) -> StoredSeller:
    pending = _Pending()
    name = pending.add(PiiKind.NAME, seller.legal_name)
    document_type, document, document_pseudonym = _document(seller.document, pending)
    address = pending.add(PiiKind.ADDRESS, seller.address)
    phone = pending.add(PiiKind.PHONE, seller.phone)
    handler = pending.add(PiiKind.NAME, seller.handler_name)
    handler_type, handler_document, handler_pseudonym = _document(seller.handler_document, pending)
    pending.store(actor)
    (name_token, name_masked), (document_token, document_masked) = pending.get(name), pending.get(document)
    (address_token, address_masked), (phone_token, phone_masked) = pending.get(address), pending.get(phone)
    (handler_token, handler_masked) = pending.get(handler)
    (handler_doc_token, handler_doc_masked) = pending.get(handler_document)
    fields = {
        "seller_kind": seller.kind, "seller_name_token": name_token, "seller_name_masked": name_masked,
        "seller_document_type": document_type, "seller_document_token": document_token,
        "seller_document_masked": document_masked, "seller_document_pseudonym": document_pseudonym,
        "seller_address_token": address_token, "seller_address_masked": address_masked,
        "seller_phone_token": phone_token, "seller_phone_masked": phone_masked,
        "seller_birth_year": seller.birth_year, "seller_age": seller.age,
        "identity_check_method": seller.identity_check_method, "face_matched": seller.face_matched,
        "organisation_name": seller.organisation_name, "organisation_credit_code": seller.credit_code,
        "handler_name_token": handler_token, "handler_name_masked": handler_masked,
        "handler_document_type": handler_type, "handler_document_token": handler_doc_token,
        "handler_document_masked": handler_doc_masked, "handler_document_pseudonym": handler_pseudonym,
        "proof_of_origin": seller.proof_of_origin, "ownership_declared": seller.ownership_declared,
        "account_of_origin": seller.account_of_origin,
    }
    # An organisation itself is the seller: its credit code (not personal data) links its acquisitions.
    index = organisation_index(seller.credit_code) if seller.kind == SellerKind.ORGANISATION else document_pseudonym
    return StoredSeller(fields=fields, seller_index=index, age=seller.age if seller.kind != "organisation" else None)


def seller_fields_of(entry: AcquisitionEntry) -> dict[str, Any]:
    """The seller fields of an existing entry, to carry over into its correction unchanged."""
    return {name: getattr(entry, name) for name in SELLER_FIELDS}
