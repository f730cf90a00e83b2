"""The demo city's past sales (price observations) for phones, clothing and furniture, and a trained phone model.

Prices are synthetic but follow how second-hand prices behave: a launch price per model, depreciation by age
(phones lose about 30 % a year), storage and battery health for phones, the condition grade for every
category, a brand's resale strength, and noise. Each sale belongs to an operator of the city. Enough phone
sales are made to train the phones model quickly (the quick search grid, a few seconds), which the builder
then trains and activates through the valuation facade; clothing and furniture stay on comparables.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from recirc.catalog import facade as catalog
from recirc.demo.vocabulary import COLOURS, GOODS, MATERIALS
from recirc.valuation import facade as valuation

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

# (launch price in CNY, release year) per phone model of the vocabulary.
PHONES: dict[str, tuple[int, int]] = {
    "iPhone 12": (4699, 2020), "iPhone 13": (5199, 2021), "iPhone 14 Pro": (7999, 2022), "iPhone 15": (5999, 2023),
    "Mate 40 Pro": (6499, 2020), "P50": (4488, 2021), "nova 9": (2699, 2021), "13": (3999, 2022),
    "Redmi Note 12": (1199, 2022), "Reno 8": (2499, 2022), "Find X5": (3999, 2022), "X90": (3699, 2022),
    "S16": (2499, 2022), "Magic 5": (3999, 2023), "X40": (1399, 2022), "Galaxy S22": (5699, 2022),
    "Galaxy A53": (2999, 2022)}
RESALE_STRENGTH = {"Apple": 1.12, "Huawei": 1.0, "Samsung": 0.82}
STORAGE_FACTOR = {"64": 0.9, "128": 1.0, "256": 1.14, "512": 1.32}
MARKET_GRADES = {"99": 1.0, "95": 0.93, "90": 0.85, "80": 0.72, "70-": 0.55}
CLOTHING_NEW = {"羊毛大衣": 899, "羽绒服": 599, "牛仔裤": 299, "西装外套": 798, "衬衫": 199, "运动卫衣": 399,
                "跑步外套": 499, "长款羽绒服": 1599, "风衣": 699, "连衣裙": 399}
CLOTHING_GRADES = {"new-with-tags": 0.6, "like-new": 0.45, "light-wear": 0.3, "visible-wear": 0.18}
FURNITURE_NEW = {"毕利书柜": 499, "马尔姆抽屉柜": 899, "克利帕沙发": 1999, "布艺沙发": 4999, "电动床": 6999,
                 "实木餐桌": 2599, "衣柜": 3299, "书桌": 899, "床头柜": 399}
FURNITURE_GRADES = {"as-new": 0.55, "good": 0.42, "fair": 0.28, "needs-repair": 0.12}
DAYS_BACK = 700


def _day(builder: CityBuilder) -> dt.date:
    return builder.today - dt.timedelta(days=builder.rng.randrange(1, DAYS_BACK))


def _noise(rng: random.Random, sigma: float = 0.08) -> float:
    return math.exp(rng.gauss(0, sigma))


def _phone(rng: random.Random, day: dt.date) -> dict[str, Any]:
    brand = rng.choice(sorted(GOODS["mobile-phones"]))
    model = rng.choice(GOODS["mobile-phones"][brand])
    launch, year = PHONES[model]
    age = max(0.1, (day - dt.date(year, 9, 15)).days / 365.25)
    storage = rng.choice(sorted(STORAGE_FACTOR))
    grade = rng.choices(list(MARKET_GRADES), weights=(2, 5, 6, 3, 1))[0]
    battery = rng.randint(72, 100)
    price = (launch * STORAGE_FACTOR[storage] * RESALE_STRENGTH.get(brand, 0.9) * math.exp(-0.36 * age)
             * MARKET_GRADES[grade] * (0.85 + 0.15 * (battery - 70) / 30) * _noise(rng))
    return {"brand": brand, "model_name": model, "grade": grade, "grading_scheme": "market-condition",
            "attributes": {"storage_gb": storage, "colour": rng.choice(COLOURS), "battery_health_percent": battery},
            "price": price}


def _clothing(rng: random.Random, day: dt.date) -> dict[str, Any]:
    brand = rng.choice(sorted(GOODS["clothing"]))
    model = rng.choice(GOODS["clothing"][brand])
    grade = rng.choice(list(CLOTHING_GRADES))
    return {"brand": brand, "model_name": model, "grade": grade, "grading_scheme": "clothing-condition",
            "attributes": {"size": rng.choice(("S", "M", "L", "XL")), "washed": True},
            "price": CLOTHING_NEW[model] * CLOTHING_GRADES[grade] * _noise(rng, 0.15)}


def _furniture(rng: random.Random, day: dt.date) -> dict[str, Any]:
    brand = rng.choice(sorted(GOODS["furniture"]))
    model = rng.choice(GOODS["furniture"][brand])
    grade = rng.choice(list(FURNITURE_GRADES))
    return {"brand": brand, "model_name": model, "grade": grade, "grading_scheme": "furniture-condition",
            "attributes": {"material": rng.choice(MATERIALS[:4])},
            "price": FURNITURE_NEW[model] * FURNITURE_GRADES[grade] * _noise(rng, 0.15)}


MAKERS = {"mobile-phones": _phone, "clothing": _clothing, "furniture": _furniture}


def _sale(builder: CityBuilder, category_id: int, code: str, number: int) -> dict[str, Any]:
    day = _day(builder)
    sale = MAKERS[code](builder.rng, day)
    price = Decimal(max(5, round(sale.pop("price")))).quantize(Decimal("0.01"))
    return {**sale, "category_id": category_id, "price": price, "observed_on": day, "source": "sale",
            "source_ref": f"demo.sale:{code}:{number}", "operator_id": builder.rng.choice(builder.city.operators).id}


def build(builder: CityBuilder) -> None:
    """Record the past sales, then train and activate the phones model."""
    counts = {"mobile-phones": max(320, round(900 * builder.scale)), "clothing": max(40, round(200 * builder.scale)),
              "furniture": max(30, round(150 * builder.scale))}
    recorded = 0
    for code, count in counts.items():
        category_id = catalog.category_get(code).id
        for start in range(0, count, 500):
            sales = [_sale(builder, category_id, code, number) for number in range(start, min(start + 500, count))]
            with transaction.atomic():
                recorded += valuation.observations_record_many(actor=builder.city.admin, rows=sales,
                                                               label=f"demo city: {code} sales")
            builder.progress("valuation", recorded)
    valuation.model_train(actor=builder.city.admin, category="mobile-phones", quick=True,
                          notes="Demo city: trained on the synthetic past sales.")
