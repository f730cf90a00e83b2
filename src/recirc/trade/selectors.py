"""Reads, scoped to the actor by construction. Missing and forbidden orders answer the same NotFound."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from recirc.core.permissions import is_operator_staff, sees_whole_city
from recirc.operators.facade import operator_scope
from recirc.trade.errors import OrderNotFound
from recirc.trade.models import (
    Account,
    LedgerEntry,
    LedgerTransaction,
    Order,
    OrderEvent,
    OrderLine,
    OrderState,
    Refund,
)
from recirc.trade.policy import may_inspect, visible_filter

LINES = Prefetch("lines", queryset=OrderLine.objects.order_by("id"))


def orders_visible_to(actor: Any) -> QuerySet[Order]:
    condition = visible_filter(actor)
    orders = Order.objects.all()
    return orders if condition is None else orders.filter(condition)


def order_get(actor: Any, order_id: int) -> Order:
    order = (orders_visible_to(actor).select_related("payment", "checkout", "seller_operator", "seller_outlet",
                                                     "seller_user")
             .prefetch_related(LINES, Prefetch("events", queryset=OrderEvent.objects.select_related("actor")),
                               Prefetch("refunds", queryset=Refund.objects.order_by("created_at")))
             .filter(pk=order_id).first())
    if order is None and may_inspect(actor):
        order = Order.objects.prefetch_related(LINES, "events", "refunds").filter(
            pk=order_id, inspection_requested=True).first()
    if order is None:
        raise OrderNotFound()
    return order


def _filtered(orders: QuerySet[Order], *, state: str = "", query: str = "") -> QuerySet[Order]:
    if state == "open":
        orders = orders.exclude(state__in=[OrderState.COMPLETED, OrderState.CANCELLED, OrderState.REFUNDED])
    elif state in OrderState.values:
        orders = orders.filter(state=state)
    text = " ".join((query or "").split())[:60]
    if text:
        orders = orders.filter(Q(number__icontains=text) | Q(lines__title__icontains=text)
                               | Q(lines__item_code__iexact=text) | Q(receipt_code__iexact=text)).distinct()
    return orders


def order_list_bought(actor: Any, *, state: str = "", query: str = "") -> QuerySet[Order]:
    orders = Order.objects.filter(buyer_id=getattr(actor, "pk", None))
    return (_filtered(orders, state=state, query=query).select_related("seller_operator", "seller_user")
            .prefetch_related(LINES).order_by("-created_at", "-id"))


def _sold_by(actor: Any) -> Q | None:
    if sees_whole_city(actor):
        return None
    if is_operator_staff(actor):
        return Q(seller_operator_id__in=sorted(operator_scope(actor).operator_ids))
    return Q(seller_user_id=getattr(actor, "pk", None))


def order_list_sold(actor: Any, *, state: str = "", query: str = "") -> QuerySet[Order]:
    """The orders the actor sells: their operators' (staff), their own C2C sales (consumers), every order
    (city-wide roles)."""
    condition = _sold_by(actor)
    orders = Order.objects.all() if condition is None else Order.objects.filter(condition)
    return _filtered(orders, state=state, query=query).select_related(
        "buyer", "seller_operator", "seller_user").prefetch_related(LINES).order_by("-created_at", "-id")


def inspection_queue(actor: Any) -> QuerySet[Order]:
    if not may_inspect(actor):
        return Order.objects.none()
    return (Order.objects.filter(state=OrderState.IN_PLATFORM_INSPECTION).select_related("seller_user")
            .prefetch_related(LINES).order_by("paid_at", "id"))


def state_counts(orders: QuerySet[Order]) -> dict[str, int]:
    return dict(orders.order_by().values_list("state").annotate(count=Count("id")))


def accounts_list(*, kind: str = "") -> QuerySet[Account]:
    accounts = Account.objects.select_related("owner_user", "owner_operator", "outlet").order_by("kind", "code")
    return accounts.filter(kind=kind) if kind else accounts


def transactions_list(*, kind: str = "", account: str = "") -> QuerySet[LedgerTransaction]:
    rows = LedgerTransaction.objects.select_related("order", "payment", "created_by").prefetch_related(
        Prefetch("entries", queryset=LedgerEntry.objects.select_related("account").order_by("id")))
    if kind:
        rows = rows.filter(kind=kind)
    if account:
        rows = rows.filter(entries__account__code=account).distinct()
    return rows.order_by("-id")
