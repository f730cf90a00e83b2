"""Inspection reads, scoped to the actor by construction: staff see inspections of items their operators own
or keep (and those they inspected), the city-wide roles see all, other roles are refused. Missing and
forbidden objects answer the same NotFound."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from recirc.catalog.facade import category_subtree_ids
from recirc.core.errors import NotFound
from recirc.inspection.errors import InspectionNotFound, ReferralNotFound, ReportNotFound
from recirc.inspection.models import (
    CounterfeitReferral,
    GradeRecord,
    Inspection,
    InspectionReport,
    InspectionStatus,
    ReferralStatus,
)
from recirc.inspection.policy import INSPECTABLE_STATES, item_scope_filter, require_read, require_referrals
from recirc.inspection.reports import READING_MISTAKES, report_code_normalise


def _scoped(actor: Any, queryset: QuerySet[Any], *, prefix: str = "item__", inspecting: str | None = None
            ) -> QuerySet[Any]:
    require_read(actor)
    condition = item_scope_filter(actor, prefix=prefix, inspecting_operator=inspecting)
    return queryset if condition is None else queryset.filter(condition).distinct()


def _search(queryset: QuerySet[Inspection], query: str) -> QuerySet[Inspection]:
    text = " ".join((query or "").split())
    if not text:
        return queryset
    compact = text.replace(" ", "").replace("-", "").upper()
    return queryset.filter(Q(item__code__iexact=compact) | Q(item__title__icontains=text)
                           | Q(item__brand__icontains=text) | Q(item__model_name__icontains=text)
                           | Q(report__code__iexact=compact) | Q(item__identifiers__value=compact)).distinct()


def inspection_list(actor: Any, *, status: str = InspectionStatus.WAITING, query: str = "", category: str = "",
                    outcome: str = "", grade: str = "") -> QuerySet[Inspection]:
    """The queue (status waiting: inspectable items only, oldest first) or the completed inspections (newest
    first), searched by passport code, report code, title, brand, model or identifier."""
    queryset = _scoped(actor, Inspection.objects.all(), inspecting="operator_id")
    if status == InspectionStatus.WAITING:
        queryset = queryset.filter(status=status, item__state__in=INSPECTABLE_STATES).order_by("queued_at", "id")
    else:
        queryset = queryset.filter(status=InspectionStatus.COMPLETED).order_by("-completed_at", "-id")
    if category:
        try:
            queryset = queryset.filter(item__category_id__in=category_subtree_ids(category))
        except NotFound:
            queryset = queryset.none()
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    if grade:
        queryset = queryset.filter(report__grades__is_internal=True, report__grades__grade=grade)
    return _search(queryset, query).select_related("item", "item__category", "report").prefetch_related(
        Prefetch("report__grades", queryset=GradeRecord.objects.order_by("-is_internal", "scale_code")),
        Prefetch("referrals", queryset=CounterfeitReferral.objects.order_by("-opened_at")))


def queue_counts(actor: Any) -> dict[str, int]:
    return {"waiting": inspection_list(actor).count(),
            "completed": inspection_list(actor, status=InspectionStatus.COMPLETED).count()}


def inspection_get(actor: Any, inspection_id: int) -> Inspection:
    found = (_scoped(actor, Inspection.objects.select_related("item", "report", "checklist"), inspecting="operator_id")
             .filter(pk=inspection_id).first())
    if found is None:
        raise InspectionNotFound()
    return found


def report_get(actor: Any, code: str) -> InspectionReport:
    """A report by code, for staff and regulators (scoped like its inspection)."""
    found = (_scoped(actor, InspectionReport.objects.select_related("inspection", "inspection__item"),
                     prefix="inspection__item__", inspecting="inspection__operator_id")
             .filter(code=report_code_normalise(code)).first())
    if found is None:
        raise ReportNotFound()
    return found


def report_public(code: str) -> InspectionReport:
    """Anyone, without signing in: the report document is public by construction."""
    found = InspectionReport.objects.filter(code=report_code_normalise(code)).first()
    if found is None:
        raise ReportNotFound()
    return found


def reports_for_item(actor: Any, item_id: int) -> list[InspectionReport]:
    """Every report of the item, newest first: they travel with the item to its later owners."""
    return list(_scoped(actor, InspectionReport.objects.filter(inspection__item_id=item_id),
                        prefix="inspection__item__", inspecting="inspection__operator_id")
                .prefetch_related("grades").order_by("-issued_at", "-id"))


def referral_list(actor: Any, *, status: str = "", query: str = "") -> QuerySet[CounterfeitReferral]:
    require_referrals(actor)
    queryset = CounterfeitReferral.objects.select_related("item", "inspection", "inspection__report", "operator")
    if status:
        queryset = queryset.filter(status=status)
    text = " ".join((query or "").split())
    if text:
        compact = text.replace(" ", "").upper()
        queryset = queryset.filter(Q(item__code__iexact=compact) | Q(item__title__icontains=text)
                                   | Q(item__brand__icontains=text) | Q(case_number__icontains=text)
                                   | Q(inspection__report__code__iexact=compact))
    return queryset.order_by("-opened_at", "-id")


def referral_get(actor: Any, referral_id: int) -> CounterfeitReferral:
    found = referral_list(actor).filter(pk=referral_id).first()
    if found is None:
        raise ReferralNotFound()
    return found


def referral_counts(actor: Any) -> dict[str, int]:
    counts = {status: 0 for status in ReferralStatus.values}
    for row in referral_list(actor).order_by().values("status").annotate(total=Count("id")):
        counts[row["status"]] = row["total"]
    return counts


def inspection_for_scan(actor: Any, text: str) -> Inspection | None:
    """The inspection row (waiting first, then the newest) of the item whose passport code or identifier was
    scanned or typed; None when no item in the actor's scope matches."""
    compact = "".join((text or "").split()).replace("-", "").upper()
    if not compact:
        return None
    code = compact.translate(READING_MISTAKES)
    rows = _scoped(actor, Inspection.objects.all(), inspecting="operator_id").filter(
        Q(item__code=code) | Q(item__identifiers__value=compact) | Q(report__code=report_code_normalise(compact)))
    return rows.order_by("-status", "-completed_at", "-id").first()  # descending: "waiting" before "completed"
