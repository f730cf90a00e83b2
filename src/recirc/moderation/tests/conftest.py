"""People of the moderation tests: a platform administrator, a moderator, a consumer, a clerk, a regulator."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.core.roles import Role
from recirc.items.tests.factories import OperatorFactory, UserFactory, staff_member


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    return {"admin": UserFactory(role=Role.PLATFORM_ADMIN, username="admin", display_name="平台管理员"),
            "moderator": UserFactory(role=Role.MODERATOR, username="moderator", display_name="吴审核"),
            "consumer": UserFactory(role=Role.CONSUMER, username="xiaoyu", display_name="小雨"),
            "clerk": staff_member(OperatorFactory(), username="clerk"),
            "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="commerce")}
