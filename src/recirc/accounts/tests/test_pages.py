"""Pages: who may open them, and what they do. Denials change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recirc.accounts.models import ApiToken
from recirc.accounts.services import api_token_create, realname_verify
from recirc.accounts.tests.factories import UserFactory
from recirc.accounts.tests.helpers import VALID_ID, row_counts, self_verification
from recirc.core.roles import Role

pytestmark = pytest.mark.django_db
PAGES = ["account-verification", "account-tokens"]
FORM = {"document_type": "resident_id", "id_number": VALID_ID, "legal_name": "张三丰", "face_matched": "on",
        "consent": "on"}


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, name) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse(name)}"


@pytest.mark.parametrize(("role", "status"), [
    (Role.CONSUMER, 200), (Role.CLERK, 403), (Role.MODERATOR, 403), (Role.POLICE, 403),
    (Role.PLATFORM_ADMIN, 403)])
def test_only_consumers_open_the_verification_page(client, role, status) -> None:
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("account-verification")).status_code == status


@pytest.mark.parametrize("role", [Role.CLERK, Role.POLICE])
def test_non_consumers_cannot_post_a_verification(client, role) -> None:
    client.force_login(UserFactory(role=role))
    before = row_counts()
    assert client.post(reverse("account-verification"), FORM).status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize("role", list(Role))
def test_every_role_opens_the_tokens_page(client, role) -> None:
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("account-tokens")).status_code == 200


def test_a_consumer_verifies_on_the_page_and_sees_the_masked_number(client, consumer) -> None:
    client.force_login(consumer)
    response = client.post(reverse("account-verification"), FORM)
    assert (response.status_code, response["Location"]) == (303, reverse("account-verification"))
    page = client.get(reverse("account-verification")).content.decode()
    assert "110105********002X" in page
    assert "张**" in page
    assert VALID_ID not in page


def test_a_bad_number_is_shown_on_its_field_and_nothing_is_written(client, consumer) -> None:
    client.force_login(consumer)
    before = row_counts()
    response = client.post(reverse("account-verification"), {**FORM, "id_number": "110105194912310021"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["id_number"]
    assert row_counts() == before


def test_consent_is_asked_on_the_page(client, consumer) -> None:
    client.force_login(consumer)
    before = row_counts()
    response = client.post(reverse("account-verification"), {key: value for key, value in FORM.items()
                                                             if key != "consent"})
    assert list(response.context["form"].errors) == ["consent"]
    assert row_counts() == before


def test_the_page_shows_an_expired_verification(client, consumer) -> None:
    verification = realname_verify(**self_verification(consumer))
    type(verification).objects.filter(pk=verification.pk).update(expires_at=verification.verified_at)
    client.force_login(consumer)
    assert client.get(reverse("account-verification")).context["status"] == "expired"


def test_a_token_is_created_and_its_secret_shown_once(client, consumer) -> None:
    client.force_login(consumer)
    response = client.post(reverse("account-tokens"), {"name": "till", "expires_in_days": "30"})
    secret = response.context["new_secret"]
    token = ApiToken.objects.get()
    assert secret.startswith("rc_") and token.prefix == secret[:12]
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert secret not in client.get(reverse("account-tokens")).content.decode()


def test_the_token_list_shows_only_my_tokens_and_filters(client, consumer) -> None:
    mine, _secret = api_token_create(actor=consumer, name="stock sync")
    api_token_create(actor=consumer, name="till")
    api_token_create(actor=UserFactory(), name="someone else's")
    client.force_login(consumer)
    rows = client.get(reverse("account-tokens"), {"q": "stock"}).context["rows"]
    assert [row["token"] for row in rows] == [mine]
    all_rows = client.get(reverse("account-tokens")).context["rows"]
    assert sorted(row["token"].name for row in all_rows) == ["stock sync", "till"]


def test_the_empty_list_explains_what_to_do(client, consumer) -> None:
    client.force_login(consumer)
    response = client.get(reverse("account-tokens"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["rows"] == []
    assert "You have no API tokens yet." in response.content.decode()


def test_the_list_filter_answers_htmx_with_the_fragment(client, consumer) -> None:
    api_token_create(actor=consumer, name="till")
    client.force_login(consumer)
    response = client.get(reverse("account-tokens"), {"status": "active"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="token-list">')
    assert "<html" not in content


def test_revoking_asks_for_confirmation_then_revokes(client, consumer) -> None:
    token, _secret = api_token_create(actor=consumer, name="till")
    client.force_login(consumer)
    url = reverse("account-token-revoke", args=[token.pk])
    assert client.get(url).status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(url)
    assert (response.status_code, response["Location"]) == (303, reverse("account-tokens"))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_user_cannot_see_or_revoke_my_token(client, consumer) -> None:
    token, _secret = api_token_create(actor=consumer, name="till")
    client.force_login(UserFactory(role=Role.PLATFORM_ADMIN))
    url = reverse("account-token-revoke", args=[token.pk])
    before = row_counts()
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert row_counts() == before


def test_anonymous_visitors_cannot_revoke(client, consumer) -> None:
    token, _secret = api_token_create(actor=consumer, name="till")
    response = client.post(reverse("account-token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_page_does_not_grow_queries_with_its_length(client, consumer, django_assert_max_num_queries) -> None:
    for number in range(25):
        api_token_create(actor=consumer, name=f"token {number}")
    client.force_login(consumer)
    with django_assert_max_num_queries(8):  # session, user, count, page, messages
        response = client.get(reverse("account-tokens"))
    assert len(response.context["rows"]) == 20
    assert response.context["page"].paginator.count == 25
