"""Photos: Pillow checks type, size and dimensions; the stored file and thumbnail are JPEGs without EXIF."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from recirc.core.errors import ValidationFailed
from recirc.listings import photos
from recirc.listings.tests.conftest import snapshot
from recirc.listings.tests.factories import draft, image_bytes, stock_bookcase


def test_a_photo_is_stored_without_exif_with_a_thumbnail(world: dict[str, Any]) -> None:
    listing = draft(world, stock_bookcase(world))
    content = image_bytes(size=(2400, 1800), exif_gps=True)
    assert Image.open(io.BytesIO(content)).getexif()  # given: the upload carries EXIF with a GPS position
    photo = photos.photo_add(actor=world["clerk_a"], listing_id=listing.pk, content=content)
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (1600, 1200), {})
    with photo.thumbnail.open("rb") as stored, Image.open(stored) as thumbnail:
        assert thumbnail.size == (320, 240) and dict(thumbnail.getexif()) == {}
    assert (photo.width, photo.height, photo.position) == (1600, 1200, 1)


@pytest.mark.parametrize(("content", "message"), [
    (b"not an image at all", "This file is not a JPEG, PNG or WebP image."),
    (image_bytes(image_format="GIF"), "This file is not a JPEG, PNG or WebP image."),
    (image_bytes(size=(120, 120)), "A photo must be 200 to 8000 pixels on each side."),
    (b"\xff" * (photos.MAX_BYTES + 1), "A photo may be at most 10 MB."),
])
def test_bad_files_are_refused_and_change_nothing(world: dict[str, Any], content: bytes, message: str) -> None:
    listing = draft(world, stock_bookcase(world))
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        photos.photo_add(actor=world["clerk_a"], listing_id=listing.pk, content=content)
    assert (refused.value.code, refused.value.errors) == ("listings.photo_invalid", {"photo": [message]})
    assert snapshot() == before


def test_png_and_webp_are_accepted_and_removal_is_audited(world: dict[str, Any]) -> None:
    listing = draft(world, stock_bookcase(world))
    first = photos.photo_add(actor=world["clerk_a"], listing_id=listing.pk, content=image_bytes(image_format="PNG"))
    second = photos.photo_add(actor=world["clerk_a"], listing_id=listing.pk,
                              content=image_bytes(image_format="WEBP"))
    assert (first.position, second.position) == (1, 2)
    photos.photo_remove(actor=world["clerk_a"], listing_id=listing.pk, photo_id=first.pk)
    assert list(listing.photos.values_list("pk", flat=True)) == [second.pk]
