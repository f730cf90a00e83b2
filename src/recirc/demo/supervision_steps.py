"""The demo city's supervision data: three years of transactions the operators submit from their own systems
(2024 as the baseline, then growth, a Spring Festival dip and a Double Eleven peak), some acquisitions and the
merchants of the online platform, the pilot goals, a draft implementation plan report, a few cases, and the
roll-ups refreshed. Everything goes through the supervision services (validated, audited), as an operator's
system and the regulators would.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from recirc.supervision import facade as supervision

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

# category: (weight, median price in CNY, median days from acquisition to sale)
CATEGORIES: dict[str, tuple[float, int, int]] = {
    "mobile-phones": (30, 1600, 12), "clothing": (18, 90, 30), "furniture": (9, 600, 45),
    "household-appliances": (9, 800, 25), "laptops": (8, 2600, 15), "books": (8, 25, 60), "bicycles": (5, 300, 20),
    "baby-goods": (5, 180, 20), "luxury-bags-watches": (4, 9000, 40), "tablets": (4, 1500, 14)}
CHANNELS = {"transaction_market": "market", "rural_trade_centre": "market", "online_platform": "online",
            "enterprise": "store", "individual_operator": "store", "community_consignment_shop": "community"}
METHODS: dict[str, tuple[tuple[str, float], ...]] = {
    "store": (("sale", 70), ("buy_back", 10), ("rental", 8), ("swap", 4), ("consignment", 8)),
    "market": (("sale", 80), ("swap", 10), ("consignment", 10)),
    "online": (("sale", 60), ("auction", 20), ("consignment", 10), ("buy_back", 5), ("swap", 5)),
    "community": (("consignment", 50), ("sale", 30), ("swap", 20)),
    "trade_in": (("sale", 100),)}
GROWTH = {2024: 1.0, 2025: 1.16, 2026: 1.31}  # yearly volume against 2024
SEASON = {1: 0.9, 2: 0.65, 3: 0.95, 4: 1.0, 5: 1.0, 6: 1.1, 7: 0.95, 8: 0.95, 9: 1.0, 10: 1.05, 11: 1.45, 12: 1.1}


def _days(builder: CityBuilder, count: int) -> list[dt.date]:
    """Transaction days from 2024-01-01 to today, weighted by growth and season."""
    first, today = dt.date(2024, 1, 1), min(builder.today, timezone.localdate())
    span = [first + dt.timedelta(days=offset) for offset in range((today - first).days + 1)]
    weights = [GROWTH.get(day.year, 1.31) * SEASON[day.month] for day in span]
    return sorted(builder.rng.choices(span, weights=weights, k=count))


def _row(builder: CityBuilder, operator: Any, number: int, day: dt.date) -> dict[str, str]:
    rng = builder.rng
    category = rng.choices(list(CATEGORIES), weights=[value[0] for value in CATEGORIES.values()])[0]
    _weight, price, days = CATEGORIES[category]
    channel = CHANNELS[operator.kind]
    if operator.kind == "enterprise" and category in {"mobile-phones", "household-appliances"} and rng.random() < 0.3:
        channel = "trade_in"
    method = rng.choices([m for m, _w in METHODS[channel]], weights=[w for _m, w in METHODS[channel]])[0]
    amount = price * math.exp(rng.gauss(0, 0.45)) * (0.08 if method == "rental" else 1)
    district = operator.district_code if channel != "online" else rng.choice(builder.districts)
    held = max(0, round(rng.expovariate(1 / days)))
    moment = dt.datetime.combine(day, dt.time(9 + rng.randrange(12), rng.randrange(60)))
    return {"key": f"DEMO-{operator.id}-{number:06d}", "occurred_at": moment.isoformat(sep=" "),
            "district_code": district, "category_code": category, "channel": channel, "method": method,
            "quantity": "1" if rng.random() < 0.93 else str(rng.randint(2, 4)), "amount": f"{amount:.2f}",
            "acquired_on": (day - dt.timedelta(days=held)).isoformat() if rng.random() < 0.6 else ""}


def _transactions(builder: CityBuilder) -> int:
    total = max(600, round(8_000 * builder.scale))
    traders = [op for op in builder.city.operators if op.id in builder.city.staff]
    weights = [8 if op.kind == "online_platform" else 4 if op.kind == "transaction_market" else 1 for op in traders]
    share: dict[int, int] = {}
    for operator in builder.rng.choices(traders, weights=weights, k=total):
        share[operator.id] = share.get(operator.id, 0) + 1
    for operator in traders:
        count = share.get(operator.id, 0)
        if count:
            rows = [_row(builder, operator, number, day) for number, day in enumerate(_days(builder, count))]
            supervision.submission_record(actor=builder.city.staff[operator.id], operator_id=None,
                                          kind="transactions", rows=list(enumerate(rows, start=2)), channel="api")
    return total


def _acquisitions_and_entities(builder: CityBuilder) -> None:
    rng = builder.rng
    platform = next(op for op in builder.city.operators if op.kind == "online_platform")
    days = _days(builder, max(60, round(800 * builder.scale)))
    rows = [{"key": f"DEMO-ACQ-{number:05d}", "acquired_at": f"{day.isoformat()} 10:00",
             "district_code": rng.choice(builder.districts), "category_code": rng.choice(list(CATEGORIES)),
             "kind": rng.choice(("purchase", "purchase", "trade_in", "consignment_intake")),
             "amount": f"{rng.uniform(20, 3000):.2f}"} for number, day in enumerate(days)]
    supervision.submission_record(actor=builder.city.staff[platform.id], operator_id=None, kind="acquisitions",
                                  rows=list(enumerate(rows, start=2)), channel="upload", file_name="acquisitions.xlsx")
    merchants = [{"key": f"M-{number:04d}", "kind": rng.choice(("individual_operator", "individual_operator",
                                                                "enterprise")),
                  "district_code": rng.choice(builder.districts),
                  "opened_on": (dt.date(2023, 6, 1) + dt.timedelta(days=rng.randrange(1200))).isoformat()}
                 for number in range(max(20, round(160 * builder.scale)))]
    for merchant in merchants:
        if dt.date.fromisoformat(merchant["opened_on"]) > builder.today:
            merchant["opened_on"] = builder.today.isoformat()
    supervision.submission_record(actor=builder.city.staff[platform.id], operator_id=None, kind="entities",
                                  rows=list(enumerate(merchants, start=2)), channel="api")


def _plans(builder: CityBuilder) -> None:
    regulator = builder.login_users["commerce"]
    plan = {"region_code": "330100", "baseline_year": 2024, "target_year": 2027}
    for data in ({"title": "二手商品交易额较2024年增长40%", "measure": "transaction_value",
                  "target_growth_percent": 40},
                 {"title": "手机交易笔数翻番", "measure": "transaction_count", "category_code": "mobile-phones",
                  "target_growth_percent": 100},
                 {"title": "培育经营主体300家", "measure": "operating_entities", "target_level": 300}):
        supervision.goal_create(actor=regulator, data={**plan, **data})
    supervision.report_create(actor=regulator, data={**plan, "title": "杭州市二手商品流通试点实施方案"})


def _cases(builder: CityBuilder) -> None:
    market, police = builder.login_users["supervision"], builder.login_users["police"]
    shops = [op for op in builder.city.operators if op.kind in {"enterprise", "individual_operator"}]
    fake = supervision.case_open(actor=market, kind="counterfeit", title="疑似仿冒品牌手袋在售",
                                 summary="质检发现仿冒奢侈品手袋，商家称货源为个人寄卖。", operator_id=shops[0].id)
    supervision.case_take_up(actor=market, case_id=fake)
    supervision.case_note_add(actor=market, case_id=fake, text="已调取进货记录与寄卖协议。")
    stolen = supervision.case_open(actor=market, kind="stolen_goods", title="寄卖手机疑为盗窃物品",
                                   summary="寄卖人一周内寄卖同型号手机五部，IMEI 与通报相符。", operator_id=shops[1].id)
    supervision.case_refer(actor=market, case_id=stolen, to_authority="police", reason="涉嫌销赃，移送公安机关。")
    supervision.case_answer_referral(actor=police, case_id=stolen, accept=True)
    label = supervision.case_open(actor=market, kind="disclosure_violation", title="二手家电未标明成色与保修",
                                  summary="门店二手冰箱未标注使用年限与保修期。", operator_id=shops[-1].id)
    supervision.case_close(actor=market, case_id=label, outcome="substantiated", note="责令改正，已整改。")


def build(builder: CityBuilder) -> None:
    count = _transactions(builder)
    _acquisitions_and_entities(builder)
    supervision.trade_sales_pull()  # the demo city's platform sales (trade), as the beat task would
    supervision.rollups_refresh()
    _plans(builder)
    _cases(builder)
    builder.progress("supervision", count)
