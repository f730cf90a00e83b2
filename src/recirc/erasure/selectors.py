"""Erasure reads, scoped to the actor by construction: operator staff see their operator's (and branches')
records, commerce regulators and market supervision every certificate; missing and forbidden are NotFound."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from recirc.erasure import policy
from recirc.erasure.certificates import code_normalise
from recirc.erasure.errors import CertificateNotFound, JobNotFound, SampleNotFound
from recirc.erasure.models import (
    OPEN_STATES,
    ErasureCertificate,
    ErasureConsent,
    ErasureJob,
    JobState,
    ReverificationCheck,
    ReverificationSample,
)
from recirc.erasure.sampling import period_bounds
from recirc.items.contracts import ItemRef
from recirc.items.facade import HoldKind, holds_list, item_circulation_blockers, item_ref, items_with_identifiers
from recirc.operators.contracts import OperatorScope

SEARCHED_IDENTIFIER_KINDS = ("imei", "meid", "serial", "mac")


@dataclass(frozen=True)
class Waiting:
    """A device in the queue: its erasure gate is open and it has no open job."""

    item_id: int
    item_code: str
    waiting_since: dt.datetime


def _compact(text: str) -> str:
    return "".join((text or "").split()).replace("-", "").upper()


def _identifier_item_ids(text: str) -> set[int]:
    matches = items_with_identifiers([(kind, text) for kind in SEARCHED_IDENTIFIER_KINDS])
    return {item_id for ids in matches.values() for item_id in ids}


def queue(actor: Any, *, query: str = "") -> list[Waiting]:
    """Devices of the actor's operators waiting for an erasure, oldest first; `query`: a passport code or a
    hardware identifier (a barcode scanner types either)."""
    if not policy.may_read_jobs(actor):
        return []
    holds = holds_list(actor, active_only=True, kind=HoldKind.ERASURE)
    busy = set(ErasureJob.objects.filter(item_id__in={hold.item_id for hold in holds},
                                         state__in=sorted(OPEN_STATES)).values_list("item_id", flat=True))
    rows: dict[int, Waiting] = {}
    for hold in sorted(holds, key=lambda hold: (hold.placed_at, hold.id)):
        if hold.item_id not in busy and hold.item_id not in rows:
            rows[hold.item_id] = Waiting(item_id=hold.item_id, item_code=hold.item_code, waiting_since=hold.placed_at)
    text = " ".join((query or "").split())
    if text:
        wanted = _identifier_item_ids(text)
        code = _compact(text)
        return [row for row in rows.values() if row.item_id in wanted or row.item_code == code]
    return list(rows.values())


def other_holds(item_id: int) -> list[str]:
    """Why else the device is held (police, watchlist, statutory): its data stays untouched meanwhile."""
    blockers = item_circulation_blockers(item_id)
    return [blocker.message for blocker in blockers if blocker.code != "items.erasure_pending"]


def queue_items(rows: list[Waiting]) -> list[tuple[Waiting, ItemRef, list[str]]]:
    """The passports and other holds of one page of the queue (a page at a time: a few look-ups per row)."""
    return [(row, item_ref(row.item_id), other_holds(row.item_id)) for row in rows]


def jobs_visible_to(actor: Any) -> QuerySet[ErasureJob]:
    scope = policy.staff_scope(actor)
    jobs = ErasureJob.objects.select_related("erased_by", "verified_by", "consent")
    return jobs.filter(operator_id__in=scope.operator_ids) if scope.operator_ids else jobs.none()


def _search_jobs(jobs: QuerySet[ErasureJob], query: str) -> QuerySet[ErasureJob]:
    text = " ".join(query.split())
    condition = (Q(item_code=_compact(text)) | Q(title__icontains=text) | Q(make__icontains=text)
                 | Q(model_name__icontains=text) | Q(identifier_text__icontains=_compact(text))
                 | Q(storage_serial=_compact(text)))
    item_ids = _identifier_item_ids(text)
    if item_ids:
        condition |= Q(item_id__in=item_ids)
    return jobs.filter(condition)


def job_list(actor: Any, *, state: str = "", query: str = "", period: str = "") -> QuerySet[ErasureJob]:
    """The actor's erasure jobs, newest plan first; `state` "open" means every state before verification."""
    jobs = jobs_visible_to(actor)
    if state == "open":
        jobs = jobs.filter(state__in=[JobState.PLANNED, JobState.IN_PROGRESS, JobState.ERASED])
    elif state:
        jobs = jobs.filter(state=state)
    if period:
        start, end = period_bounds(period)
        jobs = jobs.filter(planned_at__gte=start, planned_at__lt=end)
    if query and query.strip():
        jobs = _search_jobs(jobs, query)
    return jobs.order_by("-planned_at", "-id")


def job_get(actor: Any, job_id: int) -> ErasureJob:
    job = jobs_visible_to(actor).filter(pk=job_id).first()
    if job is None:
        raise JobNotFound()
    return job


def job_for_item(actor: Any, item_id: int) -> ErasureJob | None:
    """The item's open job, if the actor may see it."""
    return jobs_visible_to(actor).filter(item_id=item_id, state__in=sorted(OPEN_STATES)).first()


def consents_for_item(item_id: int) -> list[ErasureConsent]:
    """Consents recorded for an already authorised item, newest first."""
    return list(ErasureConsent.objects.select_related("recorded_by").filter(item_id=item_id))


def state_counts(actor: Any) -> dict[str, int]:
    counts = {state: 0 for state in JobState.values}
    for row in jobs_visible_to(actor).order_by().values("state").annotate(total=Count("id")):
        counts[row["state"]] = row["total"]
    return counts


def certificates_visible_to(actor: Any) -> QuerySet[ErasureCertificate]:
    certificates = ErasureCertificate.objects.select_related("job", "job__erased_by", "job__verified_by")
    if policy.reads_every_certificate(actor):
        return certificates
    scope = policy.staff_scope(actor)
    return certificates.filter(operator_id__in=scope.operator_ids) if scope.operator_ids else certificates.none()


def certificate_list(actor: Any, *, query: str = "", period: str = "", status: str = "",
                     operator: int | str | None = None) -> QuerySet[ErasureCertificate]:
    certificates = certificates_visible_to(actor)
    if status == "valid":
        certificates = certificates.filter(revoked_at__isnull=True)
    elif status == "revoked":
        certificates = certificates.filter(revoked_at__isnull=False)
    if period:
        start, end = period_bounds(period)
        certificates = certificates.filter(issued_at__gte=start, issued_at__lt=end)
    if operator:
        certificates = certificates.filter(operator_id=operator)
    if query and query.strip():
        text = " ".join(query.split())
        certificates = certificates.filter(Q(code=code_normalise(text)) | Q(job__in=_search_jobs(
            ErasureJob.objects.all(), text)))
    return certificates.order_by("-issued_at", "-id")


def certificate_get(actor: Any, code: str) -> ErasureCertificate:
    certificate = certificates_visible_to(actor).filter(code=code_normalise(code)).first()
    if certificate is None:
        raise CertificateNotFound()
    return certificate


def samples_visible_to(actor: Any) -> QuerySet[ReverificationSample]:
    scope = policy.staff_scope(actor)
    samples = ReverificationSample.objects.select_related("drawn_by").annotate(
        pending=Count("checks", filter=Q(checks__state="pending")),
        failed=Count("checks", filter=Q(checks__state="failed"))).order_by("-period", "operator_id", "id")
    return samples.filter(operator_id__in=scope.operator_ids) if scope.operator_ids else samples.none()


def sample_get(actor: Any, sample_id: int) -> ReverificationSample:
    sample = samples_visible_to(actor).filter(pk=sample_id).first()
    if sample is None:
        raise SampleNotFound()
    return sample


def sample_checks(sample: ReverificationSample) -> list[ReverificationCheck]:
    return list(sample.checks.select_related("job", "certificate", "original_operator", "original_verifier",
                                             "reverified_by").order_by("id"))


def scoped_certificates(scope: OperatorScope) -> QuerySet[ErasureCertificate]:
    certificates = ErasureCertificate.objects.all()
    return certificates if scope.city_wide else certificates.filter(operator_id__in=scope.operator_ids)
