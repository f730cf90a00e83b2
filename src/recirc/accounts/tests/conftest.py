from __future__ import annotations

import pytest

from recirc.accounts.tests.factories import ConsumerFactory, ModeratorFactory


@pytest.fixture
def consumer():  # type: ignore[no-untyped-def]
    return ConsumerFactory(username="xiaoming")


@pytest.fixture
def moderator():  # type: ignore[no-untyped-def]
    return ModeratorFactory(username="moderator")
