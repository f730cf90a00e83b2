"""Catalogue errors with stable codes "catalog.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, ValidationFailed


class CategoryNotFound(NotFound):
    code = "catalog.category_not_found"
    default_message = _("This category does not exist.")


class SchemaInvalid(ValidationFailed):
    code = "catalog.schema_invalid"
    default_message = _("The attribute schema is not valid.")


class AttributesInvalid(ValidationFailed):
    code = "catalog.attributes_invalid"
    default_message = _("Some attributes are not valid for this category.")


class GradingScaleInvalid(ValidationFailed):
    code = "catalog.grading_scale_invalid"
    default_message = _("The grading scale is not valid.")


class CategoryTreeConflict(Conflict):
    code = "catalog.category_cycle"
    default_message = _("A category cannot be placed under itself or one of its descendants.")


class TacFileInvalid(ValidationFailed):
    code = "catalog.tac_file_invalid"
    default_message = _("Line %(line)s: expected the header “tac,name,name,contributor,comment,gsmarena,gsmarena,"
                        "aka” of the Osmocom TAC database.")


class GradingChecklistInvalid(ValidationFailed):
    code = "catalog.grading_checklist_invalid"
    default_message = _("The grading checklist is not valid.")
