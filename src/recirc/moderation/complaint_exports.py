"""Exports of complaints. The evidence package of a case: a ZIP holding the complaint with its timeline and notes,
the listing's snapshot with its sealed disclosure (listings facade), the order (through the order port), and the
evidence files, with `manifest.json` naming every other file with its SHA-256, when and by whom the package was
made. Downloading it is audited. And the statistics as CSV or XLSX (core.tables). No personal data: people
appear by user id and role (staff by user name, as in the audit log)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from django.db import transaction
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.core.errors import NotFound
from recirc.core.permissions import role_of
from recirc.core.tables import table_response
from recirc.listings.facade import disclosure_for_listing, listing_offer
from recirc.moderation import complaint_policy as policy
from recirc.moderation.complaint_errors import ComplaintActionNotAllowed, ComplaintForbidden
from recirc.moderation.complaint_orders import order_as_dict, order_by_id
from recirc.moderation.complaint_selectors import complaint_get, notes_of, timeline_of
from recirc.moderation.complaint_statistics import ComplaintStatistics, statistics_rows
from recirc.moderation.models import Complaint

COMPLAINT_FIELDS = ("number", "state", "category", "subject_kind", "subject_key", "subject_title", "listing_code",
                    "order_number", "seller_operator_id", "seller_user_id", "complainant_id", "statement",
                    "answer", "answered_by_id", "rejection_reason", "escalation_reason", "findings",
                    "referral_reason", "decision", "decision_reasons")
MOMENTS = ("created_at", "answer_due_at", "answered_at", "overdue_at", "escalated_at", "case_opened_at",
           "referred_at", "closed_at")


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode("utf-8")


def complaint_document(complaint: Complaint) -> dict[str, Any]:
    return {
        **{name: getattr(complaint, name) for name in COMPLAINT_FIELDS},
        **{name: _iso(getattr(complaint, name)) for name in MOMENTS},
        "timeline": [{"at": event.occurred_at.isoformat(), "action": event.action, "by": event.actor_label,
                      "payload": event.payload} for event in timeline_of(complaint)],
        "notes": [{"at": note.created_at.isoformat(), "role": note.author_role, "by": note.author.username,
                   "text": note.text} for note in notes_of(complaint)],
    }


def _listing_document(listing_id: int, version: int | None) -> dict[str, Any] | None:
    try:
        offer, disclosure = listing_offer(listing_id), disclosure_for_listing(listing_id, version)
    except NotFound:
        return None
    return {"listing": {"code": offer.code, "title": offer.title, "status": offer.status, "price": str(offer.price),
                        "item_code": offer.item_code, "category_code": offer.category_code,
                        "seller_kind": offer.seller_kind, "seller_operator_id": offer.seller_operator_id,
                        "warranty_days": offer.warranty_days, "return_window_days": offer.return_window_days,
                        "terms_text": offer.terms_text, "version": offer.version},
            "disclosure": {"version": disclosure.version, "sha256": disclosure.sha256,
                           "composed_at": disclosure.composed_at.isoformat(), "data": disclosure.data,
                           "facts": [list(fact) for fact in disclosure.facts]}}


def package_files(complaint: Complaint) -> list[tuple[str, bytes]]:
    """(path in the ZIP, content) of everything but the manifest, in a fixed order."""
    files = [("complaint.json", _json(complaint_document(complaint)))]
    order = order_by_id(complaint.order_id) if complaint.order_id is not None else None
    version = None
    if order is not None:
        files.append(("order.json", _json(order_as_dict(order))))
        line = next((line for line in order.lines if line.listing_id == complaint.listing_id), None)
        version = line.listing_version if line is not None else None
    if complaint.listing_id is not None:
        listing = _listing_document(complaint.listing_id, version)
        if listing is not None:
            files.append(("listing.json", _json(listing)))
    for index, row in enumerate(complaint.evidence.all(), start=1):
        with row.file.open("rb") as handle:
            files.append((f"evidence/{index:02d}-{row.sha256[:12]}.{row.file.name.rsplit('.', 1)[-1]}",
                          handle.read()))
    return files


def _zip(files: list[tuple[str, bytes]], moment: Any) -> bytes:
    buffer = io.BytesIO()
    stamp = timezone.localtime(moment).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@transaction.atomic
def evidence_package(*, actor: Any, complaint_id: int) -> tuple[str, bytes]:
    """(file name, ZIP bytes) for market supervision (escalated cases) and the police (referred ones)."""
    complaint = complaint_get(actor, complaint_id)
    if not policy.may_act(actor, complaint, "export"):
        raise ComplaintForbidden()
    if not policy.state_allows(complaint, "export"):
        raise ComplaintActionNotAllowed(params={"state": complaint.get_state_display()})
    now = timezone.now()
    files = package_files(complaint)
    manifest = {"complaint": complaint.number, "generated_at": now.isoformat(),
                "generated_by": {"user": actor.username, "role": role_of(actor)},
                "files": [{"path": name, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
                          for name, content in files]}
    archive = _zip([("manifest.json", _json(manifest)), *files], now)
    audit_record(actor=actor, action="moderation.complaint_package_exported", target=complaint,
                 operator_id=complaint.seller_operator_id,
                 payload={"number": complaint.number, "sha256": hashlib.sha256(archive).hexdigest(),
                          "files": len(files)})
    return f"complaint-{complaint.number}-evidence.zip", archive


def statistics_export(stats: ComplaintStatistics, export_format: str) -> Any:
    header, rows = statistics_rows(stats)
    return table_response(header, rows, export_format, "complaint-statistics")
