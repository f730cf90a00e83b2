"""Races that only a real database with row locks can show (run with DATABASE_URL=postgres://...): two
colleagues verifying one erasure at once get one certificate; two technicians planning one device at once
get one job (and one consent)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from recirc.core.testing import race
from recirc.erasure import services, verification
from recirc.erasure.models import ErasureCertificate, ErasureConsent, ErasureJob
from recirc.erasure.tests.conftest import consent_input, erased_job, register_device

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_two_verifications_at_once_issue_one_certificate(world: dict[str, Any]) -> None:
    job = erased_job(world)
    results = race(*(lambda key=key: verification.job_verify(actor=world[key], job_id=job.pk,
                                                              method="full_readback", result="passed")
                     for key in ("inspector_a", "manager_a")))
    assert results == ["erasure.transition_not_allowed", "ok"]
    assert ErasureCertificate.objects.filter(job=job).count() == 1


def test_two_plans_at_once_open_one_job(world: dict[str, Any]) -> None:
    item = register_device(world)
    results = race(*(lambda key=key: services.job_open(actor=world[key], item_id=item.pk, consent=consent_input(),
                                                       media_type="flash_embedded")
                     for key in ("technician_a", "technician_a2")))
    assert results == ["erasure.job_open", "ok"]
    assert (ErasureJob.objects.filter(item_id=item.pk).count(), ErasureConsent.objects.count()) == (1, 1)
