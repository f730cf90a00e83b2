"""The accounts API: authentication, my tokens, self-verification. Errors are {code, message}."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from recirc.accounts.models import ApiToken
from recirc.accounts.services import api_token_create, api_token_revoke
from recirc.accounts.tests.factories import UserFactory
from recirc.accounts.tests.helpers import VALID_ID, row_counts
from recirc.core.roles import Role

pytestmark = pytest.mark.django_db
BASE = "/api/v1/accounts"
VERIFY = {"document_type": "resident_id", "id_number": VALID_ID, "legal_name": "张三丰", "face_matched": True,
          "consent": True}
UNAUTHENTICATED = {"code": "core.unauthenticated", "message": "Sign in or send a valid API token."}


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/me"), ("get", "/tokens"), ("post", "/tokens"), ("delete", "/tokens/1"), ("post", "/verification")])
def test_anonymous_requests_get_401(client, method, path) -> None:
    response = getattr(client, method)(BASE + path, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_me_with_a_bearer_token(client, consumer) -> None:
    _token, secret = api_token_create(actor=consumer, name="cli")
    response = client.get(f"{BASE}/me", **bearer(secret))
    assert response.status_code == 200
    assert response.json() == {"id": consumer.pk, "username": "xiaoming", "role": "consumer",
                               "display_name": "Xiaoming",
                               "verification": {"status": "none", "id_masked": None, "name_masked": None,
                                                "document_type": None, "verified_at": None, "expires_at": None}}


def test_me_with_the_session(client, consumer) -> None:
    client.force_login(consumer)
    assert client.get(f"{BASE}/me").json()["username"] == "xiaoming"


@pytest.mark.parametrize("spoil", ["revoke", "expire", "deactivate", "garble"])
def test_revoked_expired_or_unknown_tokens_get_401(client, consumer, spoil) -> None:
    token, secret = api_token_create(actor=consumer, name="cli")
    if spoil == "revoke":
        api_token_revoke(actor=consumer, token_id=token.pk)
    elif spoil == "expire":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    elif spoil == "deactivate":
        type(consumer).objects.filter(pk=consumer.pk).update(is_active=False)
    else:
        secret += "x"
    response = client.get(f"{BASE}/me", **bearer(secret))
    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_create_list_and_revoke_tokens(client, consumer) -> None:
    _token, secret = api_token_create(actor=consumer, name="cli")
    created = client.post(f"{BASE}/tokens", {"name": "stock sync", "expires_in_days": 30},
                          content_type="application/json", **bearer(secret))
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("rc_") and body["prefix"] == body["secret"][:12]
    assert (body["name"], body["status"], body["revoked_at"]) == ("stock sync", "active", None)
    listed = client.get(f"{BASE}/tokens", **bearer(secret)).json()
    assert listed["count"] == 2
    assert [item["name"] for item in listed["items"]] == ["stock sync", "cli"]
    assert all("secret" not in item and "digest" not in item for item in listed["items"])
    assert client.delete(f"{BASE}/tokens/{body['id']}", **bearer(secret)).status_code == 204
    assert client.get(f"{BASE}/me", **bearer(body["secret"])).status_code == 401
    assert client.get(f"{BASE}/tokens", {"status": "revoked"}, **bearer(secret)).json()["count"] == 1


def test_another_user_cannot_revoke_my_token(client, consumer) -> None:
    mine, my_secret = api_token_create(actor=consumer, name="cli")
    _theirs, their_secret = api_token_create(actor=UserFactory(role=Role.PLATFORM_ADMIN), name="admin")
    before = row_counts()
    response = client.delete(f"{BASE}/tokens/{mine.pk}", **bearer(their_secret))
    assert response.status_code == 404
    assert response.json()["code"] == "accounts.token_not_found"
    mine.refresh_from_db()
    assert mine.revoked_at is None
    assert client.get(f"{BASE}/me", **bearer(my_secret)).status_code == 200
    assert row_counts() == before


@pytest.mark.parametrize(("payload", "field"), [
    ({"name": "", "expires_in_days": None}, "name"),
    ({"name": "x", "expires_in_days": 0}, "expires_in_days"),
    ({"name": "x", "expires_in_days": 100000}, "expires_in_days"),
])
def test_bad_token_requests_get_422_and_create_nothing(client, consumer, payload, field) -> None:
    client.force_login(consumer)
    before = row_counts()
    response = client.post(f"{BASE}/tokens", payload, content_type="application/json")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    assert row_counts() == before


def test_a_consumer_verifies_through_the_api(client, consumer) -> None:
    _token, secret = api_token_create(actor=consumer, name="app")
    response = client.post(f"{BASE}/verification", VERIFY, content_type="application/json", **bearer(secret))
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["id_masked"], body["name_masked"]) == ("verified", "110105********002X", "张**")
    assert client.get(f"{BASE}/me", **bearer(secret)).json()["verification"]["status"] == "verified"


def test_an_invalid_number_gets_the_field_error_and_writes_nothing(client, consumer) -> None:
    client.force_login(consumer)
    before = row_counts()
    response = client.post(f"{BASE}/verification", {**VERIFY, "id_number": "110105194912310021"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json() == {
        "code": "accounts.id_check_digit",
        "message": "The check digit (the last character) of this identity number is wrong. "
                   "Compare the number with the card.",
        "errors": {"id_number": ["The check digit (the last character) of this identity number is wrong. "
                                 "Compare the number with the card."]}}
    assert row_counts() == before


@pytest.mark.parametrize("role", [Role.CLERK, Role.MODERATOR, Role.POLICE, Role.PLATFORM_ADMIN])
def test_non_consumers_get_403_on_verification(client, role) -> None:
    client.force_login(UserFactory(role=role))
    before = row_counts()
    response = client.post(f"{BASE}/verification", VERIFY, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "accounts.only_consumers"
    assert row_counts() == before


def test_the_token_list_does_not_grow_queries_with_its_length(client, consumer, django_assert_max_num_queries) -> None:
    _token, secret = api_token_create(actor=consumer, name="cli")
    client.get(f"{BASE}/tokens", **bearer(secret))  # warm up: last_used_at is written at most once a minute
    for number in range(15):
        api_token_create(actor=consumer, name=f"token {number}")
    with django_assert_max_num_queries(4):  # auth lookup, count, page
        response = client.get(f"{BASE}/tokens", **bearer(secret))
    assert response.json()["count"] == 16
