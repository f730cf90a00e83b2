"""Valuation errors with stable codes "valuation.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationFailed


class ValuationForbidden(PermissionDenied):
    code = "valuation.forbidden"
    default_message = _("Your role may not do this in price evaluation.")


class ModelNotFound(NotFound):
    code = "valuation.model_not_found"
    default_message = _("No such valuation model.")


class ObservationInvalid(ValidationFailed):
    code = "valuation.observation_invalid"
    default_message = _("The price observation is not valid.")


class ObservationDuplicate(Conflict):
    code = "valuation.observation_duplicate"
    default_message = _("A price observation from %(source)s “%(source_ref)s” is already recorded.")


class ImportInvalid(ValidationFailed):
    code = "valuation.import_invalid"
    default_message = _("The file has errors; nothing was imported. Correct the rows listed and upload it again.")


class TrainingDataThin(ValidationFailed):
    code = "valuation.training_data_thin"
    default_message = _("Only %(count)s price observations of %(category)s in the training window; at least "
                        "%(minimum)s are needed to train a model. Nothing was trained.")


class TrainingFailed(DomainError):
    code = "valuation.training_failed"
    status = 422
    default_message = _("The model could not be trained on these observations: %(reason)s")


class ArtifactTampered(Conflict):
    code = "valuation.artifact_tampered"
    default_message = _("The stored model of version %(version)s does not match its checksum and was not loaded.")


class ModelAlreadyActive(Conflict):
    code = "valuation.model_already_active"
    default_message = _("This model is already the active one.")
