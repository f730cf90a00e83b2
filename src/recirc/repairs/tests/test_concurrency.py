"""Races that only a real database with row locks can show (run with DATABASE_URL=postgres://...): two openings of
one item, two quality checks of one repair. Exactly one wins; the other gets a clear error."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from recirc.core.testing import race
from recirc.repairs import services, work
from recirc.repairs.models import QualityCheck, WorkOrder
from recirc.repairs.tests.factories import all_pass, opened, walk

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_two_openings_of_one_item_admit_exactly_one(world: dict[str, Any]) -> None:
    results = race(*[lambda key=key: services.work_order_open(actor=world[key], item_id=world["phone"].pk,
                                                              reported_fault="Cracked")
                     for key in ("technician_a", "technician_a2")])
    assert results == ["ok", "repairs.open_work_order_exists"]
    assert WorkOrder.objects.filter(item=world["phone"]).count() == 1


def test_two_quality_checks_of_one_repair_admit_exactly_one(world: dict[str, Any]) -> None:
    order = walk(world, opened(world), "quality_check")
    results = race(*[lambda key=key: work.quality_check_record(actor=world[key], work_order_id=order.pk,
                                                               results=all_pass(order))
                     for key in ("inspector_a", "technician_a2")])
    assert results == ["ok", "repairs.transition_not_allowed"]
    assert QualityCheck.objects.filter(work_order=order).count() == 1
