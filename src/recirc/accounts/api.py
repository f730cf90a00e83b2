"""The accounts API: who am I, my API tokens, verifying myself."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts import selectors, services
from recirc.accounts.auth import api_auth
from recirc.accounts.models import ApiToken, RealNameVerification, User, VerificationMethod
from recirc.accounts.schemas import (
    ApiTokenCreatedOut,
    ApiTokenIn,
    ApiTokenOut,
    MeOut,
    VerificationIn,
    VerificationStatusOut,
)

router = Router(tags=["accounts"])


def _token_out(token: ApiToken) -> dict[str, Any]:
    return {"id": token.pk, "name": token.name, "prefix": token.prefix, "status": selectors.token_status(token),
            "created_at": token.created_at, "last_used_at": token.last_used_at, "expires_at": token.expires_at,
            "revoked_at": token.revoked_at}


def _verification_out(verification: RealNameVerification | None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": str(selectors.status_of(verification))}
    if verification is not None:
        body.update(id_masked=verification.id_masked, name_masked=verification.name_masked,
                    document_type=verification.document_type, verified_at=verification.verified_at,
                    expires_at=verification.expires_at)
    return body


@router.get("/me", auth=api_auth, response=MeOut)
def me_api(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    return {"id": user.pk, "username": user.username, "role": user.role,
            "display_name": user.display_name or user.username,
            "verification": _verification_out(selectors.current_verification(user))}


@router.get("/tokens", auth=api_auth, response=list[ApiTokenOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def api_token_list_api(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    return [_token_out(token) for token in selectors.api_token_list(actor=request.user, status=status)]


@router.post("/tokens", auth=api_auth, response={201: ApiTokenCreatedOut})
def api_token_create_api(request: HttpRequest, payload: ApiTokenIn) -> Status[dict[str, Any]]:
    token, secret = services.api_token_create(actor=request.user, name=payload.name,
                                              expires_in_days=payload.expires_in_days)
    return Status(201, {**_token_out(token), "secret": secret})


@router.delete("/tokens/{token_id}", auth=api_auth, response={204: None})
def api_token_revoke_api(request: HttpRequest, token_id: int) -> Status[None]:
    services.api_token_revoke(actor=request.user, token_id=token_id)
    return Status(204, None)


@router.post("/verification", auth=api_auth, response={201: VerificationStatusOut})
def realname_verify_api(request: HttpRequest, payload: VerificationIn) -> Status[dict[str, Any]]:
    """A consumer verifies themself (online document and face match), with the same rules as the page."""
    verification = services.realname_verify(
        actor=request.user, user=cast(User, request.user), document_type=payload.document_type,
        id_number=payload.id_number, legal_name=payload.legal_name, method=VerificationMethod.ONLINE_FACE_MATCH,
        face_matched=payload.face_matched, birth_date=payload.birth_date,
        consent_text_version=services.REALNAME_CONSENT_TEXT_VERSION if payload.consent else "")
    return Status(201, _verification_out(verification))
