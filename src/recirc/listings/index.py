"""Keeps the search index in step with listings, in the caller's transaction: a published listing has exactly
one SearchEntry; any other status has none. Only public attributes are indexed (a bicycle's frame number or
a bag's serial stays off the index, as it stays off the public passport)."""

from __future__ import annotations

from typing import Any

from recirc.catalog.facade import canonical_brand, category_get
from recirc.listings.disclosure import grade_key
from recirc.listings.models import Listing, ListingStatus, SearchEntry
from recirc.listings.public import project
from recirc.listings.search import cjk_grams, searchable_text


def public_attributes(category_id: int, attributes: dict[str, Any]) -> dict[str, str]:
    category = category_get(category_id)
    return {spec.key: str(attributes[spec.key]) for spec in category.schema
            if spec.public and attributes.get(spec.key) not in (None, "")}


def _attribute_words(category: Any, key: str, value: str) -> list[str]:
    """An attribute as searchable words in both languages (not the request's: the index is shared)."""
    spec = category.spec(key)
    if spec is None:
        return [value]
    choice = next((choice for choice in spec.choices if choice.value == value), None)
    if choice is not None:
        return [choice.label, choice.label_en]
    return [f"{value} {spec.unit}" if spec.unit else value]


# The Chinese name of a brand family (catalog.canonical_brand gives the English one): "苹果" finds Apple.
BRAND_NAMES_ZH = {"Apple": "苹果", "Huawei": "华为", "Honor": "荣耀", "Xiaomi": "小米", "vivo": "维沃",
                  "OPPO": "欧珀", "Samsung": "三星", "Nokia": "诺基亚", "Motorola": "摩托罗拉", "Sony": "索尼",
                  "Lenovo": "联想", "ZTE": "中兴", "Meizu": "魅族", "Google": "谷歌"}


def brand_words(brand: str) -> list[str]:
    """The brand as written, its family name and the family's Chinese name (each once)."""
    if not brand:
        return []
    family = canonical_brand(brand)
    words = [brand, family, BRAND_NAMES_ZH.get(family, "")]
    return [word for index, word in enumerate(words) if word and word not in words[:index]]


def _compounds(listing: Listing, category: Any) -> list[str]:
    """How people type it in Chinese, with no space: the brand's Chinese name joined to the category
    ("华为手机", "苹果手机") and to the model ("华为Mate 60"); substrings of these match too."""
    chinese = BRAND_NAMES_ZH.get(canonical_brand(listing.brand), "") if listing.brand else ""
    if not chinese:
        return []
    return [f"{chinese}{category.name}"] + ([f"{chinese}{listing.model_name}"] if listing.model_name else [])


def entry_text(listing: Listing, attributes: dict[str, str]) -> str:
    category = category_get(listing.category_id)
    words = [word for key, value in attributes.items() for word in _attribute_words(category, key, value)]
    return searchable_text([listing.title, *brand_words(listing.brand), *_compounds(listing, category),
                            listing.model_name, category.name, category.name_en, listing.code, *words,
                            listing.description])


def index_listing(listing: Listing, data: dict[str, Any], attributes: dict[str, Any]) -> SearchEntry | None:
    """(Re)index a published listing under a new id (newest first) and project its public row (public.py);
    remove any other listing's entry."""
    SearchEntry.objects.filter(listing_id=listing.pk).delete()
    if listing.status != ListingStatus.PUBLISHED or listing.price is None:
        return None
    project(listing)
    public = public_attributes(listing.category_id, attributes)
    text = entry_text(listing, public)
    return SearchEntry.objects.create(
        listing_id=listing.pk, text=text, grams=cjk_grams(text), category_id=listing.category_id,
        grade=grade_key(data), price=listing.price, district_code=listing.district_code, channel=listing.channel,
        seller_kind=listing.seller_kind, attributes=public)


def unindex_listing(listing_id: int) -> None:
    SearchEntry.objects.filter(listing_id=listing_id).delete()
