"""The API root: /api/v1 with OpenAPI docs; each context adds its router here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from recirc.accounts.api import router as accounts_router
from recirc.catalog.api import router as catalog_router
from recirc.core.errors import DomainError
from recirc.core.http import error_body
from recirc.items.api import router as items_router
from recirc.operators.api import router as operators_router
from recirc.privacy.api import router as privacy_router

api = NinjaAPI(title="Recirc API", version="1", urls_namespace="api-v1",
               description="The open API of a Recirc pilot city: operators, outlets, categories, items.")


@api.exception_handler(DomainError)
def domain_error_handler(request: HttpRequest, error: DomainError) -> HttpResponse:
    return api.create_response(request, error_body(error), status=error.status)


@api.get("/ping", auth=None, tags=["meta"])
def ping_api(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


api.add_router("/accounts", accounts_router)
api.add_router("/privacy", privacy_router)
api.add_router("/operators", operators_router)
api.add_router("/catalog", catalog_router)
api.add_router("/items", items_router)
