"""API authentication: bearer tokens (digest lookup) and the browser session (with CSRF)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from recirc.accounts.models import ApiToken


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; revoked, expired or inactive users' tokens are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        now = timezone.now()
        api_token = (ApiToken.objects.select_related("user")
                     .filter(digest=token_digest(token), revoked_at__isnull=True).first())
        if api_token is None or not api_token.user.is_active:
            return None
        if api_token.expires_at is not None and api_token.expires_at <= now:
            return None
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


api_token_auth = ApiTokenAuth()
api_auth = [api_token_auth, django_auth]
