"""Ninja schemas of the listings API. Prices are decimal yuan (CNY). A consumer seller never appears by name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from recirc.listings import policy
from recirc.listings.presentation import cover, disclosure_view, seller_label, terms_lines


class ListingFieldsIn(Schema):
    """What a seller sets on a draft; every field is optional (only the fields sent change)."""

    title: str | None = Field(None, max_length=160)
    description: str | None = Field(None, max_length=4000)
    price: Decimal | None = Field(None, description="Yuan, above 0.")
    channel: str | None = Field(None, description="online, in_store or both")
    warranty_days: int | None = Field(None, description="Operators: at least the policy minimum (90 by default).")
    return_window_days: int | None = Field(None, description="Operators selling online: at least 7.")
    terms_text: str | None = Field(None, max_length=2000)
    known_defects: list[str] | None = Field(None, description="Once disclosed, a defect cannot be removed.")
    no_known_defects: bool | None = None
    seller_notes: str | None = Field(None, max_length=2000)
    declared_grade: str | None = Field(None, description="C2C without inspection: 99, 95, 90, 80 or 70-.")
    declared_condition: str | None = Field(None, max_length=1000)
    declared_repairs: str | None = Field(None, max_length=1000)
    declared_no_repairs: bool | None = None
    declared_battery_percent: int | None = None
    district_code: str | None = Field(None, description="C2C: the district where the item is.")

    def changes(self) -> dict[str, Any]:
        return {name: value for name, value in self.dict().items() if value is not None}


class ListingIn(ListingFieldsIn):
    item_id: int


class NewItemIn(Schema):
    category_id: int
    title: str = Field(..., max_length=160)
    brand: str = Field("", max_length=60)
    model_name: str = Field("", max_length=80)
    attributes: dict[str, Any] = Field(default_factory=dict)
    identifiers: list[tuple[str, str]] = Field(default_factory=list, description="[kind, value] pairs.")


class ConsumerListingIn(ListingFieldsIn):
    item_id: int | None = Field(None, description="An item you own; or describe a new one in `item`.")
    item: NewItemIn | None = None


class PhotoOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    width: int
    height: int

    @staticmethod
    def resolve_url(photo: Any) -> str:
        return reverse("listing-photo", args=[photo.pk, "full"])

    @staticmethod
    def resolve_thumbnail_url(photo: Any) -> str:
        return reverse("listing-photo", args=[photo.pk, "thumb"])


class ListingCardOut(Schema):
    id: int
    code: str
    title: str
    price: Decimal | None
    status: str
    seller_kind: str
    seller: str
    district_code: str
    channel: str
    thumbnail_url: str | None
    used_label: str

    @staticmethod
    def resolve_seller(listing: Any) -> str:
        return seller_label(listing)

    @staticmethod
    def resolve_thumbnail_url(listing: Any) -> str | None:
        photo = cover(listing)
        return reverse("listing-photo", args=[photo.pk, "thumb"]) if photo else None

    @staticmethod
    def resolve_used_label(listing: Any) -> str:
        from django.utils.translation import gettext

        return gettext("Used goods")


class MineOut(ListingCardOut):
    """One row of the seller's list (the disclosure and actions are on the listing itself)."""

    version: int
    item_code: str
    warranty_days: int | None
    return_window_days: int | None
    published_at: dt.datetime | None
    created_at: dt.datetime


class FactOut(Schema):
    label: str
    value: str


class DisclosureOut(Schema):
    version: int
    sha256: str
    composed_at: dt.datetime
    intact: bool
    facts: list[FactOut]


class ListingDetailOut(ListingCardOut):
    version: int
    item_code: str
    category_code: str
    description: str
    warranty_days: int | None
    return_window_days: int | None
    terms: list[str]
    platform_inspection_offered: bool
    disclosure: DisclosureOut | None
    photos: list[PhotoOut]
    published_at: dt.datetime | None

    @staticmethod
    def resolve_terms(listing: Any) -> list[str]:
        return terms_lines(listing)

    @staticmethod
    def resolve_disclosure(listing: Any) -> dict[str, Any] | None:
        view = disclosure_view(listing)
        if view is None:
            return None
        return {"version": view.version, "sha256": view.sha256, "composed_at": view.composed_at,
                "intact": view.intact, "facts": [{"label": label, "value": value} for label, value in view.facts]}

    @staticmethod
    def resolve_photos(listing: Any) -> list[Any]:
        return list(listing.photos.all())


class SellerListingOut(ListingDetailOut):
    known_defects: list[str]
    no_known_defects: bool
    actions: list[str]

    @staticmethod
    def resolve_actions(listing: Any, context: Any) -> list[str]:
        return policy.actions_for(context["request"].user, listing)


class MissingOut(Schema):
    field: str
    message: str


class FacetOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    total: int
    capped: bool
    page: int
    pages: int
    results: list[ListingCardOut]
    facets: dict[str, list[FacetOut]]


class SearchFilter(Schema):
    q: str = Field("", max_length=2000)
    category: str = ""
    grade: str = ""
    price_min: str = ""
    price_max: str = ""
    district: str = ""
    channel: str = ""
    seller_kind: str = ""
    sort: str = "newest"
    page: int = 1
    facets: bool = True


class MineFilter(Schema):
    status: str = ""
    q: str = ""
    seller_kind: str = ""
