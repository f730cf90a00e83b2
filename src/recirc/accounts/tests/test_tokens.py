"""API token services: only the digest is stored; revoking is scoped to the owner and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from recirc.accounts.auth import token_digest
from recirc.accounts.errors import ApiTokenNotFound
from recirc.accounts.models import ApiToken
from recirc.accounts.services import api_token_create, api_token_revoke, api_tokens_revoke_as_admin
from recirc.accounts.tests.factories import UserFactory
from recirc.accounts.tests.helpers import row_counts
from recirc.core.errors import PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role

pytestmark = pytest.mark.django_db


def test_only_the_digest_and_prefix_are_stored(consumer) -> None:
    _token, secret = api_token_create(actor=consumer, name=" till ", expires_in_days=30)
    stored = ApiToken.objects.get()
    assert len(secret) == 3 + 43 and secret.startswith("rc_")
    assert (stored.user, stored.name, stored.prefix, stored.digest) == (consumer, "till", secret[:12],
                                                                         token_digest(secret))
    assert stored.expires_at - stored.created_at == pytest.approx(dt.timedelta(days=30), abs=dt.timedelta(seconds=1))
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.payload["prefix"]) == ("accounts.token_created", consumer, secret[:12])
    assert secret not in str(event.payload)


@pytest.mark.parametrize(("name", "days", "field"), [("", None, "name"), ("x" * 81, None, "name"),
                                                      ("ok", 0, "expires_in_days"), ("ok", 3651, "expires_in_days")])
def test_bad_tokens_are_refused(consumer, name, days, field) -> None:
    with pytest.raises(ValidationFailed) as raised:
        api_token_create(actor=consumer, name=name, expires_in_days=days)
    assert list(raised.value.errors) == [field]
    assert row_counts()["tokens"] == 0


def test_anonymous_actors_get_no_token() -> None:
    with pytest.raises(PermissionDenied):
        api_token_create(actor=AnonymousUser(), name="x")


def test_revoking_is_audited_once(consumer) -> None:
    token, _secret = api_token_create(actor=consumer, name="till")
    api_token_revoke(actor=consumer, token_id=token.pk)
    api_token_revoke(actor=consumer, token_id=token.pk)
    assert AuditEvent.objects.filter(action="accounts.token_revoked").count() == 1


def test_revoking_someone_elses_token_is_not_found(consumer) -> None:
    token, _secret = api_token_create(actor=consumer, name="till")
    with pytest.raises(ApiTokenNotFound):
        api_token_revoke(actor=UserFactory(role=Role.PLATFORM_ADMIN), token_id=token.pk)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_administrator_revokes_any_token_through_the_admin_service(consumer) -> None:
    token, _secret = api_token_create(actor=consumer, name="till")
    admin = UserFactory(role=Role.PLATFORM_ADMIN)
    assert api_tokens_revoke_as_admin(actor=admin, token_ids=[token.pk]) == 1
    token.refresh_from_db()
    assert token.revoked_at is not None
    with pytest.raises(PermissionDenied):
        api_tokens_revoke_as_admin(actor=consumer, token_ids=[token.pk])
