"""What other contexts get from accounts."""

from __future__ import annotations

import pytest
from django.utils import timezone

from recirc.accounts import facade
from recirc.accounts.models import RealNameVerification, User
from recirc.accounts.services import realname_verify
from recirc.accounts.tests.factories import UserFactory
from recirc.accounts.tests.helpers import self_verification
from recirc.core.errors import NotFound, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role

pytestmark = pytest.mark.django_db


def test_a_verified_consumer_is_a_verified_seller_until_it_expires(consumer) -> None:
    assert facade.is_verified_seller(consumer) is False
    verification = realname_verify(**self_verification(consumer))
    assert facade.is_verified_seller(consumer) is True
    RealNameVerification.objects.filter(pk=verification.pk).update(expires_at=timezone.now())
    assert facade.is_verified_seller(consumer) is False


def test_verification_of_carries_tokens_and_masks_only(consumer) -> None:
    assert facade.verification_of(consumer) is None
    verification = realname_verify(**self_verification(consumer))
    ref = facade.verification_of(consumer)
    assert ref is not None
    assert (ref.id, ref.user_id, ref.id_masked, ref.name_masked, ref.status, ref.is_current) == (
        verification.pk, consumer.pk, "110105********002X", "张**", "verified", True)
    assert ref.id_token.startswith("pii_") and ref.name_token.startswith("pii_")
    assert "11010519491231002X" not in repr(ref)


def test_user_ref_and_users_with_role(consumer) -> None:
    UserFactory(username="ann", role=Role.POLICE)
    UserFactory(username="bob", role=Role.POLICE, is_active=False)
    assert facade.user_ref(consumer.pk) == facade.UserRef(id=consumer.pk, username="xiaoming",
                                                          display_name="Xiaoming", role="consumer", is_active=True)
    assert [ref.username for ref in facade.users_with_role(Role.POLICE)] == ["ann"]
    with pytest.raises(NotFound):
        facade.user_ref(999999)
    with pytest.raises(ValidationFailed):
        facade.users_with_role("wizard")


def test_user_create_gives_administrators_the_admin() -> None:
    admin = facade.user_create(actor=None, username="root", password="pw", role=Role.PLATFORM_ADMIN,
                               display_name="管理员", email="root@example.org")
    clerk = facade.user_create(actor=admin, username="clerk", password="pw", role=Role.CLERK)
    assert (admin.is_staff, admin.is_superuser, admin.check_password("pw")) == (True, True, True)
    assert (clerk.is_staff, clerk.is_superuser, clerk.role) == (False, False, "clerk")
    events = list(AuditEvent.objects.order_by("id").values_list("action", "actor_label", "payload"))
    assert events == [("accounts.user_created", "system", {"username": "root", "role": "platform_admin"}),
                      ("accounts.user_created", "root", {"username": "clerk", "role": "clerk"})]


@pytest.mark.parametrize(("arguments", "field"), [
    ({"username": "x", "password": "pw", "role": "wizard"}, "role"),
    ({"username": "", "password": "pw", "role": "consumer"}, "username"),
    ({"username": "x", "password": "", "role": "consumer"}, "password"),
    ({"username": "taken", "password": "pw", "role": "consumer"}, "username"),
])
def test_user_create_refuses_bad_input(arguments, field) -> None:
    UserFactory(username="taken")
    before = User.objects.count()
    with pytest.raises(ValidationFailed) as raised:
        facade.user_create(actor=None, **arguments)
    assert list(raised.value.errors) == [field]
    assert User.objects.count() == before
    assert AuditEvent.objects.count() == 0


def test_user_counts_by_role(consumer) -> None:
    UserFactory(role=Role.POLICE)
    UserFactory(role=Role.POLICE)
    UserFactory(role=Role.CLERK, is_active=False)
    assert facade.user_counts_by_role() == {"consumer": 1, "police": 2}
