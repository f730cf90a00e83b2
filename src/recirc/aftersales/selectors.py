"""Reads of after-sales records and cases, scoped to the actor by construction (policy.visible_filter). Missing
and forbidden ones both raise NotFound."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet

from recirc.aftersales import policy
from recirc.aftersales.deadlines import CASE_MODELS
from recirc.aftersales.errors import CaseNotFound, WarrantyNotFound
from recirc.aftersales.models import Dispute, DisputeStatement, Evidence, Notice, ReturnRequest, ServiceTicket, Warranty
from recirc.core.permissions import is_operator_staff
from recirc.operators.facade import operator_scope

CASE_RELATED = ("warranty", "buyer", "seller_operator", "seller_user")


def _scoped(queryset: QuerySet[Any], actor: Any) -> QuerySet[Any]:
    condition = policy.visible_filter(actor)
    return queryset if condition is None else queryset.filter(condition)


def warranties_visible_to(actor: Any) -> QuerySet[Warranty]:
    return _scoped(Warranty.objects.select_related("seller_operator", "seller_user"), actor)


def warranty_get(actor: Any, warranty_id: int) -> Warranty:
    warranty = warranties_visible_to(actor).filter(pk=warranty_id).first()
    if warranty is None:
        raise WarrantyNotFound()
    return warranty


def warranties_of_buyer(actor: Any) -> QuerySet[Warranty]:
    """The signed-in buyer's purchases, newest delivery first."""
    if not policy.is_signed_in(actor):
        return Warranty.objects.none()
    return (Warranty.objects.filter(buyer_id=actor.pk).select_related("seller_operator", "seller_user")
            .order_by("-delivered_at", "-id"))


def cases_visible_to(actor: Any, kind: str) -> QuerySet[Any]:
    return _scoped(CASE_MODELS[kind].objects.select_related(*CASE_RELATED), actor)


def case_get(actor: Any, kind: str, case_id: int) -> Any:
    if kind not in CASE_MODELS:
        raise CaseNotFound()
    case = cases_visible_to(actor, kind).filter(pk=case_id).first()
    if case is None:
        raise CaseNotFound()
    return case


def _search(cases: QuerySet[Any], query: str) -> QuerySet[Any]:
    text = " ".join(query.split())
    return cases.filter(Q(number__iexact=text) | Q(warranty__order_number__iexact=text)
                        | Q(warranty__item_code__iexact=text.replace("-", "").replace(" ", ""))
                        | Q(warranty__title__icontains=text))


def case_list(actor: Any, kind: str, *, state: str = "", overdue: bool = False, query: str = "",
              open_only: bool = False) -> QuerySet[Any]:
    """The actor's cases of one kind: overdue first, then the nearest deadline, then the newest."""
    cases = cases_visible_to(actor, kind)
    if open_only:
        cases = cases.filter(state__in=sorted(policy.OPEN_STATES[kind]))
    if state:
        cases = cases.filter(state=state)
    if overdue:
        cases = cases.filter(overdue_at__isnull=False, state__in=sorted(policy.OPEN_STATES[kind]))
    if query and query.strip():
        cases = _search(cases, query)
    return cases.order_by(F("overdue_at").asc(nulls_last=True), F("due_at").asc(nulls_last=True), "-created_at",
                          "-id")


def queue_counts(actor: Any) -> dict[str, dict[str, int]]:
    """Per kind: open cases and overdue ones in the actor's view (one query per kind)."""
    counts = {}
    for kind in CASE_MODELS:
        row = cases_visible_to(actor, kind).filter(state__in=sorted(policy.OPEN_STATES[kind])).aggregate(
            open=Count("id"), overdue=Count("id", filter=Q(overdue_at__isnull=False)))
        counts[kind] = {"open": row["open"], "overdue": row["overdue"]}
    return counts


def cases_of_warranty(warranty: Warranty) -> dict[str, list[Any]]:
    return {"returns": list(ReturnRequest.objects.filter(warranty=warranty).order_by("-created_at")),
            "tickets": list(ServiceTicket.objects.filter(warranty=warranty).order_by("-created_at")),
            "disputes": list(Dispute.objects.filter(warranty=warranty).order_by("-created_at"))}


def evidence_of(case: Any) -> list[Evidence]:
    return list(case.evidence.select_related("added_by").order_by("added_at", "id"))


def statements_of(dispute: Dispute) -> list[DisputeStatement]:
    return list(dispute.statements.select_related("author").order_by("created_at", "id"))


def evidence_get(actor: Any, evidence_id: int) -> Evidence:
    """An evidence file for download: visible when its case is."""
    row = Evidence.objects.select_related("return_request", "ticket", "dispute").filter(pk=evidence_id).first()
    case = row and (row.return_request or row.ticket or row.dispute)
    if row is None or case is None or not policy.may_see(actor, case):
        raise CaseNotFound()
    return row


def notices_for(actor: Any, *, limit: int = 20) -> list[Notice]:
    """Unread notices to the actor, or to their operator's after-sales queue."""
    if not policy.is_signed_in(actor):
        return []
    condition = Q(recipient_user_id=actor.pk)
    if is_operator_staff(actor):
        scope = operator_scope(actor)
        condition |= Q(recipient_operator_id__in=sorted(scope.operator_ids))
    return list(Notice.objects.filter(condition, read_at__isnull=True).order_by("-created_at", "-id")[:limit])
