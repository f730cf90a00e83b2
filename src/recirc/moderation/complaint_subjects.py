"""What a complaint is about, resolved through other contexts' facades only: a listing by its number, one of
the complainant's own orders by its number (through the order port, see complaint_orders), or a seller (an
operator by its registry number, or the seller of a listing, operator or individual). Each resolves to the
seller concerned, who answers the complaint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.accounts.facade import user_ref
from recirc.core.errors import NotFound
from recirc.listings.facade import ListingOffer, listing_offer_by_code
from recirc.moderation.complaint_errors import ComplaintInvalid
from recirc.moderation.complaint_orders import order_by_number
from recirc.moderation.models import ComplaintSubject
from recirc.operators.facade import operator_refs

FIELD = "reference"


@dataclass(frozen=True)
class Subject:
    kind: str
    key: str
    title: str
    seller_operator_id: int | None
    seller_user_id: int | None
    listing_id: int | None = None
    listing_code: str = ""
    order_id: int | None = None
    order_number: str = ""


def _refuse(message: Any) -> ComplaintInvalid:
    return ComplaintInvalid(errors={FIELD: [message]})


def _listing(reference: str) -> ListingOffer:
    try:
        offer = listing_offer_by_code(reference)
    except NotFound:
        offer = None
    if offer is None or offer.status == "draft":  # drafts were never public
        raise _refuse(_("No listing has this number. It looks like L261201-7K3QF."))
    return offer


def _seller_title(operator_id: int | None, user_id: int | None) -> str:
    if operator_id is not None:
        ref = operator_refs([operator_id]).get(operator_id)
        return ref.name if ref is not None else str(operator_id)
    person = user_ref(int(user_id or 0))
    return str(_("Individual seller %(name)s") % {"name": person.display_name or person.username})


def _seller_key(operator_id: int | None, user_id: int | None) -> str:
    return f"operator:{operator_id}" if operator_id is not None else f"user:{user_id}"


def _about_listing(reference: str) -> Subject:
    offer = _listing(reference)
    return Subject(kind=ComplaintSubject.LISTING, key=f"listing:{offer.code}", title=offer.title[:200],
                   seller_operator_id=offer.seller_operator_id, seller_user_id=offer.seller_user_id,
                   listing_id=offer.id, listing_code=offer.code)


def _about_order(actor: Any, reference: str) -> Subject:
    order = order_by_number(reference)
    if order is None or order.buyer_user_id != actor.pk:
        raise _refuse(_("None of your orders has this number. Copy it from the order's page."))
    titles = [line.title for line in order.lines]
    title = titles[0] if len(titles) == 1 else _("%(first)s and %(count)s more") % {
        "first": titles[0] if titles else order.number, "count": max(len(titles) - 1, 0)}
    first = order.lines[0] if order.lines else None
    return Subject(kind=ComplaintSubject.ORDER, key=f"order:{order.number}", title=str(title)[:200],
                   seller_operator_id=order.seller_operator_id, seller_user_id=order.seller_user_id,
                   listing_id=first.listing_id if first else None, order_id=order.order_id,
                   order_number=order.number)


def _about_seller(reference: str) -> Subject:
    if reference.isdigit():
        ref = operator_refs([int(reference)]).get(int(reference))
        if ref is None:
            raise _refuse(_("No operator has this registry number."))
        operator_id: int | None = ref.id
        user_id: int | None = None
    else:
        offer = _listing(reference)
        operator_id, user_id = offer.seller_operator_id, offer.seller_user_id
    return Subject(kind=ComplaintSubject.SELLER, key=_seller_key(operator_id, user_id),
                   title=_seller_title(operator_id, user_id)[:200], seller_operator_id=operator_id,
                   seller_user_id=user_id)


def subject_resolve(*, actor: Any, kind: str, reference: str) -> Subject:
    """The subject and its seller; ComplaintInvalid on the "reference" field when it cannot be found, and when
    the complainant would complain about themselves."""
    reference = "".join(str(reference or "").split()).upper()
    if not reference:
        raise _refuse(_("Enter the listing number, the order number or the seller."))
    if kind == ComplaintSubject.LISTING:
        subject = _about_listing(reference)
    elif kind == ComplaintSubject.ORDER:
        subject = _about_order(actor, reference)
    elif kind == ComplaintSubject.SELLER:
        subject = _about_seller(reference)
    else:
        raise ComplaintInvalid(errors={"subject_kind": [_("Choose what the complaint is about.")]})
    if subject.seller_user_id is not None and subject.seller_user_id == actor.pk:
        raise _refuse(_("You cannot complain about your own sale."))
    return subject
