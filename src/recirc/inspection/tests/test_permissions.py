"""Who may do what, through the pages and the API: inspectors and managers of the item's operator inspect,
technicians read, market supervision handles referrals, other operators get 404, everyone else 403 (401 or
the sign-in page when anonymous). Every refusal leaves everything unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from recirc.inspection import services
from recirc.inspection.models import CounterfeitReferral, InspectionReport
from recirc.inspection.tests.conftest import snapshot
from recirc.inspection.tests.factories import HUAWEI_TAC, PHONE_OK, imei_with, phone, tac_entry

ROLES = ["anonymous", "consumer", "clerk_a", "technician_a", "inspector_a", "manager_a", "inspector_b", "supervision",
         "police"]


@pytest.fixture
def scene(world: dict[str, Any]) -> dict[str, Any]:
    tac_entry()
    tac_entry(HUAWEI_TAC, brand="Huawei", model="Mate 40 Pro")
    waiting = phone(world["clerk_a"], world["operator_a"])
    referred = phone(world["clerk_a"], world["operator_a"], imei=imei_with(HUAWEI_TAC))
    inspection = services.inspection_complete(actor=world["inspector_a"], item_id=referred.id, answers=PHONE_OK)
    return {"waiting": waiting, "report": inspection.report,
            "referral": CounterfeitReferral.objects.get(item_id=referred.id)}


def client_for(world: dict[str, Any], role: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if role != "anonymous":
        client.force_login(world[role])
    return client


def expect(role: str, allowed: set[str], *, other_operator: int = 403, success: int = 200) -> int:
    if role == "anonymous":
        return 302
    if role in allowed:
        return success
    return other_operator if role == "inspector_b" else 403


READERS = {"technician_a", "inspector_a", "manager_a", "supervision", "police"}
INSPECTORS = {"inspector_a", "manager_a"}


@pytest.mark.parametrize("role", ROLES)
def test_the_list_is_for_staff_who_inspect_or_repair_and_the_city_wide_roles(world: dict[str, Any],
                                                                            scene: dict[str, Any], role: str) -> None:
    response = client_for(world, role).get(reverse("inspection-list"))
    assert response.status_code == expect(role, READERS | {"inspector_b"})


@pytest.mark.parametrize("role", ROLES)
def test_only_inspectors_and_managers_of_the_operator_open_the_checklist(world: dict[str, Any], scene: dict[str, Any],
                                                                        role: str) -> None:
    response = client_for(world, role).get(reverse("inspection-inspect", args=[scene["waiting"].id]))
    assert response.status_code == expect(role, INSPECTORS, other_operator=404)


@pytest.mark.parametrize("role", ROLES)
def test_completing_an_inspection_and_refusals_change_nothing(world: dict[str, Any], scene: dict[str, Any],
                                                              role: str) -> None:
    before = snapshot()
    response = client_for(world, role).post(reverse("inspection-inspect", args=[scene["waiting"].id]), PHONE_OK)
    assert response.status_code == expect(role, INSPECTORS, other_operator=404, success=303)
    if role not in INSPECTORS:
        assert snapshot() == before
    else:
        assert InspectionReport.objects.filter(inspection__item_id=scene["waiting"].id).count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_reports_are_read_by_the_operators_staff_and_regulators(world: dict[str, Any], scene: dict[str, Any],
                                                                role: str) -> None:
    code = scene["report"].code
    for name in ("inspection-report", "inspection-report-print"):
        response = client_for(world, role).get(reverse(name, args=[code]))
        assert response.status_code == expect(role, READERS, other_operator=404)


@pytest.mark.parametrize("role", ROLES)
def test_the_verification_page_is_public(world: dict[str, Any], scene: dict[str, Any], role: str) -> None:
    assert client_for(world, role).get(reverse("inspection-verify", args=[scene["report"].code])).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_referral_pages_are_market_supervisions(world: dict[str, Any], scene: dict[str, Any], role: str) -> None:
    client, referral = client_for(world, role), scene["referral"]
    for url in (reverse("inspection-referrals"), reverse("inspection-referral-detail", args=[referral.pk]),
                reverse("inspection-referral-evidence", args=[referral.pk, "json"])):
        assert client.get(url).status_code == expect(role, {"supervision"})


@pytest.mark.parametrize("role", ROLES)
def test_acknowledging_and_closing_referrals(world: dict[str, Any], scene: dict[str, Any], role: str) -> None:
    client, referral = client_for(world, role), scene["referral"]
    before = snapshot()
    acknowledged = client.post(reverse("inspection-referral-acknowledge", args=[referral.pk]))
    closed = client.post(reverse("inspection-referral-close", args=[referral.pk]),
                         {"outcome": "confirmed", "case_number": "杭市监 1", "confirm": "on"})
    assert (acknowledged.status_code, closed.status_code) == (expect(role, {"supervision"}, success=303),) * 2
    referral.refresh_from_db()
    if role == "supervision":
        assert (referral.status, referral.outcome, referral.case_number) == ("closed", "confirmed", "杭市监 1")
    else:
        assert snapshot() == before


def test_closing_needs_the_confirmation(world: dict[str, Any], scene: dict[str, Any]) -> None:
    before = snapshot()
    response = client_for(world, "supervision").post(
        reverse("inspection-referral-close", args=[scene["referral"].pk]), {"outcome": "confirmed"})
    assert response.status_code == 422
    assert snapshot() == before



def api_status(role: str, allowed: set[str], *, other_operator: int = 403, success: int = 200) -> int:
    return 401 if role == "anonymous" else expect(role, allowed, other_operator=other_operator, success=success)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_applies_the_same_matrix(world: dict[str, Any], scene: dict[str, Any], role: str) -> None:
    client, waiting, referral = client_for(world, role), scene["waiting"], scene["referral"]
    assert client.get("/api/v1/inspection/inspections").status_code == api_status(role, READERS | {"inspector_b"})
    assert client.get(f"/api/v1/inspection/items/{waiting.id}/checklist").status_code == api_status(
        role, INSPECTORS, other_operator=404)
    assert client.get(f"/api/v1/inspection/reports/{scene['report'].code}").status_code == api_status(
        role, READERS, other_operator=404)
    assert client.get(f"/api/v1/inspection/verify/{scene['report'].code}").status_code == 200
    assert client.get("/api/v1/inspection/referrals").status_code == api_status(role, {"supervision"})
    before = snapshot()
    created = client.post(f"/api/v1/inspection/items/{waiting.id}/inspection", {"answers": PHONE_OK},
                          content_type="application/json")
    assert created.status_code == api_status(role, INSPECTORS, other_operator=404, success=201)
    acknowledged = client.post(f"/api/v1/inspection/referrals/{referral.pk}/acknowledge")
    assert acknowledged.status_code == api_status(role, {"supervision"})
    if role not in INSPECTORS | {"supervision"}:
        assert snapshot() == before
