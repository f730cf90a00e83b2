"""inspection_complete end to end: the report and its grades, the passport event, the audit trail; nothing
written when the checklist is incomplete or the item cannot be inspected; a grade never without a report."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from recirc.core.models import AuditEvent
from recirc.inspection import services
from recirc.inspection.errors import ChecklistIncomplete, GradeWithoutReport, ItemNotInspectable, NoChecklist
from recirc.inspection.grading import ScaleGrade
from recirc.inspection.models import GradeRecord, Inspection, InspectionReport
from recirc.inspection.queue import queue_sync
from recirc.inspection.reports import report_hash
from recirc.inspection.tests.conftest import snapshot
from recirc.inspection.tests.factories import PHONE_OK, clothing, phone, register_item, tac_entry
from recirc.items.facade import item_transition, passport_get
from recirc.items.models import ItemEvent


def test_a_complete_checklist_issues_a_sealed_report_with_every_grade(world: dict[str, Any]) -> None:
    tac_entry()
    item = phone(world["clerk_a"], world["operator_a"])
    queue_sync()
    inspection = services.inspection_complete(actor=world["inspector_a"], item_id=item.id,
                                              answers={**PHONE_OK, "battery_health": "78"})
    assert Inspection.objects.filter(item_id=item.id).count() == 1  # the waiting row was completed
    report = InspectionReport.objects.get(inspection=inspection)
    assert (inspection.status, inspection.outcome, inspection.operator_id, inspection.inspector_id) == (
        "completed", "graded", world["operator_a"].pk, world["inspector_a"].pk)
    assert sorted(GradeRecord.objects.filter(report=report).values_list("scale_code", "grade", "is_internal")) == [
        ("ctia-cosmetic", "A", False), ("ctia-functional", "0", False), ("gbt-45656-usability", "2", False),
        ("market-condition", "90", False), ("recirc-grade", "C", True), ("t-taf-173", "3", False)]
    assert report.sha256 == report_hash(report.payload)
    assert report.payload["item"]["identifiers"] == [{"kind": "imei", "value": item.identifiers[0].value[:8]
                                                      + "******" + item.identifiers[0].value[-1]}]
    assert report.payload["identification"]["tac"][0]["verdict"] == "match"
    assert report.payload["operator"] == {"name": "甲回收", "credit_code": world["operator_a"].credit_code}
    assert [row["answer_label_en"] for row in report.payload["answers"]][:5] == [
        "Flawless", "Flawless", "Pass", "Pass", "78 %"]


def test_the_report_joins_the_public_passport_with_its_code_and_hash(world: dict[str, Any]) -> None:
    item = phone(world["clerk_a"], world["operator_a"])
    inspection = services.inspection_complete(actor=world["inspector_a"], item_id=item.id, answers=PHONE_OK)
    report = inspection.report
    event = ItemEvent.objects.get(item_id=item.id, kind="inspected")
    assert (event.is_public, event.data) == (True, {
        "report_code": report.code, "report_sha256": report.sha256, "outcome": "graded", "grade": "A",
        "grade_scale": "recirc-grade", "grade_scale_version": 1})
    passport = passport_get(item.code)
    assert (passport.grade.label, passport.grade.value) == ("Recirc internal grade", "A (like new)")
    audit = AuditEvent.objects.get(action="inspection.completed")
    assert (audit.actor_id, audit.operator_id, audit.payload["report_code"], audit.payload["grade"]) == (
        world["inspector_a"].pk, world["operator_a"].pk, report.code, "A")


def test_a_refused_item_gets_a_report_but_no_grade(world: dict[str, Any]) -> None:
    item = phone(world["clerk_a"], world["operator_a"])
    inspection = services.inspection_complete(actor=world["manager_a"], item_id=item.id,
                                              answers={**PHONE_OK, "activation_lock": "on"})
    assert (inspection.outcome, inspection.report.grades.count(), inspection.report.payload["grades"]) == (
        "refused", 0, [])
    assert "grade" not in ItemEvent.objects.get(item_id=item.id, kind="inspected").data
    assert passport_get(item.code).grade is None


def test_an_incomplete_checklist_writes_nothing(world: dict[str, Any]) -> None:
    item = phone(world["clerk_a"], world["operator_a"])
    queue_sync()
    before = snapshot()
    with pytest.raises(ChecklistIncomplete) as raised:
        services.inspection_complete(actor=world["inspector_a"], item_id=item.id,
                                     answers={key: value for key, value in PHONE_OK.items() if key != "screen"})
    assert raised.value.text() == "The checklist is incomplete; nothing was saved. Answer: Screen."
    assert snapshot() == before


def test_items_without_a_checklist_or_in_the_wrong_state_are_refused(world: dict[str, Any]) -> None:
    book = register_item(world["clerk_a"], world["operator_a"], "books", "红楼梦", attributes={"title": "红楼梦"})
    sold = clothing(world["clerk_a"], world["operator_a"])
    item_transition(actor=world["clerk_a"], item_id=sold.id, to_state="sold")
    before = snapshot()
    with pytest.raises(NoChecklist):
        services.inspection_complete(actor=world["inspector_a"], item_id=book.id, answers={})
    with pytest.raises(ItemNotInspectable) as raised:
        services.inspection_complete(actor=world["inspector_a"], item_id=sold.id, answers={})
    assert raised.value.text() == "An item that is “Sold” cannot be inspected."
    assert snapshot() == before


def test_a_grade_without_a_report_is_refused_by_the_service_and_the_database(world: dict[str, Any]) -> None:
    entry = ScaleGrade(scale_code="recirc-grade", scale_version=1, grade="A", is_internal=True)
    with pytest.raises(GradeWithoutReport):
        services.grade_records(report=None, entries=[entry])
    with pytest.raises(GradeWithoutReport):
        services.grade_records(report=InspectionReport(code="IR0", payload={}, sha256="0" * 64), entries=[entry])
    with pytest.raises(IntegrityError), transaction.atomic():
        GradeRecord.objects.create(report_id=None, scale_code="recirc-grade", scale_version=1, grade="A")
    assert GradeRecord.objects.count() == 0


def test_a_second_inspection_issues_a_second_report(world: dict[str, Any]) -> None:
    item = phone(world["clerk_a"], world["operator_a"])
    first = services.inspection_complete(actor=world["inspector_a"], item_id=item.id, answers=PHONE_OK)
    second = services.inspection_complete(actor=world["inspector_a"], item_id=item.id,
                                          answers={**PHONE_OK, "screen": "cracked"})
    assert first.report.code != second.report.code
    assert passport_get(item.code).grade.value == "D (poor)"
