"""Intake photos: checked with Pillow (a real JPEG, PNG or WebP image, within the size limit) before anything
is written. Item photos are stored as files; document photos are personal data and go only to the vault."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from recirc.acquisitions import policy
from recirc.acquisitions.contracts import PhotoInput
from recirc.acquisitions.intake import Problems
from recirc.acquisitions.models import AcquisitionEntry, AcquisitionPhoto, PhotoKind
from recirc.privacy.facade import PiiKind, pii_store

FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
MAX_PHOTOS = 12


@dataclass(frozen=True)
class CheckedPhoto:
    kind: str
    content: bytes = field(repr=False)
    content_type: str
    extension: str
    sha256: str


def _image_format(content: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            return str(image.format)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def photos_check(problems: Problems, photos: Iterable[PhotoInput]) -> list[CheckedPhoto]:
    checked: list[CheckedPhoto] = []
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        problems.add("photos", _("Attach at most %(count)s photos.") % {"count": MAX_PHOTOS}, "acquisitions.photos")
    limit = policy.photo_max_bytes()
    for photo in photos[:MAX_PHOTOS]:
        if photo.kind not in PhotoKind.values:
            problems.add("photos", _("A photo is either of the item or of the identity document."),
                         "acquisitions.photo_kind")
            continue
        if len(photo.content) > limit:
            problems.add("photos", _("Each photo may be at most %(megabytes)s MB.") % {
                "megabytes": round(limit / 1024 / 1024, 1)}, "acquisitions.photo_too_large")
            continue
        image_format = _image_format(photo.content)
        if image_format not in FORMATS:
            problems.add("photos", _("“%(name)s” is not a JPEG, PNG or WebP image.") % {"name": photo.name[:80]},
                         "acquisitions.photo_not_image")
            continue
        content_type, extension = FORMATS[image_format]
        checked.append(CheckedPhoto(kind=photo.kind, content=photo.content, content_type=content_type,
                                    extension=extension, sha256=hashlib.sha256(photo.content).hexdigest()))
    return checked


def document_photos_store(actor: object, photos: Iterable[CheckedPhoto]) -> list[tuple[CheckedPhoto, str]]:
    """Document photos into the vault (base64 text); returns each with its token."""
    return [(photo, pii_store(kind=PiiKind.ID_PHOTO, value=base64.b64encode(photo.content).decode("ascii"),
                              actor=actor).token)
            for photo in photos if photo.kind == PhotoKind.DOCUMENT]


def photo_rows_create(entry: AcquisitionEntry, item_photos: Iterable[CheckedPhoto],
                      document_tokens: Iterable[tuple[CheckedPhoto, str]]) -> None:
    for photo in item_photos:
        row = AcquisitionPhoto(entry=entry, kind=PhotoKind.ITEM, content_type=photo.content_type,
                               size=len(photo.content), sha256=photo.sha256)
        row.image.save(f"item.{photo.extension}", ContentFile(photo.content), save=False)
        row.save()
    for photo, token in document_tokens:
        AcquisitionPhoto.objects.create(entry=entry, kind=PhotoKind.DOCUMENT, vault_token=token,
                                        content_type=photo.content_type, size=len(photo.content), sha256=photo.sha256)


def digests(photos: Iterable[CheckedPhoto]) -> list[dict[str, str]]:
    return [{"kind": photo.kind, "sha256": photo.sha256} for photo in photos]
