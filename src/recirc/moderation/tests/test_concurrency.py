"""Races on PostgreSQL (run with DATABASE_URL=postgres://...): the periodic task run twice at once brings the
announced version into force exactly once; exactly one version is in force afterwards."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from recirc.moderation import services
from recirc.moderation.models import RulesState, TransactionRules
from recirc.moderation.tests.factories import announced, in_force

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_two_task_runs_bring_the_version_into_force_once(people: dict[str, Any]) -> None:
    in_force(people["admin"])
    announced(people["admin"])
    later = timezone.now() + dt.timedelta(days=9)
    barrier, brought = threading.Barrier(2), []

    def run() -> None:
        try:
            barrier.wait()
            brought.append(len(services.rules_bring_into_force_due(now=later)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(brought) == [0, 1]
    assert list(TransactionRules.objects.filter(state=RulesState.IN_FORCE).values_list("version", flat=True)) == [2]
