"""Listings errors with stable codes "listings.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class ListingNotFound(NotFound):
    code = "listings.not_found"
    default_message = _("No such listing.")


class PhotoNotFound(NotFound):
    code = "listings.photo_not_found"
    default_message = _("No such photo on this listing.")


class TransitionNotAllowed(Conflict):
    code = "listings.transition_not_allowed"
    default_message = _("A listing that is “%(from_state)s” cannot become “%(to_state)s”.")


class NotEditable(Conflict):
    code = "listings.not_editable"
    default_message = _("Only a draft can be changed. Take the listing back to draft first.")


class NotAvailable(Conflict):
    code = "listings.not_available"
    default_message = _("This listing is not available (it is “%(state)s”).")


class StaleOffer(Conflict):
    code = "listings.stale"
    default_message = _("The listing changed (now version %(current)s, you saw version %(expected)s). "
                        "Review the price, terms and disclosure again.")


class DisclosureOutdated(Conflict):
    code = "listings.stale"
    default_message = _("The item's facts changed since its disclosure was sealed. Reload the listing and "
                        "review the new disclosure.")


class OrderMismatch(Conflict):
    code = "listings.order_mismatch"
    default_message = _("The listing is reserved for another order.")


class ItemNotListable(Conflict):
    code = "listings.item_not_listable"
    default_message = _("This item cannot be listed: %(reason)s")


class OpenListingExists(Conflict):
    code = "listings.open_listing_exists"
    default_message = _("The item already has an open listing (%(code)s).")


class ChangeForbidden(PermissionDenied):
    code = "listings.change_forbidden"
    default_message = _("Only the seller may change this listing: the operator's clerks and managers, or the "
                        "individual seller.")


class CreateForbidden(PermissionDenied):
    code = "listings.create_forbidden"
    default_message = _("Only operator clerks and managers, and consumers who completed real-name "
                        "verification, may create listings.")


class SellerNotVerified(PermissionDenied):
    code = "listings.seller_not_verified"
    default_message = _("Complete real-name verification before selling your own items.")


class PublishIncomplete(ValidationFailed):
    code = "listings.incomplete"
    default_message = _("The listing cannot be published until every item below is complete.")


class PublicationRefused(ValidationFailed):
    code = "listings.refused"
    default_message = _("This listing cannot be published: it offers goods that may not be traded here.")


class DefectRemoval(ValidationFailed):
    code = "listings.defect_removal"
    default_message = _("A defect that was disclosed cannot be removed from the listing.")


class ListingInvalid(ValidationFailed):
    code = "listings.invalid"
    default_message = _("Some fields are not valid.")


class PhotoInvalid(ValidationFailed):
    code = "listings.photo_invalid"
    default_message = _("The photo cannot be used.")
