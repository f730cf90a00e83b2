"""Idempotency keys: one row per (scope, user, key) holding the request's fingerprint and the answer given."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """A money-moving request a client may retry. The unique constraint makes concurrent duplicates wait for the
    first and then read its answer; a different body with the same key is refused."""

    scope = models.CharField(_("scope"), max_length=40)
    owner = models.CharField(_("whose key"), max_length=40, help_text=_("“user:<id>”, or “system”."))
    key = models.CharField(_("key"), max_length=80)
    fingerprint = models.CharField(_("request fingerprint (SHA-256)"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("answer status"), default=200)
    response = models.JSONField(_("answer"), default=dict)
    created_at = models.DateTimeField(_("first seen at"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["scope", "owner", "key"], name="idempotency_key_once_per_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"
