"""Counterfeit referrals: opened by indicators (checklist authenticity findings, a TAC mismatch), one open per
item, the lifecycle open -> acknowledged -> closed with an outcome, refusals that change nothing, and the
evidence package."""

from __future__ import annotations

import json
from typing import Any

import pytest

from recirc.core.models import AuditEvent
from recirc.inspection import facade, referrals, services
from recirc.inspection.errors import ReferralCloseInvalid, ReferralForbidden, ReferralTransitionNotAllowed
from recirc.inspection.exports import evidence_package, evidence_response
from recirc.inspection.models import CounterfeitReferral
from recirc.inspection.tests.conftest import snapshot
from recirc.inspection.tests.factories import HUAWEI_TAC, PHONE_OK, imei_with, phone, tac_entry
from recirc.items.models import ItemEvent


@pytest.fixture
def referred(world: dict[str, Any]) -> CounterfeitReferral:
    tac_entry()
    tac_entry(HUAWEI_TAC, brand="Huawei", model="Mate 40 Pro")
    item = phone(world["clerk_a"], world["operator_a"], imei=imei_with(HUAWEI_TAC))
    services.inspection_complete(actor=world["inspector_a"], item_id=item.id,
                                 answers={**PHONE_OK, "certification_labels": "suspicious"})
    return CounterfeitReferral.objects.get(item_id=item.id)


def test_indicators_open_one_referral_with_every_reason(world: dict[str, Any], referred: CounterfeitReferral) -> None:
    assert (referred.status, referred.operator_id, [entry["code"] for entry in referred.indicators]) == (
        "open", world["operator_a"].pk, ["tac_mismatch", "checklist.certification_labels"])
    assert referred.inspection.report.payload["referred_to_market_supervision"] is True
    assert ItemEvent.objects.get(item_id=referred.item_id, kind="counterfeit_referred").is_public is False
    assert facade.counterfeit_referral_open(referred.item_id).id == referred.pk


def test_a_second_inspection_joins_the_open_referral(world: dict[str, Any], referred: CounterfeitReferral) -> None:
    services.inspection_complete(actor=world["inspector_a"], item_id=referred.item_id,
                                 answers={**PHONE_OK, "trademark": "suspicious"})
    assert CounterfeitReferral.objects.filter(item_id=referred.item_id).count() == 1


def test_no_indicator_no_referral(world: dict[str, Any]) -> None:
    item = phone(world["clerk_a"], world["operator_a"])
    services.inspection_complete(actor=world["inspector_a"], item_id=item.id, answers=PHONE_OK)
    assert (CounterfeitReferral.objects.count(), facade.counterfeit_referral_open(item.id)) == (0, None)


def test_the_lifecycle_acknowledge_then_close(world: dict[str, Any], referred: CounterfeitReferral) -> None:
    supervision = world["supervision"]
    referrals.referral_acknowledge(actor=supervision, referral_id=referred.pk)
    closed = referrals.referral_close(actor=supervision, referral_id=referred.pk, outcome="confirmed",
                                      case_number=" 杭市监 2026-118 ", note="假冒商标，已立案")
    assert (closed.status, closed.outcome, closed.case_number, closed.closing_note, closed.closed_by_id) == (
        "closed", "confirmed", "杭市监 2026-118", "假冒商标，已立案", supervision.pk)
    assert [event.action for event in AuditEvent.objects.filter(action__startswith="inspection.referral")
            .order_by("pk")] == ["inspection.referral_opened", "inspection.referral_acknowledged",
                                 "inspection.referral_closed"]
    assert ItemEvent.objects.get(item_id=referred.item_id, kind="counterfeit_referral_closed").data == {
        "referral_id": referred.pk, "outcome": "confirmed"}
    assert facade.counterfeit_referral_open(referred.item_id) is None


def test_an_open_referral_may_be_closed_directly(world: dict[str, Any], referred: CounterfeitReferral) -> None:
    closed = referrals.referral_close(actor=world["supervision"], referral_id=referred.pk, outcome="cleared")
    assert (closed.status, closed.acknowledged_at) == ("closed", None)


def test_transitions_outside_the_table_change_nothing(world: dict[str, Any], referred: CounterfeitReferral) -> None:
    referrals.referral_close(actor=world["supervision"], referral_id=referred.pk, outcome="transferred")
    before = snapshot()
    with pytest.raises(ReferralTransitionNotAllowed) as raised:
        referrals.referral_acknowledge(actor=world["supervision"], referral_id=referred.pk)
    assert raised.value.text() == "A referral that is “Closed” cannot become “Acknowledged”."
    with pytest.raises(ReferralTransitionNotAllowed):
        referrals.referral_close(actor=world["supervision"], referral_id=referred.pk, outcome="cleared")
    assert snapshot() == before


@pytest.mark.parametrize(("fields", "bad"), [
    ({"outcome": ""}, ["outcome"]), ({"outcome": "guilty"}, ["outcome"]),
    ({"outcome": "confirmed", "case_number": "x" * 65}, ["case_number"]),
    ({"outcome": "confirmed", "note": "x" * 1001}, ["note"]),
])
def test_a_bad_closing_changes_nothing(world: dict[str, Any], referred: CounterfeitReferral, fields: dict[str, str],
                                       bad: list[str]) -> None:
    before = snapshot()
    with pytest.raises(ReferralCloseInvalid) as raised:
        referrals.referral_close(actor=world["supervision"], referral_id=referred.pk, **fields)
    assert sorted(raised.value.errors) == bad
    assert snapshot() == before


@pytest.mark.parametrize("actor_key", ["inspector_a", "manager_a", "police", "consumer", "inspector_b"])
def test_only_market_supervision_handles_referrals(world: dict[str, Any], referred: CounterfeitReferral,
                                                   actor_key: str) -> None:
    before = snapshot()
    with pytest.raises(ReferralForbidden):
        referrals.referral_acknowledge(actor=world[actor_key], referral_id=referred.pk)
    with pytest.raises(ReferralForbidden):
        referrals.referral_close(actor=world[actor_key], referral_id=referred.pk, outcome="cleared")
    assert snapshot() == before


def test_the_evidence_package_holds_the_full_identifiers_and_a_verified_report(
        world: dict[str, Any], referred: CounterfeitReferral) -> None:
    package = evidence_package(referred)
    imei = imei_with(HUAWEI_TAC)
    assert package["format"] == "recirc.counterfeit-evidence/1"
    assert package["item"]["identifiers"] == [{"kind": "imei", "value": imei}]
    assert package["operator"]["credit_code"] == world["operator_a"].credit_code
    assert package["report"]["hash_verified"] is True
    assert package["inspection"]["identification"]["tac"][0]["verdict"] == "mismatch"
    assert json.loads(evidence_response(package, "json", referred.pk).content)["referral"]["id"] == referred.pk
    csv_text = evidence_response(package, "csv", referred.pk).content.decode("utf-8-sig")
    assert f"item.identifiers[0].value,{imei}" in csv_text
    assert "report.hash_verified,True" in csv_text


COUNTERFEIT_BLOCKER = "Suspected counterfeit: it may not be listed or sold while market supervision examines it."


def counterfeit_holds(item_id: int) -> list[tuple[str, bool]]:
    from recirc.items.models import ItemHold

    return [(hold.source_ref, hold.released_at is None)
            for hold in ItemHold.objects.filter(item_id=item_id, kind="counterfeit_referral").order_by("pk")]


def test_a_referral_keeps_the_item_out_of_circulation(world: dict[str, Any], referred: CounterfeitReferral) -> None:
    from recirc.items.facade import item_circulation_blockers

    blockers = {blocker.code: str(blocker.message) for blocker in item_circulation_blockers(referred.item_id)}
    assert blockers["items.counterfeit_referral"] == COUNTERFEIT_BLOCKER
    assert counterfeit_holds(referred.item_id) == [(f"inspection.referral:{referred.pk}", True)]


@pytest.mark.parametrize(("outcome", "still_held"), [("cleared", False), ("confirmed", True), ("transferred", True)])
def test_only_a_cleared_referral_releases_the_item(world: dict[str, Any], referred: CounterfeitReferral,
                                                   outcome: str, still_held: bool) -> None:
    from recirc.items.facade import item_circulation_blockers

    referrals.referral_close(actor=world["supervision"], referral_id=referred.pk, outcome=outcome,
                             case_number="杭市监 2026-118", note="核查完毕")
    codes = {blocker.code for blocker in item_circulation_blockers(referred.item_id)}
    assert ("items.counterfeit_referral" in codes) is still_held
    assert counterfeit_holds(referred.item_id) == [(f"inspection.referral:{referred.pk}", still_held)]


def test_nobody_places_or_releases_a_counterfeit_hold_by_hand(world: dict[str, Any],
                                                              referred: CounterfeitReferral) -> None:
    from recirc.core.errors import DomainError
    from recirc.items.facade import hold_place, hold_release
    from recirc.items.models import ItemHold

    hold = ItemHold.objects.get(item_id=referred.item_id, kind="counterfeit_referral")
    before = counterfeit_holds(referred.item_id)
    with pytest.raises(DomainError):
        hold_release(actor=world["police"], hold_id=hold.pk, reason="不需要")
    with pytest.raises(DomainError):
        hold_place(actor=world["police"], item_id=referred.item_id, kind="counterfeit_referral", reason="手工")
    assert counterfeit_holds(referred.item_id) == before
