from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.operators.models import District, Operator, OperatorKind, OperatorStatus
from recirc.operators.tests.factories import (
    MarketFactory,
    OperatorFactory,
    OutletFactory,
    StallFactory,
    UserFactory,
    staff_of,
    valid_credit_code,
)

pytestmark = pytest.mark.django_db


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


class TestRegistryPage:
    def test_lists_filters_and_counts_by_kind(self) -> None:
        OperatorFactory(name="拱墅二手家具", kind=OperatorKind.ENTERPRISE)
        OperatorFactory(name="拱墅旧货市场", kind=OperatorKind.TRANSACTION_MARKET)
        OperatorFactory(name="西湖书店")
        response = client_for().get(reverse("operator-list"), {"query": "拱墅", "kind": "enterprise"})
        assert response.status_code == 200
        page = response.context["page"]
        assert [operator.name for operator in page.object_list] == ["拱墅二手家具"]
        facets = {kind: count for kind, _label, count in response.context["facets"]}
        assert (facets["enterprise"], facets["transaction_market"], facets["online_platform"]) == (1, 1, 0)
        assert "table-wrap" in response.content.decode()

    def test_htmx_request_gets_only_the_results_partial(self) -> None:
        OperatorFactory(name="临平回收")
        response = client_for().get(reverse("operator-list"), {"query": "临平"}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert "临平回收" in html
        assert "<html" not in html and 'id="results"' not in html

    def test_empty_state(self) -> None:
        html = client_for().get(reverse("operator-list"), {"query": "nothing-like-this"}).content.decode()
        assert "No operator matches these filters." in html

    def test_twenty_per_page(self) -> None:
        OperatorFactory.create_batch(21)
        first = client_for().get(reverse("operator-list"))
        second = client_for().get(reverse("operator-list"), {"page": 2})
        assert (len(first.context["page"].object_list), len(second.context["page"].object_list)) == (20, 1)

    @pytest.mark.parametrize("number", [3, 30])
    def test_query_count_does_not_grow_with_operators(self, number: int,
                                                      django_assert_max_num_queries: Any) -> None:
        # given 3 or 30 operators, each with an outlet (the page would N+1 on districts if not joined)
        for _ in range(number):
            OutletFactory(operator=OperatorFactory())
        client = client_for(UserFactory(role=Role.COMMERCE_REGULATOR))
        # when the registry page is rendered: districts, session, user, count, facets, page
        with django_assert_max_num_queries(6):
            response = client.get(reverse("operator-list"))
        # then
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == min(number, 20)

    def test_query_count_is_the_same_for_3_and_30_operators(self) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = client_for(staff_of(OperatorFactory()))
        counts = []
        for batch in (2, 27):
            OperatorFactory.create_batch(batch)
            with CaptureQueriesContext(connection) as queries:
                client.get(reverse("operator-list"))
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestExports:
    @pytest.fixture
    def operators(self) -> list[Operator]:
        district = District.objects.get(code="330106")
        first = OperatorFactory(name="=HYPERLINK(\"x\")", name_en="Formula Ltd", credit_code=valid_credit_code(11),
                                licence_number="LIC-1", district=district, registered_on=dt.date(2025, 3, 1),
                                licence_valid_from=dt.date(2024, 1, 1), licence_valid_until=dt.date(2044, 1, 1))
        second = OperatorFactory(name="西湖旧货市场", name_en="", kind=OperatorKind.TRANSACTION_MARKET,
                                 credit_code=valid_credit_code(12), licence_number="", district=district,
                                 registered_on=dt.date(2025, 3, 2))
        OperatorFactory(name="不在筛选里")
        return [first, second]

    HEADER = ["Unified social credit code", "Name", "English name", "Type", "District code", "District", "Status",
              "Business licence number", "Licence valid from", "Licence valid until", "Registered on"]

    def expected_rows(self, operators: list[Operator]) -> list[list[str]]:
        first, second = operators
        return [
            self.HEADER,
            [first.credit_code, "'=HYPERLINK(\"x\")", "Formula Ltd", "Circulation enterprise", "330106", "西湖区",
             "Active", "LIC-1", "2024-01-01", "2044-01-01", "2025-03-01"],
            [second.credit_code, "西湖旧货市场", "", "Second-hand transaction market", "330106", "西湖区", "Active",
             "", "", "", "2025-03-02"],
        ]

    def test_csv_holds_exactly_the_filtered_rows(self, operators: list[Operator]) -> None:
        response = client_for().get(reverse("operator-export-csv"), {"district_code": "330106"})
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="operators.csv"'
        expected = "\ufeff" + "".join(
            ",".join(f'"{cell.replace(chr(34), chr(34) * 2)}"' if ("," in cell or '"' in cell) else cell
                     for cell in row) + "\r\n" for row in self.expected_rows(operators))
        assert response.content.decode("utf-8") == expected

    def test_xlsx_holds_exactly_the_filtered_rows(self, operators: list[Operator]) -> None:
        response = client_for().get(reverse("operator-export-xlsx"), {"district_code": "330106"})
        assert response["Content-Disposition"] == 'attachment; filename="operators.xlsx"'
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
        assert rows == self.expected_rows(operators)
        assert sheet.title == "Operators"


class TestDetailPage:
    def test_public_sees_licence_and_outlets_not_staff(self) -> None:
        outlet = OutletFactory(name="文三路店")
        staff_of(outlet.operator)
        html = client_for().get(reverse("operator-detail", args=[outlet.operator_id])).content.decode()
        assert outlet.operator.credit_code in html and "文三路店" in html
        assert "Business licence" in html
        assert "<h2>Staff</h2>" not in html

    def test_market_staff_see_staff_and_stalls(self, django_assert_max_num_queries: Any) -> None:
        stall = StallFactory(code="Z-9")
        StallFactory.create_batch(3, market=stall.market, outlet=stall.outlet)
        manager = staff_of(stall.market, role=Role.MARKET_MANAGER)
        client = client_for(manager)
        with django_assert_max_num_queries(9):
            html = client.get(reverse("operator-detail", args=[stall.market_id])).content.decode()
        assert "<h2>Staff</h2>" in html and manager.username in html
        assert "<h2>Stalls</h2>" in html and "Z-9" in html

    def test_suspended_operator_page_is_not_found_for_the_public(self) -> None:
        operator = OperatorFactory(status=OperatorStatus.SUSPENDED)
        assert client_for().get(reverse("operator-detail", args=[operator.pk])).status_code == 404


class TestOutletListPage:
    def test_needs_sign_in(self) -> None:
        response = client_for().get(reverse("outlet-list"))
        assert response.status_code == 302

    def test_clerk_sees_own_outlets_only(self) -> None:
        mine, _theirs = OutletFactory(name="我的店"), OutletFactory(name="别人的店")
        response = client_for(staff_of(mine.operator)).get(reverse("outlet-list"))
        assert [outlet.name for outlet in response.context["page"].object_list] == ["我的店"]


class TestCreatePage:
    def form_data(self, **overrides: str) -> dict[str, str]:
        return {"kind": "enterprise", "name": "余杭循环电子", "credit_code": valid_credit_code(777),
                "district_code": "330110", **overrides}

    def test_regulator_registers_and_is_sent_to_the_new_page(self) -> None:
        client = client_for(UserFactory(role=Role.COMMERCE_REGULATOR))
        assert client.get(reverse("operator-create")).status_code == 200
        response = client.post(reverse("operator-create"), self.form_data())
        operator = Operator.objects.get()
        assert (response.status_code, response["Location"]) == (303, reverse("operator-detail", args=[operator.pk]))

    def test_invalid_code_is_shown_on_its_field_and_nothing_is_written(self) -> None:
        client = client_for(UserFactory(role=Role.PLATFORM_ADMIN))
        audit_before = AuditEvent.objects.count()
        response = client.post(reverse("operator-create"), self.form_data(credit_code="91330100000000777A"))
        assert response.status_code == 422
        assert response.context["form"].errors == {"credit_code": [
            "Enter a valid 18-character unified social credit code; the check digit does not match."]}
        assert (Operator.objects.count(), AuditEvent.objects.count()) == (0, audit_before)

    def test_duplicate_code_says_already_registered(self) -> None:
        existing = MarketFactory()
        client = client_for(UserFactory(role=Role.PLATFORM_ADMIN))
        response = client.post(reverse("operator-create"), self.form_data(credit_code=existing.credit_code))
        assert response.context["form"].errors == {"credit_code": [
            "An operator with this unified social credit code is already registered."]}

    @pytest.mark.parametrize("role", [Role.CONSUMER, Role.OPERATOR_MANAGER, Role.POLICE])
    def test_other_roles_are_forbidden(self, role: Role) -> None:
        response = client_for(UserFactory(role=role)).post(reverse("operator-create"), self.form_data())
        assert response.status_code == 403
        assert Operator.objects.count() == 0

    def test_anonymous_goes_to_sign_in(self) -> None:
        assert client_for().get(reverse("operator-create")).status_code == 302
