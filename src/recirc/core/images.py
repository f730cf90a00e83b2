"""Uploaded photos, checked the same way everywhere: Pillow must recognise a real JPEG, PNG or WebP image within
the size limit (a file's name and declared type are not trusted), and what is kept is re-encoded without its
metadata (EXIF can carry the place a photo was taken: personal data), with a thumbnail."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from recirc.core.errors import ValidationFailed

FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
MAX_PIXELS = 40_000_000  # about 7,000 x 5,700: beyond it an upload is refused, not decoded
THUMBNAIL_SIZE = (320, 320)


@dataclass(frozen=True)
class CheckedImage:
    """A recognised image: `content` re-encoded without metadata, `sha256` over that content."""

    content: bytes = field(repr=False)
    content_type: str
    extension: str
    sha256: str
    width: int
    height: int


def _probe(content: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.verify()
            return str(image.format)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def _clean(content: bytes, image_format: str) -> tuple[bytes, int, int]:
    """Decoded, turned upright by its EXIF orientation, and saved again without any metadata."""
    with Image.open(io.BytesIO(content)) as opened:
        image = ImageOps.exif_transpose(opened)
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format=image_format, **({"quality": 90} if image_format in ("JPEG", "WEBP") else {}))
        return out.getvalue(), image.width, image.height


def image_check(content: bytes, *, name: str, max_bytes: int, field_name: str = "photos",
                code: str = "core.image_invalid") -> CheckedImage:
    """The checked, cleaned image; ValidationFailed (naming the file) when it is too large or not an image."""
    if len(content) > max_bytes:
        raise ValidationFailed(_("Each photo may be at most %(megabytes)s MB.") % {
            "megabytes": round(max_bytes / 1024 / 1024, 1)}, field=field_name, code=code)
    image_format = _probe(content)
    if image_format not in FORMATS:
        raise ValidationFailed(_("“%(name)s” is not a JPEG, PNG or WebP image.") % {"name": name[:80]},
                               field=field_name, code=code)
    cleaned, width, height = _clean(content, image_format)
    content_type, extension = FORMATS[image_format]
    return CheckedImage(content=cleaned, content_type=content_type, extension=extension,
                        sha256=hashlib.sha256(cleaned).hexdigest(), width=width, height=height)


def thumbnail(image: CheckedImage, size: tuple[int, int] = THUMBNAIL_SIZE) -> bytes:
    """A JPEG at most `size`, for lists and cards."""
    with Image.open(io.BytesIO(image.content)) as opened:
        small = opened.convert("RGB")
        small.thumbnail(size)
        out = io.BytesIO()
        small.save(out, format="JPEG", quality=80)
        return out.getvalue()
