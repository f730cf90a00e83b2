"""/api/v1/operators/: the public registry, outlets, staff and districts. Handlers stay thin."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.operators import selectors, services
from recirc.operators.schemas import (
    DistrictFilter,
    DistrictOut,
    MembershipIn,
    MembershipOut,
    OperatorFilter,
    OperatorIn,
    OperatorOut,
    OperatorStatusIn,
    OutletFilter,
    OutletIn,
    OutletOut,
)

router = Router(tags=["operators"])


def anonymous_allowed(request: HttpRequest) -> Any:
    """Public reads: anyone may call; a sent but invalid token still gets 401 rather than anonymity."""
    if request.META.get("HTTP_AUTHORIZATION"):
        return None
    return request.user


public_auth = [*api_auth, anonymous_allowed]
PAGE_SIZE = settings.API_PAGE_SIZE


@router.get("/", response=list[OperatorOut], auth=public_auth)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def operator_list_api(request: HttpRequest, filters: Query[OperatorFilter]) -> Any:
    return selectors.operator_list(request.user, **filters.dict())


@router.post("/", response={201: OperatorOut}, auth=api_auth)
def operator_register_api(request: HttpRequest, payload: OperatorIn) -> Any:
    return Status(201, services.operator_register(actor=request.user, **payload.dict()))


@router.get("/districts", response=list[DistrictOut], auth=public_auth)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def district_list_api(request: HttpRequest, filters: Query[DistrictFilter]) -> Any:
    return selectors.district_list(parent_code=filters.parent_code)


@router.get("/outlets", response=list[OutletOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def outlet_list_api(request: HttpRequest, filters: Query[OutletFilter]) -> Any:
    return selectors.outlet_list(request.user, **filters.dict())


@router.get("/{int:operator_id}", response=OperatorOut, auth=public_auth)
def operator_get_api(request: HttpRequest, operator_id: int) -> Any:
    return selectors.operator_get(request.user, operator_id)


@router.post("/{int:operator_id}/status", response=OperatorOut, auth=api_auth)
def operator_change_status_api(request: HttpRequest, operator_id: int, payload: OperatorStatusIn) -> Any:
    return services.operator_change_status(actor=request.user, operator_id=operator_id, **payload.dict())


@router.get("/{int:operator_id}/outlets", response=list[OutletOut], auth=public_auth)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def operator_outlet_list_api(request: HttpRequest, operator_id: int) -> Any:
    operator = selectors.operator_get(request.user, operator_id)
    return selectors.operator_public_outlets(request.user, operator).select_related("operator")


@router.post("/{int:operator_id}/outlets", response={201: OutletOut}, auth=api_auth)
def outlet_create_api(request: HttpRequest, operator_id: int, payload: OutletIn) -> Any:
    return Status(201, services.outlet_create(actor=request.user, operator_id=operator_id, **payload.dict()))


@router.get("/{int:operator_id}/staff", response=list[MembershipOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def staff_list_api(request: HttpRequest, operator_id: int) -> Any:
    return selectors.staff_list(request.user, operator_id)


@router.post("/{int:operator_id}/staff", response={201: MembershipOut}, auth=api_auth)
def membership_add_api(request: HttpRequest, operator_id: int, payload: MembershipIn) -> Any:
    return Status(201, services.membership_add(actor=request.user, operator_id=operator_id, **payload.dict()))
