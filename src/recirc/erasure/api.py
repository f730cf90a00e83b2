"""The erasure API: the queue, consents, jobs and their transitions, certificates (with the public check),
re-verification samples, exports. Handlers parse, call one service or selector, and return.

No `from __future__ import annotations` here: @paginate wraps the handlers, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.erasure import exports, policy, sampling, selectors, services, verification
from recirc.erasure.errors import ErasureForbidden
from recirc.erasure.facade import certificate_public
from recirc.erasure.schemas import (
    CertificateFilter,
    CertificateOut,
    CheckIn,
    CheckOut,
    CompleteIn,
    ConsentIn,
    ConsentOut,
    FailIn,
    JobFilter,
    JobIn,
    JobOut,
    PublicCertificateOut,
    QueueOut,
    ReplanIn,
    SampleIn,
    SampleOut,
    StartIn,
    VerifyIn,
)

router = Router(tags=["erasure"])


def _job(request: HttpRequest, job_id: int) -> Any:
    return selectors.jobs_visible_to(request.user).prefetch_related("certificates").get(pk=job_id)


def _require_jobs_reader(request: HttpRequest) -> None:
    if not policy.may_read_jobs(request.user):
        raise ErasureForbidden()


@router.get("/queue", response=list[QueueOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def erasure_queue_api(request: HttpRequest, q: str = "") -> Any:
    """Devices of your operator waiting for an erasure (no open job yet), oldest first."""
    _require_jobs_reader(request)
    return selectors.queue(request.user, query=q)


@router.post("/consents", response={201: ConsentOut}, auth=api_auth)
def erasure_consent_record_api(request: HttpRequest, payload: ConsentIn) -> Any:
    """The owner's consent (scope, kind, effect explained, how and when given); no personal data."""
    return Status(201, services.consent_record(actor=request.user, item_id=payload.item_id, data=payload.to_input()))


@router.post("/jobs", response={201: JobOut}, auth=api_auth)
def erasure_job_plan_api(request: HttpRequest, payload: JobIn) -> Any:
    job = services.job_plan(actor=request.user, item_id=payload.item_id, consent_id=payload.consent_id,
                            media_type=payload.media_type, storage_serial=payload.storage_serial)
    return Status(201, _job(request, job.pk))


@router.get("/jobs", response=list[JobOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def erasure_job_list_api(request: HttpRequest, filters: JobFilter = Query(...)) -> Any:  # noqa: B008
    _require_jobs_reader(request)
    return selectors.job_list(request.user, state=filters.state, query=filters.q,
                              period=filters.period).prefetch_related("certificates")


@router.get("/jobs/{int:job_id}", response=JobOut, auth=api_auth)
def erasure_job_get_api(request: HttpRequest, job_id: int) -> Any:
    selectors.job_get(request.user, job_id)
    return _job(request, job_id)


@router.post("/jobs/{int:job_id}/start", response=JobOut, auth=api_auth)
def erasure_job_start_api(request: HttpRequest, job_id: int, payload: StartIn) -> Any:
    services.job_start(actor=request.user, job_id=job_id, started_at=payload.started_at)
    return _job(request, job_id)


@router.post("/jobs/{int:job_id}/complete", response=JobOut, auth=api_auth)
def erasure_job_complete_api(request: HttpRequest, job_id: int, payload: CompleteIn) -> Any:
    """Method (overwrite, block_erase, crypto_erase, destroy), NIST level (clear, purge, destroy), tool and
    version, end, destination (resale, export, recycling). A factory reset is refused."""
    services.job_complete(actor=request.user, job_id=job_id, data=payload.to_input())
    return _job(request, job_id)


@router.post("/jobs/{int:job_id}/fail", response=JobOut, auth=api_auth)
def erasure_job_fail_api(request: HttpRequest, job_id: int, payload: FailIn) -> Any:
    services.job_fail(actor=request.user, job_id=job_id, reason=payload.reason)
    return _job(request, job_id)


@router.post("/jobs/{int:job_id}/verify", response=JobOut, auth=api_auth)
def erasure_job_verify_api(request: HttpRequest, job_id: int, payload: VerifyIn) -> Any:
    """By a different person from the operator (422 erasure.verifier_is_operator otherwise). Passed: the
    certificate is issued and the item may circulate; failed: the job fails."""
    verification.job_verify(actor=request.user, job_id=job_id, method=payload.method, result=payload.result,
                            note=payload.note)
    return _job(request, job_id)


@router.post("/jobs/{int:job_id}/replan", response=JobOut, auth=api_auth)
def erasure_job_replan_api(request: HttpRequest, job_id: int, payload: ReplanIn) -> Any:
    services.job_replan(actor=request.user, job_id=job_id, consent_id=payload.consent_id,
                        media_type=payload.media_type)
    return _job(request, job_id)


@router.get("/jobs/export", auth=api_auth)
def erasure_job_export_api(request: HttpRequest, filters: JobFilter = Query(...),  # noqa: B008
                           format: str = "csv") -> HttpResponse:
    _require_jobs_reader(request)
    jobs = selectors.job_list(request.user, state=filters.state, query=filters.q, period=filters.period)
    return exports.jobs_export(actor=request.user, jobs=jobs, export_format=format,
                               filters={"state": filters.state, "query": filters.q, "period": filters.period})


@router.get("/certificates", response=list[CertificateOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def erasure_certificate_list_api(request: HttpRequest, filters: CertificateFilter = Query(...)) -> Any:  # noqa: B008
    if not policy.may_read_certificates(request.user):
        raise ErasureForbidden()
    return selectors.certificate_list(request.user, query=filters.q, status=filters.status, period=filters.period)


@router.get("/certificates/export", auth=api_auth)
def erasure_certificate_export_api(request: HttpRequest, filters: CertificateFilter = Query(...),  # noqa: B008
                                   format: str = "csv") -> HttpResponse:
    if not policy.may_read_certificates(request.user):
        raise ErasureForbidden()
    certificates = selectors.certificate_list(request.user, query=filters.q, status=filters.status,
                                              period=filters.period)
    return exports.certificates_export(actor=request.user, certificates=certificates, export_format=format,
                                       filters={"query": filters.q, "status": filters.status,
                                                "period": filters.period})


@router.get("/certificates/{code}", response=CertificateOut, auth=api_auth)
def erasure_certificate_get_api(request: HttpRequest, code: str) -> Any:
    if not policy.may_read_certificates(request.user):
        raise ErasureForbidden()
    return selectors.certificate_get(request.user, code)


@router.get("/public/certificates/{code}", response=PublicCertificateOut, auth=None)
def erasure_certificate_public_api(request: HttpRequest, code: str) -> Any:
    """Anyone: valid, revoked or altered; identifiers masked; no staff or owner."""
    return certificate_public(code)


@router.get("/samples", response=list[SampleOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def erasure_sample_list_api(request: HttpRequest) -> Any:
    _require_jobs_reader(request)
    return selectors.samples_visible_to(request.user)


@router.post("/samples", response={201: SampleOut}, auth=api_auth)
def erasure_sample_draw_api(request: HttpRequest, payload: SampleIn) -> Any:
    """Draw the month's re-verification sample (the operator's manager; once per operator and month)."""
    sample = sampling.sample_draw(actor=request.user, operator_id=payload.operator_id, period=payload.period,
                                  seed=payload.seed)
    return Status(201, selectors.sample_get(request.user, sample.pk))


@router.get("/samples/{int:sample_id}", response=SampleOut, auth=api_auth)
def erasure_sample_get_api(request: HttpRequest, sample_id: int) -> Any:
    return selectors.sample_get(request.user, sample_id)


@router.post("/checks/{int:check_id}", response=CheckOut, auth=api_auth)
def erasure_check_record_api(request: HttpRequest, check_id: int, payload: CheckIn) -> Any:
    """Re-verify one drawn device: by someone who neither erased nor verified it. Failed: the certificate is
    revoked and the device blocked again."""
    return sampling.check_record(actor=request.user, check_id=check_id, method=payload.method,
                                 result=payload.result, note=payload.note)
