"""Inspection errors with stable codes "inspection.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class InspectionForbidden(PermissionDenied):
    code = "inspection.forbidden"
    default_message = _("Only inspectors and managers of the item's operator may inspect it.")


class InspectionReadForbidden(PermissionDenied):
    code = "inspection.read_forbidden"
    default_message = _("Your role has no access to inspections.")


class ReferralForbidden(PermissionDenied):
    code = "inspection.referral_forbidden"
    default_message = _("Only market supervision handles counterfeit referrals.")


class InspectionNotFound(NotFound):
    code = "inspection.not_found"
    default_message = _("No such inspection.")


class ReportNotFound(NotFound):
    code = "inspection.report_not_found"
    default_message = _("No inspection report has this code.")


class ReferralNotFound(NotFound):
    code = "inspection.referral_not_found"
    default_message = _("No such referral.")


class NoChecklist(Conflict):
    code = "inspection.no_checklist"
    default_message = _("There is no grading checklist for this category yet.")


class ChecklistIncomplete(ValidationFailed):
    code = "inspection.checklist_incomplete"
    default_message = _("The checklist is incomplete; nothing was saved. Answer: %(items)s.")


class AnswersInvalid(ValidationFailed):
    code = "inspection.answers_invalid"
    default_message = _("Some answers are not valid; nothing was saved.")


class GradeWithoutReport(ValidationFailed):
    code = "inspection.grade_without_report"
    default_message = _("A grade is given only with its inspection report.")


class ItemNotInspectable(Conflict):
    code = "inspection.item_not_inspectable"
    default_message = _("An item that is “%(state)s” cannot be inspected.")


class ReferralTransitionNotAllowed(Conflict):
    code = "inspection.referral_transition_not_allowed"
    default_message = _("A referral that is “%(from_status)s” cannot become “%(to_status)s”.")


class ReferralCloseInvalid(ValidationFailed):
    code = "inspection.referral_close_invalid"
    default_message = _("Choose the outcome; the case number has at most 64 and the note at most 1000 characters.")
