"""Errors of the prohibited-goods taxonomy and screening, with stable codes "moderation.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class TaxonomyForbidden(PermissionDenied):
    code = "moderation.taxonomy_forbidden"
    default_message = _("Only platform moderators and administrators may load, publish or test the prohibited-goods "
                        "taxonomy.")


class TaxonomyNotFound(NotFound):
    code = "moderation.taxonomy_not_found"
    default_message = _("No such version of the prohibited-goods taxonomy.")


class TaxonomyNotDraft(Conflict):
    code = "moderation.taxonomy_not_draft"
    default_message = _("Version %(number)s of the taxonomy is already published. Load a new version to change it.")


class TaxonomyInvalid(ValidationFailed):
    code = "moderation.taxonomy_invalid"
    default_message = _("The taxonomy file is not valid: %(problem)s")


class CaseNotOpen(Conflict):
    code = "moderation.case_not_open"
    default_message = _("This case is already closed.")
