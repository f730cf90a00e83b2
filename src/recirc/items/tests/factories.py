"""Test data for items. Fixtures are exempt from the facade rule: they build operators rows through the
ORM (recirc.operators.models) because the operators context offers no factory of its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from recirc.catalog.models import Category
from recirc.core.roles import Role
from recirc.items.models import HoldKind, Item, ItemHold
from recirc.operators.models import District, Membership, Operator, OperatorKind, Outlet  # fixtures only

VALID_IMEI = "490154203237518"  # python-stdnum's documented example


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"

    username = factory.Sequence(lambda number: f"user{number}")
    display_name = factory.Sequence(lambda number: f"Display Name {number}")
    role = Role.CONSUMER
    password = factory.django.Password("correct horse battery staple")


def district() -> District:
    found, _created = District.objects.get_or_create(code="330106", defaults={"name": "西湖区", "name_en": "Xihu"})
    return found


class OperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operator

    kind = OperatorKind.ENTERPRISE
    name = factory.Sequence(lambda number: f"循环商行{number}号")
    credit_code = factory.Sequence(lambda number: f"91330106MA{number:08d}")
    district = factory.LazyFunction(district)
    registered_on = factory.LazyFunction(dt.date.today)


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    operator = factory.SubFactory(OperatorFactory)
    name = factory.Sequence(lambda number: f"门店{number}")
    district = factory.LazyFunction(district)
    address = "文三路 1 号"


def staff_member(operator: Operator | None = None, *, role: str = Role.CLERK, outlet: Outlet | None = None,
                 **user_fields: Any) -> Any:
    """A staff user with an open membership at the operator (a new one if not given)."""
    operator = operator or OperatorFactory()
    user = UserFactory(role=role, **user_fields)
    Membership.objects.create(user=user, operator=operator, outlet=outlet, role=role, started_on=dt.date.today())
    return user


def category(code: str = "mobile-phones") -> Category:
    return Category.objects.get(code=code)


class ItemFactory(factory.django.DjangoModelFactory):
    """A bare item row (no events): for read tests. Write tests use the services."""

    class Meta:
        model = Item

    code = factory.Sequence(lambda number: f"T{number:09d}"[:10].replace("I", "1"))
    category = factory.LazyFunction(lambda: category("clothing"))
    title = factory.Sequence(lambda number: f"Jacket {number}")
    brand = "Uniqlo"
    attributes = factory.LazyFunction(lambda: {"size": "M", "washed": True})
    owner_operator = factory.SubFactory(OperatorFactory)


def phone_attributes(**overrides: Any) -> dict[str, Any]:
    return {"storage_gb": "128", "colour": "黑色", "battery_health_percent": 91, **overrides}


class ItemHoldFactory(factory.django.DjangoModelFactory):
    """A bare hold row that changes no state: for gate and read tests. Write tests use the services."""

    class Meta:
        model = ItemHold

    item = factory.SubFactory(ItemFactory)
    kind = HoldKind.STATUTORY
    reason = "Statutory hold before resale"
    placed_at = factory.LazyFunction(timezone.now)
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
