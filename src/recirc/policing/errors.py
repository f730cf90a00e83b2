"""Policing errors with stable codes "policing.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class PoliceOnly(PermissionDenied):
    code = "policing.police_only"
    default_message = _("Only public security users may do this.")


class AlertNotFound(NotFound):
    code = "policing.alert_not_found"
    default_message = _("No such alert.")


class WatchlistEntryNotFound(NotFound):
    code = "policing.watchlist_entry_not_found"
    default_message = _("No such watchlist entry.")


class AlertTransitionNotAllowed(Conflict):
    code = "policing.alert_transition_not_allowed"
    default_message = _("An alert that is “%(from_status)s” cannot become “%(to_status)s”.")


class WatchlistEntryWithdrawn(Conflict):
    code = "policing.watchlist_entry_withdrawn"
    default_message = _("This watchlist entry has already been withdrawn.")


class WatchlistEntryInvalid(ValidationFailed):
    code = "policing.watchlist_entry_invalid"
    default_message = _("The watchlist entry is not valid.")


class WatchlistEntryTooVague(ValidationFailed):
    code = "policing.watchlist_entry_too_vague"
    default_message = _("Give at least one identifier (IMEI, MEID, serial number or MAC address) or a brand "
                        "with a description of distinguishing features.")


class WatchlistImportInvalid(ValidationFailed):
    code = "policing.import_invalid"
    default_message = _("The file has errors; nothing was imported. Correct the rows listed and upload it again.")


class CaseNoteInvalid(ValidationFailed):
    code = "policing.case_note_invalid"
    default_message = _("Write a note of at most 2000 characters.")


class HoldNotFound(NotFound):
    code = "policing.hold_not_found"
    default_message = _("No such active hold.")
