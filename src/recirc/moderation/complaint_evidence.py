"""Evidence files of a complaint: checked before anything is written (a real JPEG, PNG or WebP image by Pillow
through core.images, re-encoded without metadata, or a PDF by its signature; within the size and count limits
of RECIRC_POLICY), then stored under their SHA-256 digest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from recirc.core.audit import audit_record
from recirc.core.errors import ValidationFailed
from recirc.core.images import image_check
from recirc.moderation.complaint_contracts import ComplaintFile
from recirc.moderation.complaint_errors import ComplaintEvidenceInvalid
from recirc.moderation.models import Complaint, ComplaintEvidence

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_FILES = 10


def policy_value(name: str, default: int) -> int:
    return int(getattr(settings, "RECIRC_POLICY", {}).get(name, default))


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes = field(repr=False)
    content_type: str
    extension: str
    sha256: str


def _cleaned(upload: ComplaintFile, name: str, limit: int) -> tuple[bytes, str, str] | None:
    """(content, content type, extension), or None when it is neither a PDF nor a photo."""
    if upload.content.startswith(b"%PDF-"):
        return upload.content, "application/pdf", "pdf"
    try:
        image = image_check(upload.content, name=name, max_bytes=limit, field_name="evidence",
                            code=ComplaintEvidenceInvalid.code)
    except ValidationFailed:
        return None
    return image.content, image.content_type, image.extension


def evidence_check(files: Iterable[ComplaintFile]) -> list[CheckedFile]:
    """Every file checked; ComplaintEvidenceInvalid (422, field "evidence") naming each problem."""
    files, problems, checked = list(files), [], []
    limit = policy_value("COMPLAINT_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)
    most = policy_value("COMPLAINT_EVIDENCE_MAX_FILES", DEFAULT_MAX_FILES)
    if len(files) > most:
        problems.append(_("A complaint takes at most %(count)s files.") % {"count": most})
    for upload in files[:most]:
        name = (upload.name or "file")[-120:]
        if not upload.content:
            problems.append(_("“%(name)s” is empty.") % {"name": name})
        elif len(upload.content) > limit:
            problems.append(_("“%(name)s” is larger than %(megabytes)s MB.") % {
                "name": name, "megabytes": round(limit / 1024 / 1024, 1)})
        elif (cleaned := _cleaned(upload, name, limit)) is None:
            problems.append(_("“%(name)s” is not a JPEG, PNG or WebP photo or a PDF.") % {"name": name})
        else:
            content, content_type, extension = cleaned
            checked.append(CheckedFile(name=name, content=content, content_type=content_type, extension=extension,
                                       sha256=hashlib.sha256(content).hexdigest()))
    if problems:
        raise ComplaintEvidenceInvalid(errors={"evidence": problems})
    return checked


def evidence_store(*, actor: Any, complaint: Complaint, files: Iterable[CheckedFile]) -> list[ComplaintEvidence]:
    """Store checked files on the complaint (inside the caller's transaction), each with an audit event."""
    stored = []
    for checked in files:
        row = ComplaintEvidence(complaint=complaint, file_name=checked.name, content_type=checked.content_type,
                                size=len(checked.content), sha256=checked.sha256, added_by=actor)
        row.file.save(f"evidence.{checked.extension}", ContentFile(checked.content), save=False)
        row.save()
        audit_record(actor=actor, action="moderation.complaint_evidence_added", target=row,
                     operator_id=complaint.seller_operator_id,
                     payload={"number": complaint.number, "sha256": checked.sha256,
                              "content_type": checked.content_type, "size": len(checked.content)})
        stored.append(row)
    return stored
