from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.operators.models import Operator, OperatorStatus
from recirc.operators.tests.factories import (
    OperatorFactory,
    OutletFactory,
    UserFactory,
    staff_of,
    valid_credit_code,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/operators"


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


class TestRegistryApi:
    def test_anyone_lists_active_operators_paginated(self) -> None:
        operators = OperatorFactory.create_batch(3)
        OperatorFactory(status=OperatorStatus.SUSPENDED)
        response = client_for().get(f"{BASE}/", {"page_size": 2})
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 3
        assert [item["id"] for item in body["items"]] == [operators[0].pk, operators[1].pk]
        first = operators[0]
        assert body["items"][0] == {
            "id": first.pk, "kind": "enterprise", "name": first.name, "name_en": first.name_en,
            "credit_code": first.credit_code, "district_code": first.district.code,
            "district_name": first.district.name, "status": "active", "licence_number": first.licence_number,
            "licence_valid_from": None, "licence_valid_until": None, "legal_representative_masked": "",
            "registered_address": "", "parent_id": None, "is_franchise": False,
            "registered_on": first.registered_on.isoformat()}

    def test_filters_and_get_by_id(self) -> None:
        shop = OperatorFactory(name="钱塘回收站")
        OperatorFactory()
        response = client_for().get(f"{BASE}/", {"query": "钱塘"})
        assert [item["id"] for item in response.json()["items"]] == [shop.pk]
        assert client_for().get(f"{BASE}/{shop.pk}").json()["credit_code"] == shop.credit_code

    def test_suspended_operator_is_not_found_for_the_public_but_seen_by_regulators(self) -> None:
        hidden = OperatorFactory(status=OperatorStatus.SUSPENDED)
        not_found = client_for().get(f"{BASE}/{hidden.pk}")
        assert (not_found.status_code, not_found.json()["code"]) == (404, "core.not_found")
        assert client_for(UserFactory(role=Role.COMMERCE_REGULATOR)).get(f"{BASE}/{hidden.pk}").status_code == 200

    def test_invalid_bearer_token_is_refused_not_treated_as_anonymous(self) -> None:
        response = client_for().get(f"{BASE}/", HTTP_AUTHORIZATION="Bearer not-a-token")
        assert response.status_code == 401

    def test_valid_bearer_token_is_accepted(self) -> None:
        import hashlib

        from recirc.accounts.models import ApiToken

        # the token model stores the SHA-256 digest of the secret (accounts.auth)
        regulator = UserFactory(role=Role.COMMERCE_REGULATOR)
        ApiToken.objects.create(user=regulator, name="ci", prefix="abc",
                                digest=hashlib.sha256(b"s3cret-token").hexdigest())
        hidden = OperatorFactory(status=OperatorStatus.CLOSED)
        response = client_for().get(f"{BASE}/{hidden.pk}", HTTP_AUTHORIZATION="Bearer s3cret-token")
        assert response.status_code == 200


class TestRegisterApi:
    payload = {"kind": "online_platform", "name": "杭州闲转网络科技有限公司", "district_code": "330108"}

    def test_regulator_registers(self) -> None:
        code = valid_credit_code(5150)
        response = client_for(UserFactory(role=Role.COMMERCE_REGULATOR)).post(
            f"{BASE}/", {**self.payload, "credit_code": code}, content_type="application/json")
        assert response.status_code == 201
        assert response.json()["credit_code"] == code
        assert Operator.objects.get(credit_code=code).district.code == "330108"

    def test_invalid_credit_code_gives_code_field_and_writes_nothing(self) -> None:
        regulator = UserFactory(role=Role.COMMERCE_REGULATOR)
        audit_before = AuditEvent.objects.count()
        response = client_for(regulator).post(f"{BASE}/", {**self.payload, "credit_code": "91330100000000001X"},
                                              content_type="application/json")
        assert response.status_code == 422
        assert response.json() == {
            "code": "operators.credit_code_invalid",
            "message": "Enter a valid 18-character unified social credit code; the check digit does not match.",
            "errors": {"credit_code": [
                "Enter a valid 18-character unified social credit code; the check digit does not match."]}}
        assert (Operator.objects.count(), AuditEvent.objects.count()) == (0, audit_before)

    @pytest.mark.parametrize("role, status", [(None, 401), (Role.CONSUMER, 403), (Role.POLICE, 403)])
    def test_others_may_not_register(self, role: Role | None, status: int) -> None:
        user = None if role is None else UserFactory(role=role)
        response = client_for(user).post(f"{BASE}/", {**self.payload, "credit_code": valid_credit_code(5151)},
                                         content_type="application/json")
        assert response.status_code == status
        assert Operator.objects.count() == 0


class TestOutletsApi:
    def test_clerk_of_a_lists_as_outlets_only(self) -> None:
        a, b = OperatorFactory(), OperatorFactory()
        mine = OutletFactory(operator=a)
        OutletFactory(operator=b)
        response = client_for(staff_of(a)).get(f"{BASE}/outlets")
        assert response.status_code == 200
        assert [(item["id"], item["operator_id"]) for item in response.json()["items"]] == [(mine.pk, a.pk)]
        assert response.json()["count"] == 1

    def test_outlets_need_a_signed_in_user(self) -> None:
        assert client_for().get(f"{BASE}/outlets").status_code == 401

    def test_public_outlets_of_an_operator(self) -> None:
        outlet = OutletFactory()
        OutletFactory(operator=outlet.operator, is_active=False)
        response = client_for().get(f"{BASE}/{outlet.operator_id}/outlets")
        assert [item["id"] for item in response.json()["items"]] == [outlet.pk]

    def test_manager_creates_outlet_and_stranger_is_refused(self) -> None:
        operator = OperatorFactory()
        body = {"name": "拱墅店", "district_code": "330105", "address": "杭州市拱墅区湖墅南路1号"}
        stranger = staff_of(OperatorFactory(), role=Role.OPERATOR_MANAGER)
        refused = client_for(stranger).post(f"{BASE}/{operator.pk}/outlets", body, content_type="application/json")
        assert (refused.status_code, refused.json()["code"]) == (403, "core.forbidden")
        manager = staff_of(operator, role=Role.OPERATOR_MANAGER)
        created = client_for(manager).post(f"{BASE}/{operator.pk}/outlets", body, content_type="application/json")
        assert created.status_code == 201
        assert created.json()["district_name"] == "拱墅区"
        assert operator.outlets.count() == 1


class TestStaffApi:
    def test_staff_of_b_is_not_found_for_a_clerk_of_a(self) -> None:
        a, b = OperatorFactory(), OperatorFactory()
        staff_of(b)
        response = client_for(staff_of(a)).get(f"{BASE}/{b.pk}/staff")
        assert (response.status_code, response.json()["code"]) == (404, "core.not_found")

    def test_own_staff_list(self) -> None:
        a = OperatorFactory()
        clerk = staff_of(a)
        response = client_for(clerk).get(f"{BASE}/{a.pk}/staff")
        assert [(item["username"], item["role"]) for item in response.json()["items"]] == [(clerk.username, "clerk")]


def test_districts_are_public_and_filterable() -> None:
    response = client_for().get(f"{BASE}/districts", {"parent_code": "330100", "page_size": 100})
    body = response.json()
    assert body["count"] == 13
    assert body["items"][0] == {"code": "330102", "name": "上城区", "name_en": "Shangcheng District",
                                "parent_code": "330100", "population": 1_320_000}


def test_regulator_suspends_through_the_api_and_the_public_no_longer_sees_it() -> None:
    operator = OperatorFactory()
    regulator = UserFactory(role=Role.COMMERCE_REGULATOR)
    response = client_for(regulator).post(f"{BASE}/{operator.pk}/status", {"status": "suspended", "reason": "检查"},
                                          content_type="application/json")
    assert (response.status_code, response.json()["status"]) == (200, "suspended")
    assert client_for().get(f"{BASE}/{operator.pk}").status_code == 404
    again = client_for(regulator).post(f"{BASE}/{operator.pk}/status", {"status": "suspended"},
                                       content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (409, "operators.transition_not_allowed")


def test_manager_adds_staff_through_the_api() -> None:
    operator = OperatorFactory()
    manager = staff_of(operator, role=Role.OPERATOR_MANAGER)
    newcomer = UserFactory(role=Role.TECHNICIAN)
    response = client_for(manager).post(f"{BASE}/{operator.pk}/staff", {"user_id": newcomer.pk, "role": "technician"},
                                         content_type="application/json")
    assert response.status_code == 201
    assert (response.json()["username"], response.json()["role"]) == (newcomer.username, "technician")
    mismatch = client_for(manager).post(f"{BASE}/{operator.pk}/staff",
                                        {"user_id": UserFactory(role=Role.CLERK).pk, "role": "technician"},
                                        content_type="application/json")
    assert (mismatch.status_code, mismatch.json()["code"], list(mismatch.json()["errors"])) == (
        422, "operators.membership_role_mismatch", ["role"])
