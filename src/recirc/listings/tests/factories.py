"""Test data for listings: items registered, inspected and erased through the other contexts' facades (as their
own staff would), photos generated with Pillow, and listings walked through the services."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone
from PIL import Image

from recirc.catalog.facade import category_get
from recirc.erasure.facade import CompletionInput, ConsentInput, job_complete, job_open, job_start, job_verify
from recirc.inspection.facade import inspection_complete
from recirc.inspection.tests.factories import FURNITURE_OK, PHONE_OK, imei_with
from recirc.items.facade import ItemRef, item_register, item_transition
from recirc.listings import drafting, photos, services
from recirc.listings.models import Listing

COMPLETE_TERMS = {"price": "2999.00", "no_known_defects": True, "terms_text": "保修期内非人为故障免费维修"}


def image_bytes(*, size: tuple[int, int] = (640, 480), image_format: str = "JPEG", colour: str = "steelblue",
                exif_gps: bool = False) -> bytes:
    image = Image.new("RGB", size, colour)
    buffer = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "TestCam"  # Make
        gps = exif.get_ifd(0x8825)  # GPS
        gps[1], gps[2], gps[3], gps[4] = "N", (30.0, 15.0, 0.0), "E", (120.0, 10.0, 0.0)
        image.save(buffer, format=image_format, exif=exif)
    else:
        image.save(buffer, format=image_format)
    return buffer.getvalue()


def registered(clerk: Any, operator: Any, category: str, title: str, **fields: Any) -> ItemRef:
    item = item_register(actor=clerk, category_id=category_get(category).id, title=title,
                         owner_operator_id=operator.pk, **fields)
    return item_transition(actor=clerk, item_id=item.id, to_state="in_stock", reason="intake")


def stock_phone(world: dict[str, Any], serial: int = 123456, battery: int | None = 91) -> ItemRef:
    attributes: dict[str, Any] = {"brand": "Apple", "model": "iPhone 13", "storage_gb": "128", "colour": "黑色"}
    if battery is not None:
        attributes["battery_health_percent"] = battery
    return registered(world["clerk_a"], world["operator_a"], "mobile-phones", "Apple iPhone 13 128GB 黑色",
                      brand="Apple", model_name="iPhone 13", attributes=attributes,
                      identifiers=[("imei", imei_with("35332011", serial))])


def stock_bookcase(world: dict[str, Any]) -> ItemRef:
    return registered(world["clerk_a"], world["operator_a"], "furniture", "宜家 毕利书柜 白色", brand="宜家",
                      attributes={"material": "板材", "width_cm": 80, "depth_cm": 28, "height_cm": 202})


def inspected(world: dict[str, Any], item: ItemRef, answers: dict[str, str] | None = None) -> ItemRef:
    default = PHONE_OK if item.category_code == "mobile-phones" else FURNITURE_OK
    inspection_complete(actor=world["inspector_a"], item_id=item.id, answers=answers or default)
    return item


def erased(world: dict[str, Any], item: ItemRef) -> ItemRef:
    consent = ConsentInput(subject_reference="register 3/17", scope="internal_and_removable",
                           erasure_kind="software", channel="signed_form", effect_explained=True,
                           given_at=timezone.now() - dt.timedelta(hours=2), text_version="2026-01")
    job_id = job_open(actor=world["technician_a"], item_id=item.id, consent=consent, media_type="flash_embedded")
    job_start(actor=world["technician_a"], job_id=job_id, started_at=timezone.now() - dt.timedelta(minutes=30))
    job_complete(actor=world["technician_a"], job_id=job_id,
                 data=CompletionInput(method="crypto_erase", level="purge", tool="Blancco Mobile Diagnostics",
                                      tool_version="5.4.1", destination="resale"))
    job_verify(actor=world["inspector_a"], job_id=job_id, method="sampled_readback", result="passed")
    return item


def ready_phone(world: dict[str, Any], serial: int = 123456) -> ItemRef:
    """An operator's phone that was inspected and erased: it may be listed."""
    return erased(world, inspected(world, stock_phone(world, serial)))


def draft(world: dict[str, Any], item: ItemRef, actor: str = "clerk_a", **fields: Any) -> Listing:
    return drafting.listing_create(actor=world[actor], item_id=item.id, **fields)


def with_photo(world: dict[str, Any], listing: Listing, actor: str = "clerk_a") -> Listing:
    photos.photo_add(actor=world[actor], listing_id=listing.pk, content=image_bytes())
    return listing


def published(world: dict[str, Any], item: ItemRef | None = None, **fields: Any) -> Listing:
    listing = with_photo(world, draft(world, item or ready_phone(world), **{**COMPLETE_TERMS, **fields}))
    return services.listing_publish(actor=world["clerk_a"], listing_id=listing.pk)


def seal_disclosure(listing: Listing) -> Listing:
    """For other contexts' fixtures that build a published listing row directly: compose and seal its
    disclosure (version 1) exactly as publishing does, and record the hash on the listing."""
    from recirc.listings.disclosure import canonical_json, compose, seal
    from recirc.listings.models import Disclosure

    canonical = canonical_json(compose(listing))
    Disclosure.objects.create(listing=listing, version=1, canonical=canonical, sha256=seal(canonical),
                              composed_at=timezone.now())
    Listing.objects.filter(pk=listing.pk).update(disclosure_version=1, disclosure_sha256=seal(canonical))
    listing.refresh_from_db()
    return listing
