"""The public read model of listings (ADR 0011): what anonymous buyers read most, a listing's page and the
search's result cards, each answered with one SQL statement.

When a listing is (re)indexed, `project()` stores its card and the rest of its public page as language-neutral
JSON (PublicListing). Nothing public changes between two indexings: fields and photos change only in a draft,
and publishing, a release and a disclosure refresh all index. The status is read live from the listing, and the
disclosure from its sealed row, whose SHA-256 is recomputed on every read as before: a tampered disclosure
shows no facts and `intact: false`. The reader's language enters only at the end (`present_*`): the seller's
label for an individual, the terms in plain words, the disclosure's facts (cached per seal and language, since
a seal names its content exactly).

A row whose `version` or `disclosure_version` differs from the listing's is stale and never served: the
answer is then built from the listing itself by the same functions, only slower (and `recirc
listings_project` rebuilds every row, e.g. after a change of what a row holds).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja.responses import NinjaJSONEncoder

from recirc.listings.disclosure import seal
from recirc.listings.errors import ListingNotFound
from recirc.listings.facts import facts
from recirc.listings.models import (
    PUBLIC_STATUSES,
    Disclosure,
    Listing,
    ListingPhoto,
    ListingStatus,
    PublicListing,
    SellerKind,
)
from recirc.listings.presentation import terms_lines_of

FACTS_CACHED = 2048  # (seal, language) pairs per worker process


def dumps(data: Any) -> str:
    return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False, separators=(",", ":"))


# --- projecting ---------------------------------------------------------------------------------------------------

def photo_json(photo: ListingPhoto) -> dict[str, Any]:
    return {"id": photo.pk, "url": reverse("listing-photo", args=[photo.pk, "full"]),
            "thumbnail_url": reverse("listing-photo", args=[photo.pk, "thumb"]), "width": photo.width,
            "height": photo.height}


def card_of(listing: Listing, photos: list[dict[str, Any]]) -> dict[str, Any]:
    """The search card, language-neutral (`seller_name` is the operator's registered name, empty for an
    individual: the public never sees an individual's name)."""
    operator = listing.seller_operator if listing.seller_kind == SellerKind.OPERATOR else None
    return {"id": listing.pk, "code": listing.code, "title": listing.title,
            "price": str(listing.price) if listing.price is not None else None, "seller_kind": listing.seller_kind,
            "seller_name": operator.name if operator is not None else "", "district_code": listing.district_code,
            "channel": listing.channel, "thumbnail_url": photos[0]["thumbnail_url"] if photos else None}


def detail_of(listing: Listing, photos: list[dict[str, Any]], composed_at: Any) -> dict[str, Any]:
    """The rest of the public page, language-neutral (the terms as the seller set them)."""
    return {"version": listing.version, "item_code": listing.item_code, "category_code": listing.category_code,
            "description": listing.description, "warranty_days": listing.warranty_days,
            "return_window_days": listing.return_window_days, "terms_text": listing.terms_text,
            "platform_inspection_offered": listing.platform_inspection_offered, "photos": photos,
            "published_at": listing.published_at, "disclosure_composed_at": composed_at}


def _sources(listing: Listing) -> tuple[list[dict[str, Any]], Any]:
    rows = ListingPhoto.objects.filter(listing_id=listing.pk).order_by("position", "id")
    photos = [photo_json(photo) for photo in rows]
    composed_at = (Disclosure.objects.filter(listing_id=listing.pk, version=listing.disclosure_version)
                   .values_list("composed_at", flat=True).first())
    return photos, composed_at


def project(listing: Listing) -> None:
    """Store (or replace) the listing's public row, in the caller's transaction."""
    photos, composed_at = _sources(listing)
    row = PublicListing(listing_id=listing.pk, version=listing.version,
                        disclosure_version=listing.disclosure_version, card=dumps(card_of(listing, photos)),
                        detail=dumps(detail_of(listing, photos, composed_at)))
    PublicListing.objects.bulk_create([row], update_conflicts=True, unique_fields=["listing"],
                                      update_fields=["version", "disclosure_version", "card", "detail",
                                                     "projected_at"])


def project_all(listing_ids: list[int] | None = None) -> int:
    """Rebuild the rows of every public listing (or of the given ones); how many."""
    listings = Listing.objects.select_related("seller_operator").filter(status__in=sorted(PUBLIC_STATUSES))
    if listing_ids is not None:
        listings = listings.filter(pk__in=listing_ids)
    count = 0
    for listing in listings.iterator(chunk_size=500):
        project(listing)
        count += 1
    return count


# --- presenting, in the reader's language ---------------------------------------------------------------------------

def present_card(card: dict[str, Any], status: str) -> dict[str, Any]:
    """A stored card as the API answers it (ListingCardOut)."""
    shown = dict(card)
    name = shown.pop("seller_name")
    shown["status"] = status
    individual = shown["seller_kind"] != SellerKind.OPERATOR
    shown["seller"] = _("Individual seller, real-name verified") if individual else name
    shown["used_label"] = _("Used goods")
    return shown


@lru_cache(maxsize=FACTS_CACHED)
def _facts(digest: str, language: str, canonical: str) -> tuple[tuple[str, str], ...]:
    return facts(json.loads(canonical))


def present_disclosure(detail: dict[str, Any], listing_digest: str, version: int, canonical: str | None,
                       digest: str | None) -> dict[str, Any] | None:
    """The sealed disclosure with its integrity recomputed now (DisclosureOut); facts only when intact."""
    if canonical is None or digest is None:
        return None
    intact = seal(canonical) == digest == listing_digest
    rows: tuple[tuple[str, str], ...] = ()
    if intact:
        try:
            rows = _facts(digest, get_language() or "", canonical)
        except ValueError:
            intact = False
    return {"version": version, "sha256": digest, "composed_at": detail["disclosure_composed_at"],
            "intact": intact, "facts": [{"label": label, "value": value} for label, value in rows]}


def present_detail(card: dict[str, Any], detail: dict[str, Any], status: str,
                   disclosure: dict[str, Any] | None) -> dict[str, Any]:
    """A stored page as the API answers it (ListingDetailOut)."""
    shown = {**present_card(card, status), **detail}
    shown.pop("disclosure_composed_at")
    terms_text = shown.pop("terms_text")
    shown["terms"] = terms_lines_of(shown["warranty_days"], shown["return_window_days"], terms_text)
    shown["disclosure"] = disclosure
    return shown


# --- reading ------------------------------------------------------------------------------------------------------

def _tables() -> dict[str, str]:
    return {"listing": Listing._meta.db_table, "public": PublicListing._meta.db_table,
            "disclosure": Disclosure._meta.db_table}


# Constant SQL: the tables are the models' own names (_tables); the code, statuses and ids are parameters.
DETAIL_SQL = ("SELECT l.id, l.status, l.version, l.disclosure_version, l.disclosure_sha256, p.version, "
              "p.disclosure_version, p.card, p.detail, d.canonical, d.sha256 FROM {listing} l "
              "LEFT JOIN {public} p ON p.listing_id = l.id "
              "LEFT JOIN {disclosure} d ON d.listing_id = l.id AND d.version = l.disclosure_version "
              "WHERE l.code = %s AND l.status IN (%s, %s, %s)")
CARDS_SQL = ("SELECT l.id, l.status, l.version, l.disclosure_version, p.version, p.disclosure_version, p.card "
             "FROM {listing} l LEFT JOIN {public} p ON p.listing_id = l.id WHERE l.id IN ({marks})")


@lru_cache(maxsize=1)
def _detail_sql() -> str:
    return DETAIL_SQL.format(**_tables())


def _fresh(row_version: int | None, row_disclosure: int | None, version: int, disclosure_version: int) -> bool:
    return row_version == version and row_disclosure == disclosure_version


def _built(listing_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Card and page of a listing without a fresh row, from the listing itself (the slow path)."""
    listing = Listing.objects.select_related("seller_operator").get(pk=listing_id)
    photos, composed_at = _sources(listing)
    return card_of(listing, photos), json.loads(dumps(detail_of(listing, photos, composed_at)))


def detail(code: str) -> dict[str, Any]:
    """The public page of a published, reserved or sold listing by its number; ListingNotFound otherwise."""
    with connection.cursor() as cursor:
        cursor.execute(_detail_sql(), [(code or "").strip().upper(), *sorted(PUBLIC_STATUSES)])
        row = cursor.fetchone()
    if row is None:
        raise ListingNotFound()
    (listing_id, status, version, disclosure_version, listing_digest, row_version, row_disclosure, card_json,
     detail_json, canonical, digest) = row
    if _fresh(row_version, row_disclosure, version, disclosure_version):
        card, page = json.loads(card_json), json.loads(detail_json)
    else:
        card, page = _built(listing_id)
    disclosure = present_disclosure(page, listing_digest, disclosure_version, canonical, digest)
    return present_detail(card, page, status, disclosure)


def cards(listing_ids: list[int], *, published_only: bool = False) -> list[dict[str, Any]]:
    """The cards of the given listings in the given order (one statement; a stale row is built afresh);
    `published_only` leaves out any no longer published (a search window may be a few seconds old)."""
    if not listing_ids:
        return []
    sql = CARDS_SQL.format(**_tables(), marks=", ".join(["%s"] * len(listing_ids)))
    with connection.cursor() as cursor:
        cursor.execute(sql, listing_ids)
        rows = {row[0]: row for row in cursor.fetchall()}
    shown = []
    for listing_id in listing_ids:
        row = rows.get(listing_id)
        if row is None:
            continue
        _id, status, version, disclosure_version, row_version, row_disclosure, card_json = row
        if published_only and status != ListingStatus.PUBLISHED:
            continue
        fresh = _fresh(row_version, row_disclosure, version, disclosure_version)
        card = json.loads(card_json) if fresh else _built(listing_id)[0]
        shown.append(present_card(card, status))
    return shown
