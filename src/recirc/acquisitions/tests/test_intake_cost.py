"""What one intake costs the database: a guard against the look-ups and single-row writes creeping back
(benchmark B3 needs about a hundred intakes a second; see docs/benchmarks.md)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from recirc.acquisitions.tests.factories import SECOND_IMEI, VALID_IMEI, phone, record
from recirc.policing.facade import watchlist_add
from recirc.policing.tests.factories import imei

pytestmark = pytest.mark.django_db

# Membership and outlet (2); the category, with its attribute schema (1); the vault (1); the passport's code
# check (1), the passport, identifiers, both holds in one INSERT and the events (4); screening: watchlist
# identifiers, word frequencies, then (when rare words are known) the candidates, their profiles and their
# words' frequencies (3), TAC, clones, repeat seller, the screening record (9); the evaluated value for the
# price rule: the category's model, then past sales level by level until one answers (4 with none recorded);
# the chain: head locked and key drawn from the sequence in one statement, entry, head (3; SQLite has no
# sequence: head, entry, the entry read back and sealed with one more UPDATE, head: 5); the audit events (1);
# the test's own savepoint (2).
PHONE_INTAKE_STATEMENTS = {"postgresql": 28, "sqlite": 30}


def test_a_phone_intake_stays_within_its_statement_budget(world: dict[str, Any], django_assert_max_num_queries: Any,
                                                           ) -> None:
    # given a watchlist to screen against and an outlet whose chain has begun
    watchlist_add(actor=world["police"], data={
        "case_number": "杭公刑(2026)0001号", "reporting_unit": "杭州市公安局西湖区分局", "brand": "Apple",
        "model_name": "iPhone 13", "colour": "黑色", "description": "背面刻字 ZL4821，屏幕左上角有裂纹"},
        identifiers=[("imei", imei(7))])
    record(world["clerk_a"], world["outlet_a"], article=phone(identifiers=(("imei", VALID_IMEI),)))

    # when a second phone is taken in, then it takes at most the budgeted statements
    with django_assert_max_num_queries(PHONE_INTAKE_STATEMENTS[connection.vendor]):
        entry = record(world["clerk_a"], world["outlet_a"], article=phone(identifiers=(("imei", SECOND_IMEI),)))

    assert entry.sequence == 2 and {check["source"] for check in entry.checks} >= {"watchlist", "clone", "tac"}
