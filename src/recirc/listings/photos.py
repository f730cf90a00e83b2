"""Listing photos: checked with Pillow (a real JPEG, PNG or WebP image, within the size and dimension limits),
re-encoded as JPEG without EXIF (GPS positions are personal data), with a thumbnail. Only a draft's photos
change; the first photo is the listing's cover."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from recirc.core.audit import audit_record
from recirc.listings.errors import PhotoInvalid, PhotoNotFound
from recirc.listings.models import ListingPhoto
from recirc.listings.services import locked, require_draft, require_seller

FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
MAX_BYTES = 10 * 1024 * 1024
MIN_SIDE, MAX_SIDE = 200, 8000
STORED_SIDE, THUMB_SIDE = 1600, 320
MAX_PHOTOS = 12


def _open(content: bytes) -> Image.Image:
    if len(content) > MAX_BYTES:
        raise PhotoInvalid(field="photo", message=_("A photo may be at most 10 MB."))
    try:
        with Image.open(io.BytesIO(content)) as probe:
            probe.verify()
            image_format = probe.format
        image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise PhotoInvalid(field="photo", message=_("This file is not a JPEG, PNG or WebP image.")) from error
    if image_format not in FORMATS:
        raise PhotoInvalid(field="photo", message=_("This file is not a JPEG, PNG or WebP image."))
    if min(image.size) < MIN_SIDE or max(image.size) > MAX_SIDE:
        raise PhotoInvalid(field="photo", message=_("A photo must be 200 to 8000 pixels on each side."))
    return image


def _jpeg(image: Image.Image, side: int) -> tuple[bytes, tuple[int, int]]:
    """Upright (EXIF orientation applied), at most `side` pixels, RGB, saved without any metadata."""
    upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((side, side))
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    buffer = io.BytesIO()
    clean.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue(), clean.size


@transaction.atomic
def photo_add(*, actor: Any, listing_id: int, content: bytes) -> ListingPhoto:
    listing = locked(actor, listing_id)
    require_seller(actor, listing)
    require_draft(listing)
    if listing.photos.count() >= MAX_PHOTOS:
        raise PhotoInvalid(field="photo", message=_("A listing has at most 12 photos."))
    image = _open(content)
    stored, (width, height) = _jpeg(image, STORED_SIDE)
    thumbnail, _thumbnail_size = _jpeg(image, THUMB_SIDE)
    position = (listing.photos.aggregate(last=Max("position"))["last"] or 0) + 1
    photo = ListingPhoto(listing=listing, size=len(stored), width=width, height=height, position=position,
                         sha256=hashlib.sha256(stored).hexdigest(), uploaded_by=actor)
    photo.image.save("photo.jpg", ContentFile(stored), save=False)
    photo.thumbnail.save("thumb.jpg", ContentFile(thumbnail), save=False)
    photo.save()
    audit_record(actor=actor, action="listings.photo_added", target=listing, operator_id=listing.seller_operator_id,
                 payload={"code": listing.code, "photo": photo.pk, "sha256": photo.sha256})
    return photo


@transaction.atomic
def photo_remove(*, actor: Any, listing_id: int, photo_id: int) -> None:
    listing = locked(actor, listing_id)
    require_seller(actor, listing)
    require_draft(listing)
    photo = listing.photos.filter(pk=photo_id).first()
    if photo is None:
        raise PhotoNotFound()
    digest, files = photo.sha256, [(photo.image.storage, photo.image.name),
                                    (photo.thumbnail.storage, photo.thumbnail.name)]
    photo.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files if name])
    audit_record(actor=actor, action="listings.photo_removed", target=listing,
                 operator_id=listing.seller_operator_id, payload={"code": listing.code, "sha256": digest})
