"""Factories of the accounts context."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory, Password

from recirc.accounts.models import User
from recirc.core.roles import Role

PASSWORD = "a-long-test-password-42"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda number: f"user{number}")
    display_name = factory.LazyAttribute(lambda user: user.username.title())
    role = Role.CONSUMER
    password = Password(PASSWORD)


class ConsumerFactory(UserFactory):
    role = Role.CONSUMER


class ModeratorFactory(UserFactory):
    role = Role.MODERATOR
