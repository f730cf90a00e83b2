from __future__ import annotations

import base64

import pytest

from recirc.privacy.tests.factories import ActorFactory

KEY_ONE = base64.b64encode(b"k" * 32).decode()
KEY_TWO = base64.b64encode(b"t" * 32).decode()


@pytest.fixture
def actor():  # type: ignore[no-untyped-def]
    return ActorFactory()


@pytest.fixture
def one_key(settings):  # type: ignore[no-untyped-def]
    settings.VAULT_KEYS = f"k1:{KEY_ONE}"
    settings.VAULT_ACTIVE_KEY_ID = "k1"
    return settings
