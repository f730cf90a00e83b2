"""Admin: role visible and filterable; verifications masked; token digests never shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recirc.accounts.models import ApiToken
from recirc.accounts.services import api_token_create, realname_verify
from recirc.accounts.tests.factories import UserFactory
from recirc.accounts.tests.helpers import self_verification
from recirc.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(username="root", role=Role.PLATFORM_ADMIN, is_staff=True, is_superuser=True))
    return client


def test_users_are_filtered_by_role(admin_client, consumer) -> None:
    UserFactory(username="officer", role=Role.POLICE)
    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"role__exact": "police"})
    assert response.status_code == 200
    assert [user.username for user in response.context["cl"].result_list] == ["officer"]


def test_the_user_page_shows_the_role(admin_client, consumer) -> None:
    response = admin_client.get(reverse("admin:accounts_user_change", args=[consumer.pk]))
    assert response.status_code == 200
    assert 'name="role"' in response.content.decode()


def test_verifications_show_masks_only(admin_client, consumer) -> None:
    verification = realname_verify(**self_verification(consumer))
    for url in [reverse("admin:accounts_realnameverification_changelist"),
                reverse("admin:accounts_realnameverification_change", args=[verification.pk])]:
        content = admin_client.get(url).content.decode()
        assert "110105********002X" in content
        assert "11010519491231002X" not in content
        assert verification.id_token not in content


def test_token_pages_never_show_the_digest(admin_client, consumer) -> None:
    token, secret = api_token_create(actor=consumer, name="till")
    content = admin_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).content.decode()
    assert token.digest not in content and secret not in content
    assert admin_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_the_revoke_action_revokes(admin_client, consumer) -> None:
    token, _secret = api_token_create(actor=consumer, name="till")
    admin_client.post(reverse("admin:accounts_apitoken_changelist"),
                      {"action": "revoke_tokens", "_selected_action": [token.pk]})
    assert ApiToken.objects.get().revoked_at is not None
