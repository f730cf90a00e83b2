"""CSV and XLSX export of the seller's listing list (the rows the actor sees, with the list's filters). Cells
that look like formulas are neutralised."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.tables import table_response
from recirc.listings.models import Channel, ListingStatus, SellerKind

EXPORT_LIMIT = 50_000


def _moment(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def headers() -> list[str]:
    return [_("Listing"), _("Created"), _("Status"), _("Version"), _("Passport code"), _("Title"), _("Price (¥)"),
            _("Seller"), _("Channel"), _("Warranty (days)"), _("Return window (days)"), _("Photos"),
            _("Published")]


def rows(listings: Iterable[Any]) -> list[list[Any]]:
    """`listings` are annotated with `photo_count` (selectors.listing_list)."""
    return [[listing.code, _moment(listing.created_at), str(ListingStatus(listing.status).label), listing.version,
             listing.item_code, listing.title, str(listing.price) if listing.price is not None else "",
             str(SellerKind(listing.seller_kind).label), str(Channel(listing.channel).label),
             listing.warranty_days if listing.warranty_days is not None else "",
             listing.return_window_days if listing.return_window_days is not None else "", listing.photo_count,
             _moment(listing.published_at)] for listing in listings]


def listings_export(listings: Any, export_format: str) -> HttpResponse:
    return table_response(headers(), rows(listings[:EXPORT_LIMIT]), export_format, "listings")
