"""The demo city's market: operators list a good share of their inspected (and, for devices, erased) stock, and
a few verified residents list their own furniture, clothes, books and bicycles (C2C, not inspected by the
platform, their own statements disclosed). The demo clerk's shop keeps a few drafts to complete.

Photos are simple images generated with Pillow (a coloured card with a drawn outline of the kind of goods and
the listing's number): demo data, not photographs. Everything goes through listings.facade (each step audited).
"""

from __future__ import annotations

import io
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from PIL import Image, ImageDraw

from recirc.accounts import facade as accounts
from recirc.catalog import facade as catalog
from recirc.core.errors import DomainError
from recirc.core.roles import Role
from recirc.demo.people import STAFF_HOME_OPERATOR
from recirc.erasure import facade as erasure
from recirc.inspection import facade as inspection
from recirc.items import facade as items
from recirc.listings import facade as listings
from recirc.operators.contracts import OperatorScope

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

LISTED_AT_SCALE_ONE = 120
DRAFTS_AT_HOME = 3
BASE_PRICES = {"mobile-phones": (600, 5200), "tablets": (500, 3800), "laptops": (1200, 7000),
               "desktop-computers": (800, 4000), "clothing": (30, 420), "furniture": (120, 1800),
               "household-appliances": (200, 2600), "bicycles": (150, 2200), "books": (8, 80),
               "luxury-bags-watches": (1500, 26000), "baby-goods": (40, 900)}
DEFECTS = ("后盖有细微划痕", "边框轻微磕碰", "屏幕有一处极浅划痕", "扶手处布面轻微起球", "底部有使用痕迹",
           "配件不全：无原装盒")
COLOURS = ("#4f7cac", "#3d9970", "#b56576", "#e09f3e", "#6d597a", "#2a9d8f")
C2C_GOODS = (("furniture", "宜家 波昂扶手椅 桦木", "宜家", {"material": "桦木 布艺"}),
             ("clothing", "优衣库 高级轻型羽绒服 M码", "优衣库", {"brand": "优衣库", "size": "M", "washed": True}),
             ("books", "《三体》全三册 重庆出版社", "",
              {"title": "三体", "author": "刘慈欣", "publisher": "重庆出版社"}),
             ("bicycles", "捷安特 Escape 2 城市车", "捷安特", {"brand": "捷安特", "type": "city", "e_bike": False}),
             ("baby-goods", "好孩子 婴儿推车 可折叠", "好孩子", {"type": "stroller", "brand": "好孩子"}),
             ("furniture", "实木书桌 120cm", "", {"material": "橡木"}),
             ("clothing", "波司登 羽绒服 L码", "波司登", {"brand": "波司登", "size": "L", "washed": True}),
             ("books", "《百年孤独》精装 南海出版公司", "", {"title": "百年孤独", "author": "加西亚·马尔克斯"}))
C2C_CONDITIONS = ("使用一年，功能完好，有正常使用痕迹", "几乎全新，只用过几次", "外观有磨损，不影响使用")


def photo(rng: random.Random, category_code: str, label: str) -> bytes:
    """A generated picture (demo data): a coloured card, the outline of the kind of goods, the number."""
    image = Image.new("RGB", (800, 600), rng.choice(COLOURS))
    draw = ImageDraw.Draw(image)
    if category_code in ("mobile-phones", "tablets"):
        draw.rounded_rectangle((300, 90, 500, 510), radius=36, outline="white", width=10)
        draw.ellipse((385, 460, 415, 490), outline="white", width=5)
    elif category_code in ("laptops", "desktop-computers"):
        draw.rectangle((200, 140, 600, 400), outline="white", width=10)
        draw.polygon([(150, 440), (650, 440), (600, 400), (200, 400)], outline="white", width=8)
    else:
        draw.rectangle((220, 180, 580, 420), outline="white", width=10)
        draw.line((220, 420, 220, 500, 580, 500, 580, 420), fill="white", width=10)
    draw.text((24, 560), label, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _price(rng: random.Random, category_code: str) -> str:
    low, high = BASE_PRICES.get(category_code, (50, 800))
    return str(Decimal(rng.randrange(low, high)).quantize(Decimal("1")) - Decimal("0.10"))


def _listable(item: Any) -> bool:
    """In stock, graded by an inspection, erased when it has storage, battery known when it has one, no hold and
    no counterfeit referral."""
    report = inspection.latest_report_for_item(item.id)
    if item.state != "in_stock" or report is None or report.outcome != "graded" or not report.grades:
        return False
    if item.has_storage and erasure.certificate_for_item(item.id) is None:
        return False
    schema = {spec.key for spec in catalog.category_get(item.category_id).schema}
    if "battery_health_percent" in schema and item.attributes.get("battery_health_percent") in (None, ""):
        return False
    return not items.item_circulation_blockers(item.id) and inspection.counterfeit_referral_open(item.id) is None


def _terms(rng: random.Random) -> dict[str, Any]:
    defects = rng.sample(DEFECTS, 1) if rng.random() < 0.35 else []
    return {"known_defects": defects, "no_known_defects": not defects, "channel": rng.choice(("both", "online",
                                                                                             "in_store")),
            "terms_text": "保修期内非人为故障免费维修；请保留购买凭证。", "description": "门店检测、清洁后上架。"}


def _list_one(builder: CityBuilder, seller: Any, item: Any, *, publish: bool) -> bool:
    offer = listings.listing_create(actor=seller, item_id=item.id, price=_price(builder.rng, item.category_code),
                                    **_terms(builder.rng))
    listings.listing_photo_add(actor=seller, listing_id=offer.id,
                               content=photo(builder.rng, item.category_code, offer.code))
    if not publish:
        return False
    try:
        with transaction.atomic():
            listings.listing_publish(actor=seller, listing_id=offer.id)
    except DomainError:
        listings.listing_withdraw(actor=seller, listing_id=offer.id)
        return False
    return True


def _operator_listings(builder: CityBuilder) -> tuple[int, int]:
    budget = max(15, round(LISTED_AT_SCALE_ONE * builder.scale))
    published = drafts = 0
    for operator in builder.city.operators:
        seller = builder.login_users["clerk"] if operator.name == STAFF_HOME_OPERATOR else \
            builder.city.staff[operator.id]
        if seller.role not in (Role.CLERK, Role.OPERATOR_MANAGER):
            continue
        scope = OperatorScope(city_wide=False, operator_ids=frozenset({operator.id}))
        stock = [items.item_ref(summary.id) for summary in items.recent_items(scope, limit=300)]
        wanted_drafts = DRAFTS_AT_HOME if operator.name == STAFF_HOME_OPERATOR else 0
        for item in (item for item in stock if item.owner_operator_id == operator.id and _listable(item)):
            if published >= budget:
                return published, drafts
            publish = drafts >= wanted_drafts or operator.name != STAFF_HOME_OPERATOR
            done = _list_one(builder, seller, item, publish=publish)
            published, drafts = published + int(done), drafts + int(not publish)
    return published, drafts


def _consumer_listings(builder: CityBuilder) -> int:
    """The demo consumer and a few verified residents sell their own things (C2C)."""
    sellers = [consumer for consumer in builder.city.consumers if accounts.is_verified_seller(consumer)]
    made = 0
    for index, (seller, (code, title, brand, attributes)) in enumerate(zip(sellers, C2C_GOODS, strict=False)):
        category = catalog.category_get(code)
        offer = listings.listing_create_c2c(
            actor=seller, item={"category_id": category.id, "title": title, "brand": brand, "attributes": attributes},
            price=_price(builder.rng, code), declared_grade=builder.rng.choice(("99", "95", "90", "80")),
            declared_condition=builder.rng.choice(C2C_CONDITIONS), declared_no_repairs=True, no_known_defects=True,
            warranty_days=0, return_window_days=builder.rng.choice((0, 3, 7)), channel="online",
            district_code=builder.rng.choice(builder.districts), description="同城可自提，支持平台验货。")
        listings.listing_photo_add(actor=seller, listing_id=offer.id, content=photo(builder.rng, code, offer.code))
        if index != 1:  # the demo consumer's second listing stays a draft
            listings.listing_publish(actor=seller, listing_id=offer.id)
        made += 1
    return made


def build(builder: CityBuilder) -> None:
    """About 120 operator listings at scale 1 (at least 15), a few drafts at the demo clerk's shop, and eight C2C
    listings by verified residents (the demo consumer among them)."""
    with transaction.atomic():
        published, drafts = _operator_listings(builder)
        consumers = _consumer_listings(builder)
    builder.progress("listings", published + drafts + consumers)
