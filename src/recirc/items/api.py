"""Items API: scoped lists and details, registration, transitions, and the public passport.

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.catalog.facade import category_get
from recirc.core.errors import NotFound, ValidationFailed
from recirc.items import selectors, services
from recirc.items.schemas import ItemFilter, ItemIn, ItemOut, PassportOut, TransitionIn

router = Router(tags=["items"])


@router.get("/passport/{code}", response=PassportOut, auth=None)
def passport_get_api(request: HttpRequest, code: str) -> Any:
    """Public: the passport's public facts (no owner, identifiers masked, public events only)."""
    return selectors.passport_get(code)


@router.get("/", response=list[ItemOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def item_list_api(request: HttpRequest, filters: ItemFilter = Query(...)) -> Any:  # noqa: B008
    items = selectors.item_list(request.user, query=filters.q, category=filters.category or None,
                                state=filters.state, outlet=filters.outlet)
    return items.prefetch_related("identifiers")


@router.get("/{int:item_id}", response=ItemOut, auth=api_auth)
def item_get_api(request: HttpRequest, item_id: int) -> Any:
    return selectors.item_get(request.user, item_id)


@router.post("/", response={201: ItemOut}, auth=api_auth)
def item_register_api(request: HttpRequest, payload: ItemIn) -> Any:
    try:
        category = category_get(payload.category_code)
    except NotFound as error:
        raise ValidationFailed(field="category_code", code="items.category_unknown") from error
    item = services.item_register(
        actor=request.user, category_id=category.id, title=payload.title, brand=payload.brand,
        model_name=payload.model_name, attributes=payload.attributes,
        identifiers=[(identifier.kind, identifier.value) for identifier in payload.identifiers],
        owner_operator_id=payload.owner_operator_id, owner_user_id=payload.owner_user_id, outlet_id=payload.outlet_id)
    return Status(201, item)


@router.post("/{int:item_id}/transitions", response=ItemOut, auth=api_auth)
def item_transition_api(request: HttpRequest, item_id: int, payload: TransitionIn) -> Any:
    item = selectors.item_get(request.user, item_id)
    services.item_transition(actor=request.user, item=item, to_state=payload.to_state, reason=payload.reason)
    return selectors.item_get(request.user, item_id)
