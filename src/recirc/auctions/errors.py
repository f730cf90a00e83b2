"""Auctions errors with stable codes "auctions.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class AuctionNotFound(NotFound):
    code = "auctions.not_found"
    default_message = _("No such auction.")


class AuctionInvalid(ValidationFailed):
    code = "auctions.invalid"
    default_message = _("The auction could not be saved: check the highlighted fields.")


class CreateForbidden(PermissionDenied):
    code = "auctions.create_forbidden"
    default_message = _("Only operator managers and clerks may put their operator's listings up for auction.")


class ChangeForbidden(PermissionDenied):
    code = "auctions.change_forbidden"
    default_message = _("Your role may not change this auction.")


class BidForbidden(PermissionDenied):
    code = "auctions.bid_forbidden"
    default_message = _("You may not bid in this auction.")


class TransitionNotAllowed(Conflict):
    code = "auctions.transition_not_allowed"
    default_message = _("An auction that is “%(from_state)s” cannot become “%(to_state)s”.")


class ItemNotAuctionable(Conflict):
    code = "auctions.item_not_auctionable"
    default_message = _("Listing %(code)s cannot be auctioned: it must be your operator's, published online, and "
                        "free to circulate.")


class NotOpen(Conflict):
    code = "auctions.not_open"
    default_message = _("The auction has not opened yet.")


class Closed(Conflict):
    code = "auctions.closed"
    default_message = _("The auction has closed: no more bids.")


class BidTooLow(Conflict):
    code = "auctions.bid_too_low"
    default_message = _("The lowest bid accepted now is %(minimum)s yuan.")


class BidNotAboveOwn(Conflict):
    code = "auctions.bid_not_above_own"
    default_message = _("You already lead with a higher maximum; to raise it, bid at least %(minimum)s yuan.")


class AlreadyBid(Conflict):
    code = "auctions.already_bid"
    default_message = _("You have already placed your sealed bid in this auction.")


class BidPrecision(ValidationFailed):
    code = "auctions.bid_precision"
    default_message = _("Bid in yuan with at most two decimals.")


class BuyNowUnavailable(Conflict):
    code = "auctions.buy_now_unavailable"
    default_message = _("Buy-it-now is no longer offered in this auction.")


class CheckoutForbidden(PermissionDenied):
    code = "auctions.checkout_forbidden"
    default_message = _("Only the winner pays for a lot, once the auction is closed.")


class AlreadyCheckedOut(Conflict):
    code = "auctions.already_checked_out"
    default_message = _("This lot is already in checkout %(number)s: pay it there.")
