"""The statistics tables read from the roll-ups: exact values, shares, growth against the baseline, the drill-down
to operators, top sellers, sell-through percentiles, entities, green impact; small cells suppressed; regulators
only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from recirc.supervision import activity, figures, green
from recirc.supervision.dimensions import Filters
from recirc.supervision.errors import StatisticsForbidden
from recirc.supervision.refresh import rollups_refresh
from recirc.supervision.submissions import submission_record
from recirc.supervision.tests.conftest import numbered, transaction_row

FILTERS = Filters(first_month=dt.date(2025, 1, 1), last_month=dt.date(2025, 3, 1), region="330100")


def rows_of(table: Any, *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[key] for key in keys) for row in table.rows]


@pytest.fixture
def facts(world: dict[str, Any]) -> dict[str, Any]:
    """2024-03: A sells 3 phones (100) and 2 books (10), B 1 jacket (50). 2025-03: A sells 4 phones (100) and
    rents 1 out (10), B sells 3 jackets online (50); A's 2025 phones were held 2, 4, 6, 8 and 10 days."""
    a_rows = [transaction_row(f"A24-{n}", occurred_at="2024-03-10 10:00", amount="100") for n in range(3)]
    a_rows += [transaction_row(f"A24B-{n}", occurred_at="2024-03-10 10:00", category="books", amount="10")
               for n in range(2)]
    a_rows += [transaction_row(f"A25-{n}", occurred_at="2025-03-10 10:00", amount="100",
                               acquired_on=f"2025-03-0{8 - 2 * n}") for n in range(4)]
    a_rows += [transaction_row("A25-R", occurred_at="2025-03-10 10:00", method="rental", amount="10",
                               acquired_on="2025-02-28")]
    b_rows = [transaction_row("B24-0", occurred_at="2024-03-10 10:00", district="330108", category="clothing",
                              channel="online", amount="50")]
    b_rows += [transaction_row(f"B25-{n}", occurred_at="2025-03-10 10:00", district="330108", category="clothing",
                               channel="online", amount="50") for n in range(3)]
    for user, rows in (("manager_a", a_rows), ("manager_b", b_rows)):
        submission_record(actor=world[user], operator_id=None, kind="transactions", rows=numbered(rows),
                          channel="api")
    rollups_refresh()
    return world


def test_the_trend_counts_every_month_of_the_period(facts: dict[str, Any]) -> None:
    table = figures.trend_table(facts["regulator"], FILTERS)
    assert rows_of(table, "month", "records", "items", "value", "suppressed") == [
        ("2025-01", 0, 0, Decimal("0"), False), ("2025-02", 0, 0, Decimal("0"), False),
        ("2025-03", 8, 8, Decimal("560.00"), False)]


def test_breakdowns_give_shares_of_value(facts: dict[str, Any]) -> None:
    by_category = figures.breakdown_table(facts["regulator"], FILTERS, "category")
    assert rows_of(by_category, "code", "name", "records", "value", "share") == [
        ("mobile-phones", "Mobile phones", 5, Decimal("410.00"), Decimal("73.2")),
        ("clothing", "Clothing", 3, Decimal("150.00"), Decimal("26.8"))]
    by_channel = figures.breakdown_table(facts["regulator"], FILTERS, "channel")
    assert rows_of(by_channel, "code", "records", "value") == [("store", 5, Decimal("410.00")),
                                                               ("online", 3, Decimal("150.00"))]


def test_a_small_cell_and_the_one_that_would_reveal_it_are_suppressed(facts: dict[str, Any]) -> None:
    by_method = figures.breakdown_table(facts["regulator"], FILTERS, "method")
    assert rows_of(by_method, "code", "records", "value", "share", "suppressed") == [
        ("sale", None, None, None, True), ("rental", None, None, None, True)]
    assert by_method.display_rows()[1][2:4] == [("<3", True), ("<3", True)]


def test_growth_against_the_same_months_of_2024(facts: dict[str, Any]) -> None:
    table = figures.growth_table(facts["regulator"], FILTERS, "category", 2024)
    assert rows_of(table, "code", "base_records", "base_value", "records", "value", "growth") == [
        ("mobile-phones", 3, Decimal("300.00"), 5, Decimal("410.00"), Decimal("36.7")),
        ("clothing", None, None, 3, Decimal("150.00"), None),
        ("books", None, None, 0, Decimal("0"), None)]
    assert table.columns[2].label == "Transactions 2024-01–2024-03"


def test_the_drill_down_to_operators_and_top_sellers(facts: dict[str, Any]) -> None:
    operators = figures.operator_table(facts["regulator"], FILTERS)
    assert rows_of(operators, "name", "records", "value", "share") == [
        ("甲回收", 5, Decimal("410.00"), Decimal("73.2")), ("乙回收", 3, Decimal("150.00"), Decimal("26.8"))]
    xihu = figures.operator_table(facts["regulator"], Filters(FILTERS.first_month, FILTERS.last_month, "330108"))
    assert rows_of(xihu, "name") == [("乙回收",)]
    top = figures.top_sellers_table(facts["regulator"], FILTERS, 2025)
    assert rows_of(top, "quarter", "rank", "name", "records", "value") == [
        ("2025 Q1", 1, "甲回收", 5, Decimal("410.00")), ("2025 Q1", 2, "乙回收", 3, Decimal("150.00"))]


def test_sell_through_percentiles_are_nearest_rank(facts: dict[str, Any]) -> None:
    table = activity.sell_through_table(facts["regulator"], FILTERS)
    assert rows_of(table, "code", "records", "p50", "p75", "p90") == [("mobile-phones", 5, 6, 8, 10)]
    assert activity.percentile_of({1: 1}, 50) == 1
    assert activity.percentile_of({}, 50) is None


def test_cells_by_month_district_and_category(facts: dict[str, Any]) -> None:
    table = figures.cells_table(facts["regulator"], FILTERS)
    assert rows_of(table, "month", "district_code", "category_code", "records", "value") == [
        ("2025-03", "330106", "mobile-phones", 5, Decimal("410.00")),
        ("2025-03", "330108", "clothing", 3, Decimal("150.00"))]


def test_co2e_avoided_leaves_rentals_out(facts: dict[str, Any]) -> None:
    table = green.green_table(FILTERS.first_month, FILTERS.last_month)
    assert rows_of(table, "code", "items", "factor", "kg") == [
        ("mobile-phones", 4, Decimal("50.00"), Decimal("200.0")), ("clothing", 3, Decimal("7.00"), Decimal("21.0"))]
    assert green.green_total(table) == Decimal("221.0")


def test_entities_by_type_count_registered_and_submitted(facts: dict[str, Any]) -> None:
    submission_record(actor=facts["manager_b"], operator_id=None, kind="entities", channel="api", rows=numbered([
        {"key": "M-1", "kind": "individual_operator", "district_code": "330108", "opened_on": "2024-05-01"},
        {"key": "M-2", "kind": "individual_operator", "district_code": "330108", "opened_on": "2025-02-01",
         "closed_on": "2025-03-01"}]))
    year = dt.date.today().year
    table = activity.entities_table(facts["regulator"], FILTERS, 2024, year)
    assert rows_of(table, "kind", "registered", "submitted", "total", "base") == [
        ("Circulation enterprise", 2, 0, 2, 0), ("Individual operator", 0, 1, 1, 1)]


def test_promotion_days() -> None:
    assert [(period.first, period.last) for period in green.promotion_periods(2025)] == [
        (dt.date(2025, 6, 23), dt.date(2025, 6, 29)), (dt.date(2025, 8, 15), dt.date(2025, 8, 15))]
    assert green.promotion_now(dt.date(2025, 6, 25)).first == dt.date(2025, 6, 23)
    assert green.promotion_now(dt.date(2025, 7, 1)) is None


@pytest.mark.parametrize("user", ["police", "supervision", "manager_a", "clerk_a", "consumer", None])
def test_only_the_commerce_authority_reads_statistics(world: dict[str, Any], user: str | None) -> None:
    actor = world[user] if user else None
    for read in (lambda: figures.trend_table(actor, FILTERS), lambda: figures.operator_table(actor, FILTERS),
                 lambda: activity.sell_through_table(actor, FILTERS)):
        with pytest.raises(StatisticsForbidden):
            read()


def test_the_threshold_is_a_setting(facts: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "STATISTICS_MIN_CELL_COUNT": 6}
    table = figures.breakdown_table(facts["regulator"], FILTERS, "category")
    assert rows_of(table, "code", "records", "suppressed") == [("mobile-phones", None, True), ("clothing", None, True)]
    assert table.display_rows()[0][2] == ("<6", True)
