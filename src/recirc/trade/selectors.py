"""Reads, scoped to the actor by construction. Missing and forbidden orders answer the same NotFound."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from recirc.core.permissions import is_operator_staff, sees_whole_city
from recirc.operators.facade import operator_scope
from recirc.trade.errors import OrderNotFound
from recirc.trade.models import (
    PAID_STATES,
    Account,
    LedgerEntry,
    LedgerTransaction,
    Order,
    OrderEvent,
    OrderLine,
    OrderState,
    Refund,
    SellerKind,
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


def consumer_seller_sales_totals(year: int, *, user_id: int | None = None,
                                 above: Decimal | None = None) -> list[tuple[int, Decimal, int]]:
    """C2C sales per consumer seller in a calendar year (local time), largest first: (seller's user id, amount,
    orders). Counted: orders paid in the year and not cancelled or wholly refunded (PAID_STATES), at what was paid
    less what was refunded; `above` keeps only sellers over that amount. Read-only: callers authorise their actor."""
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    orders = Order.objects.filter(seller_kind=SellerKind.CONSUMER, state__in=sorted(PAID_STATES),
                                  paid_at__gte=start, paid_at__lt=end)
    if user_id is not None:
        orders = orders.filter(seller_user_id=user_id)
    rows = (orders.order_by().values("seller_user_id")
            .annotate(amount=Sum(F("paid_total") - F("refunded_total")), orders=Count("id"))
            .order_by("-amount", "seller_user_id"))
    if above is not None:
        rows = rows.filter(amount__gt=above)
    return [(row["seller_user_id"], Decimal(row["amount"]).quantize(Decimal("0.01")), row["orders"])
            for row in rows]
