"""Test data for the catalogue."""

from __future__ import annotations

import factory

from recirc.core.roles import Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"

    username = factory.Sequence(lambda number: f"catalog-user{number}")
    role = Role.PLATFORM_ADMIN
