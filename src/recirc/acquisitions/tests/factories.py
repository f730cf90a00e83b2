"""Test data of the register. Fixture code may use other contexts' models and test factories (the operators
and items factories build operators, outlets and staff); the register itself is written through its services."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal
from typing import Any

from PIL import Image

from recirc.acquisitions import services
from recirc.acquisitions.contracts import ArticleInput, PhotoInput, SellerInput
from recirc.acquisitions.models import AcquisitionEntry
from recirc.items.tests.factories import phone_attributes

# python-stdnum test vectors (synthetic numbers): resident identity numbers, IMEI, credit code.
RESIDENT_ID = "11010519491231002X"
SECOND_RESIDENT_ID = "360426199101010071"
VALID_IMEI = "490154203237518"
SECOND_IMEI = "356868000041418"  # from stdnum's IMEISV example 35686800-004141-20
CREDIT_CODE = "91110000600037341L"
LEGAL_NAME = "张三丰"
ADDRESS = "浙江省杭州市西湖区文三路90号"
PHONE = "13812345678"


def individual(**overrides: Any) -> SellerInput:
    values: dict[str, Any] = {
        "kind": "individual", "legal_name": LEGAL_NAME, "document_type": "resident_id",
        "document_number": RESIDENT_ID, "address": ADDRESS, "phone": PHONE,
        "identity_check_method": "id_card_reader", "face_matched": True, "ownership_declared": True,
        "account_of_origin": "Bought new in 2023, replaced by a newer phone.",
    }
    return SellerInput(**{**values, **overrides})


def organisation(**overrides: Any) -> SellerInput:
    values: dict[str, Any] = {
        "kind": "organisation", "organisation_name": "杭州某某科技有限公司", "credit_code": CREDIT_CODE,
        "handler_name": "李四", "handler_document_type": "resident_id", "handler_document_number": SECOND_RESIDENT_ID,
        "proof_of_origin": "Asset disposal list 2026-11, signed by the finance department.",
        "identity_check_method": "manual_document", "ownership_declared": True,
    }
    return SellerInput(**{**values, **overrides})


def phone(**overrides: Any) -> ArticleInput:
    values: dict[str, Any] = {
        "category": "mobile-phones", "title": "iPhone 13 128G 黑色", "brand": "Apple", "model_name": "iPhone 13",
        "colour": "黑色", "condition": "95", "price_paid": Decimal("2100.00"),
        "specification": "128 GB, A2634", "distinguishing_features": "Small scratch on the lower left corner",
        "identifiers": (("imei", VALID_IMEI),),
        "attributes": {key: value for key, value in phone_attributes().items() if key != "colour"},
        "invoice_details": "JD.com invoice 2023-05",
    }
    return ArticleInput(**{**values, **overrides})


def jacket(**overrides: Any) -> ArticleInput:
    values: dict[str, Any] = {
        "category": "clothing", "title": "Down jacket", "brand": "Uniqlo", "condition": "90",
        "price_paid": Decimal("30.00"), "attributes": {"size": "M", "washed": True},
    }
    return ArticleInput(**{**values, **overrides})


def record(actor: Any, outlet: Any, *, seller: SellerInput | None = None, article: ArticleInput | None = None,
           **overrides: Any) -> AcquisitionEntry:
    arguments: dict[str, Any] = {
        "actor": actor, "outlet_id": outlet.pk, "transaction_type": "purchase", "seller": seller or individual(),
        "article": article or phone(), "payment_method": "wechat_pay", "payment_reference": "WX20261130-0001",
    }
    return services.acquisition_record(**{**arguments, **overrides})


def image_bytes(image_format: str = "JPEG", size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def photo(kind: str = "item", **overrides: Any) -> PhotoInput:
    return dataclasses.replace(PhotoInput(kind=kind, name=f"{kind}.jpg", content=image_bytes()), **overrides)
