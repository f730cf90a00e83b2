"""Evidence files (`contracts.EvidenceFile`): checked before anything is written (a real JPEG, PNG or WebP image
by Pillow through core.images, re-encoded without metadata; or a PDF by its signature; within the size and count
limits), then stored by their SHA-256 digest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from recirc.aftersales.conf import aftersales_setting
from recirc.aftersales.contracts import EvidenceFile
from recirc.aftersales.errors import EvidenceInvalid
from recirc.aftersales.models import Evidence
from recirc.core.audit import audit_record
from recirc.core.errors import ValidationFailed
from recirc.core.images import image_check


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes = field(repr=False)
    content_type: str
    extension: str
    sha256: str
    description: str


def _cleaned(upload: EvidenceFile, name: str, limit: int) -> tuple[bytes, str, str] | None:
    """(content, content type, extension): a PDF as sent; a photo re-encoded by core.images without its metadata
    (EXIF can carry where it was taken). None when it is neither."""
    if upload.content.startswith(b"%PDF-"):
        return upload.content, "application/pdf", "pdf"
    try:
        image = image_check(upload.content, name=name, max_bytes=limit, field_name="evidence",
                            code=EvidenceInvalid.code)
    except ValidationFailed:
        return None
    return image.content, image.content_type, image.extension


def evidence_check(files: Iterable[EvidenceFile], *, already: int = 0) -> list[CheckedFile]:
    """Every file checked; EvidenceInvalid (422, field "evidence") naming each problem."""
    files, problems, checked = list(files), [], []
    limit, most = aftersales_setting("EVIDENCE_MAX_BYTES"), aftersales_setting("EVIDENCE_MAX_FILES")
    if already + len(files) > most:
        problems.append(_("A case takes at most %(count)s files.") % {"count": most})
    for upload in files[:most]:
        name = (upload.name or "file")[-120:]
        if not upload.content:
            problems.append(_("“%(name)s” is empty.") % {"name": name})
            continue
        if len(upload.content) > limit:
            problems.append(_("“%(name)s” is larger than %(megabytes)s MB.") % {
                "name": name, "megabytes": round(limit / 1024 / 1024, 1)})
            continue
        cleaned = _cleaned(upload, name, limit)
        if cleaned is None:
            problems.append(_("“%(name)s” is not a JPEG, PNG or WebP photo or a PDF.") % {"name": name})
            continue
        content, content_type, extension = cleaned
        checked.append(CheckedFile(name=name, content=content, content_type=content_type, extension=extension,
                                   sha256=hashlib.sha256(content).hexdigest(),
                                   description=" ".join((upload.description or "").split())[:300]))
    if problems:
        raise EvidenceInvalid(errors={"evidence": problems})
    return checked


def evidence_store(*, actor: Any, case: Any, party: str, files: Iterable[CheckedFile]) -> list[Evidence]:
    """Store checked files on the case (inside the caller's transaction), each with an audit event."""
    field_name = {"ReturnRequest": "return_request", "ServiceTicket": "ticket", "Dispute": "dispute"}[
        type(case).__name__]
    stored = []
    for checked in files:
        row = Evidence(party=party, description=checked.description, file_name=checked.name,
                       content_type=checked.content_type, size=len(checked.content), sha256=checked.sha256,
                       added_by=actor, **{field_name: case})
        row.file.save(f"evidence.{checked.extension}", ContentFile(checked.content), save=False)
        row.save()
        audit_record(actor=actor, action="aftersales.evidence_added", target=row, operator_id=case.seller_operator_id,
                     payload={"number": case.number, "party": party, "sha256": checked.sha256,
                              "content_type": checked.content_type, "size": len(checked.content)})
        stored.append(row)
    return stored
