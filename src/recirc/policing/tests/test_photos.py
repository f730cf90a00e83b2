"""Watchlist photos: police attach case-file photos to an active entry (checked, re-encoded without their
metadata, with a thumbnail); every upload is checked before anything is written; only the police see them,
on the entry's page and beside an alert it raised."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from recirc.core.errors import DomainError, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.policing import photos, services
from recirc.policing.models import WatchlistPhoto
from recirc.policing.photos import PhotoUpload


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def jpeg_with_gps(size: tuple[int, int] = (640, 480)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    gps = exif.get_ifd(0x8825)  # GPSInfo: where the photo was taken, personal data
    gps[1], gps[2] = "N", (30.0, 15.0, 0.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def entry(world: dict[str, Any]) -> Any:
    return services.watchlist_add(actor=world["police"], data={
        "case_number": "杭公刑(2026)0077号", "reporting_unit": "杭州市公安局西湖区分局", "brand": "Apple",
        "model_name": "iPhone 14", "description": "背面刻字 ZL4821"}, identifiers=[("imei", "356868000041418")])


def test_police_attach_photos_cleaned_of_their_metadata(world: dict[str, Any], entry: Any) -> None:
    original = jpeg_with_gps()
    saved = photos.watchlist_photos_add(actor=world["police"], entry_id=entry.pk, uploads=[
        PhotoUpload(name="back.jpg", content=original, caption="  背面  刻字 ")])

    assert len(saved) == 1
    photo = WatchlistPhoto.objects.get(pk=saved[0].pk)
    stored = photo.image.read()
    assert (photo.content_type, photo.caption, photo.uploaded_by_id) == ("image/jpeg", "背面 刻字", world["police"].pk)
    assert photo.sha256 == hashlib.sha256(stored).hexdigest() != hashlib.sha256(original).hexdigest()
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.size, dict(image.getexif())) == ((640, 480), {})
    with Image.open(photo.thumbnail) as thumb:
        assert thumb.size == (320, 240)
    event = AuditEvent.objects.get(action="policing.watchlist_photos_added")
    assert event.payload == {"count": 1, "sha256": [photo.sha256]}


def test_one_bad_file_refuses_the_whole_upload(world: dict[str, Any], entry: Any) -> None:
    with pytest.raises(ValidationFailed) as raised:
        photos.watchlist_photos_add(actor=world["police"], entry_id=entry.pk, uploads=[
            PhotoUpload(name="ok.jpg", content=jpeg_with_gps()),
            PhotoUpload(name="notes.txt", content=b"not an image")])
    assert raised.value.code == "policing.photo_invalid"
    assert [str(message) for message in raised.value.errors["photos"]] == [
        "“notes.txt” is not a JPEG, PNG or WebP image."]
    assert WatchlistPhoto.objects.count() == 0


def test_a_file_over_the_limit_is_refused(world: dict[str, Any], entry: Any, settings: Any) -> None:
    settings.RECIRC_PHOTO_MAX_BYTES = 1000
    with pytest.raises(ValidationFailed) as raised:
        photos.watchlist_photos_add(actor=world["police"], entry_id=entry.pk,
                                    uploads=[PhotoUpload(name="big.jpg", content=jpeg_with_gps())])
    assert [str(message) for message in raised.value.errors["photos"]] == ["Each photo may be at most 0.0 MB."]
    assert WatchlistPhoto.objects.count() == 0


def test_a_withdrawn_entry_takes_no_photos(world: dict[str, Any], entry: Any) -> None:
    services.watchlist_withdraw(actor=world["police"], entry_id=entry.pk, reason="已找回")
    with pytest.raises(DomainError) as raised:
        photos.watchlist_photos_add(actor=world["police"], entry_id=entry.pk,
                                    uploads=[PhotoUpload(name="a.jpg", content=jpeg_with_gps())])
    assert raised.value.code == "policing.watchlist_entry_withdrawn"
    assert WatchlistPhoto.objects.count() == 0


@pytest.mark.parametrize("who", ["clerk_a", "regulator", "consumer"])
def test_only_the_police_attach_photos(world: dict[str, Any], entry: Any, who: str) -> None:
    with pytest.raises(DomainError):
        photos.watchlist_photos_add(actor=world[who], entry_id=entry.pk,
                                    uploads=[PhotoUpload(name="a.jpg", content=jpeg_with_gps())])
    assert WatchlistPhoto.objects.count() == 0


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("clerk_a", 403), ("regulator", 403), ("consumer", 403),
                                             ("police", 200)])
def test_only_the_police_see_the_photos(world: dict[str, Any], entry: Any, who: str | None, status: int) -> None:
    photo = photos.watchlist_photos_add(actor=world["police"], entry_id=entry.pk,
                                        uploads=[PhotoUpload(name="a.jpg", content=jpeg_with_gps())])[0]
    client = Client()
    if who:
        client.force_login(world[who])
    for size in ("thumb", "full"):
        response = client.get(reverse("police-watchlist-photo", args=[photo.pk, size]))
        assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/jpeg"


def test_the_entry_page_uploads_and_shows_them(world: dict[str, Any], entry: Any) -> None:
    client = Client()
    client.force_login(world["police"])
    response = client.post(reverse("police-watchlist-photos-add", args=[entry.pk]), {
        "caption": "背面", "photos": [SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg"),
                                     SimpleUploadedFile("b.jpg", jpeg_with_gps((300, 300)), "image/jpeg")]})
    assert response.status_code == 303
    assert WatchlistPhoto.objects.filter(entry=entry).count() == 2
    page = client.get(reverse("police-watchlist-detail", args=[entry.pk])).content.decode()
    for photo in WatchlistPhoto.objects.filter(entry=entry):
        assert reverse("police-watchlist-photo", args=[photo.pk, "thumb"]) in page


def test_a_bad_upload_on_the_page_shows_the_error_and_writes_nothing(world: dict[str, Any], entry: Any) -> None:
    client = Client()
    client.force_login(world["police"])
    response = client.post(reverse("police-watchlist-photos-add", args=[entry.pk]), {
        "photos": [SimpleUploadedFile("x.png", b"garbage", "image/png")]})
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert '<li class="message error">“x.png”不是 JPEG、PNG 或 WebP 格式的图片。</li>' in page  # zh-hans, the default
    assert WatchlistPhoto.objects.count() == 0
