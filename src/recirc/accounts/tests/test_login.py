"""Sign-in, sign-out and the lockout after repeated failures (django-axes)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from recirc.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("login"), {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="en")


def test_the_urls_are_under_accounts() -> None:
    assert (reverse("login"), reverse("logout")) == ("/accounts/login/", "/accounts/logout/")


def test_the_sign_in_page_renders(client) -> None:
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert f"After {settings.AXES_FAILURE_LIMIT} failed attempts" in response.content.decode()


def test_sign_in_and_out(client, consumer) -> None:
    response = sign_in(client, "xiaoming", PASSWORD)
    assert (response.status_code, response["Location"]) == (302, reverse("home"))
    assert client.get(reverse("account-tokens")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("account-tokens")).status_code == 302


def test_a_wrong_password_shows_the_form_again(client, consumer) -> None:
    response = sign_in(client, "xiaoming", "wrong")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_lockout_after_the_failure_limit_refuses_even_the_right_password(client, consumer, settings) -> None:
    settings.AXES_COOLOFF_TIME = 0.25  # hours
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [sign_in(client, "xiaoming", f"wrong-{attempt}").status_code for attempt in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    # when the right password comes next
    response = sign_in(client, "xiaoming", PASSWORD)
    # then
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    content = response.content.decode()
    assert "Sign-in paused" in content
    assert "Try again in 15 minutes." in content
    assert client.get(reverse("account-tokens")).status_code == 302


def test_a_lockout_is_per_user_name(client, consumer) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "someone-else", f"wrong-{attempt}")
    assert sign_in(client, "xiaoming", PASSWORD).status_code == 302
