"""The API root: /api/v1 with OpenAPI docs; each context adds its router here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from recirc.accounts.api import router as accounts_router
from recirc.accounts.auth import api_auth
from recirc.acquisitions.api import router as acquisitions_router
from recirc.aftersales.api import router as aftersales_router
from recirc.auctions.api import router as auctions_router
from recirc.catalog.api import router as catalog_router
from recirc.core.errors import DomainError
from recirc.core.http import error_body
from recirc.erasure.api import router as erasure_router
from recirc.inspection.api import router as inspection_router
from recirc.items.api import router as items_router
from recirc.listings.api import router as listings_router
from recirc.moderation.api import router as moderation_router
from recirc.moderation.complaint_api import router as complaints_router
from recirc.operators.api import router as operators_router
from recirc.policing.api import router as policing_router
from recirc.privacy.api import router as privacy_router
from recirc.repairs.api import router as repairs_router
from recirc.supervision.api import router as supervision_router
from recirc.trade.api import router as trade_router
from recirc.valuation.api import router as valuation_router

api = NinjaAPI(title="Recirc API", version="1", urls_namespace="api-v1",
               description="The open API of a Recirc pilot city: operators, outlets, categories, items.")


@api.exception_handler(DomainError)
def domain_error_handler(request: HttpRequest, error: DomainError) -> HttpResponse:
    return api.create_response(request, error_body(error), status=error.status)


@api.exception_handler(NinjaValidationError)
def validation_error_handler(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for item in error.errors:
        location = [str(part) for part in item.get("loc", []) if part not in {"body", "query", "path", "payload"}]
        errors.setdefault(".".join(location) or "__all__", []).append(str(item.get("msg", "")))
    body = {"code": "core.invalid", "message": str(_("Some fields are not valid.")), "errors": errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error_handler(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    body = {"code": "core.unauthenticated", "message": str(_("Sign in or send a valid API token."))}
    return api.create_response(request, body, status=401)


@api.exception_handler(HttpError)
def http_error_handler(request: HttpRequest, error: HttpError) -> HttpResponse:
    return api.create_response(request, {"code": f"http.{error.status_code}", "message": str(error)},
                               status=error.status_code)


@api.get("/ping", auth=None, tags=["meta"])
def ping_api(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


api.add_router("/accounts", accounts_router)
api.add_router("/privacy", privacy_router)
api.add_router("/operators", operators_router)
api.add_router("/catalog", catalog_router)
api.add_router("/items", items_router)
api.add_router("/policing", policing_router)
api.add_router("/acquisitions", acquisitions_router)
api.add_router("/valuation", valuation_router)
api.add_router("/inspection", inspection_router)
api.add_router("/erasure", erasure_router)
api.add_router("/repairs", repairs_router)
api.add_router("/listings", listings_router)
api.add_router("/moderation", moderation_router)
api.add_router("/complaints", complaints_router, auth=api_auth)
api.add_router("/aftersales", aftersales_router)
api.add_router("/supervision", supervision_router)
api.add_router("/trade", trade_router)
api.add_router("/auctions", auctions_router)
