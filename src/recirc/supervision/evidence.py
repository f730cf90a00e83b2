"""Evidence of a case (files fingerprinted with SHA-256, or references to records in Recirc) and the evidence
export: one ZIP with the case file as JSON, a readable summary, the timeline as CSV, every evidence file, and a
`SHA256SUMS` manifest (`sha256sum -c SHA256SUMS` checks it). Every export is recorded in the audit trail, so the
chain of custody shows who took the evidence out and when."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.supervision.cases import case_get, case_held
from recirc.supervision.errors import EvidenceInvalid
from recirc.supervision.models import Case, CaseEvent, CaseEventKind, CaseEvidence
from recirc.supervision.policy import policy_int, require_cases

ALLOWED_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp", "text/plain", "text/csv",
                 "application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _clean(description: str, file_name: str, content: bytes | None, content_type: str, record_ref: str) -> str:
    errors: dict[str, list[Any]] = {}
    description = " ".join(str(description or "").split())
    if not description or len(description) > 300:
        errors["description"] = [_("Describe the evidence in at most 300 characters.")]
    if bool(content) == bool(record_ref.strip()):
        errors["file"] = [_("Attach a file or name a record, one of the two.")]
    if content and len(content) > policy_int("CASE_EVIDENCE_MAX_BYTES"):
        errors["file"] = [_("The file is too large.")]
    if content and content_type not in ALLOWED_TYPES:
        errors["file"] = [_("Attach a PDF, an image, a text, CSV, Word or Excel file, or a ZIP archive.")]
    if len(record_ref) > 120 or len(file_name) > 200:
        errors["record_ref"] = [_("At most 120 characters.")]
    if errors:
        raise EvidenceInvalid(errors=errors)
    return description


@transaction.atomic
def evidence_add(*, actor: Any, case_id: int, description: str, file_name: str = "", content: bytes | None = None,
                 content_type: str = "", record_ref: str = "") -> CaseEvidence:
    """Add a file or a record reference to the case file (the holding authority only)."""
    case = case_held(actor, case_id)
    description = _clean(description, file_name, content, content_type, record_ref)
    evidence = CaseEvidence(case=case, description=description, record_ref=record_ref.strip(), added_by=actor,
                            file_name=file_name, content_type=content_type if content else "")
    if content:
        evidence.sha256, evidence.size = hashlib.sha256(content).hexdigest(), len(content)
        evidence.file.save(file_name or "evidence", ContentFile(content), save=False)
    evidence.save()
    CaseEvent.objects.create(case=case, kind=CaseEventKind.EVIDENCE, actor=actor, to_status=case.status,
                             to_authority=case.authority, text=description)
    audit_record(actor=actor, action="supervision.case_evidence_added", target=evidence, operator_id=case.operator_id,
                 payload={"case": case.reference, "sha256": evidence.sha256, "record_ref": evidence.record_ref})
    return evidence


def _case_json(case: Case, events: list[CaseEvent], evidence: list[CaseEvidence]) -> dict[str, Any]:
    return {
        "reference": case.reference, "kind": case.kind, "status": case.status, "held_by": case.authority,
        "opened_by_authority": case.opened_by_authority, "title": case.title, "summary": case.summary,
        "operator_id": case.operator_id, "item_code": case.item_code, "source": case.source_ref,
        "opened_at": case.opened_at.isoformat(), "closed_at": case.closed_at.isoformat() if case.closed_at else None,
        "outcome": case.outcome,
        "timeline": [{"at": event.occurred_at.isoformat(), "kind": event.kind, "by": str(event.actor or "system"),
                      "from_status": event.from_status, "to_status": event.to_status,
                      "from_authority": event.from_authority, "to_authority": event.to_authority, "text": event.text}
                     for event in events],
        "evidence": [{"description": item.description, "file": _member_name(index, item) if item.sha256 else None,
                      "sha256": item.sha256 or None, "size": item.size, "record": item.record_ref or None,
                      "added_at": item.added_at.isoformat(), "added_by": str(item.added_by or "system")}
                     for index, item in enumerate(evidence, start=1)]}


def _member_name(index: int, item: CaseEvidence) -> str:
    safe = "".join(char if char.isalnum() or char in "._-" else "_" for char in (item.file_name or "file"))
    return f"evidence/{index:03d}-{item.sha256[:12]}-{safe[-80:]}"


def _summary(case: Case, events: list[CaseEvent]) -> str:
    lines = [f"{case.reference}  {case.title}", f"{case.get_kind_display()} · {case.get_status_display()} · "
             f"{case.get_authority_display()}", "", case.summary, "", _("Timeline"), ""]
    lines += [f"{timezone.localtime(event.occurred_at):%Y-%m-%d %H:%M}  {event.get_kind_display()}  "
              f"{event.actor or 'system'}  {event.text}" for event in events]
    return "\n".join(lines) + "\n"


def _timeline_csv(events: list[CaseEvent]) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["at", "kind", "by", "from_status", "to_status", "from_authority", "to_authority", "text"])
    for event in events:
        writer.writerow([event.occurred_at.isoformat(), event.kind, str(event.actor or "system"), event.from_status,
                         event.to_status, event.from_authority, event.to_authority, event.text])
    return "\ufeff" + text.getvalue()


def evidence_export(*, actor: Any, case_id: int) -> tuple[str, bytes]:
    """(file name, ZIP bytes) of the case file; recorded in the audit trail."""
    require_cases(actor)
    case = case_get(actor, case_id)
    events = list(case.events.select_related("actor").order_by("occurred_at", "id"))
    evidence = list(case.evidence.select_related("added_by").order_by("added_at", "id"))
    members: dict[str, bytes] = {
        "case.json": json.dumps(_case_json(case, events, evidence), ensure_ascii=False, indent=2).encode(),
        "summary.txt": _summary(case, events).encode(), "timeline.csv": _timeline_csv(events).encode()}
    for index, item in enumerate(evidence, start=1):
        if item.sha256:
            with item.file.open("rb") as handle:
                members[_member_name(index, item)] = handle.read()
    manifest = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in members.items())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**members, "SHA256SUMS": manifest.encode()}.items():
            archive.writestr(name, data)
    with transaction.atomic():
        audit_record(actor=actor, action="supervision.case_evidence_exported", target=case,
                     operator_id=case.operator_id, payload={"reference": case.reference, "files": len(members)})
    return f"{case.reference}-evidence.zip", buffer.getvalue()
