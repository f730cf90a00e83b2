"""Item passport errors with stable codes "items.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class IdentifierInvalid(ValidationFailed):
    code = "items.identifier_invalid"
    default_message = _("This identifier is not valid.")


class HardwareIdentifierRequired(ValidationFailed):
    code = "items.hardware_identifier_required"
    default_message = _("Items of this category need at least one hardware identifier (IMEI, MEID, serial "
                        "number or MAC address).")


class ItemNotFound(NotFound):
    code = "items.not_found"
    default_message = _("No such item.")


class PassportNotFound(NotFound):
    code = "items.passport_not_found"
    default_message = _("No item passport has this code. Check the code printed under the QR code.")


class RegistrationForbidden(PermissionDenied):
    code = "items.register_forbidden"
    default_message = _("You may register items only for yourself or for your own operator and outlet.")


class ItemChangeForbidden(PermissionDenied):
    code = "items.change_forbidden"
    default_message = _("You may look at this item but not change it.")


class TransitionNotAllowed(Conflict):
    code = "items.transition_not_allowed"
    default_message = _("An item in state “%(from_state)s” cannot become “%(to_state)s”.")


class ItemNotCirculable(Conflict):
    """The item may not be listed, reserved, sold or rented out now; the message names every blocker."""

    code = "items.not_circulable"
    default_message = _("This item cannot circulate now: %(blockers)s")


class HoldNotFound(NotFound):
    code = "items.hold_not_found"
    default_message = _("No such hold.")


class HoldForbidden(PermissionDenied):
    code = "items.hold_forbidden"
    default_message = _("Only the police may place, extend or release this hold.")


class HoldNotPossible(Conflict):
    code = "items.hold_not_possible"
    default_message = _("An item in state “%(state)s” cannot be put on hold.")


class HoldAlreadyReleased(Conflict):
    code = "items.hold_released"
    default_message = _("This hold has already been released.")


class HoldStillActive(Conflict):
    code = "items.hold_active"
    default_message = _("The item is under an active hold: release the hold instead.")
