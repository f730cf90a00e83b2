"""role_required sends anonymous users to sign in, refuses the wrong role with 403 and admits the right one."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import resolve_url
from django.test import Client

from recirc.core.errors import PermissionDenied
from recirc.core.permissions import has_role, is_operator_staff, require_role, role_of, sees_whole_city
from recirc.core.roles import Role
from recirc.core.tests import role_urls

PAGE = "/test-only/clerks/"
pytestmark = pytest.mark.urls("recirc.core.tests.role_urls")


@pytest.fixture(autouse=True)
def _no_calls() -> None:
    role_urls.view_calls.clear()


def signed_in(django_user_model: Any, role: Role) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_user(username=f"user-{role}", password="x", role=role))
    return client


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page() -> None:
    response = Client().get(PAGE)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={PAGE}"
    assert resolve_url(settings.LOGIN_URL) == "/accounts/login/"
    assert role_urls.view_calls == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CONSUMER, Role.INSPECTOR, Role.POLICE, Role.PLATFORM_ADMIN])
def test_the_wrong_role_gets_a_403_page_with_the_error_code(django_user_model: Any, role: Role) -> None:
    response = signed_in(django_user_model, role).get(PAGE, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert response.context["error_code"] == "core.forbidden"
    assert "core.forbidden" in response.content.decode()
    assert role_urls.view_calls == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CLERK, Role.OPERATOR_MANAGER])
def test_the_right_role_reaches_the_view(django_user_model: Any, role: Role) -> None:
    response = signed_in(django_user_model, role).get(PAGE)

    assert response.status_code == 200
    assert response.content == b"intake desk"
    assert role_urls.view_calls == [f"user-{role}"]


def user_with(django_user_model: Any, role: Role) -> Any:
    return django_user_model(username=f"unsaved-{role}", role=role)


@pytest.mark.parametrize(
    ("role", "staff", "city_wide"),
    [
        (Role.CONSUMER, False, False),
        (Role.CLERK, True, False),
        (Role.INSPECTOR, True, False),
        (Role.TECHNICIAN, True, False),
        (Role.OPERATOR_MANAGER, True, False),
        (Role.MARKET_MANAGER, True, False),
        (Role.MODERATOR, False, True),
        (Role.COMMERCE_REGULATOR, False, True),
        (Role.POLICE, False, True),
        (Role.MARKET_SUPERVISION, False, True),
        (Role.PLATFORM_ADMIN, False, True),
    ],
)
def test_role_predicates(django_user_model: Any, role: Role, staff: bool, city_wide: bool) -> None:
    user = user_with(django_user_model, role)

    assert role_of(user) == role
    assert (is_operator_staff(user), sees_whole_city(user)) == (staff, city_wide)
    assert has_role(user, role) and has_role(user, "consumer", role)


def test_an_anonymous_user_has_no_role() -> None:
    for user in (None, AnonymousUser()):
        assert role_of(user) is None
        assert not has_role(user, *Role)
        assert not sees_whole_city(user)
        with pytest.raises(PermissionDenied):
            require_role(user, list(Role))


def test_require_role_refuses_the_wrong_role(django_user_model: Any) -> None:
    police = user_with(django_user_model, Role.POLICE)

    require_role(police, [Role.POLICE, Role.COMMERCE_REGULATOR])
    with pytest.raises(PermissionDenied) as caught:
        require_role(police, [Role.CLERK])
    assert (caught.value.code, caught.value.status) == ("core.forbidden", 403)
