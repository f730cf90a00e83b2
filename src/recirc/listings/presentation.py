"""How listings read to people, shared by the pages and the API: the seller's public name, facet labels, the
cover photo, and the disclosure's facts with its integrity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recirc.catalog.facade import category_list, grading_scales_for
from recirc.listings.facts import facts
from recirc.listings.models import Channel, Listing, ListingPhoto, SellerKind
from recirc.listings.selectors import disclosure_get
from recirc.operators.facade import district_choices

LABEL_CACHE_SECONDS = 300


def seller_label(listing: Listing) -> str:
    """The operator's registered name, or for a consumer only that they are a verified individual."""
    if listing.seller_kind == SellerKind.CONSUMER:
        return _("Individual seller, real-name verified")
    operator = listing.seller_operator
    return operator.name if operator is not None else ""


def cover(listing: Listing) -> ListingPhoto | None:
    photos = list(listing.photos.all())
    return photos[0] if photos else None


def facet_labels() -> dict[str, dict[str, str]]:
    """Labels for the facet values in the active language (categories, grades, districts, channels, sellers).
    Reference data: cached for a few minutes per language."""
    key = f"listings:facet-labels:{get_language()}"
    labels = cache.get(key)
    if labels is None:
        labels = _facet_labels()
        cache.set(key, labels, LABEL_CACHE_SECONDS)
    return dict(labels)


def _facet_labels() -> dict[str, dict[str, str]]:
    categories = category_list()
    grades: dict[str, str] = {}
    for category in categories:
        for scale in grading_scales_for(category.id):
            for grade in scale.grades:
                grades[f"{scale.code}:{grade.code}"] = f"{scale.display_name} {grade.display}"
    return {"category_id": {str(category.id): category.display_name for category in categories},
            "grade": grades, "district_code": dict(district_choices()),
            "channel": {str(value): str(label) for value, label in Channel.choices},
            "seller_kind": {str(value): str(label) for value, label in SellerKind.choices}}


@dataclass(frozen=True)
class DisclosureView:
    version: int
    sha256: str
    composed_at: Any
    facts: tuple[tuple[str, str], ...]
    intact: bool
    data: dict[str, Any]


def disclosure_view(listing: Listing) -> DisclosureView | None:
    sealed = disclosure_get(listing)
    if sealed is None:
        return None
    return DisclosureView(version=sealed.disclosure.version, sha256=sealed.disclosure.sha256,
                          composed_at=sealed.disclosure.composed_at,
                          facts=facts(sealed.data) if sealed.intact else (), intact=sealed.intact, data=sealed.data)


def terms_lines(listing: Listing) -> list[str]:
    """The after-sales terms in plain words ("no warranty" and "no returns" said outright)."""
    return terms_lines_of(listing.warranty_days, listing.return_window_days, listing.terms_text)


def terms_lines_of(warranty_days: int | None, return_window_days: int | None, terms_text: str) -> list[str]:
    lines = []
    if warranty_days:
        lines.append(_("Warranty: %(days)s days from delivery.") % {"days": warranty_days})
    elif warranty_days == 0:
        lines.append(_("No warranty: an individual seller's item, sold as described."))
    if return_window_days:
        lines.append(_("No-reason return within %(days)s days of delivery (item as received).")
                     % {"days": return_window_days})
    elif return_window_days == 0:
        lines.append(_("No no-reason returns; returns only when the item is not as described."))
    if terms_text:
        lines.append(terms_text)
    return lines
