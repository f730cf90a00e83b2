"""The demo pilot city: deterministic, complete (every kind, every role), and built of valid synthetic data."""

from __future__ import annotations

import io
import random
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from stdnum import imei as imei_number
from stdnum.cn import ric, uscc

from recirc.acquisitions.models import AcquisitionEntry
from recirc.core.roles import Role
from recirc.demo.city import build_city
from recirc.demo.people import DEMO_LOGINS
from recirc.demo.synthetic import credit_code, imei, resident_id
from recirc.items.models import Item, ItemIdentifier
from recirc.listings.models import Listing
from recirc.operators.models import Operator, OperatorKind, Outlet
from recirc.policing.models import Alert

pytestmark = pytest.mark.django_db


def test_synthetic_numbers_pass_the_official_check_digits() -> None:
    rng = random.Random(1)
    assert all(ric.is_valid(resident_id(rng, "330106")) for _ in range(200))
    assert all(uscc.is_valid(credit_code(rng, "330106")) for _ in range(200))
    assert all(imei_number.is_valid(imei(rng, "Apple")) for _ in range(200))


def test_synthetic_identity_numbers_use_a_sequence_no_office_issues() -> None:
    number = resident_id(random.Random(3), "330102")
    assert number[14:16] == "99"


def test_a_small_city_has_every_kind_of_operator_and_every_role() -> None:
    city = build_city(scale=0.02, seed=11)
    kinds = Counter(Operator.objects.values_list("kind", flat=True))
    assert set(kinds) == set(OperatorKind.values)
    assert Operator.objects.count() == len(city.operators) == 46
    assert Outlet.objects.count() >= 100
    roles = set(get_user_model().objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert (city.item_count, city.acquisition_count, city.watchlist_count) == (60, 12, 6)
    # every passport is the stock's, the counter's, a customer's left for repair, or a resident's C2C listing
    # (sold items pass to their buyers, so ownership alone no longer tells them apart)
    c2c = Listing.objects.filter(seller_kind="consumer").count()
    assert c2c > 0
    assert Item.objects.count() == city.item_count + city.acquisition_count + city.customer_item_count + c2c
    assert Item.objects.filter(owner_user__isnull=False).count() >= city.customer_item_count + c2c > 0
    assert AcquisitionEntry.objects.count() == 12
    assert Alert.objects.filter(kind="watchlist_exact").count() == 2
    for value in ItemIdentifier.objects.filter(kind="imei").values_list("value", flat=True):
        assert imei_number.is_valid(value)


def _built_city(seed: int) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Build a city inside a transaction that is rolled back, and return what it made."""
    with transaction.atomic():
        build_city(scale=0.02, seed=seed)
        made = (list(Operator.objects.order_by("id").values_list("name", "credit_code", "district__code")),
                list(ItemIdentifier.objects.order_by("id").values_list("kind", "value")))
        transaction.set_rollback(True)
    return made


def test_the_same_seed_builds_the_same_city() -> None:
    first, second, other = _built_city(5), _built_city(5), _built_city(6)
    assert first == second
    assert first[0] != other[0]
    assert Operator.objects.count() == 0


def test_the_command_refuses_a_second_city_and_prints_the_logins() -> None:
    out = io.StringIO()
    call_command("demo_city", "--scale", "0.02", "--seed", "3", verbosity=0, stdout=out)
    users = get_user_model().objects.count()
    out = io.StringIO()
    call_command("demo_city", "--scale", "0.02", "--if-empty", stdout=out)
    assert get_user_model().objects.count() == users
    printed = out.getvalue()
    assert all(login.username in printed for login in DEMO_LOGINS)
    with pytest.raises(SystemExit):
        call_command("demo_city", "--scale", "0.02", stdout=io.StringIO(), stderr=io.StringIO())
    assert get_user_model().objects.count() == users
