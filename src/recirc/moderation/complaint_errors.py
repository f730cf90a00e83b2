"""Complaint errors with stable codes "moderation.complaint_<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class ComplaintNotFound(NotFound):
    code = "moderation.complaint_not_found"
    default_message = _("No such complaint.")


class ComplaintFileForbidden(PermissionDenied):
    code = "moderation.complaint_file_forbidden"
    default_message = _("Only signed-in consumers may file a complaint.")


class ComplaintForbidden(PermissionDenied):
    code = "moderation.complaint_forbidden"
    default_message = _("Your role may not do this with this complaint.")


class ComplaintTransitionNotAllowed(Conflict):
    code = "moderation.complaint_transition_not_allowed"
    default_message = _("A complaint that is “%(from_state)s” cannot become “%(to_state)s”.")


class ComplaintActionNotAllowed(Conflict):
    code = "moderation.complaint_action_not_allowed"
    default_message = _("This cannot be done while the complaint is “%(state)s”.")


class ComplaintDuplicate(Conflict):
    code = "moderation.complaint_duplicate"
    default_message = _("You already have an open complaint about this (%(number)s). Follow it up there.")


class ComplaintInvalid(ValidationFailed):
    code = "moderation.complaint_invalid"
    default_message = _("Some fields are not valid.")


class ComplaintEvidenceInvalid(ValidationFailed):
    code = "moderation.complaint_evidence_invalid"
    default_message = _("The evidence could not be accepted.")
