"""The only module other contexts (and the composition apps) import from erasure. Everything returned is a
contract.

Listings disclose the certificate of a device with storage (REGULATIONS.md section 4); supervision and the
portal count certificates; the demo city drives the writes. The "not erased, not sold" gate itself lives in
items (erasure_gate_is_open).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from recirc.erasure import sampling, services, verification
from recirc.erasure.certificates import certificate_ref, public_certificate
from recirc.erasure.contracts import (
    CertificateRef,
    CompletionInput,
    ConsentInput,
    JobRef,
    PublicCertificate,
    SampleRef,
)
from recirc.erasure.models import ErasureCertificate, ErasureJob, ReverificationSample
from recirc.erasure.selectors import scoped_certificates
from recirc.operators.contracts import OperatorScope

__all__ = ["CertificateRef", "CompletionInput", "ConsentInput", "JobRef", "PublicCertificate", "SampleRef",
           "certificate_counts", "certificate_for_item", "certificate_public", "check_record", "job_complete",
           "job_open", "job_replan", "job_start", "job_verify", "period_of", "sample_draw"]


def certificate_for_item(item_id: int) -> CertificateRef | None:
    """The item's newest valid certificate (unscoped: callers authorise their actors), or None."""
    certificate = ErasureCertificate.objects.filter(item_id=item_id, revoked_at__isnull=True).order_by(
        "-issued_at", "-id").first()
    return certificate_ref(certificate) if certificate is not None else None


def certificate_public(code: str) -> PublicCertificate:
    """What the public verification page shows (CertificateNotFound for an unknown number)."""
    return public_certificate(code)


def certificate_counts(scope: OperatorScope) -> dict[str, int]:
    """Certificates in the scope: {"valid": n, "revoked": m}; one query."""
    totals = scoped_certificates(scope).aggregate(
        valid=Count("id", filter=Q(revoked_at__isnull=True)), revoked=Count("id", filter=Q(revoked_at__isnull=False)))
    return {"valid": totals["valid"] or 0, "revoked": totals["revoked"] or 0}


def _job_ref(job: ErasureJob) -> JobRef:
    certificate = verification.job_certificate(job)
    return JobRef(id=job.pk, item_id=job.item_id, item_code=job.item_code, operator_id=job.operator_id,
                  state=job.state, attempt=job.attempt, certificate_code=certificate.code if certificate else None)


def job_open(*, actor: Any, item_id: int, consent: ConsentInput, media_type: str, storage_serial: str = "") -> int:
    """Record the owner's consent and plan the device's erasure; the job's id."""
    return services.job_open(actor=actor, item_id=item_id, consent=consent, media_type=media_type,
                             storage_serial=storage_serial).pk


def job_start(*, actor: Any, job_id: int, started_at: dt.datetime | None = None) -> JobRef:
    return _job_ref(services.job_start(actor=actor, job_id=job_id, started_at=started_at))


def job_complete(*, actor: Any, job_id: int, data: CompletionInput) -> JobRef:
    return _job_ref(services.job_complete(actor=actor, job_id=job_id, data=data))


def job_verify(*, actor: Any, job_id: int, method: str, result: str, note: str = "") -> JobRef:
    """By a different person from the operator; passed: the certificate is issued and the gate released."""
    return _job_ref(verification.job_verify(actor=actor, job_id=job_id, method=method, result=result, note=note))


def job_replan(*, actor: Any, job_id: int, consent_id: int | None = None, media_type: str = "") -> JobRef:
    return _job_ref(services.job_replan(actor=actor, job_id=job_id, consent_id=consent_id, media_type=media_type))


def _sample_ref(sample: ReverificationSample) -> SampleRef:
    return SampleRef(id=sample.pk, operator_id=sample.operator_id, period=sample.period,
                     population=sample.population, size=sample.size,
                     check_ids=tuple(sample.checks.order_by("id").values_list("id", flat=True)))


def sample_draw(*, actor: Any, operator_id: int, period: str, seed: int | None = None) -> SampleRef:
    """Draw the operator's re-verification sample of a month (once); actor None: the system."""
    return _sample_ref(sampling.sample_draw(actor=actor, operator_id=operator_id, period=period, seed=seed))


def check_record(*, actor: Any, check_id: int, method: str, result: str, note: str = "") -> str:
    """Re-verify one drawn device (neither its operator nor its verifier); the check's new state."""
    return str(sampling.check_record(actor=actor, check_id=check_id, method=method, result=result, note=note).state)


def period_of(moment: dt.datetime) -> str:
    """The sampling period (month, YYYY-MM, local time) a moment falls in."""
    return sampling.period_of(moment)
