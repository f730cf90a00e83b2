"""Repairs errors with stable codes "repairs.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class WorkOrderNotFound(NotFound):
    code = "repairs.work_order_not_found"
    default_message = _("No such work order.")


class PartNotFound(NotFound):
    code = "repairs.part_not_found"
    default_message = _("No such part on this work order.")


class TransitionNotAllowed(Conflict):
    code = "repairs.transition_not_allowed"
    default_message = _("A work order that is “%(from_state)s” cannot become “%(to_state)s”.")


class ActionNotAllowed(Conflict):
    code = "repairs.action_not_allowed"
    default_message = _("This cannot be done while the work order is “%(state)s”.")


class ChangeForbidden(PermissionDenied):
    code = "repairs.change_forbidden"
    default_message = _("Your role may not do this to a work order.")


class OpenForbidden(PermissionDenied):
    code = "repairs.open_forbidden"
    default_message = _("Only clerks, technicians and operator managers of an operator may open work orders.")


class ApprovalForbidden(PermissionDenied):
    code = "repairs.approval_forbidden"
    default_message = _("Only the item's owner may approve or decline the quote: the consumer for their own "
                        "item, an operator manager for the operator's stock.")


class SamePersonCheck(PermissionDenied):
    code = "repairs.quality_check_by_repairer"
    default_message = _("The quality check must be done by someone who did not repair the item.")


class QuoteExpired(Conflict):
    code = "repairs.quote_expired"
    default_message = _("The quote expired on %(date)s. Ask for a revised quote.")


class ItemNotRepairable(Conflict):
    code = "repairs.item_not_repairable"
    default_message = _("This item cannot be repaired now: %(reason)s")


class OpenWorkOrderExists(Conflict):
    code = "repairs.open_work_order_exists"
    default_message = _("The item already has an open work order (%(number)s).")


class NoWorkRecorded(Conflict):
    code = "repairs.no_work_recorded"
    default_message = _("Record the parts fitted or the labour spent before the quality check.")


class WorkOrderInvalid(ValidationFailed):
    code = "repairs.invalid"
    default_message = _("Some fields are not valid.")


class ChecklistInvalid(ValidationFailed):
    code = "repairs.checklist_invalid"
    default_message = _("Give every check a result: pass, fail or not applicable.")
