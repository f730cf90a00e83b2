"""Reads of the accounts context, scoped to the actor: a user sees only their own tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from recirc.accounts.errors import ApiTokenNotFound
from recirc.accounts.models import ApiToken, RealNameStatus, RealNameVerification


class TokenStatus:
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def current_verification(user: Any) -> RealNameVerification | None:
    """The user's newest verification that was not revoked (it may have expired)."""
    if user is None or getattr(user, "pk", None) is None:
        return None
    return (RealNameVerification.objects.filter(user_id=user.pk, revoked_at__isnull=True)
            .order_by("-verified_at", "-id").first())


def status_of(verification: RealNameVerification | None) -> RealNameStatus:
    if verification is None:
        return RealNameStatus.NONE
    return RealNameStatus.VERIFIED if verification.expires_at > timezone.now() else RealNameStatus.EXPIRED


def realname_status(user: Any) -> RealNameStatus:
    """verified, expired (due again) or none."""
    return status_of(current_verification(user))


def api_token_list(*, actor: Any, status: str = "", search: str = "") -> QuerySet[ApiToken]:
    """The actor's own tokens, newest first, optionally by status and name."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ApiToken.objects.none()
    tokens = ApiToken.objects.filter(user_id=actor.pk)
    now = timezone.now()
    live = Q(revoked_at__isnull=True)
    if status == TokenStatus.ACTIVE:
        tokens = tokens.filter(live & (Q(expires_at__isnull=True) | Q(expires_at__gt=now)))
    elif status == TokenStatus.EXPIRED:
        tokens = tokens.filter(live & Q(expires_at__lte=now))
    elif status == TokenStatus.REVOKED:
        tokens = tokens.filter(revoked_at__isnull=False)
    if search.strip():
        tokens = tokens.filter(name__icontains=search.strip())
    return tokens.order_by("-created_at", "-id")


def api_token_get(*, actor: Any, token_id: int, for_update: bool = False) -> ApiToken:
    """One of the actor's own tokens; another user's token is as missing as a token that never existed."""
    tokens = api_token_list(actor=actor)
    if for_update:
        tokens = tokens.select_for_update()
    token = tokens.filter(pk=token_id).first()
    if token is None:
        raise ApiTokenNotFound()
    return token


def token_status(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return TokenStatus.REVOKED
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return TokenStatus.EXPIRED
    return TokenStatus.ACTIVE
