"""`recirc createadmin` creates exactly one platform administrator; bad input creates nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from recirc.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_creates_a_platform_administrator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-and-unusual-passphrase-42")
    call_command("createadmin", "--username", "chief", "--password-from-env", "ADMIN_PASSWORD")
    user = get_user_model().objects.get(username="chief")
    assert (user.role, user.is_staff, user.is_superuser) == ("platform_admin", True, True)
    assert user.check_password("a-long-and-unusual-passphrase-42")
    assert AuditEvent.objects.filter(action="accounts.user_created", target_id=str(user.pk)).count() == 1


@pytest.mark.parametrize("password", ["", "123"])
def test_a_weak_or_missing_password_creates_nothing(monkeypatch: pytest.MonkeyPatch, password: str) -> None:
    monkeypatch.setenv("ADMIN_PASSWORD", password)
    with pytest.raises(CommandError):
        call_command("createadmin", "--username", "chief", "--password-from-env", "ADMIN_PASSWORD")
    assert get_user_model().objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_taken_username_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-and-unusual-passphrase-42")
    call_command("createadmin", "--username", "chief", "--password-from-env", "ADMIN_PASSWORD")
    with pytest.raises(CommandError):
        call_command("createadmin", "--username", "chief", "--password-from-env", "ADMIN_PASSWORD")
    assert get_user_model().objects.filter(username="chief").count() == 1
