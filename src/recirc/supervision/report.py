"""The pilot implementation plan report (试点实施方案) with the five parts of the plan's attachment: basic
situation, main goals, pilot areas, pilot work content, support measures. Created pre-filled from the statistics
(text a regulator then edits, and a snapshot of the tables), refreshed on demand, finalised, reopened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.operators.facade import district_refs
from recirc.supervision import activity, figures, green
from recirc.supervision.dimensions import Filters, add_months, category_labels, month_start, region_prefix
from recirc.supervision.errors import ReportInvalid, ReportIsFinal, ReportNotFound, ReportTransitionNotAllowed
from recirc.supervision.goals import goal_list, goal_progress
from recirc.supervision.models import REPORT_PARTS, REPORT_TRANSITIONS, GoalMeasure, PlanReport, ReportStatus
from recirc.supervision.policy import require_statistics
from recirc.supervision.tables import Column, Table

TEXT_LIMIT = 20000


def _region_name(code: str) -> str:
    ref = district_refs([code]).get(code)
    return ref.name if ref else code


def _years_table(actor: Any, filters: Filters, baseline_year: int, today: dt.date) -> Table:
    rows = []
    for year in range(baseline_year, today.year + 1):
        months = 12 if year < today.year else today.month
        totals = figures.year_totals(filters, year, months=months)
        rows.append({"year": str(year) if months == 12 else _("%(year)s (to %(month)s)") % {
            "year": year, "month": f"{year}-{months:02d}"}, **totals})
    return Table("annual", _("Annual transaction volume and value"),
                 [Column("year", _("Year")), Column("records", _("Transactions"), "count"),
                  Column("items", _("Items"), "count"), Column("value", _("Value (CNY)"), "money")], rows)


def _goals_table(actor: Any, region: str, today: dt.date) -> Table:
    measures, categories = dict(GoalMeasure.choices), category_labels()
    rows = []
    for goal in goal_list(actor):
        if not goal.region_code.startswith(region_prefix(region)):
            continue
        progress = goal_progress(goal, today)
        target = (f"+{goal.target_growth_percent} %" if goal.target_growth_percent is not None
                  else str(goal.target_level))
        rows.append({"title": goal.title, "measure": str(measures[goal.measure]),
                     "category": categories.get(goal.category_code, _("All categories")),
                     "target": f"{target} ({goal.baseline_year}→{goal.target_year})",
                     "progress": progress.progress, "achieved": progress.achieved_growth})
    return Table("goals", _("Pilot goals"), [
        Column("title", _("Goal")), Column("measure", _("Measure")), Column("category", _("Category")),
        Column("target", _("Target")), Column("achieved", _("Growth so far"), "percent"),
        Column("progress", _("Progress towards the target"), "percent")], rows)


def report_figures(actor: Any, region: str, baseline_year: int, today: dt.date | None = None) -> dict[str, Any]:
    """The tables of the report, as JSON: the last twelve complete months for the mixes, every year since the
    baseline."""
    today = today or timezone.localdate()
    last = add_months(month_start(today), -1)
    recent = Filters(first_month=add_months(last, -11), last_month=last, region=region)
    tables = [_years_table(actor, recent, baseline_year, today),
              figures.breakdown_table(actor, recent, "category"), figures.breakdown_table(actor, recent, "method"),
              figures.breakdown_table(actor, recent, "channel"),
              activity.entities_table(actor, recent, baseline_year, today.year),
              _goals_table(actor, region, today),
              green.green_table(recent.first_month, last, region=region)]
    return {"as_of": today.isoformat(), "period": f"{recent.first_month:%Y-%m}–{last:%Y-%m}",
            "region": region, "region_name": _region_name(region), "tables": [table.as_dict() for table in tables]}


def _rows(figures_json: Mapping[str, Any], slug: str) -> list[dict[str, Any]]:
    return next((table["rows"] for table in figures_json["tables"] if table["slug"] == slug), [])


def _join(names: list[str]) -> str:
    return ("、" if (get_language() or "").startswith("zh") else ", ").join(names)


def _top_names(rows: list[dict[str, Any]], count: int = 3) -> str:
    return _join([row["name"] for row in rows[:count] if row.get("value") is not None]) or _("(no data yet)")


def _yuan(value: Any) -> str:
    return f"{Decimal(value or 0):,.2f}"


def prefilled_text(data: Mapping[str, Any], baseline_year: int, target_year: int) -> dict[str, str]:
    """Starting text for the five parts, from the figures; the regulator completes and corrects it."""
    years = _rows(data, "annual")
    entities = {row["kind"]: row["total"] for row in _rows(data, "entities")}
    base = years[0] if years else {"records": 0, "value": 0}
    basic = _("In %(year)s the pilot area %(region)s recorded %(records)s second-hand transactions worth "
              "%(value)s yuan. Over %(period)s the main categories by value were %(categories)s; the "
              "main transaction methods were %(methods)s, through %(channels)s. Operating entities now trading: "
              "%(entities)s.") % {
        "year": baseline_year, "region": data["region_name"], "records": f"{base['records']:,}",
        "value": _yuan(base["value"]), "period": data["period"], "categories": _top_names(_rows(data, "by-category")),
        "methods": _top_names(_rows(data, "by-method")), "channels": _top_names(_rows(data, "by-channel")),
        "entities": _join([f"{kind} {count}" for kind, count in entities.items()]) or _("(none recorded)")}
    basic += "\n" + _("Policies, plans and standards in force: (list the local policies, plans and standards).")
    goals = "\n".join(f"{row['title']}：{row['target']}" for row in _rows(data, "goals")) or _(
        "(Set the pilot goals on the goals page; they are listed here.)")
    return {
        "basic_situation": basic,
        "main_goals": _("By %(year)s: ") % {"year": target_year} + "\n" + goals,
        "pilot_areas": _("Pilot categories: %(categories)s.") % {"categories": _top_names(_rows(data, "by-category"),
                                                                                        5)},
        "work_content": _("(Describe the pilot work: market cultivation, platform supervision, standards, "
                          "trade-in, green consumption.)"),
        "support_measures": _("(Describe the support measures: organisation, funding, policy, publicity.)"),
    }


def report_get(actor: Any, report_id: int) -> PlanReport:
    require_statistics(actor)
    report = PlanReport.objects.filter(pk=report_id).first()
    if report is None:
        raise ReportNotFound()
    return report


def report_list(actor: Any) -> list[PlanReport]:
    require_statistics(actor)
    return list(PlanReport.objects.all())


def _clean_header(data: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[Any]] = {}
    title = " ".join(str(data.get("title") or "").split())
    region = str(data.get("region_code") or "").strip()
    if not title or len(title) > 160:
        errors["title"] = [_("Write a title of at most 160 characters.")]
    if region not in district_refs([region]):
        errors["region_code"] = [_("Choose a known GB/T 2260 region.")]
    years = {}
    for name in ("baseline_year", "target_year"):
        try:
            years[name] = int(data.get(name) or 0)
        except (TypeError, ValueError):
            years[name] = 0
        if not 2000 <= years[name] <= 2100:
            errors[name] = [_("Write a year such as 2027.")]
    if not errors.keys() & {"baseline_year", "target_year"} and years["target_year"] <= years["baseline_year"]:
        errors["target_year"] = [_("The target year must come after the baseline year.")]
    if errors:
        raise ReportInvalid(errors=errors)
    return {"title": title, "region_code": region, **years}


@transaction.atomic
def report_create(*, actor: Any, data: Mapping[str, Any]) -> PlanReport:
    """A new draft, pre-filled from the statistics."""
    require_statistics(actor)
    header = _clean_header(data)
    snapshot = report_figures(actor, header["region_code"], header["baseline_year"])
    report = PlanReport.objects.create(**header, **prefilled_text(snapshot, header["baseline_year"],
                                                                  header["target_year"]),
                                       figures=snapshot, figures_as_of=timezone.now(), created_by=actor)
    audit_record(actor=actor, action="supervision.report_created", target=report, payload=header)
    return report


def _draft(actor: Any, report_id: int) -> PlanReport:
    require_statistics(actor)
    report = PlanReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise ReportNotFound()
    if report.status != ReportStatus.DRAFT:
        raise ReportIsFinal()
    return report


@transaction.atomic
def report_update(*, actor: Any, report_id: int, data: Mapping[str, Any]) -> PlanReport:
    """Change the title and the text of the five parts (a draft only)."""
    report = _draft(actor, report_id)
    header = _clean_header({"title": data.get("title", report.title), "region_code": report.region_code,
                            "baseline_year": report.baseline_year, "target_year": report.target_year})
    texts = {part: str(data.get(part, getattr(report, part)) or "").replace("\r\n", "\n") for part in REPORT_PARTS}
    too_long = {part: [_("At most %(limit)s characters.") % {"limit": TEXT_LIMIT}]
                for part, text in texts.items() if len(text) > TEXT_LIMIT}
    if too_long:
        raise ReportInvalid(errors=too_long)
    changed = [part for part, text in texts.items() if text != getattr(report, part)]
    report.title = header["title"]
    for part, text in texts.items():
        setattr(report, part, text)
    report.save()
    audit_record(actor=actor, action="supervision.report_updated", target=report, payload={"parts": changed})
    return report


@transaction.atomic
def report_refresh_figures(*, actor: Any, report_id: int) -> PlanReport:
    """Take a new snapshot of the tables (the text is left as the regulator wrote it)."""
    report = _draft(actor, report_id)
    report.figures = report_figures(actor, report.region_code, report.baseline_year)
    report.figures_as_of = timezone.now()
    report.save(update_fields=["figures", "figures_as_of", "updated_at"])
    audit_record(actor=actor, action="supervision.report_figures_refreshed", target=report,
                 payload={"as_of": report.figures["as_of"]})
    return report


@transaction.atomic
def report_transition(*, actor: Any, report_id: int, to_status: str) -> PlanReport:
    """Finalise a draft, or reopen a final report as a draft."""
    require_statistics(actor)
    report = PlanReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise ReportNotFound()
    if to_status not in REPORT_TRANSITIONS.get(report.status, frozenset()):
        labels = dict(ReportStatus.choices)
        raise ReportTransitionNotAllowed(params={"from_status": labels[report.status],
                                                 "to_status": labels.get(to_status, to_status)})
    previous, report.status = report.status, to_status
    report.finalised_at = timezone.now() if to_status == ReportStatus.FINAL else None
    report.save(update_fields=["status", "finalised_at", "updated_at"])
    audit_record(actor=actor, action="supervision.report_status_changed", target=report,
                 payload={"from": previous, "to": to_status})
    return report
