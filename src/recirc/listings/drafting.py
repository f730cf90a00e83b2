"""Creating listings and changing drafts.

- An operator's clerk or manager lists an item of their operator that is in stock (an inspected, erased item
  passes the publication check; a draft may be prepared before).
- A consumer with a current real-name verification lists their own item (C2C): an item they already own, or
  a new one they describe, which gets a passport (items.facade.item_register) and is made ready for sale.
  Without the platform's inspection the listing carries the seller's declared condition and the statement
  "not inspected by the platform"; the buyer may ask for the platform's inspection (验货) at the trade step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from recirc.core.errors import NotFound
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.items.facade import ItemRef, ItemState, item_get_for, item_register, item_transition
from recirc.listings import policy
from recirc.listings.errors import CreateForbidden, DefectRemoval, ItemNotListable, SellerNotVerified
from recirc.listings.models import Channel, Disclosure, Listing, SellerKind
from recirc.listings.services import (
    locked,
    new_code,
    record,
    require_draft,
    require_in_stock,
    require_open_slot,
    require_seller,
    save_new,
    screen_edit,
)
from recirc.listings.validation import Checker
from recirc.operators.facade import district_choices, membership_of, operator_scope, outlet_ref

DECLARED_GRADES = ("99", "95", "90", "80", "70-")
# Fields a seller may change on a draft, and whether a change moves the offer's version.
EDITABLE = ("title", "description", "price", "channel", "warranty_days", "return_window_days", "terms_text",
            "known_defects", "no_known_defects", "seller_notes", "declared_grade", "declared_condition",
            "declared_repairs", "declared_no_repairs", "declared_battery_percent", "district_code")


def _operator_item(actor: Any, item_id: int) -> tuple[ItemRef, Any]:
    if not policy.may_create_as_staff(actor):
        raise CreateForbidden()
    membership = membership_of(actor)
    item = item_get_for(actor, item_id)
    if item.owner_operator_id is None or not policy.staff_covers(actor, item.owner_operator_id):
        raise ItemNotListable(params={"reason": _("it is not your operator's stock.")})
    return item, membership


def _outlet_of(actor: Any, item: ItemRef, membership: Any) -> tuple[int | None, str]:
    outlet_id = item.outlet_id or (membership.outlet_id if membership else None)
    if outlet_id is None:
        return None, ""
    try:
        return outlet_id, outlet_ref(outlet_id, scope=operator_scope(actor)).district_code
    except NotFound:
        return None, ""


@transaction.atomic
def listing_create(*, actor: Any, item_id: int, **fields: Any) -> Listing:
    """A draft for an item the actor's operator has in stock."""
    item, membership = _operator_item(actor, item_id)
    require_in_stock(item)
    require_open_slot(item)
    outlet_id, district = _outlet_of(actor, item, membership)
    listing = Listing(code=new_code(), item_id=item.id, item_code=item.code, category_id=item.category_id,
                      category_code=item.category_code, title=item.title, brand=item.brand,
                      model_name=item.model_name, seller_kind=SellerKind.OPERATOR,
                      seller_operator_id=item.owner_operator_id, seller_outlet_id=outlet_id, district_code=district,
                      warranty_days=policy.warranty_minimum_days(),
                      return_window_days=policy.no_reason_return_days(), created_by=actor)
    _apply(listing, fields, previous_defects=[])
    save_new(listing)
    record(actor, listing, "listing_created", seller_kind=listing.seller_kind)
    return listing


def _consumer_item(actor: Any, item_id: int | None, item: Mapping[str, Any] | None) -> ItemRef:
    if item_id is not None:
        owned = item_get_for(actor, item_id)
        if owned.owner_user_id != actor.pk:
            raise ItemNotListable(params={"reason": _("it is not yours.")})
        return owned
    facts = dict(item or {})
    identifiers: Iterable[tuple[str, str]] = facts.pop("identifiers", ())
    return item_register(actor=actor, owner_user_id=actor.pk, identifiers=identifiers, **facts)


@transaction.atomic
def listing_create_c2c(*, actor: Any, item_id: int | None = None, item: Mapping[str, Any] | None = None,
                       **fields: Any) -> Listing:
    """A verified consumer's listing of their own item: `item_id` of an item they own, or `item` (category_id,
    title, brand, model_name, attributes, identifiers) to register a new passport for it."""
    if not policy.is_signed_in(actor) or not has_role(actor, Role.CONSUMER):
        raise CreateForbidden()
    if not policy.may_create_as_consumer(actor):
        raise SellerNotVerified()
    owned = _consumer_item(actor, item_id, item)
    if owned.state == ItemState.INTAKE:
        owned = item_transition(actor=actor, item_id=owned.id, to_state=ItemState.IN_STOCK,
                                reason=_("Ready for sale by its owner"))
    require_in_stock(owned)
    require_open_slot(owned)
    listing = Listing(code=new_code(), item_id=owned.id, item_code=owned.code, category_id=owned.category_id,
                      category_code=owned.category_code, title=owned.title, brand=owned.brand,
                      model_name=owned.model_name, seller_kind=SellerKind.CONSUMER, seller_user_id=actor.pk,
                      platform_inspection_offered=True, created_by=actor)
    _apply(listing, fields, previous_defects=[])
    save_new(listing)
    record(actor, listing, "listing_created", seller_kind=listing.seller_kind)
    return listing


def _check_fields(listing: Listing, fields: Mapping[str, Any], check: Checker) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    texts = {"title": (160, True), "description": (4000, False), "terms_text": (2000, False),
             "seller_notes": (2000, False), "declared_condition": (1000, False), "declared_repairs": (1000, False)}
    for name, (limit, required) in texts.items():
        if name in fields:
            cleaned[name] = check.text(name, fields[name], limit=limit, required=required,
                                       single_line=name == "title")
    if "price" in fields:
        cleaned["price"] = check.price("price", fields["price"])
    for name in ("warranty_days", "return_window_days"):
        if name in fields:
            cleaned[name] = check.days(name, fields[name])
    if "declared_battery_percent" in fields:
        cleaned["declared_battery_percent"] = check.percent("declared_battery_percent",
                                                            fields["declared_battery_percent"])
    if "channel" in fields:
        cleaned["channel"] = check.choice("channel", fields["channel"], Channel.values, required=True)
    if "declared_grade" in fields:
        cleaned["declared_grade"] = check.choice("declared_grade", fields["declared_grade"], DECLARED_GRADES)
    if "district_code" in fields and listing.seller_kind == SellerKind.CONSUMER:
        codes = [code for code, _label in district_choices()]
        cleaned["district_code"] = check.choice("district_code", fields["district_code"], codes)
    if "known_defects" in fields:
        cleaned["known_defects"] = check.lines("known_defects", fields["known_defects"])
    for name in ("no_known_defects", "declared_no_repairs"):
        if name in fields:
            cleaned[name] = bool(fields[name])
    return cleaned


def _apply(listing: Listing, fields: Mapping[str, Any], *, previous_defects: list[str]) -> list[str]:
    """Check and set the given fields (all errors at once); the names of the fields that changed."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    check = Checker()
    cleaned = _check_fields(listing, fields, check)
    defects = cleaned.get("known_defects", listing.known_defects)
    if cleaned.get("no_known_defects", listing.no_known_defects) and defects:
        check.add("no_known_defects", _("Either list the known defects or state that none are known."))
    if listing.seller_kind == SellerKind.OPERATOR and any(name.startswith("declared_") and cleaned[name]
                                                          for name in cleaned):
        check.add("declared_grade", _("Operators disclose the inspection's grade, not a declared one."))
    check.raise_if_any()
    removed = [defect for defect in previous_defects if defect not in defects]
    if removed:
        raise DefectRemoval(errors={"known_defects": [_("Disclosed before and kept: %(defects)s")
                                                      % {"defects": "; ".join(removed)}]})
    changed = [name for name, value in cleaned.items() if getattr(listing, name) != value]
    for name in changed:
        setattr(listing, name, cleaned[name])
    return changed


def disclosed_defects(listing: Listing) -> list[str]:
    """Defects in the listing's sealed disclosures: they stay disclosed (added to, never removed)."""
    defects: list[str] = []
    for canonical in Disclosure.objects.filter(listing=listing).values_list("canonical", flat=True):
        for defect in json.loads(canonical).get("known_defects", []):
            if defect not in defects:
                defects.append(defect)
    return defects


@transaction.atomic
def listing_update(*, actor: Any, listing_id: int, **fields: Any) -> Listing:
    """Change a draft; any change moves the version (an order placed on the old one is then stale)."""
    listing = locked(actor, listing_id)
    require_seller(actor, listing)
    require_draft(listing)
    changed = _apply(listing, fields, previous_defects=disclosed_defects(listing))
    screen_edit(actor, listing, changed)
    if changed:
        listing.version += 1
        listing.save()
        record(actor, listing, "listing_updated", listing.status, fields=sorted(changed))
    return listing

