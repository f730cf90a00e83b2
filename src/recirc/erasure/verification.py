"""Verification by a second person (R2v3; NIST SP 800-88): passed, the certificate is issued and the item's
erasure gate is released (a destroyed device becomes "recycled or scrapped"); failed, the job fails and the
device stays blocked. The verifier may never be the operator: refused here and by a database constraint.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.erasure import policy, rules
from recirc.erasure.certificates import certificate_issue
from recirc.erasure.errors import ErasureInvalid, VerifierIsOperator
from recirc.erasure.models import ErasureCertificate, ErasureJob, JobState, Level, Result
from recirc.erasure.services import full_clean, locked_job, move
from recirc.erasure.text import clean_text
from recirc.items.facade import ItemState, erasure_gate_release, item_record_event, item_ref, item_transition

SCRAPPED_REASON = "Storage destroyed: certified erasure (destroy)"  # stored, source language


def _verification_errors(job: ErasureJob, *, method: str, result: str, note: str) -> dict[str, list[Any]]:
    errors = rules.verification_errors(level=job.level, verification_method=method)
    if result not in Result.values:
        errors["result"] = [_("Choose the result of the verification.")]
    clean_text(note, field="note", limit=500, errors=errors, required=result == Result.FAILED)
    return errors


@transaction.atomic
def job_verify(*, actor: Any, job_id: int, method: str, result: str, note: str = "") -> ErasureJob:
    """A colleague checks the erased media. Passed: VERIFIED with a certificate; failed: FAILED."""
    policy.require(actor, policy.VERIFIER_ROLES)
    job = locked_job(actor, job_id)
    target = JobState.VERIFIED if result == Result.PASSED else JobState.FAILED
    move(job, target, rules.can_verify(job.state))
    if job.erased_by_id == actor.pk:
        raise VerifierIsOperator()
    errors = _verification_errors(job, method=method, result=result, note=note)
    if errors:
        raise ErasureInvalid(errors=errors)
    job.verified_by, job.verified_at = actor, timezone.now()
    job.verification_method, job.verification_result = method, result
    if result == Result.FAILED:
        job.failure_reason = " ".join(note.split())
    full_clean(job)
    job.save()
    if result == Result.PASSED:
        _passed(actor, job)
    else:
        _failed(actor, job)
    return job


def _passed(actor: Any, job: ErasureJob) -> ErasureCertificate:
    certificate = certificate_issue(actor=actor, job=job)
    erasure_gate_release(actor=actor, item_id=job.item_id, certificate_ref=certificate.code)
    item_record_event(actor=actor, item_id=job.item_id, kind="erased", is_public=True,
                      data={"certificate": certificate.code, "method": job.method, "level": job.level})
    audit_record(actor=actor, action="erasure.job_verified", target=job, operator_id=job.operator_id,
                 payload={"item_code": job.item_code, "certificate": certificate.code,
                          "method": job.verification_method})
    if job.level == Level.DESTROY and item_ref(job.item_id).state == ItemState.IN_STOCK:
        item_transition(actor=actor, item_id=job.item_id, to_state=ItemState.SCRAPPED, reason=SCRAPPED_REASON)
    return certificate


def _failed(actor: Any, job: ErasureJob) -> None:
    item_record_event(actor=actor, item_id=job.item_id, kind="erasure_failed", is_public=False,
                      data={"job_id": job.pk, "attempt": job.attempt, "stage": "verification"})
    audit_record(actor=actor, action="erasure.verification_failed", target=job, operator_id=job.operator_id,
                 payload={"item_code": job.item_code, "method": job.verification_method,
                          "reason": job.failure_reason})


def job_certificate(job: ErasureJob) -> ErasureCertificate | None:
    """The job's valid certificate, if any."""
    return job.certificates.filter(revoked_at__isnull=True).first()
