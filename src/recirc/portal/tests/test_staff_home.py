"""The staff home page: the figures of the user's own operator, after-sales cases among them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from recirc.items.tests.factories import OperatorFactory, OutletFactory, staff_member

pytestmark = pytest.mark.django_db


def test_the_staff_home_shows_open_after_sales_cases(db: Any, django_assert_max_num_queries: Any) -> None:
    operator = OperatorFactory(name="甲二手")
    clerk = staff_member(operator, outlet=OutletFactory(operator=operator), username="clerk.home")
    client = Client()
    client.force_login(clerk)
    with django_assert_max_num_queries(40):
        response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/aftersales/queue/">0</a></div><div class="label">未结售后单</div>' in page
