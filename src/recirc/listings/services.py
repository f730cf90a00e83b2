"""Listing writes by the seller: create (from an operator's inspected item, or a verified consumer's own item),
change a draft, publish (refused naming every missing item), withdraw, take back to draft.

Each is one transaction with its audit event; each locks the listing, then checks who (404 outside the actor's
view, 403 for the wrong role), then the state (409), then the input (422), and writes nothing when it refuses.
Reservation and sale (the trade context's side) are in reservations.py; photos in photos.py.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recirc.core.audit import audit_record
from recirc.items.facade import ItemRef, ItemState, item_ref, item_transition
from recirc.listings import policy
from recirc.listings.disclosure import canonical_json, compose, seal
from recirc.listings.errors import (
    ChangeForbidden,
    ItemNotListable,
    ListingNotFound,
    NotEditable,
    OpenListingExists,
    PublicationRefused,
    PublishIncomplete,
    SellerNotVerified,
    TransitionNotAllowed,
)
from recirc.listings.facts import missing
from recirc.listings.gates import ListingText, refusals
from recirc.listings.index import index_listing, unindex_listing
from recirc.listings.models import OPEN_STATUSES, Disclosure, Listing, ListingStatus, SellerKind
from recirc.listings.selectors import visible_filter
from recirc.listings.takedown_errors import ItemTakenDown

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def new_code() -> str:
    """A public listing number such as L261201-7K3QF: the day it was created and 5 random characters."""
    while True:
        code = f"L{timezone.localdate():%y%m%d}-{''.join(secrets.choice(CODE_ALPHABET) for _ in range(5))}"
        if not Listing.objects.filter(code=code).exists():
            return code


def locked(actor: Any, listing_id: int) -> Listing:
    """The listing's row, locked, when the actor may see it; ListingNotFound otherwise (same for missing)."""
    condition = visible_filter(actor)
    if condition is not None and not Listing.objects.filter(condition, pk=listing_id).exists():
        raise ListingNotFound()
    listing = Listing.objects.select_for_update().filter(pk=listing_id).first()
    if listing is None:
        raise ListingNotFound()
    return listing


def require_seller(actor: Any, listing: Listing) -> None:
    if not policy.is_seller(actor, listing):
        raise ChangeForbidden()


def require_current_verification(actor: Any, listing: Listing) -> None:
    """An individual seller publishes only while their real-name verification is current (it expires after
    RECIRC_POLICY["REALNAME_REVERIFY_DAYS"]); a draft made before it expired waits for the re-verification."""
    if listing.seller_kind == SellerKind.CONSUMER and not policy.may_create_as_consumer(actor):
        raise SellerNotVerified()


def move(listing: Listing, verb: str) -> str:
    """Apply the verb's transition to `listing.status` (not saved); TransitionNotAllowed outside the table."""
    target = policy.target_of(verb, listing.status)
    if target is None or not policy.can_transition(listing.status, target):
        wanted = target or next(iter(policy.VERBS[verb].values()))
        raise TransitionNotAllowed(params={"from_state": ListingStatus(listing.status).label,
                                           "to_state": ListingStatus(wanted).label})
    from_state, listing.status = listing.status, target
    return from_state


def record(actor: Any, listing: Listing, action: str, from_state: str = "", **payload: Any) -> None:
    audit_record(actor=actor, action=f"listings.{action}", target=listing, operator_id=listing.seller_operator_id,
                 payload={"code": listing.code, "item": listing.item_code, "from_state": from_state,
                          "to_state": listing.status, "version": listing.version, **payload})


def require_open_slot(item: ItemRef) -> None:
    """One open listing per item; and none while the platform's takedown of its listing stands (the seller
    appeals instead of listing the item again)."""
    existing = Listing.objects.filter(item_id=item.id, status__in=sorted(OPEN_STATUSES)).first()
    if existing is not None:
        raise OpenListingExists(params={"code": existing.code})
    taken_down = Listing.objects.filter(item_id=item.id, status=ListingStatus.TAKEN_DOWN).first()
    if taken_down is not None:
        raise ItemTakenDown(params={"code": taken_down.code})


def require_in_stock(item: ItemRef) -> None:
    if item.state != ItemState.IN_STOCK:
        raise ItemNotListable(params={"reason": _("its passport says “%(state)s”.")
                                      % {"state": ItemState(item.state).label}})


def save_new(listing: Listing) -> Listing:
    try:
        with transaction.atomic():
            listing.save(force_insert=True)
    except IntegrityError as error:  # a concurrent request listed the item first (listing_one_open_per_item)
        raise OpenListingExists(params={"code": "—"}) from error
    return listing


# --- sealing and publishing -------------------------------------------------------------------------------------

def disclosure_seal(actor: Any, listing: Listing, data: dict[str, Any]) -> tuple[Disclosure | None, bool]:
    """Seal the composed data as a new version unless it equals the current one; (disclosure, is_new)."""
    canonical = canonical_json(data)
    digest = seal(canonical)
    if digest == listing.disclosure_sha256:
        return Disclosure.objects.filter(listing=listing, version=listing.disclosure_version).first(), False
    disclosure = Disclosure.objects.create(listing=listing, version=listing.disclosure_version + 1,
                                           canonical=canonical, sha256=digest, composed_at=timezone.now(),
                                           composed_by=actor if policy.is_signed_in(actor) else None)
    listing.disclosure_version, listing.disclosure_sha256 = disclosure.version, digest
    audit_record(actor=actor, action="listings.disclosure_sealed", target=listing,
                 operator_id=listing.seller_operator_id,
                 payload={"code": listing.code, "disclosure_version": disclosure.version, "sha256": digest})
    return disclosure, True


def publication_gaps(listing: Listing) -> tuple[dict[str, Any], dict[str, str]]:
    """The composed disclosure and every item still missing (empty when the listing may be published)."""
    data = compose(listing)
    return data, missing(listing, data, listing.photos.count())


@transaction.atomic
def listing_publish(*, actor: Any, listing_id: int) -> Listing:
    """Compose and seal the disclosure, list the item (in stock -> listed) and index the listing; refused,
    naming every missing item, until the listing is complete."""
    listing = locked(actor, listing_id)
    require_seller(actor, listing)
    require_current_verification(actor, listing)
    from_state = move(listing, "publish")
    data, gaps = publication_gaps(listing)
    if gaps:
        raise PublishIncomplete(errors={field: [message] for field, message in gaps.items()})
    item = item_ref(listing.item_id)
    refused = refusals(actor, listing_text(listing, item.attributes))
    if refused:
        raise PublicationRefused(errors=refused)
    _disclosure, is_new = disclosure_seal(actor, listing, data)
    item_transition(actor=actor, item_id=listing.item_id, to_state=ItemState.LISTED,
                    reason=_("Listed for sale as %(code)s") % {"code": listing.code})
    listing.version += 1 if is_new else 0
    listing.published_at = timezone.now()
    listing.save()
    index_listing(listing, data, item.attributes)
    record(actor, listing, "listing_published", from_state, price=listing.price,
           disclosure_version=listing.disclosure_version)
    return listing


def listing_text(listing: Listing, attributes: dict[str, Any], *, publishing: bool = True) -> ListingText:
    """The listing's words as the publication checks read them (the seller's notes and declarations too)."""
    words = [listing.description, listing.seller_notes, listing.declared_condition, listing.declared_repairs,
             *listing.known_defects]
    return ListingText(id=listing.pk, code=listing.code, title=listing.title,
                       description="\n".join(word for word in words if word), category_code=listing.category_code,
                       brand=listing.brand, model_name=listing.model_name, price=listing.price,
                       attributes=dict(attributes), seller_kind=listing.seller_kind,
                       seller_operator_id=listing.seller_operator_id, seller_user_id=listing.seller_user_id,
                       publishing=publishing)


# The words (and the price, for the brand price floors) that screening reads: a change to any of them re-screens.
SCREENED_FIELDS = frozenset({"title", "description", "seller_notes", "declared_condition", "declared_repairs",
                             "known_defects", "price"})
EDIT_REFUSED = gettext_lazy("This change cannot be saved: the listing would offer goods that may not be traded here.")


def screen_edit(actor: Any, listing: Listing, changed: list[str]) -> None:
    """Screen an edit through the same publication-check port as publishing (ADR 0012), before it is saved: a
    "block" verdict refuses the edit (`listings.refused`, reasons per field; the caller's transaction rolls back,
    so nothing is written); otherwise the checks have stored their verdict in the caller's transaction."""
    if not SCREENED_FIELDS.intersection(changed):
        return
    refused = refusals(actor, listing_text(listing, item_ref(listing.item_id).attributes, publishing=False))
    if refused:
        raise PublicationRefused(EDIT_REFUSED, errors=refused)


def _off_sale(actor: Any, listing: Listing, from_state: str, reason: str) -> None:
    if from_state == ListingStatus.PUBLISHED:
        item_transition(actor=actor, item_id=listing.item_id, to_state=ItemState.IN_STOCK, reason=reason)
        unindex_listing(listing.pk)


@transaction.atomic
def listing_withdraw(*, actor: Any, listing_id: int) -> Listing:
    """Take a draft or a published listing off sale for good (the item returns to stock)."""
    listing = locked(actor, listing_id)
    require_seller(actor, listing)
    from_state = move(listing, "withdraw")
    _off_sale(actor, listing, from_state, _("Listing %(code)s withdrawn") % {"code": listing.code})
    listing.withdrawn_at = timezone.now()
    listing.save()
    record(actor, listing, "listing_withdrawn", from_state)
    return listing


@transaction.atomic
def listing_reopen(*, actor: Any, listing_id: int) -> Listing:
    """Back to draft to change it (off sale meanwhile); publishing again re-composes the disclosure."""
    listing = locked(actor, listing_id)
    require_seller(actor, listing)
    from_state = move(listing, "edit")
    _off_sale(actor, listing, from_state, _("Listing %(code)s taken back to draft") % {"code": listing.code})
    listing.save()
    record(actor, listing, "listing_reopened", from_state)
    return listing


def require_draft(listing: Listing) -> None:
    if not policy.can_change(listing):
        raise NotEditable()


def open_listing_filter() -> Q:
    return Q(status__in=sorted(OPEN_STATUSES))
