"""After-sales errors with stable codes "aftersales.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class WarrantyNotFound(NotFound):
    code = "aftersales.warranty_not_found"
    default_message = _("No such purchase record.")


class CaseNotFound(NotFound):
    code = "aftersales.case_not_found"
    default_message = _("No such after-sales case.")


class ActionForbidden(PermissionDenied):
    code = "aftersales.forbidden"
    default_message = _("Your role may not do this in this after-sales case.")


class OpenForbidden(PermissionDenied):
    code = "aftersales.open_forbidden"
    default_message = _("Only the buyer may ask for a return, a repair under warranty or the platform's decision.")


class TransitionNotAllowed(Conflict):
    code = "aftersales.transition_not_allowed"
    default_message = _("A case that is “%(from_state)s” cannot become “%(to_state)s”.")


class ActionNotAllowed(Conflict):
    code = "aftersales.action_not_allowed"
    default_message = _("This cannot be done while the case is “%(state)s”.")


class ReturnWindowClosed(Conflict):
    code = "aftersales.return_window_closed"
    default_message = _("The no-reason return window of %(days)s days ended on %(date)s. Give a reason and "
                        "evidence instead.")


class NoReasonNotOffered(Conflict):
    code = "aftersales.no_reason_not_offered"
    default_message = _("This sale has no no-reason return. Give a reason and evidence instead.")


class WarrantyNotRunning(Conflict):
    code = "aftersales.warranty_not_running"
    default_message = _("This item is not under warranty today (%(period)s).")


class OpenCaseExists(Conflict):
    code = "aftersales.open_case_exists"
    default_message = _("This item already has an open case of this kind (%(number)s).")


class AmountTooHigh(Conflict):
    code = "aftersales.amount_exceeds_price"
    default_message = _("At most ¥%(limit)s can be refunded for this item.")


class WarrantyVoid(Conflict):
    code = "aftersales.warranty_void"
    default_message = _("This item was returned: its after-sales record is closed.")


class CaseInvalid(ValidationFailed):
    code = "aftersales.invalid"
    default_message = _("Some fields are not valid.")


class EvidenceInvalid(ValidationFailed):
    code = "aftersales.evidence_invalid"
    default_message = _("The evidence could not be accepted.")
