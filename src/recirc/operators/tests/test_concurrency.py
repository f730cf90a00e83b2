"""Races that only a real database with row locks can show (run with DATABASE_URL=postgres://...).

The data is self-contained (no reliance on migration reference data), because transactional tests end
with a flush; the skip is decided at collection so SQLite never sets up the transactional database.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from recirc.core.roles import Role
from recirc.core.testing import race
from recirc.operators.models import Operator, OperatorKind, StallTenancy
from recirc.operators.services import operator_register, stall_tenancy_start
from recirc.operators.tests.factories import (
    DistrictFactory,
    OperatorFactory,
    StallFactory,
    UserFactory,
    valid_credit_code,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_two_lets_of_one_stall_at_once_admit_exactly_one() -> None:
    stall = StallFactory()
    admin = UserFactory(role=Role.PLATFORM_ADMIN)
    vendors = OperatorFactory.create_batch(2, kind=OperatorKind.INDIVIDUAL_OPERATOR)

    results = race(*[lambda v=vendor: stall_tenancy_start(actor=admin, stall_id=stall.pk, vendor_id=v.pk,
                                                          starts_on=dt.date(2031, 1, 1)) for vendor in vendors])
    assert results == ["ok", "operators.tenancy_overlap"]
    assert StallTenancy.objects.filter(stall=stall).count() == 1

def test_two_registrations_of_one_credit_code_admit_exactly_one() -> None:
    regulator = UserFactory(role=Role.COMMERCE_REGULATOR)
    district = DistrictFactory()
    code = valid_credit_code(31337)
    results = race(*[lambda name=name: operator_register(actor=regulator, kind=OperatorKind.ENTERPRISE, name=name,
                                                         credit_code=code, district_code=district.code)
                     for name in ("甲", "乙")])
    assert results == ["ok", "operators.credit_code_taken"]
    assert Operator.objects.filter(credit_code=code).count() == 1
