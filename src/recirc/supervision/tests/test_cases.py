"""Cases: the state machine, referral between market supervision and the police, who sees and who acts,
evidence with fingerprints and the evidence export, the import of inspection's counterfeit referrals."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

import pytest
from django.utils import timezone

from recirc.core.errors import PermissionDenied
from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.inspection.facade import inspection_complete, referrals_list
from recirc.inspection.tests.factories import HUAWEI_TAC, PHONE_OK, imei_with, phone, tac_entry
from recirc.items.tests.factories import staff_member
from recirc.supervision import cases, evidence
from recirc.supervision.errors import (
    CaseInvalid,
    CaseNotFound,
    CaseNotHeld,
    CasesForbidden,
    CaseTransitionNotAllowed,
    EvidenceInvalid,
)
from recirc.supervision.imports import referrals_import
from recirc.supervision.models import CASE_TRANSITIONS, Case, CaseStatus
from recirc.supervision.tests.conftest import snapshot


def open_case(world: dict[str, Any], user: str = "supervision", **extra: Any) -> Case:
    return cases.case_open(actor=world[user], kind="counterfeit", title="仿冒手袋", summary="门店在售疑似仿冒手袋。",
                           operator_id=world["operator_a"].pk, **extra)


def test_every_status_has_its_transitions() -> None:
    assert set(CASE_TRANSITIONS) == set(CaseStatus.values)
    assert CASE_TRANSITIONS[CaseStatus.CLOSED] == frozenset({CaseStatus.INVESTIGATING})


def test_a_case_is_opened_for_the_openers_authority(world: dict[str, Any]) -> None:
    case = open_case(world)
    assert (case.status, case.authority, case.opened_by_authority) == ("open", "market_supervision",
                                                                      "market_supervision")
    assert case.reference == f"SV{timezone.localdate():%Y}{case.pk:06d}"
    assert list(case.events.values_list("kind", "to_status", "to_authority")) == [
        ("opened", "open", "market_supervision")]
    assert AuditEvent.objects.filter(action="supervision.case_opened", target_id=str(case.pk)).count() == 1


def test_a_referral_is_accepted_by_the_police(world: dict[str, Any]) -> None:
    case = open_case(world)
    cases.case_take_up(actor=world["supervision"], case_id=case.pk)
    cases.case_refer(actor=world["supervision"], case_id=case.pk, to_authority="police", reason="涉嫌销赃")
    referred = Case.objects.get(pk=case.pk)
    assert (referred.status, referred.authority, referred.referred_by) == ("referred", "police", "market_supervision")

    with pytest.raises(CaseNotHeld):
        cases.case_close(actor=world["supervision"], case_id=case.pk, outcome="substantiated", note="x")
    cases.case_answer_referral(actor=world["police"], case_id=case.pk, accept=True)
    cases.case_close(actor=world["police"], case_id=case.pk, outcome="substantiated", note="已立案侦查")

    closed = Case.objects.get(pk=case.pk)
    assert (closed.status, closed.authority, closed.referred_by, closed.outcome) == (
        "closed", "police", "", "substantiated")
    assert list(closed.events.values_list("kind", "from_authority", "to_authority")) == [
        ("opened", "", "market_supervision"), ("taken_up", "market_supervision", "market_supervision"),
        ("referred", "market_supervision", "police"), ("accepted", "police", "police"), ("closed", "police", "police")]
    assert cases.case_get(world["supervision"], case.pk) == closed  # the sender still sees it


def test_a_returned_referral_goes_back_to_the_sender(world: dict[str, Any]) -> None:
    case = open_case(world, user="police", )
    cases.case_refer(actor=world["police"], case_id=case.pk, to_authority="market_supervision", reason="属市场监管")
    with pytest.raises(CaseInvalid):
        cases.case_answer_referral(actor=world["supervision"], case_id=case.pk, accept=False, reason="")
    cases.case_answer_referral(actor=world["supervision"], case_id=case.pk, accept=False, reason="证据不足，退回")
    returned = Case.objects.get(pk=case.pk)
    assert (returned.status, returned.authority, returned.referred_by) == ("investigating", "police", "")


def test_transitions_outside_the_table_are_refused_and_change_nothing(world: dict[str, Any]) -> None:
    case = open_case(world)
    cases.case_close(actor=world["supervision"], case_id=case.pk, outcome="unsubstantiated", note="不成立")
    before = snapshot()
    for attempt in (lambda: cases.case_take_up(actor=world["supervision"], case_id=case.pk),
                    lambda: cases.case_refer(actor=world["supervision"], case_id=case.pk, to_authority="police",
                                             reason="x"),
                    lambda: cases.case_answer_referral(actor=world["supervision"], case_id=case.pk, accept=True),
                    lambda: cases.case_close(actor=world["supervision"], case_id=case.pk, outcome="substantiated",
                                             note="x")):
        with pytest.raises(CaseTransitionNotAllowed):
            attempt()
    assert snapshot() == before
    cases.case_reopen(actor=world["supervision"], case_id=case.pk, reason="新线索")
    reopened = Case.objects.get(pk=case.pk)
    assert (reopened.status, reopened.outcome, reopened.closed_at) == ("investigating", "", None)


@pytest.mark.parametrize("user", ["regulator", "manager_a", "clerk_a", "consumer"])
def test_other_roles_cannot_open_or_see_cases(world: dict[str, Any], user: str) -> None:
    case = open_case(world)
    before = snapshot()
    with pytest.raises(CasesForbidden):
        open_case(world, user=user)
    with pytest.raises(CasesForbidden):
        cases.case_take_up(actor=world[user], case_id=case.pk)
    assert list(cases.case_list(world[user])) == []
    assert snapshot() == before


def test_the_police_do_not_see_market_supervisions_own_cases(world: dict[str, Any]) -> None:
    case = open_case(world)
    with pytest.raises(CaseNotFound):
        cases.case_get(world["police"], case.pk)
    with pytest.raises(CaseNotFound):
        cases.case_note_add(actor=world["police"], case_id=case.pk, text="x")
    assert cases.case_get(world["admin"], case.pk) == case


def test_evidence_is_fingerprinted_and_exported_with_a_manifest(world: dict[str, Any]) -> None:
    case = open_case(world)
    content = b"%PDF-1.4 inspection report"
    item = evidence.evidence_add(actor=world["supervision"], case_id=case.pk, description="质检报告",
                                 file_name="report.pdf", content=content, content_type="application/pdf")
    evidence.evidence_add(actor=world["supervision"], case_id=case.pk, description="收购登记",
                          record_ref="acquisitions.entry:0f3c")
    assert (item.sha256, item.size) == (hashlib.sha256(content).hexdigest(), len(content))

    name, archive = evidence.evidence_export(actor=world["supervision"], case_id=case.pk)

    assert name == f"{case.reference}-evidence.zip"
    members = zipfile.ZipFile(io.BytesIO(archive))
    assert sorted(members.namelist()) == sorted(["case.json", "summary.txt", "timeline.csv", "SHA256SUMS",
                                                 f"evidence/001-{item.sha256[:12]}-report.pdf"])
    for line in members.read("SHA256SUMS").decode().splitlines():
        digest, member = line.split("  ")
        assert hashlib.sha256(members.read(member)).hexdigest() == digest
    document = json.loads(members.read("case.json"))
    assert [entry["record"] for entry in document["evidence"]] == [None, "acquisitions.entry:0f3c"]
    assert AuditEvent.objects.filter(action="supervision.case_evidence_exported").count() == 1


def test_bad_evidence_is_refused(world: dict[str, Any]) -> None:
    case = open_case(world)
    before = snapshot()
    with pytest.raises(EvidenceInvalid) as caught:
        evidence.evidence_add(actor=world["supervision"], case_id=case.pk, description="", file_name="x.exe",
                              content=b"MZ", content_type="application/x-msdownload", record_ref="also")
    assert set(caught.value.errors) == {"description", "file"}
    with pytest.raises(CaseNotFound):
        evidence.evidence_add(actor=world["police"], case_id=case.pk, description="x", record_ref="y")
    with pytest.raises(CaseInvalid) as unknown:
        open_case(world, item_code="NOSUCHCODE")
    assert unknown.value.errors == {"item_code": ["No item has this passport code."]}
    assert snapshot() == before


def test_counterfeit_referrals_of_inspection_become_cases_once(world: dict[str, Any]) -> None:
    tac_entry()
    tac_entry(HUAWEI_TAC, brand="Huawei", model="Mate 40 Pro")
    inspector = staff_member(world["operator_a"], role=Role.INSPECTOR, username="inspector_a")
    item = phone(world["clerk_a"], world["operator_a"], imei=imei_with(HUAWEI_TAC))
    inspection_complete(actor=inspector, item_id=item.id, answers={**PHONE_OK, "certification_labels": "suspicious"})
    referral = referrals_list(world["supervision"])[0]

    opened = referrals_import(actor=world["supervision"])

    assert [(case.kind, case.source_ref, case.item_code, case.operator_id, case.status, case.authority)
            for case in opened] == [("counterfeit", f"inspection.referral:{referral.id}", item.code,
                                     world["operator_a"].pk, "open", "market_supervision")]
    assert list(opened[0].events.values_list("kind", flat=True)) == ["imported"]
    assert referrals_import(actor=world["supervision"]) == []
    with pytest.raises(PermissionDenied):
        referrals_import(actor=world["police"])
    assert Case.objects.count() == 1
