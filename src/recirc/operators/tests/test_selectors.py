from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from recirc.core.errors import NotFound
from recirc.core.roles import Role
from recirc.operators import facade, selectors
from recirc.operators.models import OperatorKind, OperatorStatus
from recirc.operators.tests.factories import (
    DistrictFactory,
    MarketFactory,
    OperatorFactory,
    OutletFactory,
    StallFactory,
    StallTenancyFactory,
    UserFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_operators() -> tuple[Any, Any]:
    a = OperatorFactory(name="甲商行")
    b = OperatorFactory(name="乙商行")
    OutletFactory(operator=a, name="甲一店")
    OutletFactory(operator=a, name="甲二店")
    OutletFactory(operator=b, name="乙一店")
    return a, b


class TestRegistry:
    def test_public_sees_active_operators_only(self, anonymous: Any) -> None:
        active = OperatorFactory()
        OperatorFactory(status=OperatorStatus.SUSPENDED)
        OperatorFactory(status=OperatorStatus.CLOSED)
        assert list(selectors.operator_list(anonymous)) == [active]

    def test_city_wide_roles_see_every_status(self) -> None:
        OperatorFactory(), OperatorFactory(status=OperatorStatus.SUSPENDED)
        police = UserFactory(role=Role.POLICE)
        assert selectors.operator_list(police).count() == 2
        assert selectors.operator_list(police, status="suspended").count() == 1

    def test_staff_see_their_own_suspended_operator(self) -> None:
        own = OperatorFactory(status=OperatorStatus.SUSPENDED)
        OperatorFactory(status=OperatorStatus.SUSPENDED)
        clerk = staff_of(own)
        assert list(selectors.operator_list(clerk)) == [own]
        with pytest.raises(NotFound):
            selectors.operator_get(UserFactory(), own.pk)

    def test_search_filters_and_facets(self, consumer: Any) -> None:
        district = DistrictFactory()
        shop = OperatorFactory(name="滨江数码回收", kind=OperatorKind.ENTERPRISE, district=district)
        OperatorFactory(name="滨江旧货市场", kind=OperatorKind.TRANSACTION_MARKET, district=district)
        OperatorFactory(name="西湖书店")
        assert list(selectors.operator_list(consumer, query="滨江", kind="enterprise")) == [shop]
        assert list(selectors.operator_list(consumer, query=" " + shop.credit_code.lower())) == [shop]
        assert selectors.operator_list(consumer, district_code=district.code).count() == 2
        facets = {kind: count for kind, _label, count in selectors.operator_kind_facets(consumer, query="滨江")}
        assert facets == {"transaction_market": 1, "rural_trade_centre": 0, "online_platform": 0, "enterprise": 1,
                          "individual_operator": 0, "community_consignment_shop": 0}

    def test_city_code_filter_includes_its_districts(self, consumer: Any) -> None:
        from recirc.operators.models import District

        in_xihu = OperatorFactory(district=District.objects.get(code="330106"))
        OperatorFactory()
        assert list(selectors.operator_list(consumer, district_code="330100")) == [in_xihu]


class TestScoping:
    def test_clerk_of_a_sees_only_as_outlets(self, two_operators: tuple[Any, Any]) -> None:
        a, _b = two_operators
        clerk = staff_of(a)
        assert [outlet.name for outlet in selectors.outlet_list(clerk)] == ["甲一店", "甲二店"]

    def test_city_wide_roles_see_all_outlets_consumers_none(self, two_operators: Any, consumer: Any) -> None:
        assert selectors.outlet_list(UserFactory(role=Role.MARKET_SUPERVISION)).count() == 3
        assert selectors.outlet_list(consumer).count() == 0

    def test_staff_of_b_are_not_found_for_a_clerk(self, two_operators: tuple[Any, Any]) -> None:
        a, b = two_operators
        clerk = staff_of(a)
        staff_of(b)
        with pytest.raises(NotFound):
            selectors.staff_list(clerk, b.pk)
        with pytest.raises(NotFound):
            selectors.staff_list(clerk, 987654)  # missing answers the same

    def test_chain_head_staff_see_branch_outlets(self) -> None:
        head = OperatorFactory()
        branch = OperatorFactory(parent=head)
        OutletFactory(operator=branch, name="分店")
        assert [o.name for o in selectors.outlet_list(staff_of(head))] == ["分店"]
        assert selectors.outlet_list(staff_of(branch)).count() == 1

    def test_stall_list_shows_current_vendor(self) -> None:
        stall = StallFactory()
        tenancy = StallTenancyFactory(stall=stall)
        manager = staff_of(stall.market, role=Role.MARKET_MANAGER)
        stalls = list(selectors.stall_list(manager, stall.market_id))
        assert [(s.code, [t.vendor for t in s.current_tenancies]) for s in stalls] == [(stall.code, [tenancy.vendor])]
        with pytest.raises(NotFound):
            selectors.stall_list(staff_of(MarketFactory(), role=Role.MARKET_MANAGER), stall.market_id)

    def test_operator_detail_hides_staff_from_the_public(self, two_operators: tuple[Any, Any],
                                                         anonymous: Any) -> None:
        a, _b = two_operators
        staff_of(a)
        public = selectors.operator_detail(anonymous, a.pk)
        own = selectors.operator_detail(staff_of(a, role=Role.OPERATOR_MANAGER), a.pk)
        assert (public.staff, len(public.outlets)) == (None, 2)
        assert own.staff is not None and len(own.staff) == 2


class TestFacade:
    def test_counts_by_kind_and_district_equal_the_raw_rows(self) -> None:
        district = DistrictFactory()
        OperatorFactory.create_batch(2, district=district)
        market = MarketFactory(district=district)
        OperatorFactory(status=OperatorStatus.CLOSED, district=district)
        OutletFactory(operator=market), OutletFactory(operator=market, is_active=False)
        city = facade.operator_scope(UserFactory(role=Role.COMMERCE_REGULATOR))
        assert facade.operator_counts_by_kind(city) == {
            "transaction_market": 1, "rural_trade_centre": 0, "online_platform": 0, "enterprise": 2,
            "individual_operator": 0, "community_consignment_shop": 0}
        assert facade.operator_counts_by_kind(city, status=None)["enterprise"] == 3
        assert facade.operator_counts_by_district(city) == {district.code: 3}
        assert facade.outlet_count(city) == 1
        market_scope = facade.operator_scope(staff_of(market))
        assert facade.operator_counts_by_kind(market_scope)["enterprise"] == 0
        assert facade.outlet_count(market_scope, active_only=False) == 2
        assert facade.outlet_count(facade.NO_SCOPE) == 0

    def test_refs_choices_and_membership(self, django_assert_num_queries: Any) -> None:
        a, b = OperatorFactory(), OperatorFactory()
        with django_assert_num_queries(1):
            refs = facade.operator_refs([a.pk, b.pk, 987654])
        assert sorted(refs) == sorted([a.pk, b.pk])
        assert refs[a.pk].credit_code == a.credit_code
        clerk = staff_of(a)
        assert facade.operator_choices_for(clerk) == [(a.pk, a.name)]
        assert facade.membership_of(clerk).operator_id == a.pk  # type: ignore[union-attr]
        with translation.override("zh-hans"):
            assert ("330106", "西湖区 (330106)") in facade.district_choices()
        with translation.override("en"):
            assert ("330106", "Xihu District (330106)") in facade.district_choices()
        assert [code for code, _label in facade.district_choices(parent_code="330000")] == ["330100"]
