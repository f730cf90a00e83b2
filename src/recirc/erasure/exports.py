"""CSV and XLSX exports of erasure jobs and certificates (the operator's records, a regulator's read).
Each export is audited; spreadsheet cells that look like formulas are neutralised. No personal data: staff
appear by display name, the consenting person only by reference."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.erasure.models import ErasureCertificate, ErasureJob

EXPORT_LIMIT = 10_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
JOB_KEYS = ("job_id", "item_code", "category", "make", "model", "identifiers", "media_type", "storage_serial",
            "state", "attempt", "consent_reference", "method", "level", "tool", "tool_version", "started_at",
            "ended_at", "erased_by", "verification_method", "verification_result", "verified_by", "verified_at",
            "destination", "failure_reason")
CERTIFICATE_KEYS = ("certificate_id", "issued_at", "status", "operator_id", "item_code", "make", "model",
                    "identifiers", "media_type", "method", "level", "tool", "tool_version", "started_at", "ended_at",
                    "erased_by", "verification_method", "verification_result", "verified_by", "destination",
                    "consent_reference", "sha256", "revoked_at")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


def _moment(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""


def _name(user: Any) -> str:
    return str(user) if user is not None else ""


def job_record(job: ErasureJob) -> dict[str, Any]:
    return {
        "job_id": job.pk, "item_code": job.item_code, "category": job.category_code, "make": job.make,
        "model": job.model_name, "identifiers": job.identifier_text, "media_type": job.media_type,
        "storage_serial": job.storage_serial, "state": job.state, "attempt": job.attempt,
        "consent_reference": job.consent.code, "method": job.method, "level": job.level, "tool": job.tool,
        "tool_version": job.tool_version, "started_at": _moment(job.started_at), "ended_at": _moment(job.ended_at),
        "erased_by": _name(job.erased_by), "verification_method": job.verification_method,
        "verification_result": job.verification_result, "verified_by": _name(job.verified_by),
        "verified_at": _moment(job.verified_at), "destination": job.destination, "failure_reason": job.failure_reason,
    }


def certificate_record(certificate: ErasureCertificate) -> dict[str, Any]:
    content = certificate.content
    device, erasure, verification = content["device"], content["erasure"], content["verification"]
    return {
        "certificate_id": certificate.code, "issued_at": _moment(certificate.issued_at),
        "status": "revoked" if certificate.revoked_at else "valid", "operator_id": certificate.operator_id,
        "item_code": device["passport_code"], "make": device["make"], "model": device["model"],
        "identifiers": " ".join(f"{pair['kind']}:{pair['value']}" for pair in device["identifiers"]),
        "media_type": device["media_type"], "method": erasure["method"], "level": erasure["level"],
        "tool": erasure["tool"], "tool_version": erasure["tool_version"], "started_at": erasure["started_at"],
        "ended_at": erasure["ended_at"], "erased_by": erasure["operator"]["name"],
        "verification_method": verification["method"], "verification_result": verification["result"],
        "verified_by": verification["verifier"]["name"], "destination": content["destination"],
        "consent_reference": content["consent"]["reference"], "sha256": certificate.sha256,
        "revoked_at": _moment(certificate.revoked_at),
    }


def _csv(keys: tuple[str, ...], records: list[dict[str, Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(keys)
    writer.writerows([[_cell(record[key]) for key in keys] for record in records])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def _xlsx(keys: tuple[str, ...], records: list[dict[str, Any]], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(keys))
    for record in records:
        sheet.append([_cell(record[key]) for key in keys])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _export(*, actor: Any, rows: Iterable[Any], to_record: Callable[[Any], dict[str, Any]], keys: tuple[str, ...],
            name: str, export_format: str, filters: Mapping[str, Any]) -> HttpResponse:
    export_format = export_format if export_format in CONTENT_TYPES else "csv"
    records = [to_record(row) for row in rows]
    audit_record(actor=actor, action="erasure.exported", payload={
        "what": name, "format": export_format, "rows": len(records),
        "filters": {key: str(value) for key, value in filters.items() if value not in (None, "")}})
    body = _xlsx(keys, records, name) if export_format == "xlsx" else _csv(keys, records)
    response = HttpResponse(body, content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = (f'attachment; filename="erasure-{name}-{timezone.localdate().isoformat()}.'
                                       f'{export_format}"')
    return response


@transaction.atomic
def jobs_export(*, actor: Any, jobs: QuerySet[ErasureJob], export_format: str,
                filters: Mapping[str, Any]) -> HttpResponse:
    return _export(actor=actor, rows=jobs[:EXPORT_LIMIT], to_record=job_record, keys=JOB_KEYS, name="jobs",
                   export_format=export_format, filters=filters)


@transaction.atomic
def certificates_export(*, actor: Any, certificates: QuerySet[ErasureCertificate], export_format: str,
                        filters: Mapping[str, Any]) -> HttpResponse:
    return _export(actor=actor, rows=certificates[:EXPORT_LIMIT], to_record=certificate_record,
                   keys=CERTIFICATE_KEYS, name="certificates", export_format=export_format, filters=filters)
