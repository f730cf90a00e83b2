"""Photos of watchlist articles (from the case file): police officers attach them to an entry, and see them
beside the intake photos of an alerted registration to compare. Checked and cleaned by core.images."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from recirc.core.audit import audit_record
from recirc.core.errors import ValidationFailed
from recirc.core.images import image_check, thumbnail
from recirc.policing.errors import WatchlistEntryWithdrawn
from recirc.policing.models import WatchlistPhoto, WatchlistStatus
from recirc.policing.policy import require_police
from recirc.policing.selectors import watchlist_get

MAX_PHOTOS_PER_ENTRY = 12
CODE = "policing.photo_invalid"


@dataclass(frozen=True)
class PhotoUpload:
    name: str
    content: bytes = field(repr=False)
    caption: str = ""


def _max_bytes() -> int:
    return int(getattr(settings, "RECIRC_PHOTO_MAX_BYTES", 5 * 1024 * 1024))


def _checked(uploads: Sequence[PhotoUpload], room: int) -> list[tuple[PhotoUpload, Any]]:
    """Every upload checked before anything is written; one error naming every bad file."""
    if len(uploads) > room:
        raise ValidationFailed(_("An entry keeps at most %(count)s photos.") % {"count": MAX_PHOTOS_PER_ENTRY},
                               field="photos", code=CODE)
    checked, problems = [], []
    for upload in uploads:
        try:
            checked.append((upload, image_check(upload.content, name=upload.name, max_bytes=_max_bytes(),
                                                code=CODE)))
        except ValidationFailed as error:
            problems.extend(error.errors.get("photos", [error.text()]))
    if problems:
        raise ValidationFailed(code=CODE, errors={"photos": problems})
    return checked


@transaction.atomic
def watchlist_photos_add(*, actor: Any, entry_id: int, uploads: Sequence[PhotoUpload]) -> list[WatchlistPhoto]:
    """Attach photos to an active entry (police only); all or none."""
    require_police(actor)
    entry = watchlist_get(actor, entry_id)
    if entry.status != WatchlistStatus.ACTIVE:
        raise WatchlistEntryWithdrawn()
    if not uploads:
        raise ValidationFailed(_("Choose at least one photo."), field="photos", code=CODE)
    checked = _checked(uploads, MAX_PHOTOS_PER_ENTRY - entry.photos.count())
    saved = []
    for upload, image in checked:
        photo = WatchlistPhoto(entry=entry, content_type=image.content_type, sha256=image.sha256,
                               caption=" ".join(upload.caption.split())[:120], uploaded_by=actor)
        photo.image.save(f"{image.sha256[:16]}.{image.extension}", ContentFile(image.content), save=False)
        photo.thumbnail.save(f"{image.sha256[:16]}.jpg", ContentFile(thumbnail(image)), save=False)
        photo.save()
        saved.append(photo)
    audit_record(actor=actor, action="policing.watchlist_photos_added", target=entry,
                 payload={"count": len(saved), "sha256": [photo.sha256 for photo in saved]})
    return saved


def watchlist_photo_get(actor: Any, photo_id: int) -> WatchlistPhoto:
    """A photo of an entry the actor may read (police); the same NotFound otherwise."""
    photo = WatchlistPhoto.objects.filter(pk=photo_id).first()
    entry = watchlist_get(actor, photo.entry_id if photo is not None else 0)
    assert photo is not None and photo.entry_id == entry.pk
    return photo
