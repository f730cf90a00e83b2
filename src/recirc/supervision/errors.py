"""Supervision errors with stable codes "supervision.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class StatisticsForbidden(PermissionDenied):
    code = "supervision.statistics_forbidden"
    default_message = _("Only the commerce authority may see the pilot statistics, goals and reports.")


class CasesForbidden(PermissionDenied):
    code = "supervision.cases_forbidden"
    default_message = _("Only market supervision and public security users work cases.")


class SubmissionForbidden(PermissionDenied):
    code = "supervision.submission_forbidden"
    default_message = _("Only an operator's manager may submit data, and only for their own operator.")


class SubmissionInvalid(ValidationFailed):
    code = "supervision.submission_invalid"
    default_message = _("The submission has errors; nothing was recorded. Correct the rows listed and send it again.")


class GoalInvalid(ValidationFailed):
    code = "supervision.goal_invalid"
    default_message = _("The goal is not valid.")


class GoalNotFound(NotFound):
    code = "supervision.goal_not_found"
    default_message = _("No such goal.")


class ReportNotFound(NotFound):
    code = "supervision.report_not_found"
    default_message = _("No such report.")


class ReportInvalid(ValidationFailed):
    code = "supervision.report_invalid"
    default_message = _("The report is not valid.")


class ReportIsFinal(Conflict):
    code = "supervision.report_final"
    default_message = _("A final report cannot be changed; reopen it as a draft first.")


class ReportTransitionNotAllowed(Conflict):
    code = "supervision.report_transition_not_allowed"
    default_message = _("A report that is “%(from_status)s” cannot become “%(to_status)s”.")


class CaseNotFound(NotFound):
    code = "supervision.case_not_found"
    default_message = _("No such case.")


class CaseInvalid(ValidationFailed):
    code = "supervision.case_invalid"
    default_message = _("The case is not valid.")


class CaseTransitionNotAllowed(Conflict):
    code = "supervision.case_transition_not_allowed"
    default_message = _("A case that is “%(from_status)s” cannot become “%(to_status)s”.")


class CaseNotHeld(PermissionDenied):
    code = "supervision.case_not_held"
    default_message = _("Only the authority that holds the case may do this.")


class EvidenceInvalid(ValidationFailed):
    code = "supervision.evidence_invalid"
    default_message = _("The evidence is not valid.")
