"""Pilot goals: targets per city (or district) and category, e.g. "second-hand transaction value +40 % by 2027
against 2024", with their progress from the roll-ups. Kept by the commerce regulator (and the administrator).

Progress compares the last twelve complete months with the baseline year, and
says whether that is on the straight path from the baseline to the target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.catalog.facade import category_list
from recirc.core.audit import audit_record
from recirc.operators.facade import district_refs, operator_registrations_by_month
from recirc.supervision.dimensions import Filters, add_months, month_start, region_prefix
from recirc.supervision.errors import GoalInvalid, GoalNotFound
from recirc.supervision.figures import growth, monthly
from recirc.supervision.models import GoalMeasure, PilotGoal, SubmittedEntity
from recirc.supervision.policy import min_cell_count, require_statistics

GOAL_FIELDS = ("title", "region_code", "category_code", "measure", "baseline_year", "target_year",
               "target_growth_percent", "target_level", "notes")


def _year(value: Any, field: str, errors: dict[str, list[Any]]) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= 2100:
        errors[field] = [_("Write a year such as 2027.")]
    return year


def _decimal(value: Any, field: str, errors: dict[str, list[Any]]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        errors[field] = [_("Write a number.")]
        return None
    return number.quantize(Decimal("0.01"))


def goal_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """The goal's fields, or GoalInvalid with every problem per field."""
    errors: dict[str, list[Any]] = {}
    fields: dict[str, Any] = {
        "title": " ".join(str(data.get("title") or "").split()), "notes": str(data.get("notes") or "").strip(),
        "region_code": str(data.get("region_code") or "").strip(),
        "category_code": str(data.get("category_code") or "").strip(), "measure": str(data.get("measure") or "")}
    if not fields["title"] or len(fields["title"]) > 120:
        errors["title"] = [_("Write a title of at most 120 characters.")]
    if fields["region_code"] not in district_refs([fields["region_code"]]):
        errors["region_code"] = [_("Choose a known GB/T 2260 region.")]
    if fields["category_code"] and fields["category_code"] not in {ref.code for ref in category_list()}:
        errors["category_code"] = [_("Unknown category code.")]
    if fields["measure"] not in GoalMeasure.values:
        errors["measure"] = [_("Choose a measure.")]
    fields["baseline_year"] = _year(data.get("baseline_year"), "baseline_year", errors)
    fields["target_year"] = _year(data.get("target_year"), "target_year", errors)
    if "target_year" not in errors and fields["target_year"] <= fields["baseline_year"]:
        errors["target_year"] = [_("The target year must come after the baseline year.")]
    fields["target_growth_percent"] = _decimal(data.get("target_growth_percent"), "target_growth_percent", errors)
    fields["target_level"] = _decimal(data.get("target_level"), "target_level", errors)
    if (fields["target_growth_percent"] is None) == (fields["target_level"] is None) and not errors.keys() & {
            "target_growth_percent", "target_level"}:
        errors["target_growth_percent"] = [_("Give either a growth in per cent or a level, not both.")]
    if len(fields["notes"]) > 2000:
        errors["notes"] = [_("At most 2000 characters.")]
    if errors:
        raise GoalInvalid(errors=errors)
    return fields


@transaction.atomic
def goal_create(*, actor: Any, data: Mapping[str, Any]) -> PilotGoal:
    require_statistics(actor)
    goal = PilotGoal.objects.create(**goal_clean(data), created_by=actor)
    audit_record(actor=actor, action="supervision.goal_created", target=goal,
                 payload={name: getattr(goal, name) for name in GOAL_FIELDS if name != "notes"})
    return goal


def goal_get(actor: Any, goal_id: int) -> PilotGoal:
    require_statistics(actor)
    goal = PilotGoal.objects.filter(pk=goal_id, is_active=True).first()
    if goal is None:
        raise GoalNotFound()
    return goal


@transaction.atomic
def goal_update(*, actor: Any, goal_id: int, data: Mapping[str, Any]) -> PilotGoal:
    goal = goal_get(actor, goal_id)
    fields = goal_clean(data)
    changed = {name: str(value) for name, value in fields.items() if getattr(goal, name) != value}
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.save()
    audit_record(actor=actor, action="supervision.goal_updated", target=goal, payload={"changed": changed})
    return goal


@transaction.atomic
def goal_retire(*, actor: Any, goal_id: int) -> PilotGoal:
    goal = goal_get(actor, goal_id)
    goal.is_active = False
    goal.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="supervision.goal_retired", target=goal, payload={"title": goal.title})
    return goal


def goal_list(actor: Any) -> list[PilotGoal]:
    require_statistics(actor)
    return list(PilotGoal.objects.filter(is_active=True))


@dataclass(frozen=True)
class Progress:
    baseline: Decimal | None
    current: Decimal | None
    achieved_growth: Decimal | None  # per cent, for growth targets
    progress: Decimal | None  # per cent of the target reached
    expected: Decimal | None  # per cent of the target the straight path expects by now
    on_track: bool | None
    period: str


def _entities(prefix: str, on: dt.date) -> int:
    registered = sum(row.count for row in operator_registrations_by_month() if row.status in {"active", "suspended"}
                     and row.month <= on and row.district_code.startswith(prefix))
    submitted = SubmittedEntity.objects.filter(district_code__startswith=prefix, opened_on__lte=on).exclude(
        closed_on__lte=on).count()
    return registered + submitted


def _measure(goal: PilotGoal, first: dt.date, last: dt.date) -> tuple[Decimal | None, int]:
    """The goal's measure over whole months, and how many records it was counted from."""
    filters = Filters(first_month=first, last_month=last, region=goal.region_code, category=goal.category_code)
    if goal.measure == GoalMeasure.OPERATING_ENTITIES:
        count = _entities(region_prefix(goal.region_code), add_months(last, 1) - dt.timedelta(days=1))
        return Decimal(count), min_cell_count()
    totals = monthly(filters).aggregate(records=Sum("records"), value=Sum("value"))
    records = totals["records"] or 0
    amount = totals["value"] if goal.measure == GoalMeasure.TRANSACTION_VALUE else records
    return Decimal(amount or 0), records


def goal_progress(goal: PilotGoal, today: dt.date | None = None) -> Progress:
    today = today or timezone.localdate()
    last = add_months(month_start(today), -1)  # the last complete month
    first = add_months(last, -11)
    baseline, base_records = _measure(goal, dt.date(goal.baseline_year, 1, 1), dt.date(goal.baseline_year, 12, 1))
    current, records = _measure(goal, first, last)
    if min(base_records, records) < min_cell_count():
        baseline = current = None
    span = Decimal((dt.date(goal.target_year, 12, 31) - dt.date(goal.baseline_year, 12, 31)).days)
    elapsed = Decimal(max(0, (today - dt.date(goal.baseline_year, 12, 31)).days))
    expected = min(Decimal(100), (elapsed * 100 / span).quantize(Decimal("0.1"))) if span else None
    achieved = growth(current, baseline) if goal.target_growth_percent is not None else None
    if goal.target_growth_percent is not None:
        progress = (achieved * 100 / goal.target_growth_percent).quantize(Decimal("0.1")) \
            if achieved is not None and goal.target_growth_percent else None
    else:
        progress = (current * 100 / goal.target_level).quantize(Decimal("0.1")) \
            if current is not None and goal.target_level else None
    on_track = None if progress is None or expected is None else progress >= expected
    return Progress(baseline=baseline, current=current, achieved_growth=achieved, progress=progress,
                    expected=expected, on_track=on_track, period=f"{first:%Y-%m}–{last:%Y-%m}")
