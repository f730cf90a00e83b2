"""Valuation API: estimates, the model registry, price observations (list, create, import). Estimates and
reads: operator staff, regulators and the platform administrator; recording and importing: the platform
administrator and operator managers; activating a model: the platform administrator. Other signed-in users
get 403 (valuation.forbidden) and nothing changes; anonymous callers get 401.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.catalog.facade import category_get
from recirc.valuation import estimates, imports, policy, selectors, services
from recirc.valuation.schemas import (
    EstimateIn,
    EstimateResultOut,
    ImportOut,
    ModelFilter,
    ModelOut,
    ObservationFilter,
    ObservationIn,
    ObservationOut,
)

router = Router(tags=["valuation"], auth=api_auth)


@router.post("/estimate", response=EstimateResultOut)
def estimate_api(request: HttpRequest, payload: EstimateIn) -> Any:
    """The estimate with its interval and the most similar past sales; `known` is false when nothing is
    known about such an article (no model for its brand, too few comparable sales)."""
    policy.require(policy.may_estimate(request.user))
    category = category_get(int(payload.category) if payload.category.isdigit() else payload.category)
    result = estimates.estimate(category_id=category.id, brand=payload.brand, model_name=payload.model_name,
                                attributes=payload.attributes, grade=payload.grade,
                                grading_scheme=payload.grading_scheme, on_date=payload.on_date)
    return {"known": result is not None, "estimate": result}


@router.get("/models", response=list[ModelOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def model_list_api(request: HttpRequest, filters: ModelFilter = Query(...)) -> Any:  # noqa: B008
    policy.require(policy.may_estimate(request.user))
    return selectors.model_list(request.user, category_id=filters.category)


@router.get("/models/{int:model_id}", response=ModelOut)
def model_get_api(request: HttpRequest, model_id: int) -> Any:
    policy.require(policy.may_estimate(request.user))
    return selectors.model_get(request.user, model_id)


@router.post("/models/{int:model_id}/activate", response=ModelOut)
def model_activate_api(request: HttpRequest, model_id: int) -> Any:
    services.model_activate(actor=request.user, model_id=model_id)
    return selectors.model_get(request.user, model_id)


@router.get("/observations", response=list[ObservationOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def observation_list_api(request: HttpRequest, filters: ObservationFilter = Query(...)) -> Any:  # noqa: B008
    policy.require(policy.may_estimate(request.user))
    return selectors.observation_list(request.user, query=filters.q, category_id=filters.category,
                                      source=filters.source, date_from=filters.date_from, date_to=filters.date_to)


@router.post("/observations", response={201: ObservationOut})
def observation_create_api(request: HttpRequest, payload: ObservationIn) -> Any:
    return Status(201, services.observation_record(actor=request.user, data=payload.dict()))


@router.post("/observations/import", response={201: ImportOut})
def observation_import_api(request: HttpRequest, file: UploadedFile = File(...)) -> Any:  # noqa: B008
    """CSV or XLSX (see the template on the import page). All rows or none: a 422 lists every bad row under
    errors.file as "Line N: reason"."""
    rows = imports.observations_import(actor=request.user, file_name=file.name or "", content=file.read())
    return Status(201, {"count": len(rows)})
