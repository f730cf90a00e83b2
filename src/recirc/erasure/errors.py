"""Erasure errors with stable codes "erasure.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class ErasureForbidden(PermissionDenied):
    code = "erasure.forbidden"
    default_message = _("Your role may not do this in data erasure.")


class JobNotFound(NotFound):
    code = "erasure.job_not_found"
    default_message = _("No such erasure job.")


class ConsentNotFound(NotFound):
    code = "erasure.consent_not_found"
    default_message = _("No such erasure consent.")


class CertificateNotFound(NotFound):
    code = "erasure.certificate_not_found"
    default_message = _("No erasure certificate has this number. Check the number printed under the QR code.")


class SampleNotFound(NotFound):
    code = "erasure.sample_not_found"
    default_message = _("No such re-verification sample.")


class CheckNotFound(NotFound):
    code = "erasure.check_not_found"
    default_message = _("No such re-verification.")


class ErasureInvalid(ValidationFailed):
    code = "erasure.invalid"
    default_message = _("Some fields are not valid.")


class TransitionNotAllowed(Conflict):
    code = "erasure.transition_not_allowed"
    default_message = _("An erasure job that is “%(from_state)s” cannot become “%(to_state)s”.")


class NotPending(Conflict):
    code = "erasure.not_pending"
    default_message = _("This device does not wait for an erasure: its erasure was verified, or it has no storage.")


class JobAlreadyOpen(Conflict):
    code = "erasure.job_open"
    default_message = _("This device already has an erasure job: continue that one.")


class ItemHeld(Conflict):
    code = "erasure.item_held"
    default_message = _("The item is held (%(blockers)s): its data must stay untouched until the hold ends.")


class ItemNotErasable(Conflict):
    code = "erasure.item_not_erasable"
    default_message = _("An item in state “%(state)s” is not erased here.")


class NotTheOperator(PermissionDenied):
    code = "erasure.not_the_operator"
    default_message = _("Only the person who started this erasure may complete it or record its failure.")


class VerifierIsOperator(ValidationFailed):
    code = "erasure.verifier_is_operator"
    default_message = _("The erasure must be verified by a different person from the one who erased the device.")


class ReverifierNotIndependent(ValidationFailed):
    code = "erasure.reverifier_not_independent"
    default_message = _("A re-verification must be done by someone who neither erased nor verified the device.")


class SampleExists(Conflict):
    code = "erasure.sample_exists"
    default_message = _("The sample of %(period)s has already been drawn for this operator.")


class CheckRecorded(Conflict):
    code = "erasure.check_recorded"
    default_message = _("This device's re-verification has already been recorded.")
