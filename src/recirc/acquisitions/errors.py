"""Errors of the acquisition register, with stable codes "acquisitions.<condition>". No personal values in them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class EntryNotFound(NotFound):
    code = "acquisitions.not_found"
    default_message = _("No such register entry.")


class RecordingForbidden(PermissionDenied):
    code = "acquisitions.record_forbidden"
    default_message = _("Only clerks and managers of the operator may record acquisitions.")


class RegisterReadForbidden(PermissionDenied):
    code = "acquisitions.read_forbidden"
    default_message = _("You may not read the acquisition register.")


class PoliceOnly(PermissionDenied):
    code = "acquisitions.police_only"
    default_message = _("Only public security may search the register this way.")


class AlreadyCorrected(Conflict):
    code = "acquisitions.already_corrected"
    default_message = _("This entry has already been corrected by entry #%(sequence)s: correct the newest version.")


class IntakeInvalid(ValidationFailed):
    """Several fields of an intake failed; `errors` names each one."""

    code = "acquisitions.invalid"
    default_message = _("The acquisition was not recorded: correct the fields marked below.")
