"""The evidence package of a case (the ZIP's exact contents, its manifest, the audit of the download, who may
download it) and the statistics (every figure recounted from the rows; CSV and XLSX)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from recirc.core.errors import DomainError
from recirc.core.models import AuditEvent
from recirc.moderation import complaint_services as services
from recirc.moderation.complaint_exports import evidence_package, statistics_export
from recirc.moderation.complaint_statistics import complaint_statistics
from recirc.moderation.models import Complaint
from recirc.moderation.tests.complaint_factories import answered, escalated, filed, photo, referred, world

__all__ = ["world"]


def _open(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_evidence_package_holds_exactly_the_case_file(world: Any) -> None:
    complaint = escalated(world, evidence=(photo("tag.png"),))
    evidence = complaint.evidence.get()
    name, content = evidence_package(actor=world["supervision"], complaint_id=complaint.pk)
    files = _open(content)
    assert name == f"complaint-{complaint.number}-evidence.zip"
    picture = f"evidence/01-{evidence.sha256[:12]}.png"
    assert list(files) == ["manifest.json", "complaint.json", "listing.json", picture]
    manifest = json.loads(files["manifest.json"])
    assert set(manifest) == {"complaint", "generated_at", "generated_by", "files"}
    assert (manifest["complaint"], manifest["generated_by"]) == (
        complaint.number, {"user": "samr.qian", "role": "market_supervision"})
    assert manifest["files"] == [{"path": path, "sha256": hashlib.sha256(files[path]).hexdigest(),
                                  "size": len(files[path])} for path in list(files)[1:]]
    assert hashlib.sha256(files[picture]).hexdigest() == evidence.sha256
    document = json.loads(files["complaint.json"])
    assert (document["number"], document["state"], document["statement"], document["answer"]) == (
        complaint.number, "escalated", "吊牌与描述不符", "已核实，可退货")
    assert (document["escalation_reason"], document["rejection_reason"], document["notes"]) == (
        "rejected", "商家拒绝退款", [])
    assert [event["action"] for event in document["timeline"]] == [
        "moderation.complaint_filed", "moderation.complaint_evidence_added", "moderation.complaint_answered",
        "moderation.complaint_escalated"]
    jacket = world["jacket"]
    listing = json.loads(files["listing.json"])
    assert (listing["listing"]["code"], listing["listing"]["price"]) == (jacket.code, "199.00")
    assert (listing["disclosure"]["version"], listing["disclosure"]["sha256"]) == (1, jacket.disclosure_sha256)
    event = AuditEvent.objects.filter(action="moderation.complaint_package_exported").get()
    assert (event.actor, event.target_id, event.payload) == (
        world["supervision"], str(complaint.pk),
        {"number": complaint.number, "sha256": hashlib.sha256(content).hexdigest(), "files": 3})


def test_a_complaint_about_an_operator_has_no_listing_or_order(world: Any) -> None:
    complaint = escalated(world, about="seller", reference=str(world["operator_a"].pk))
    _name, content = evidence_package(actor=world["supervision"], complaint_id=complaint.pk)
    assert list(_open(content)) == ["manifest.json", "complaint.json"]


def test_the_police_download_only_referred_cases(world: Any) -> None:
    complaint = escalated(world)
    with pytest.raises(DomainError) as caught:
        evidence_package(actor=world["police"], complaint_id=complaint.pk)
    assert caught.value.status == 404
    complaint = referred(world, reference=world["coat"].code)
    _name, content = evidence_package(actor=world["police"], complaint_id=complaint.pk)
    manifest = json.loads(_open(content)["manifest.json"])
    assert manifest["generated_by"] == {"user": "police.zhao", "role": "police"}
    assert [path["path"] for path in manifest["files"]] == ["complaint.json", "listing.json"]


def test_an_open_complaint_has_no_package_yet(world: Any) -> None:
    complaint = filed(world)
    count = AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        evidence_package(actor=world["supervision"], complaint_id=complaint.pk)
    assert (caught.value.status, AuditEvent.objects.count()) == (409, count)


def _at(complaint: Complaint, filed_at: dt.datetime, answered_after: dt.timedelta | None = None) -> None:
    due = filed_at + dt.timedelta(days=7)
    Complaint.objects.filter(pk=complaint.pk).update(
        created_at=filed_at, answer_due_at=due, answered_at=filed_at + answered_after if answered_after else None)


@pytest.fixture
def counted(world: Any) -> dict[str, Any]:
    """Five complaints on 2026-11-02..05 (local) and one outside the period."""
    zone = timezone.get_current_timezone()
    day = dt.datetime(2026, 11, 2, 10, 0, tzinfo=zone)
    fast = answered(world)  # 2 hours
    slow = answered(world, about="seller", reference=str(world["operator_a"].pk))  # 10 days: late
    c2c = services.complaint_answer(actor=world["seller"], complaint_id=filed(
        world, reference=world["bookcase"].code, category="counterfeit").pk, answer="ok")  # 5 hours
    waiting = filed(world, by="other_consumer", category="counterfeit")  # not answered, past the deadline
    fresh = filed(world, reference=world["coat"].code)  # not answered, still in time
    outside = filed(world, by="other_consumer", reference=world["coat"].code, category="other")
    _at(fast, day, dt.timedelta(hours=2))
    _at(slow, day + dt.timedelta(days=1), dt.timedelta(days=10))
    _at(c2c, day + dt.timedelta(days=2), dt.timedelta(hours=5))
    _at(waiting, day + dt.timedelta(hours=1))
    _at(fresh, day + dt.timedelta(days=3))
    _at(outside, day - dt.timedelta(days=5))
    return {"now": day + dt.timedelta(days=8, hours=12), "operator": world["operator_a"]}


def test_statistics_recount_the_rows(world: Any, counted: dict[str, Any]) -> None:
    stats = complaint_statistics(world["supervision"], dt.date(2026, 11, 1), dt.date(2026, 11, 5),
                                 now=counted["now"])
    assert stats.total == 5
    assert [(key, count) for key, _label, count in stats.by_state] == [
        ("submitted", 2), ("answered", 3), ("resolved", 0), ("escalated", 0), ("investigating", 0),
        ("referred", 0), ("closed", 0), ("withdrawn", 0)]
    assert [(key, count) for key, _label, count in stats.by_category if count] == [
        ("not_as_disclosed", 3), ("counterfeit", 2)]
    assert stats.by_operator == [(str(counted["operator"].pk), "甲二手", 4), ("individual", "Individual sellers", 1)]
    assert (stats.due, stats.answered, stats.answered_in_time) == (4, 3, 2)
    assert (stats.answer_rate, stats.median_hours_to_answer) == (0.5, 5.0)


def test_statistics_export_as_csv_and_xlsx(world: Any, counted: dict[str, Any]) -> None:
    stats = complaint_statistics(world["moderator"], dt.date(2026, 11, 1), dt.date(2026, 11, 5),
                                 now=counted["now"])
    text = statistics_export(stats, "csv").content.decode("utf-8-sig").splitlines()
    assert text[:9] == ["Section,Key,Label,Value", "Period,from,From,2026-11-01", "Period,to,To,2026-11-05",
                        "Summary,total,Complaints filed,5", "Summary,due,Answers due,4", "Summary,answered,Answered,3",
                        "Summary,answered_in_time,Answered within the deadline,2",
                        "Summary,answer_rate,Answer rate within the deadline,0.5",
                        "Summary,median_hours,Median hours to answer,5.0"]
    assert text[-2:] == [f"By operator,{counted['operator'].pk},甲二手,4",
                         "By operator,individual,Individual sellers,1"]
    workbook = load_workbook(io.BytesIO(statistics_export(stats, "xlsx").content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == ("Section", "Key", "Label", "Value")
    assert rows[3] == ("Summary", "total", "Complaints filed", 5)
    assert len(rows) == len(text)


def test_an_empty_period_has_no_rate(world: Any) -> None:
    stats = complaint_statistics(world["admin"], dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    assert (stats.total, stats.due, stats.answer_rate, stats.median_hours_to_answer) == (0, 0, None, None)
