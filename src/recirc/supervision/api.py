"""Supervision API: statistics tables, pilot goals, the implementation plan report, data submissions (JSON rows
or a CSV/XLSX file), cases with referral and evidence, and the public green-impact figures.

Statistics, goals and reports: commerce regulator and platform administrator (403 for other users). Cases:
market supervision, police, administrator. Submissions: an operator's manager for their own operator (the
administrator for any). Anonymous callers get 401 except on the public endpoints (schemas, green impact).

No `from __future__ import annotations` here: @paginate wraps the handler, and Ninja must see real types.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from recirc.accounts.auth import api_auth
from recirc.core.errors import NotFound
from recirc.supervision import cases, evidence, goals, green, report, report_export
from recirc.supervision.catalogue import table_build
from recirc.supervision.dimensions import add_months, filters_from, month_start
from recirc.supervision.exchange import json_schema, read_file, read_json_rows
from recirc.supervision.imports import referrals_import
from recirc.supervision.models import ReportStatus, SubmissionKind
from recirc.supervision.policy import require_cases, require_statistics
from recirc.supervision.schemas import (
    CaseDetailOut,
    CaseFilter,
    CaseIn,
    CaseOut,
    CloseIn,
    EvidenceOut,
    GoalIn,
    GoalOut,
    NoteIn,
    ReasonIn,
    RecordEvidenceIn,
    ReferIn,
    ReportIn,
    ReportOut,
    ReportTextIn,
    StatisticsFilter,
    SubmissionIn,
    SubmissionOut,
    TableOut,
)
from recirc.supervision.selectors import submission_list
from recirc.supervision.submissions import submission_record
from recirc.supervision.tables import XLSX
from recirc.supervision.validation import enum_values

router = Router(tags=["supervision"], auth=api_auth)


def _kind(kind: str) -> str:
    if kind not in SubmissionKind.values:
        raise NotFound()
    return kind


@router.get("/statistics/{slug}", response=TableOut)
def statistics_table_api(request: HttpRequest, slug: str, filters: StatisticsFilter = Query(...)) -> Any:  # noqa: B008
    """One statistics table (trend, cells (month x district x category), by-category, by-channel, by-method,
    by-district, growth-category, growth-district, operators, top-sellers, activity, flagged-weekly, sell-through,
    entities, green). Cells counted from fewer than k records come back as null with "suppressed": true."""
    require_statistics(request.user)
    return table_build(request.user, slug, filters_from(filters.params()), filters.year).as_dict()


@router.get("/green", response=TableOut, auth=None)
def green_public_api(request: HttpRequest) -> Any:
    """CO2e avoided by reuse per category over the last twelve complete months (public)."""
    last = add_months(month_start(timezone.localdate()), -1)
    return green.green_table(add_months(last, -11), last).as_dict()


@router.get("/schemas/{kind}", auth=None)
def submission_schema_api(request: HttpRequest, kind: str) -> Any:
    """The JSON Schema of a submission of transactions, acquisitions or entities."""
    return json_schema(_kind(kind), enum_values())


@router.post("/submissions/{kind}", response={201: SubmissionOut})
def submission_rows_api(request: HttpRequest, kind: str, payload: SubmissionIn) -> Any:
    """Rows as JSON (see /schemas/{kind}). All or nothing: a 422 lists every bad row under errors.rows."""
    rows = read_json_rows(_kind(kind), payload.rows)
    return Status(201, submission_record(actor=request.user, operator_id=payload.operator_id, kind=kind, rows=rows,
                                         channel="api", label=_("Row %(number)s")))


@router.post("/submissions/{kind}/file", response={201: SubmissionOut})
def submission_file_api(request: HttpRequest, kind: str, file: UploadedFile = File(...),  # noqa: B008
                        operator_id: int | None = None) -> Any:
    """A CSV or XLSX file in the template's layout; rows are reported by line (the heading is line 1)."""
    rows = read_file(_kind(kind), file.name or "", file.read())
    return Status(201, submission_record(actor=request.user, operator_id=operator_id, kind=kind, rows=rows,
                                         channel="upload", file_name=file.name or "", label=_("Line %(number)s")))


@router.get("/submissions", response=list[SubmissionOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def submission_list_api(request: HttpRequest, kind: str = "") -> Any:
    return submission_list(request.user, kind=kind)


def _goal_out(goal: Any) -> dict[str, Any]:
    return {**{field.name: getattr(goal, field.name) for field in goal._meta.concrete_fields},
            "progress": goals.goal_progress(goal).__dict__}


@router.get("/goals", response=list[GoalOut])
def goal_list_api(request: HttpRequest) -> Any:
    return [_goal_out(goal) for goal in goals.goal_list(request.user)]


@router.post("/goals", response={201: GoalOut})
def goal_create_api(request: HttpRequest, payload: GoalIn) -> Any:
    return Status(201, _goal_out(goals.goal_create(actor=request.user, data=payload.dict())))


@router.get("/goals/{int:goal_id}", response=GoalOut)
def goal_get_api(request: HttpRequest, goal_id: int) -> Any:
    return _goal_out(goals.goal_get(request.user, goal_id))


@router.put("/goals/{int:goal_id}", response=GoalOut)
def goal_update_api(request: HttpRequest, goal_id: int, payload: GoalIn) -> Any:
    return _goal_out(goals.goal_update(actor=request.user, goal_id=goal_id, data=payload.dict()))


@router.post("/goals/{int:goal_id}/retire", response=GoalOut)
def goal_retire_api(request: HttpRequest, goal_id: int) -> Any:
    return _goal_out(goals.goal_retire(actor=request.user, goal_id=goal_id))


@router.get("/reports", response=list[ReportOut])
def report_list_api(request: HttpRequest) -> Any:
    return report.report_list(request.user)


@router.post("/reports", response={201: ReportOut})
def report_create_api(request: HttpRequest, payload: ReportIn) -> Any:
    return Status(201, report.report_create(actor=request.user, data=payload.dict()))


@router.get("/reports/{int:report_id}", response=ReportOut)
def report_get_api(request: HttpRequest, report_id: int) -> Any:
    return report.report_get(request.user, report_id)


@router.put("/reports/{int:report_id}", response=ReportOut)
def report_update_api(request: HttpRequest, report_id: int, payload: ReportTextIn) -> Any:
    data = {key: value for key, value in payload.dict().items() if value is not None}
    return report.report_update(actor=request.user, report_id=report_id, data=data)


@router.post("/reports/{int:report_id}/refresh", response=ReportOut)
def report_refresh_api(request: HttpRequest, report_id: int) -> Any:
    return report.report_refresh_figures(actor=request.user, report_id=report_id)


@router.post("/reports/{int:report_id}/finalise", response=ReportOut)
def report_finalise_api(request: HttpRequest, report_id: int) -> Any:
    return report.report_transition(actor=request.user, report_id=report_id, to_status=ReportStatus.FINAL)


@router.post("/reports/{int:report_id}/reopen", response=ReportOut)
def report_reopen_api(request: HttpRequest, report_id: int) -> Any:
    return report.report_transition(actor=request.user, report_id=report_id, to_status=ReportStatus.DRAFT)


@router.get("/reports/{int:report_id}/document")
def report_document_api(request: HttpRequest, report_id: int, kind: str = "docx") -> HttpResponse:
    """The report as DOCX (kind=docx) or its tables as XLSX (kind=xlsx)."""
    plan = report.report_get(request.user, report_id)
    extension = "xlsx" if kind == "xlsx" else "docx"
    content = report_export.report_xlsx(plan) if extension == "xlsx" else report_export.report_docx(plan)
    response = HttpResponse(content, content_type=XLSX if extension == "xlsx" else report_export.DOCX)
    response["Content-Disposition"] = f'attachment; filename="report-{plan.pk}.{extension}"'
    return response


@router.get("/cases", response=list[CaseOut])
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def case_list_api(request: HttpRequest, filters: CaseFilter = Query(...)) -> Any:  # noqa: B008
    require_cases(request.user)
    return cases.case_list(request.user, status=filters.status, kind=filters.kind, query=filters.q)


@router.post("/cases", response={201: CaseDetailOut})
def case_open_api(request: HttpRequest, payload: CaseIn) -> Any:
    return Status(201, cases.case_open(actor=request.user, **payload.dict()))


@router.post("/cases/import-referrals", response=list[CaseOut])
def case_import_referrals_api(request: HttpRequest) -> Any:
    """Market supervision: open a case for every counterfeit referral of inspection that has none yet."""
    return referrals_import(actor=request.user)


@router.get("/cases/{int:case_id}", response=CaseDetailOut)
def case_get_api(request: HttpRequest, case_id: int) -> Any:
    require_cases(request.user)
    return cases.case_get(request.user, case_id)


@router.post("/cases/{int:case_id}/take-up", response=CaseDetailOut)
def case_take_up_api(request: HttpRequest, case_id: int) -> Any:
    return cases.case_take_up(actor=request.user, case_id=case_id)


@router.post("/cases/{int:case_id}/refer", response=CaseDetailOut)
def case_refer_api(request: HttpRequest, case_id: int, payload: ReferIn) -> Any:
    return cases.case_refer(actor=request.user, case_id=case_id, to_authority=payload.to_authority,
                            reason=payload.reason)


@router.post("/cases/{int:case_id}/accept", response=CaseDetailOut)
def case_accept_api(request: HttpRequest, case_id: int) -> Any:
    return cases.case_answer_referral(actor=request.user, case_id=case_id, accept=True)


@router.post("/cases/{int:case_id}/return", response=CaseDetailOut)
def case_return_api(request: HttpRequest, case_id: int, payload: ReasonIn) -> Any:
    return cases.case_answer_referral(actor=request.user, case_id=case_id, accept=False, reason=payload.reason)


@router.post("/cases/{int:case_id}/close", response=CaseDetailOut)
def case_close_api(request: HttpRequest, case_id: int, payload: CloseIn) -> Any:
    return cases.case_close(actor=request.user, case_id=case_id, outcome=payload.outcome, note=payload.note)


@router.post("/cases/{int:case_id}/reopen", response=CaseDetailOut)
def case_reopen_api(request: HttpRequest, case_id: int, payload: ReasonIn) -> Any:
    return cases.case_reopen(actor=request.user, case_id=case_id, reason=payload.reason)


@router.post("/cases/{int:case_id}/notes", response={201: CaseDetailOut})
def case_note_api(request: HttpRequest, case_id: int, payload: NoteIn) -> Any:
    cases.case_note_add(actor=request.user, case_id=case_id, text=payload.text)
    return Status(201, cases.case_get(request.user, case_id))


@router.post("/cases/{int:case_id}/evidence", response={201: EvidenceOut})
def case_evidence_record_api(request: HttpRequest, case_id: int, payload: RecordEvidenceIn) -> Any:
    """A reference to a record in Recirc (a passport code, "acquisitions.entry:<reference>", ...)."""
    return Status(201, evidence.evidence_add(actor=request.user, case_id=case_id, description=payload.description,
                                             record_ref=payload.record_ref))


@router.post("/cases/{int:case_id}/evidence/file", response={201: EvidenceOut})
def case_evidence_file_api(request: HttpRequest, case_id: int, description: str,
                           file: UploadedFile = File(...)) -> Any:  # noqa: B008
    return Status(201, evidence.evidence_add(actor=request.user, case_id=case_id, description=description,
                                             file_name=file.name or "evidence", content=file.read(),
                                             content_type=file.content_type or ""))


@router.get("/cases/{int:case_id}/export")
def case_export_api(request: HttpRequest, case_id: int) -> HttpResponse:
    """The evidence export: a ZIP with case.json, summary.txt, timeline.csv, the files and SHA256SUMS."""
    name, content = evidence.evidence_export(actor=request.user, case_id=case_id)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
