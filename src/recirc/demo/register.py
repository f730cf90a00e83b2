"""The demo city's acquisition register and watchlist: phones, clothes and furniture bought at the counter
from synthetic sellers, a police watchlist of stolen phones, and a few of them turning up at intake."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from recirc.acquisitions import facade as acquisitions
from recirc.acquisitions.contracts import ArticleInput, SellerInput
from recirc.catalog import facade as catalog
from recirc.demo.goods import CATEGORY_WEIGHTS, OTHER_WEIGHT, _attributes, _identifiers, _item_plan
from recirc.demo.people import STAFF_HOME_OPERATOR, person_name
from recirc.demo.synthetic import imei, mobile_number
from recirc.demo.vocabulary import STREETS
from recirc.policing import facade as policing

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

CONDITIONS = ("99", "95", "90", "80", "70")
PAYMENT_METHODS = ("cash", "wechat_pay", "alipay", "bank_transfer")
STOLEN_PHONES = 24  # on the watchlist at scale 1; a sixth of them turn up at a counter
POLICE_STATIONS = ("西湖区公安分局", "上城区公安分局", "滨江区公安分局", "萧山区公安分局", "余杭区公安分局")


def _seller(builder: CityBuilder) -> SellerInput:
    rng = builder.rng
    return SellerInput(kind="individual", legal_name=person_name(rng), document_type="resident_id",
                       document_number=builder._identity_number(),
                       address=f"杭州市{rng.choice(STREETS)}{rng.randrange(1, 300)}号", phone=mobile_number(rng),
                       identity_check_method="id_card_reader", face_matched=True, ownership_declared=True,
                       account_of_origin=rng.choice(("自用闲置", "换新机后出售", "搬家处理", "孩子长大不用了")))


def _article(builder: CityBuilder, category: Any, brand: str, model: str,
             identifiers: list[tuple[str, str]] | None = None) -> ArticleInput:
    rng = builder.rng
    return ArticleInput(
        category=category.id, title=f"{brand} {model}".strip(), condition=rng.choice(CONDITIONS),
        price_paid=Decimal(rng.randrange(50, 4000)), brand=brand, model_name=model,
        attributes=_attributes(rng, category, brand, model),
        identifiers=tuple(identifiers if identifiers is not None else _identifiers(rng, category, brand)))


def _record(builder: CityBuilder, operator: Any, article: ArticleInput) -> None:
    acquisitions.acquisition_record(
        actor=builder.city.staff[operator.id], outlet_id=builder.city.outlets[operator.id][0].id,
        transaction_type=builder.rng.choice(("purchase", "purchase", "trade_in", "consignment_intake")),
        seller=_seller(builder), article=article, payment_method=builder.rng.choice(PAYMENT_METHODS))
    builder.city.acquisition_count += 1


def record_acquisitions(builder: CityBuilder, *, count: int) -> None:
    """Counter purchases at the shops that buy from the public, most at the demo staff's own shop."""
    categories = [c for c in catalog.category_list() if c.is_leaf]
    weights = [CATEGORY_WEIGHTS.get(c.code, OTHER_WEIGHT) for c in categories]
    buyers = [op for op in builder.city.operators if op.kind in {"enterprise", "individual_operator"}]
    home = next(op for op in buyers if op.name == STAFF_HOME_OPERATOR)
    for start in range(0, count, 50):
        with transaction.atomic():
            for number in range(start, min(start + 50, count)):
                operator = home if number % 3 == 0 else builder.rng.choice(buyers)
                category, brand, model = _item_plan(builder.rng, categories, weights)
                _record(builder, operator, _article(builder, category, brand, model))
                builder.progress("register", number + 1)


def record_watchlist(builder: CityBuilder, *, scale: float) -> None:
    """The police's stolen phones; some are then offered at the demo shop, raising alerts and holds."""
    rng: random.Random = builder.rng
    police = builder.login_users["police"]
    phones = catalog.category_get("mobile-phones")
    stolen = []
    for number in range(max(6, round(STOLEN_PHONES * scale))):
        brand, model = rng.choice((("Apple", "iPhone 13"), ("Huawei", "Mate 40 Pro"), ("Xiaomi", "13")))
        number_imei = imei(rng, brand)
        policing.watchlist_add(actor=police, data={
            "case_number": f"杭公刑(2026){1000 + number}号", "reporting_unit": rng.choice(POLICE_STATIONS),
            "kind": "stolen", "category_code": "mobile-phones", "brand": brand, "model_name": model,
            "description": rng.choice(("背面有划痕", "屏幕左上角裂纹", "蓝色手机壳", "背面贴有卡通贴纸"))},
            identifiers=[("imei", number_imei)])
        stolen.append((brand, model, number_imei))
        builder.city.watchlist_count += 1
    home = next(op for op in builder.city.operators if op.name == STAFF_HOME_OPERATOR)
    for brand, model, number_imei in stolen[: max(2, len(stolen) // 6)]:
        with transaction.atomic():
            _record(builder, home, _article(builder, phones, brand, model, identifiers=[("imei", number_imei)]))
    builder.progress("watchlist", len(stolen))
