"""Re-verification samples (R2v3): each month, at least ERASURE_REVERIFY_SHARE (5 % by default, rounded up)
of an operator's verified erasures are drawn, deterministically from a seed, and re-verified by someone who
neither erased nor verified them (the re-verifier is whoever records the check; the service and a database
constraint refuse the original operator and verifier). A failed re-verification revokes the certificate,
fails the job and blocks the item again (its erasure gate re-opens; a listed item is taken off sale).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import re
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.core.errors import NotFound
from recirc.erasure import policy, rules
from recirc.erasure.certificates import certificate_revoke
from recirc.erasure.errors import (
    CheckNotFound,
    CheckRecorded,
    ErasureInvalid,
    ReverifierNotIndependent,
    SampleExists,
)
from recirc.erasure.models import (
    CheckState,
    ErasureCertificate,
    ErasureJob,
    JobState,
    Result,
    ReverificationCheck,
    ReverificationSample,
)
from recirc.erasure.services import full_clean, move
from recirc.erasure.text import clean_text
from recirc.items.facade import ItemState, erasure_gate_reopen, item_record_event, item_ref, item_transition

PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
REOPEN_REASON = "Re-verification of the erasure failed: erase and verify the device again."  # stored
WITHDRAWN_REASON = "Taken off sale: re-verification of the erasure failed."  # stored


def period_bounds(period: str) -> tuple[dt.datetime, dt.datetime]:
    """The month's first moment and the next month's, in local time; ErasureInvalid for a malformed period."""
    match = PERIOD.match(period or "")
    if match is None:
        raise ErasureInvalid(errors={"period": [_("Write the month as YYYY-MM, such as 2026-11.")]})
    year, month = int(match.group(1)), int(match.group(2))
    start = timezone.make_aware(dt.datetime(year, month, 1))
    end = timezone.make_aware(dt.datetime(year + month // 12, month % 12 + 1, 1))
    return start, end


def period_of(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m")


def previous_period(now: dt.datetime | None = None) -> str:
    first = timezone.localtime(now or timezone.now()).replace(day=1)
    return period_of(first - dt.timedelta(days=1))


def sample_size(population: int, share: Decimal) -> int:
    """At least the share, rounded up (5 % of 21 is 2); never more than the population."""
    return min(population, math.ceil(Decimal(population) * share))


def default_seed(period: str, operator_id: int, base: int | None = None) -> int:
    """A seed that differs per operator and period; the same inputs always draw the same devices."""
    text = f"{period}|{operator_id}|{'' if base is None else base}"
    return int(hashlib.sha256(text.encode()).hexdigest()[:15], 16)


def population(operator_id: int, period: str) -> list[ErasureCertificate]:
    """The operator's valid certificates issued in the period, in a stable order (by id)."""
    start, end = period_bounds(period)
    return list(ErasureCertificate.objects.select_related("job").filter(
        operator_id=operator_id, issued_at__gte=start, issued_at__lt=end, revoked_at__isnull=True,
        job__state=JobState.VERIFIED).order_by("id"))


def _checked_period(period: str) -> str:
    start, _end = period_bounds(period)
    if start > timezone.now():
        raise ErasureInvalid(errors={"period": [_("This month has not begun yet.")]})
    return period


@transaction.atomic
def sample_draw(*, actor: Any, operator_id: int, period: str, seed: int | None = None) -> ReverificationSample:
    """Draw the operator's sample of the period (once; SampleExists afterwards). Actor: the operator's
    manager, or None for the system (the monthly task and the management command)."""
    if actor is not None:
        policy.require(actor, policy.SAMPLER_ROLES)
        if not policy.staff_scope(actor).allows(operator_id):
            raise NotFound()  # another operator's records answer as if they did not exist
    period = _checked_period(period)
    if ReverificationSample.objects.filter(operator_id=operator_id, period=period).exists():
        raise SampleExists(params={"period": period})
    chosen_seed = seed if seed is not None else default_seed(period, operator_id)
    certificates = population(operator_id, period)
    share = policy.reverify_share()
    # A seeded draw on purpose: anyone can repeat it and check it (an audit sample, not a secret).
    drawn = random.Random(chosen_seed).sample(certificates, sample_size(len(certificates), share))  # noqa: S311
    sample = ReverificationSample(operator_id=operator_id, period=period, share=share, seed=chosen_seed,
                                  population=len(certificates), size=len(drawn), drawn_at=timezone.now(),
                                  drawn_by=actor)
    full_clean(sample)
    try:
        with transaction.atomic():
            sample.save()
    except IntegrityError as error:  # drawn meanwhile by the task or a colleague
        raise SampleExists(params={"period": period}) from error
    ReverificationCheck.objects.bulk_create([_check(sample, certificate)
                                             for certificate in sorted(drawn, key=lambda item: item.pk)])
    audit_record(actor=actor, action="erasure.sample_drawn", target=sample, operator_id=operator_id,
                 payload={"period": period, "seed": chosen_seed, "share": share, "population": len(certificates),
                          "drawn": [certificate.code for certificate in drawn]})
    return sample


def _check(sample: ReverificationSample, certificate: ErasureCertificate) -> ReverificationCheck:
    job = certificate.job
    assert job.erased_by_id is not None and job.verified_by_id is not None  # a verified job names both
    return ReverificationCheck(sample=sample, job=job, certificate=certificate, original_operator_id=job.erased_by_id,
                               original_verifier_id=job.verified_by_id)


def samples_draw_due(*, period: str | None = None, seed: int | None = None) -> list[ReverificationSample]:
    """The system draws every operator's sample of the period (default: last month) not drawn yet; operators
    without verified erasures in the period get none. Idempotent; for the monthly task and the command."""
    period = period or previous_period()
    start, end = period_bounds(period)
    operator_ids = sorted(set(ErasureCertificate.objects.filter(issued_at__gte=start, issued_at__lt=end)
                              .values_list("operator_id", flat=True)))
    drawn = []
    for operator_id in operator_ids:
        if not ReverificationSample.objects.filter(operator_id=operator_id, period=period).exists():
            base = None if seed is None else default_seed(period, operator_id, seed)
            drawn.append(sample_draw(actor=None, operator_id=operator_id, period=period, seed=base))
    return drawn


def _locked_check(actor: Any, check_id: int) -> ReverificationCheck:
    scope = policy.staff_scope(actor)
    check = ReverificationCheck.objects.select_for_update().select_related("sample").filter(pk=check_id).first()
    if check is None or not scope.allows(check.sample.operator_id):
        raise CheckNotFound()
    return check


def _check_errors(method: str, result: str, note: str, job: ErasureJob) -> dict[str, list[Any]]:
    errors = rules.verification_errors(level=job.level, verification_method=method)
    if result not in Result.values:
        errors["result"] = [_("Choose the result of the verification.")]
    clean_text(note, field="note", limit=500, errors=errors, required=result == Result.FAILED)
    return errors


@transaction.atomic
def check_record(*, actor: Any, check_id: int, method: str, result: str, note: str = "") -> ReverificationCheck:
    """Record the re-verification of one drawn device by an independent colleague."""
    policy.require(actor, policy.VERIFIER_ROLES)
    check = _locked_check(actor, check_id)
    if not rules.can_record_check(check.state):
        raise CheckRecorded()
    if actor.pk in (check.original_operator_id, check.original_verifier_id):
        raise ReverifierNotIndependent()
    job = ErasureJob.objects.select_for_update().get(pk=check.job_id)
    errors = _check_errors(method, result, note, job)
    if errors:
        raise ErasureInvalid(errors=errors)
    check.state = CheckState.PASSED if result == Result.PASSED else CheckState.FAILED
    check.reverified_by, check.method, check.checked_at = actor, method, timezone.now()
    check.note = " ".join((note or "").split())
    full_clean(check)
    check.save()
    audit_record(actor=actor, action="erasure.reverified", target=check, operator_id=check.sample.operator_id,
                 payload={"certificate": check.certificate.code, "result": result, "method": method})
    if check.state == CheckState.FAILED:
        _reverification_failed(actor, check, job)
    return check


def _reverification_failed(actor: Any, check: ReverificationCheck, job: ErasureJob) -> None:
    certificate = ErasureCertificate.objects.select_for_update().get(pk=check.certificate_id)
    if certificate.revoked_at is None:
        certificate_revoke(actor=actor, certificate=certificate, reason=f"Re-verification failed: {check.note}"[:500])
    if job.state == JobState.VERIFIED:
        move(job, JobState.FAILED, rules.can_transition(job.state, JobState.FAILED))
        job.failure_reason = f"Re-verification failed: {check.note}"[:500]
        job.save(update_fields=["state", "failure_reason", "updated_at"])
    erasure_gate_reopen(actor=actor, item_id=job.item_id, reason=REOPEN_REASON, source_ref=f"erasure.check:{check.pk}")
    if item_ref(job.item_id).state == ItemState.LISTED:
        item_transition(actor=actor, item_id=job.item_id, to_state=ItemState.IN_STOCK, reason=WITHDRAWN_REASON)
    item_record_event(actor=actor, item_id=job.item_id, kind="erasure_failed", is_public=False,
                      data={"job_id": job.pk, "certificate": certificate.code, "stage": "reverification"})
    audit_record(actor=actor, action="erasure.job_failed", target=job, operator_id=job.operator_id,
                 payload={"item_code": job.item_code, "stage": "reverification", "certificate": certificate.code})
