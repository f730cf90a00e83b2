"""The roll-ups equal the raw aggregates exactly, after a first refresh, after incremental changes (new rows,
corrections moving a row to another month, register intakes with alerts and holds) and after a rebuild."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from recirc.acquisitions.tests.factories import VALID_IMEI, record
from recirc.policing.facade import watchlist_add
from recirc.supervision.models import (
    ActivityDaily,
    DirtyDay,
    OperatorMonthly,
    RefreshState,
    SellThroughMonthly,
    TransactionMonthly,
)
from recirc.supervision.raw import differences
from recirc.supervision.refresh import day_runs, rollups_refresh
from recirc.supervision.submissions import submission_record
from recirc.supervision.tests.conftest import numbered, transaction_row

NO_DIFFERENCES = {"transactions": 0, "operators": 0, "sell_through": 0, "activity": 0}


def submit(world: dict[str, Any], user: str, rows: list[dict[str, str]], kind: str = "transactions") -> None:
    submission_record(actor=world[user], operator_id=None, kind=kind, rows=numbered(rows), channel="api")


def facts(world: dict[str, Any]) -> None:
    submit(world, "manager_a", [
        transaction_row("A-1", occurred_at="2024-03-05 10:00", amount="1000", acquired_on="2024-03-01"),
        transaction_row("A-2", occurred_at="2024-03-31 23:30", amount="500.50", acquired_on="2024-03-01"),
        transaction_row("A-3", occurred_at="2025-03-01 00:10", amount="2000", quantity="3", acquired_on="2025-02-01"),
        transaction_row("A-4", occurred_at="2025-03-02 09:00", category="clothing", method="rental", amount="40"),
    ])
    submit(world, "manager_b", [
        transaction_row("B-1", occurred_at="2025-03-02 12:00", district="330108", channel="online", amount="800"),
    ])
    submit(world, "manager_b", [{"key": "Q-1", "acquired_at": "2025-03-02 11:00", "district_code": "330108",
                                 "category_code": "mobile-phones", "kind": "purchase", "amount": "600"}],
           kind="acquisitions")


def test_day_runs_groups_contiguous_days() -> None:
    days = [dt.date(2025, 1, 3), dt.date(2025, 1, 1), dt.date(2025, 1, 2), dt.date(2025, 1, 7)]
    assert day_runs(days) == [(dt.date(2025, 1, 1), dt.date(2025, 1, 3)), (dt.date(2025, 1, 7), dt.date(2025, 1, 7))]


def test_the_first_refresh_builds_exact_monthly_cells(world: dict[str, Any]) -> None:
    facts(world)

    report = rollups_refresh()

    assert (report.transaction_days, report.months) == (4, 2)  # 2024-03-05, 2024-03-31, 2025-03-01, 2025-03-02
    assert differences(timezone.localdate()) == NO_DIFFERENCES
    march_2024 = TransactionMonthly.objects.get(month=dt.date(2024, 3, 1))
    assert (march_2024.records, march_2024.items, march_2024.value) == (2, 2, Decimal("1500.50"))
    assert sorted(TransactionMonthly.objects.filter(month=dt.date(2025, 3, 1))
                  .values_list("district_code", "category_code", "method", "records", "items", "value")) == [
        ("330106", "clothing", "rental", 1, 1, Decimal("40.00")),
        ("330106", "mobile-phones", "sale", 1, 3, Decimal("2000.00")),
        ("330108", "mobile-phones", "sale", 1, 1, Decimal("800.00"))]
    assert sorted(SellThroughMonthly.objects.values_list("month", "days", "records")) == [
        (dt.date(2024, 3, 1), 4, 1), (dt.date(2024, 3, 1), 30, 1), (dt.date(2025, 3, 1), 28, 1)]
    assert OperatorMonthly.objects.filter(operator_id=world["operator_a"].pk).count() == 3
    assert list(ActivityDaily.objects.filter(source="submission").values_list("day", "measure", "kind", "records")) \
        == [(dt.date(2025, 3, 2), "acquisition", "purchase", 1)]
    assert DirtyDay.objects.count() == 0


def test_incremental_refreshes_stay_equal_to_the_raw_aggregates(world: dict[str, Any]) -> None:
    facts(world)
    rollups_refresh()
    watchlist_add(actor=world["police"], data={"case_number": "杭公(2026)1号", "reporting_unit": "西湖分局",
                                              "kind": "stolen"}, identifiers=[("imei", VALID_IMEI)])
    record(world["clerk_a"], world["outlet_a"])  # a watchlist hit: alert, flagged intake, holds
    submit(world, "manager_a", [transaction_row("A-2", occurred_at="2025-04-01 08:00", amount="700")])  # moves

    report = rollups_refresh()

    assert report.months == 2
    assert differences(timezone.localdate()) == NO_DIFFERENCES
    today = timezone.localdate()
    measures = dict(ActivityDaily.objects.filter(day=today, source="platform").values_list("measure")
                    .annotate(total=Sum("records")))
    assert measures == {"acquisition": 1, "flagged_acquisition": 1, "alert": 1, "hold": 3}
    assert TransactionMonthly.objects.filter(month=dt.date(2024, 3, 1)).get().value == Decimal("1000.00")
    assert rollups_refresh().transaction_days == 0  # nothing changed since: nothing to rebuild


def test_rebuild_and_the_commands_agree(world: dict[str, Any], capsys: Any) -> None:
    facts(world)
    call_command("statistics_refresh")
    TransactionMonthly.objects.filter(month=dt.date(2024, 3, 1)).update(value=Decimal("1.00"))  # corrupted

    call_command("statistics_refresh", "--rebuild")
    call_command("statistics_verify")

    assert "transactions: 0 differing cells" in capsys.readouterr().out
    assert TransactionMonthly.objects.get(month=dt.date(2024, 3, 1)).value == Decimal("1500.50")
    assert RefreshState.objects.get(name="rollups").watermark is not None


def test_the_celery_task_refreshes(world: dict[str, Any]) -> None:
    from recirc.supervision.tasks import rollups_refresh_task

    facts(world)
    summary = rollups_refresh_task.delay().get()
    assert (summary["transaction_days"], summary["months"]) == (4, 2)
    assert rollups_refresh_task.delay().get()["transaction_days"] == 0
