"""Ninja schemas of the register API. Personal values come in (to the vault) but only masked ones go out."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from recirc.acquisitions.contracts import ArticleInput, PhotoInput, SellerInput
from recirc.core.errors import ValidationFailed


class SellerIn(Schema):
    kind: str = Field("individual", description="individual or organisation")
    legal_name: str = ""
    document_type: str = Field("", description="resident_id, passport, hk_macao_permit, taiwan_permit, "
                                                "foreigner_permit")
    document_number: str = ""
    address: str = ""
    phone: str = ""
    birth_date: dt.date | None = Field(None, description="only for documents whose number holds no birth date")
    identity_check_method: str = Field("", description="id_card_reader, manual_document, online_face_match")
    face_matched: bool = False
    organisation_name: str = ""
    credit_code: str = Field("", description="unified social credit code (18 characters, checked)")
    handler_name: str = ""
    handler_document_type: str = ""
    handler_document_number: str = ""
    proof_of_origin: str = ""
    ownership_declared: bool = False
    account_of_origin: str = ""

    def to_input(self) -> SellerInput:
        return SellerInput(**self.dict())


class IdentifierIn(Schema):
    kind: str = Field(..., description="imei, meid, serial, mac or network_licence")
    value: str


class ArticleIn(Schema):
    category_code: str
    title: str
    condition: str = Field(..., description="new, 99, 95, 90, 80, 70 or for_parts (新旧程度)")
    price_paid: Decimal = Field(..., description="yuan, two decimal places")
    brand: str = ""
    model_name: str = ""
    colour: str = ""
    quantity: int = Field(1, description="1: one entry per article (bulk purchases list quantities per line)")
    specification: str = ""
    distinguishing_features: str = ""
    identifiers: list[IdentifierIn] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    invoice_details: str = ""

    def to_input(self) -> ArticleInput:
        data = self.dict(exclude={"category_code", "identifiers"})
        return ArticleInput(category=self.category_code, **data,
                            identifiers=tuple((item.kind, item.value) for item in self.identifiers))


class PhotoIn(Schema):
    kind: str = Field(..., description="item or document")
    name: str = "photo"
    content_base64: str

    def to_input(self) -> PhotoInput:
        try:
            content = base64.b64decode(self.content_base64, validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValidationFailed(field="photos", code="acquisitions.photo_not_image") from error
        return PhotoInput(kind=self.kind, name=self.name, content=content)


class AcquisitionIn(Schema):
    outlet_id: int
    transaction_type: str
    seller: SellerIn
    article: ArticleIn
    payment_method: str
    payment_reference: str = ""
    recorded_at: dt.datetime | None = Field(None, description="the time of acquisition for a paper back-entry")
    photos: list[PhotoIn] = Field(default_factory=list)


class BulkIn(Schema):
    outlet_id: int
    seller: SellerIn
    articles: list[ArticleIn]
    payment_method: str
    payment_reference: str = ""
    recorded_at: dt.datetime | None = None
    photos: list[PhotoIn] = Field(default_factory=list)


class CorrectionIn(Schema):
    reason: str
    transaction_type: str | None = None
    recorded_at: dt.datetime | None = None
    payment_method: str | None = None
    payment_reference: str | None = None
    title: str | None = None
    brand: str | None = None
    model_name: str | None = None
    colour: str | None = None
    specification: str | None = None
    condition: str | None = None
    distinguishing_features: str | None = None
    invoice_details: str | None = None
    price_paid: Decimal | None = None
    attributes: dict[str, Any] | None = None
    seller: SellerIn | None = Field(None, description="the complete corrected seller, entered again")

    def changes(self) -> dict[str, Any]:
        changes = {key: value for key, value in self.dict(exclude={"reason", "seller"}, exclude_unset=True).items()
                   if value is not None}
        if self.seller is not None:
            changes["seller"] = self.seller.to_input()
        return changes


class CheckOut(Schema):
    source: str
    checked_at: str
    result: str
    detail: str


class EntryOut(Schema):
    id: int
    reference: str
    outlet_id: int
    operator_id: int
    operator_licence: str
    sequence: int
    entry_hash: str
    previous_hash: str
    created_at: dt.datetime
    recorded_at: dt.datetime
    clerk: str
    transaction_type: str
    corrects_id: int | None
    correction_reason: str
    seller_kind: str
    seller_name_masked: str
    seller_document_type: str
    seller_document_masked: str
    seller_address_masked: str
    seller_phone_masked: str
    seller_birth_year: int | None
    seller_age: int | None
    identity_check_method: str
    face_matched: bool
    organisation_name: str
    organisation_credit_code: str
    handler_name_masked: str
    handler_document_masked: str
    ownership_declared: bool
    item_id: int
    item_code: str
    category_code: str
    title: str
    brand: str
    model_name: str
    colour: str
    quantity: int
    specification: str
    condition: str
    distinguishing_features: str
    identifiers: list[IdentifierIn]
    attributes: dict[str, Any]
    invoice_details: str
    price_paid: Decimal
    payment_method: str
    payment_reference: str
    checks: list[CheckOut]
    hold_until: dt.datetime | None
    personal_data_erased: bool

    @staticmethod
    def resolve_reference(entry: Any) -> str:
        return str(entry.reference)

    @staticmethod
    def resolve_clerk(entry: Any) -> str:
        return str(entry.clerk.username)

    @staticmethod
    def resolve_personal_data_erased(entry: Any) -> bool:
        return entry.personal_data_erased_at is not None


class EntryFilter(Schema):
    outlet: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    transaction_type: str = ""
    category: str = ""
    q: str = ""


class ChainStatusOut(Schema):
    outlet_id: int
    intact: bool
    checked: int
    length: int
    first_bad_sequence: int | None
    first_bad_id: int | None
    reason: str


class IdentitySearchIn(Schema):
    document_type: str = "resident_id"
    number: str
    purpose: str = Field(..., description="why the search is made (case number): required and logged")
