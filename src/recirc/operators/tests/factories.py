"""factory_boy factories for the operators context. Credit codes are valid (check digit computed)."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory
from stdnum.cn import uscc

from recirc.core.roles import Role
from recirc.operators.models import (
    District,
    Membership,
    Operator,
    OperatorKind,
    Outlet,
    OutletKind,
    Stall,
    StallTenancy,
)


def valid_credit_code(number: int, *, region: str = "330100") -> str:
    """An 18-character unified social credit code with a correct check digit (GB 32100)."""
    body = f"91{region}{number:09d}"
    return body + uscc.calc_check_digit(body)


class UserFactory(DjangoModelFactory):
    """Users through get_user_model(): the accounts context is built in parallel."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.CONSUMER
    password = factory.django.Password("correct horse battery staple")


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"99{n % 10000:04d}")  # outside real GB/T 2260 codes
    name = factory.Sequence(lambda n: f"测试区{n}")
    name_en = factory.Sequence(lambda n: f"Test District {n}")
    population = 100_000


class OperatorFactory(DjangoModelFactory):
    class Meta:
        model = Operator

    kind = OperatorKind.ENTERPRISE
    name = factory.Sequence(lambda n: f"循环商行{n:03d}")
    name_en = factory.Sequence(lambda n: f"Recirc Trading {n:03d}")
    credit_code = factory.Sequence(lambda n: valid_credit_code(n + 1))
    licence_number = factory.Sequence(lambda n: f"330100{n:09d}")
    district = factory.SubFactory(DistrictFactory)
    registered_on = factory.LazyFunction(timezone.localdate)


class MarketFactory(OperatorFactory):
    kind = OperatorKind.TRANSACTION_MARKET
    name = factory.Sequence(lambda n: f"二手市场{n:03d}")


class OutletFactory(DjangoModelFactory):
    class Meta:
        model = Outlet

    operator = factory.SubFactory(OperatorFactory)
    name = factory.Sequence(lambda n: f"门店{n:03d}")
    kind = OutletKind.STORE
    district = factory.SelfAttribute("operator.district")
    address = factory.Sequence(lambda n: f"文三路{n}号")


class MembershipFactory(DjangoModelFactory):
    """A staff membership; the user is created with the same role, as membership_add requires."""

    class Meta:
        model = Membership

    role = Role.CLERK
    user = factory.SubFactory(UserFactory, role=factory.SelfAttribute("..role"))
    operator = factory.SubFactory(OperatorFactory)
    started_on = factory.LazyFunction(timezone.localdate)


class StallFactory(DjangoModelFactory):
    class Meta:
        model = Stall

    market = factory.SubFactory(MarketFactory)
    outlet = factory.SubFactory(OutletFactory, operator=factory.SelfAttribute("..market"), kind=OutletKind.MARKET)
    code = factory.Sequence(lambda n: f"A-{n:03d}")
    area_m2 = Decimal("6.00")
    monthly_rent = Decimal("800.00")


class StallTenancyFactory(DjangoModelFactory):
    class Meta:
        model = StallTenancy

    stall = factory.SubFactory(StallFactory)
    vendor = factory.SubFactory(OperatorFactory, kind=OperatorKind.INDIVIDUAL_OPERATOR)
    starts_on = factory.LazyFunction(timezone.localdate)


def staff_of(operator: Operator, role: str = Role.CLERK, **kwargs: object) -> object:
    """A user holding `role` with an open membership at `operator`."""
    return MembershipFactory(operator=operator, role=role, **kwargs).user
