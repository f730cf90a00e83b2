"""Re-verification samples (R2v3): at least the policy share (rounded up), drawn deterministically from a seed,
re-verified by someone who neither erased nor verified the device; a failure revokes the certificate, fails
the job, re-opens the item's erasure gate and takes a listed item off sale."""

from __future__ import annotations

import random
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.erasure import sampling, tasks
from recirc.erasure.errors import ErasureInvalid, ReverifierNotIndependent, SampleExists
from recirc.erasure.facade import certificate_public
from recirc.erasure.models import CheckState, ErasureCertificate, ErasureJob, JobState, ReverificationCheck
from recirc.erasure.tests.conftest import IMEIS, register_device, snapshot, verified_job
from recirc.items import facade as items
from recirc.items.models import Item

PERIOD = sampling.period_of(timezone.now())


def verified_jobs(world: dict[str, Any], count: int) -> list[ErasureJob]:
    return [verified_job(world, register_device(world, imei=IMEIS[number])) for number in range(count)]


@pytest.mark.parametrize(("population", "share", "size"), [
    (0, "0.05", 0), (1, "0.05", 1), (20, "0.05", 1), (21, "0.05", 2), (100, "0.05", 5), (101, "0.05", 6),
    (3, "1", 3), (10, "0.25", 3)])
def test_the_sample_is_at_least_the_share_rounded_up(population: int, share: str, size: int) -> None:
    assert sampling.sample_size(population, Decimal(share)) == size


@pytest.mark.parametrize(("period", "bounds"), [
    ("2026-11", ("2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00")),
    ("2026-12", ("2026-12-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00"))])
def test_periods_are_local_months(period: str, bounds: tuple[str, str]) -> None:
    start, end = sampling.period_bounds(period)
    assert (start.isoformat(), end.isoformat()) == bounds


@pytest.mark.parametrize("period", ["2026-13", "26-11", "", "2026/11"])
def test_malformed_periods_are_refused(period: str) -> None:
    with pytest.raises(ErasureInvalid) as caught:
        sampling.period_bounds(period)
    assert caught.value.errors == {"period": ["Write the month as YYYY-MM, such as 2026-11."]}


def test_the_draw_is_deterministic_and_recorded(world: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "ERASURE_REVERIFY_SHARE": "0.5"}
    jobs = verified_jobs(world, 5)
    certificates = list(ErasureCertificate.objects.order_by("id"))
    sample = sampling.sample_draw(actor=world["manager_a"], operator_id=world["operator_a"].pk, period=PERIOD,
                                  seed=42)
    expected = sorted(random.Random(42).sample(certificates, 3), key=lambda certificate: certificate.pk)
    checks = list(sample.checks.order_by("id"))
    assert (sample.population, sample.size, sample.share, sample.seed, sample.drawn_by_id) == (
        5, 3, Decimal("0.5000"), 42, world["manager_a"].pk)
    assert [check.certificate_id for check in checks] == [certificate.pk for certificate in expected]
    assert {(check.state, check.original_operator_id, check.original_verifier_id) for check in checks} == {
        (CheckState.PENDING, world["technician_a"].pk, world["inspector_a"].pk)}
    assert len(jobs) == 5
    audit = AuditEvent.objects.get(action="erasure.sample_drawn")
    assert audit.payload == {"period": PERIOD, "seed": 42, "share": "0.5", "population": 5,
                             "drawn": [certificate.code for certificate in random.Random(42).sample(certificates, 3)]}


def test_a_period_is_drawn_once(world: dict[str, Any]) -> None:
    verified_jobs(world, 1)
    sampling.sample_draw(actor=None, operator_id=world["operator_a"].pk, period=PERIOD)
    before = snapshot()
    with pytest.raises(SampleExists) as caught:
        sampling.sample_draw(actor=world["manager_a"], operator_id=world["operator_a"].pk, period=PERIOD)
    assert caught.value.text() == f"The sample of {PERIOD} has already been drawn for this operator."
    assert snapshot() == before


def test_the_default_seed_depends_on_period_and_operator() -> None:
    assert sampling.default_seed("2026-11", 1) == sampling.default_seed("2026-11", 1)
    assert len({sampling.default_seed("2026-11", 1), sampling.default_seed("2026-11", 2),
                sampling.default_seed("2026-10", 1)}) == 3


def test_the_command_and_the_task_draw_every_operator_once(world: dict[str, Any]) -> None:
    verified_jobs(world, 2)
    output = StringIO()
    call_command("erasure_sample", "--period", PERIOD, "--seed", "7", stdout=output)
    assert output.getvalue() == f"{PERIOD} 甲回收: 1 of 2 verified erasures drawn for re-verification.\n"
    assert tasks.erasure_samples_draw(PERIOD) == 0  # idempotent: already drawn
    assert sampling.samples_draw_due(period="2020-01") == []


def test_a_future_month_cannot_be_drawn(world: dict[str, Any]) -> None:
    with pytest.raises(ErasureInvalid) as caught:
        sampling.sample_draw(actor=world["manager_a"], operator_id=world["operator_a"].pk, period="2099-01")
    assert caught.value.errors == {"period": ["This month has not begun yet."]}


def drawn_check(world: dict[str, Any]) -> ReverificationCheck:
    verified_jobs(world, 1)
    sample = sampling.sample_draw(actor=None, operator_id=world["operator_a"].pk, period=PERIOD)
    return sample.checks.get()


@pytest.mark.parametrize("actor_key", ["technician_a", "inspector_a"])
def test_the_original_operator_and_verifier_may_not_reverify(world: dict[str, Any], actor_key: str) -> None:
    check = drawn_check(world)
    before = snapshot()
    with pytest.raises(ReverifierNotIndependent) as caught:
        sampling.check_record(actor=world[actor_key], check_id=check.pk, method="full_readback", result="passed")
    assert (caught.value.code, caught.value.status) == ("erasure.reverifier_not_independent", 422)
    assert snapshot() == before


def test_the_database_refuses_a_dependent_reverifier(world: dict[str, Any]) -> None:
    check = drawn_check(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReverificationCheck.objects.filter(pk=check.pk).update(reverified_by=world["inspector_a"], state="passed")


def test_a_passed_reverification_changes_nothing_else(world: dict[str, Any]) -> None:
    check = drawn_check(world)
    done = sampling.check_record(actor=world["technician_a2"], check_id=check.pk, method="full_readback",
                                 result="passed")
    assert (done.state, done.reverified_by_id, done.method) == (CheckState.PASSED, world["technician_a2"].pk,
                                                                "full_readback")
    assert ErasureCertificate.objects.get().revoked_at is None
    assert ErasureJob.objects.get().state == JobState.VERIFIED


def test_a_failed_reverification_revokes_and_blocks_again(world: dict[str, Any]) -> None:
    check = drawn_check(world)
    job = ErasureJob.objects.get()
    items.item_transition(actor=world["clerk_a"], item_id=job.item_id, to_state="listed")
    sampling.check_record(actor=world["manager_a"], check_id=check.pk, method="sampled_readback", result="failed",
                          note="恢复出 12 张照片")
    certificate, job = ErasureCertificate.objects.get(), ErasureJob.objects.get()
    assert certificate.revoked_reason == "Re-verification failed: 恢复出 12 张照片"
    assert (job.state, job.failure_reason) == (JobState.FAILED, "Re-verification failed: 恢复出 12 张照片")
    assert items.erasure_gate_is_open(job.item_id)
    assert Item.objects.get(pk=job.item_id).state == "in_stock"
    assert [blocker.code for blocker in items.item_circulation_blockers(job.item_id)] == ["items.erasure_pending"]
    assert certificate_public(certificate.code).status == "revoked"
