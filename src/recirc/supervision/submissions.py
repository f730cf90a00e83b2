"""Data submissions from operators who run their own systems, and the platform's own transactions.

All or nothing: a submission with any bad row records nothing and lists every bad row. Idempotent: a row is
identified by the operator and its key, so sending it again changes nothing and sending it with other values
replaces it (a correction; `revision` goes up). Every day whose facts change is marked for the roll-up refresh
in the same transaction, so the statistics count exactly what was stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.core.errors import Conflict
from recirc.core.roles import Role
from recirc.operators.facade import membership_of, operator_refs
from recirc.supervision.errors import SubmissionForbidden, SubmissionInvalid
from recirc.supervision.models import (
    DirtyDay,
    FactSource,
    Submission,
    SubmissionKind,
    SubmittedAcquisition,
    SubmittedEntity,
    TransactionRecord,
)
from recirc.supervision.policy import policy_int, require_submitter
from recirc.supervision.validation import Lookups, parse_row

FIELDS: dict[str, tuple[str, ...]] = {
    "transactions": ("occurred_at", "day", "district_code", "category_code", "channel", "method", "quantity", "amount",
                     "days_to_sell"),
    "acquisitions": ("acquired_at", "day", "district_code", "category_code", "kind", "quantity", "amount"),
    "entities": ("kind", "district_code", "credit_code", "opened_on", "closed_on"),
}
MODELS: dict[str, Any] = {"transactions": TransactionRecord, "acquisitions": SubmittedAcquisition,
                                         "entities": SubmittedEntity}
CHUNK = 2000


@dataclass(frozen=True)
class Counts:
    created: int
    updated: int
    unchanged: int


def submitter_operator_id(actor: Any, operator_id: int | None) -> int:
    """The operator a user may submit for: their own (a manager's membership), any for the administrator."""
    require_submitter(actor)
    if getattr(actor, "role", None) == Role.PLATFORM_ADMIN:
        if operator_id is None or operator_id not in operator_refs([operator_id]):
            raise SubmissionInvalid(errors={"operator": [_("Choose the operator the data belongs to.")]})
        return operator_id
    membership = membership_of(actor)
    if membership is None or (operator_id is not None and operator_id != membership.operator_id):
        raise SubmissionForbidden()
    return membership.operator_id


def _fields(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """The model fields of a valid row."""
    if kind == "transactions":
        day = timezone.localdate(values["occurred_at"])
        acquired = values.get("acquired_on")
        return {"occurred_at": values["occurred_at"], "day": day, "district_code": values["district_code"],
                "category_code": values["category_code"], "channel": values["channel"], "method": values["method"],
                "quantity": values.get("quantity", 1), "amount": values["amount"],
                "days_to_sell": (day - acquired).days if acquired else None}
    if kind == "acquisitions":
        return {"acquired_at": values["acquired_at"], "day": timezone.localdate(values["acquired_at"]),
                "district_code": values["district_code"], "category_code": values["category_code"],
                "kind": values["kind"], "quantity": values.get("quantity", 1), "amount": values["amount"]}
    return {"kind": values["kind"], "district_code": values["district_code"],
            "credit_code": values.get("credit_code", ""), "opened_on": values["opened_on"],
            "closed_on": values.get("closed_on")}


def prepare_rows(kind: str, rows: Sequence[tuple[int, dict[str, str]]], *, label: str) -> dict[str, dict[str, Any]]:
    """key -> model fields for every row, or SubmissionInvalid listing every bad row ("Line 7: ..."); `label`
    names a row from its number ("Line %(number)s" for files, "Row %(number)s" for JSON)."""
    if not rows:
        raise SubmissionInvalid(errors={"rows": [_("There are no rows to record.")]})
    limit = policy_int("SUBMISSION_MAX_ROWS")
    if len(rows) > limit:
        raise SubmissionInvalid(errors={"rows": [_("More than %(limit)s rows: split the submission.")
                                                 % {"limit": limit}]})
    lookups, lines = Lookups.load(), []
    prepared: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    for number, cells in rows:
        values, problems = parse_row(kind, cells, lookups)
        key = str(values.get("key") or "")
        if key and key in first_line:
            problems.append(_("key: repeats the key of %(row)s") % {"row": label % {"number": first_line[key]}})
        if problems:
            lines.append(label % {"number": number} + ": " + "; ".join(problems))
            continue
        first_line[key] = number
        prepared[key] = _fields(kind, values)
    if lines:
        raise SubmissionInvalid(errors={"rows": lines})
    return prepared


def _mark_days(days: Iterable[dt.date]) -> None:
    DirtyDay.objects.bulk_create([DirtyDay(day=day) for day in sorted(set(days))])


def _existing(model: Any, scope: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(keys), CHUNK):
        rows = model._default_manager.select_for_update().filter(**scope, key__in=keys[start:start + CHUNK])
        found.update({row.key: row for row in rows})
    return found


def upsert(kind: str, scope: dict[str, Any], prepared: dict[str, dict[str, Any]],
           submission: Submission | None) -> Counts:
    """Create, replace or leave each row; mark the days whose facts change. Inside the caller's transaction."""
    model, fields = MODELS[kind], FIELDS[kind]
    existing = _existing(model, scope, list(prepared))
    new, changed, days = [], [], []
    for key, values in prepared.items():
        row = existing.get(key)
        if row is None:
            new.append(model(**scope, key=key, submission=submission, **values))
            days.append(values.get("day"))
        elif any(getattr(row, name) != values[name] for name in fields):
            days.extend([getattr(row, "day", None), values.get("day")])
            for name in fields:
                setattr(row, name, values[name])
            row.revision, row.submission = row.revision + 1, submission
            changed.append(row)
    model._default_manager.bulk_create(new, batch_size=CHUNK)
    model._default_manager.bulk_update(changed, [*fields, "revision", "submission", "updated_at"], batch_size=CHUNK)
    if kind != "entities":
        _mark_days(day for day in days if day is not None)
    return Counts(created=len(new), updated=len(changed), unchanged=len(prepared) - len(new) - len(changed))


def submission_record(*, actor: Any, operator_id: int | None, kind: str, rows: Sequence[tuple[int, dict[str, str]]],
                      channel: str, file_name: str = "", label: str = "") -> Submission:
    """Validate every row, then record them all in one transaction with one audit event."""
    operator = submitter_operator_id(actor, operator_id)
    label = label or _("Line %(number)s")
    if kind not in SubmissionKind.values:
        raise SubmissionInvalid(errors={"kind": [_("Choose transactions, acquisitions or entities.")]})
    prepared = prepare_rows(kind, rows, label=label)
    scope = {"operator_id": operator, **({"source": FactSource.SUBMISSION} if kind == "transactions" else {})}
    try:
        with transaction.atomic():
            submission = Submission.objects.create(operator_id=operator, kind=kind, channel=channel,
                                                   file_name=file_name[:200], submitted_by=actor,
                                                   rows_total=len(prepared))
            counts = upsert(kind, scope, prepared, submission)
            Submission.objects.filter(pk=submission.pk).update(
                rows_created=counts.created, rows_updated=counts.updated, rows_unchanged=counts.unchanged)
            submission.refresh_from_db()
            audit_record(actor=actor, action="supervision.submission_accepted", target=submission,
                         operator_id=operator, payload={"kind": kind, "channel": channel, "rows": len(prepared),
                                                        "created": counts.created, "updated": counts.updated,
                                                        "unchanged": counts.unchanged, "file_name": file_name})
    except IntegrityError as error:  # a concurrent submission added one of these keys first
        raise Conflict(_("Another submission with some of these keys was recorded at the same time; send it again."),
                       code="supervision.submission_race") from error
    return submission


@dataclass(frozen=True)
class PlatformTransaction:
    """A sale, auction, rental... concluded on Recirc itself, as the trade context reports it."""

    operator_id: int
    key: str  # the platform record, e.g. "trade.order:55"
    occurred_at: dt.datetime
    district_code: str
    category_code: str
    channel: str
    method: str
    amount: Any
    quantity: int = 1
    acquired_on: dt.date | None = None


def platform_transactions_record(records: Iterable[PlatformTransaction]) -> Counts:
    """Record the platform's own transactions (the supervision-side pull from trade), idempotent per key; the
    system acts, so there is no actor. Refused as a whole when a record is invalid."""
    by_operator: dict[int, list[tuple[int, dict[str, str]]]] = {}
    for number, record in enumerate(records, start=1):
        cells = {"key": record.key, "occurred_at": record.occurred_at.isoformat(),
                 "district_code": record.district_code,
                 "category_code": record.category_code, "channel": record.channel, "method": record.method,
                 "amount": str(record.amount), "quantity": str(record.quantity),
                 "acquired_on": record.acquired_on.isoformat() if record.acquired_on else ""}
        by_operator.setdefault(record.operator_id, []).append((number, cells))
    prepared = {operator: prepare_rows("transactions", rows, label=_("Record %(number)s"))
                for operator, rows in by_operator.items()}
    total = Counts(0, 0, 0)
    with transaction.atomic():
        for operator, rows in prepared.items():
            counts = upsert("transactions", {"operator_id": operator, "source": FactSource.PLATFORM}, rows, None)
            total = Counts(total.created + counts.created, total.updated + counts.updated,
                           total.unchanged + counts.unchanged)
        audit_record(actor=None, action="supervision.platform_transactions_recorded",
                     payload={"created": total.created, "updated": total.updated, "unchanged": total.unchanged})
    return total
