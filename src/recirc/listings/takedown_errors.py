"""Errors of the platform's takedowns, with stable codes "listings.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, PermissionDenied


class TakedownForbidden(PermissionDenied):
    code = "listings.takedown_forbidden"
    default_message = _("Only the platform's moderators and administrators may take a listing down or reinstate "
                        "it.")


class ReservedMidCheckout(Conflict):
    code = "listings.reserved_mid_checkout"
    default_message = _("This listing is reserved for order %(order)s, which is being paid. Take it down once the "
                        "order is paid or released.")


class ItemTakenDown(Conflict):
    code = "listings.item_taken_down"
    default_message = _("The platform took this item's listing %(code)s down. Appeal the decision from that "
                        "listing's page instead of listing the item again.")
