"""Pilot goals with their progress, and the implementation plan report: pre-filled, edited, finalised, reopened,
exported as DOCX and XLSX; refusals change nothing."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from recirc.operators.models import Operator
from recirc.supervision import goals, report
from recirc.supervision.errors import GoalInvalid, ReportInvalid, ReportIsFinal, StatisticsForbidden
from recirc.supervision.models import PilotGoal, PlanReport
from recirc.supervision.refresh import rollups_refresh
from recirc.supervision.report_export import report_docx, report_xlsx
from recirc.supervision.submissions import submission_record
from recirc.supervision.tests.conftest import numbered, snapshot, transaction_row

GOAL = {"title": "交易额增长40%", "region_code": "330100", "measure": "transaction_value", "baseline_year": 2024,
        "target_year": 2027, "target_growth_percent": "40"}


@pytest.fixture
def sales(world: dict[str, Any]) -> dict[str, Any]:
    """2024: four sales of 100; the last twelve complete months before 2025-12-15: five sales of 120."""
    rows = [transaction_row(f"S24-{n}", occurred_at=f"2024-0{n + 1}-10 10:00", amount="100") for n in range(4)]
    rows += [transaction_row(f"S25-{n}", occurred_at=f"2025-0{n + 1}-10 10:00", amount="120") for n in range(5)]
    submission_record(actor=world["manager_a"], operator_id=None, kind="transactions", rows=numbered(rows),
                      channel="api")
    rollups_refresh()
    return world


def test_a_goal_shows_its_progress_on_the_straight_path(sales: dict[str, Any]) -> None:
    goal = goals.goal_create(actor=sales["regulator"], data=GOAL)

    progress = goals.goal_progress(goal, dt.date(2025, 12, 15))

    assert (progress.baseline, progress.current, progress.achieved_growth) == (
        Decimal("400.00"), Decimal("600.00"), Decimal("50.0"))
    assert (progress.progress, progress.expected, progress.on_track) == (Decimal("125.0"), Decimal("31.9"), True)
    assert progress.period == "2024-12–2025-11"


def test_a_level_goal_counts_operating_entities(sales: dict[str, Any]) -> None:
    Operator.objects.update(registered_on=dt.date(2024, 6, 1))
    goal = goals.goal_create(actor=sales["regulator"], data={**GOAL, "measure": "operating_entities",
                                                             "target_growth_percent": "", "target_level": "4"})
    progress = goals.goal_progress(goal)
    assert (progress.current, progress.progress, progress.achieved_growth) == (Decimal("2"), Decimal("50.0"), None)


def test_bad_goals_list_every_problem_and_change_nothing(world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(GoalInvalid) as caught:
        goals.goal_create(actor=world["regulator"], data={**GOAL, "title": "", "region_code": "999999",
                                                          "target_year": 2023, "target_level": "5"})
    assert set(caught.value.errors) == {"title", "region_code", "target_year", "target_growth_percent"}
    with pytest.raises(StatisticsForbidden):
        goals.goal_create(actor=world["police"], data=GOAL)
    assert snapshot() == before


def test_goals_are_updated_and_retired(world: dict[str, Any]) -> None:
    goal = goals.goal_create(actor=world["regulator"], data=GOAL)
    goals.goal_update(actor=world["admin"], goal_id=goal.pk, data={**GOAL, "target_growth_percent": "55"})
    goals.goal_retire(actor=world["regulator"], goal_id=goal.pk)
    stored = PilotGoal.objects.get()
    assert (stored.target_growth_percent, stored.is_active) == (Decimal("55.00"), False)
    assert goals.goal_list(world["regulator"]) == []


def test_a_report_is_prefilled_with_the_five_parts(sales: dict[str, Any]) -> None:
    goals.goal_create(actor=sales["regulator"], data=GOAL)

    plan = report.report_create(actor=sales["regulator"], data={"title": "试点实施方案", "region_code": "330100",
                                                                 "baseline_year": 2024, "target_year": 2027})

    assert plan.basic_situation.startswith("In 2024 the pilot area 杭州市 recorded 4 second-hand transactions worth "
                                           "400.00 yuan.")
    assert "交易额增长40%：+40.00 % (2024→2027)" in plan.main_goals
    assert [table["slug"] for table in plan.figures["tables"]] == [
        "annual", "by-category", "by-method", "by-channel", "entities", "goals", "green"]
    annual = plan.figures["tables"][0]["rows"]
    assert (annual[0]["year"], annual[0]["records"], annual[0]["value"]) == ("2024", 4, "400.00")


def test_a_final_report_is_not_edited_until_reopened(sales: dict[str, Any]) -> None:
    plan = report.report_create(actor=sales["regulator"], data={"title": "方案", "region_code": "330100",
                                                                 "baseline_year": 2024, "target_year": 2027})
    report.report_update(actor=sales["regulator"], report_id=plan.pk, data={"support_measures": "设立专项资金。"})
    report.report_transition(actor=sales["regulator"], report_id=plan.pk, to_status="final")
    before = snapshot()

    with pytest.raises(ReportIsFinal):
        report.report_update(actor=sales["regulator"], report_id=plan.pk, data={"support_measures": "改"})
    with pytest.raises(ReportIsFinal):
        report.report_refresh_figures(actor=sales["regulator"], report_id=plan.pk)
    assert snapshot() == before

    report.report_transition(actor=sales["regulator"], report_id=plan.pk, to_status="draft")
    assert (PlanReport.objects.get().status, PlanReport.objects.get().support_measures) == ("draft", "设立专项资金。")


def test_report_input_is_checked(world: dict[str, Any]) -> None:
    with pytest.raises(ReportInvalid) as caught:
        report.report_create(actor=world["regulator"], data={"title": "", "region_code": "330100",
                                                             "baseline_year": 2027, "target_year": 2024})
    assert set(caught.value.errors) == {"title", "target_year"}


def test_the_docx_has_the_five_parts_and_the_tables(sales: dict[str, Any]) -> None:
    plan = report.report_create(actor=sales["regulator"], data={"title": "杭州市试点实施方案", "region_code": "330100",
                                                                 "baseline_year": 2024, "target_year": 2027})
    document = Document(io.BytesIO(report_docx(plan)))
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name.startswith("Heading 1")]
    assert headings == ["1. Basic situation", "2. Main goals", "3. Pilot areas", "4. Pilot work content",
                        "5. Support measures"]
    assert document.paragraphs[0].text == "杭州市试点实施方案"
    annual = document.tables[0]
    assert [cell.text for cell in annual.rows[1].cells] == ["2024", "4", "4", "400.00"]
    workbook = load_workbook(io.BytesIO(report_xlsx(plan)))
    assert workbook.sheetnames == ["Report", "annual", "by-category", "by-method", "by-channel", "entities", "goals",
                                   "green"]
    assert [cell.value for cell in workbook["annual"][3]] == ["2024", 4, 4, 400]
