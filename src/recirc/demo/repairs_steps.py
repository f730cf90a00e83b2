"""The demo city's repair workbench: work orders at the demo staff's shop in every state, on its stock phones and
furniture and on phones that customers (the demo consumer among them) left at the counter. Completed orders
replaced parts, some original and some not, and some made the item "refurbished" (a main part or a declared
refurbishment): the disclosure of later listings reads them from repairs.facade.

Everything goes through the services (each step audited), with the demo technician repairing and the demo
inspector doing the quality check, as the four-eyes rule asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from recirc.catalog import facade as catalog
from recirc.demo.goods import _attributes
from recirc.demo.people import STAFF_HOME_OPERATOR
from recirc.demo.synthetic import imei
from recirc.items import facade as items
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import membership_of
from recirc.repairs import facade as repairs

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

# Where each demo order stops, in the order they are made (the list repeats for larger scales).
TARGETS = ("completed", "completed", "in_repair", "quoted", "completed", "quality_check", "diagnosed", "intake",
           "completed", "approved", "declined", "cancelled", "completed", "quoted")
# (what the customer reports, what the technician finds, the part that fixes it)
PHONE_FAULTS = (("屏幕碎裂，触摸失灵", ["屏幕玻璃碎裂", "触摸层右下角无响应"], "screen"),
                ("电池续航不到半天", ["电池健康度 71%，鼓包"], "battery"),
                ("充电接触不良", ["充电口氧化"], "charging_port"),
                ("后置摄像头对焦失败", ["主摄对焦马达损坏"], "camera"))
FURNITURE_FAULTS = (("布面磨损，坐垫塌陷", ["面料磨破", "海绵老化塌陷"], "upholstery"),
                    ("柜门下垂", ["铰链松脱"], "hinge"))
# (kind, origin, brand or "" for the item's own brand, producer, cost)
PHONE_PARTS = (("screen", "original", "", "京东方 BOE", "420.00"),
               ("screen", "oem_compatible", "天马", "天马微电子", "180.00"),
               ("battery", "oem_compatible", "德赛", "德赛电池", "89.00"),
               ("battery", "original", "", "欣旺达", "199.00"),
               ("charging_port", "original", "", "富士康", "45.00"),
               ("camera", "used_original", "", "舜宇光学", "150.00"))
FURNITURE_PARTS = (("upholstery", "oem_compatible", "晨风", "晨风面料厂", "360.00"),
                   ("hinge", "oem_compatible", "海蒂诗", "海蒂诗五金", "35.00"))


class Workbench:
    """The demo shop's people and a counter of what was made."""

    def __init__(self, builder: CityBuilder) -> None:
        logins = builder.login_users  # type: ignore[attr-defined]
        self.builder, self.rng = builder, builder.rng
        self.technician, self.inspector = logins["technician"], logins["inspector"]
        self.manager, self.clerk, self.consumer = logins["manager"], logins["clerk"], logins["consumer"]
        self.operator = next(op for op in builder.city.operators if op.name == STAFF_HOME_OPERATOR)
        self.consumers = {consumer.pk: consumer for consumer in builder.city.consumers}
        self.made = 0

    def owner(self, order: Any) -> Any:
        """Who approves or declines the quote: the customer for their own item, the manager for stock."""
        return self.consumers[order.customer_id] if order.kind == "customer" else self.manager

    def stock(self) -> list[Any]:
        """The shop's repairable phones and furniture (newest first)."""
        scope = OperatorScope(city_wide=False, operator_ids=frozenset({self.operator.id}))
        refs = [items.item_ref(summary.id) for summary in items.recent_items(scope, limit=400)]
        return [ref for ref in refs if ref.category_code in ("mobile-phones", "furniture")
                and ref.state in ("in_stock", "listed") and ref.owner_operator_id == self.operator.id]

    def customer_phone(self, owner: Any) -> Any:
        """A customer's own phone, registered at the counter where they left it."""
        category = catalog.category_get("mobile-phones")
        brand, model = self.rng.choice((("Huawei", "Mate 40 Pro"), ("Apple", "iPhone 12"), ("Xiaomi", "13")))
        outlet = membership_of(self.clerk).outlet_id  # type: ignore[union-attr]
        phone = items.item_register(actor=self.clerk, category_id=category.id, title=f"{brand} {model}",
                                    brand=brand, model_name=model,
                                    attributes=_attributes(self.rng, category, brand, model),
                                    identifiers=[("imei", imei(self.rng, brand))], owner_user_id=owner.pk,
                                    outlet_id=outlet)
        self.builder.city.customer_item_count += 1
        return phone


def _story(bench: Workbench, item: Any) -> tuple[str, list[str], str]:
    """The story of an order: reported fault, faults found, the part that fixes it."""
    return bench.rng.choice(PHONE_FAULTS if item.category_code == "mobile-phones" else FURNITURE_FAULTS)


def _fit(bench: Workbench, order: Any, item: Any, kind: str) -> None:
    """The part the fault needs (original or not, as the shop had it in stock), and the time it took."""
    pool = PHONE_PARTS if item.category_code == "mobile-phones" else FURNITURE_PARTS
    options = [part for part in pool if part[0] == kind]
    _kind, origin, brand, producer, cost = options[bench.made % len(options)]  # original and not, in turn
    repairs.part_add(actor=bench.technician, work_order_id=order.id, kind=kind, origin=origin,
                     brand=brand or item.brand, producer=producer, cost=cost,
                     part_number=f"{kind[:3].upper()}-{bench.rng.randrange(1000, 9999)}")
    repairs.labour_add(actor=bench.technician, work_order_id=order.id, minutes=bench.rng.choice((30, 45, 60, 90)),
                       rate="80.00", note="拆装与测试")


def _fit_and_submit(bench: Workbench, order: Any, item: Any, kind: str) -> Any:
    """Reupholstering is declared refurbishment; a new hinge or a phone part is a repair (main parts still count)."""
    _fit(bench, order, item, kind)
    return repairs.work_order_submit(actor=bench.technician, work_order_id=order.id,
                                     refurbishment=kind == "upholstery")


def _steps(bench: Workbench, order: Any, item: Any, faults: tuple[str, list[str], str]
           ) -> dict[str, Callable[[], Any]]:
    technician, pk = bench.technician, order.id
    approver, checklist = bench.owner(order), repairs.quality_checklist(item.category_code)
    return {
        "intake": lambda: repairs.work_order_diagnose(actor=technician, work_order_id=pk,
                                                      diagnosis="检测确认：" + "；".join(faults[1]), faults=faults[1]),
        "diagnosed": lambda: repairs.work_order_quote(
            actor=technician, work_order_id=pk, parts_amount=f"{bench.rng.randrange(80, 500)}.00",
            labour_amount="80.00", valid_until=timezone.localdate() + dt.timedelta(days=14), notes=faults[1][0]),
        "quoted": lambda: repairs.work_order_approve(actor=approver, work_order_id=pk),
        "approved": lambda: repairs.work_order_start_repair(actor=technician, work_order_id=pk),
        "in_repair": lambda: _fit_and_submit(bench, order, item, faults[2]),
        "quality_check": lambda: repairs.quality_check_record(actor=bench.inspector, work_order_id=pk,
                                                              results=dict.fromkeys(checklist, "pass")),
    }


def _one(bench: Workbench, item: Any, target: str) -> None:
    story = _story(bench, item)
    order = repairs.work_order_open(actor=bench.clerk, item_id=item.id, reported_fault=story[0],
                                    intake_notes="外观有使用痕迹，无配件")
    end = {"declined": "quoted", "cancelled": "diagnosed"}.get(target, target)
    steps = _steps(bench, order, item, story)
    while order.state != end:
        order = steps[order.state]()
    if target == "in_repair":
        _fit(bench, order, item, story[2])  # half-way through: parts already fitted, not yet checked
    elif target == "declined":
        repairs.work_order_decline(actor=bench.owner(order), work_order_id=order.id, reason="维修费用高于预期")
    elif target == "cancelled":
        repairs.work_order_cancel(actor=bench.technician, work_order_id=order.id, reason="配件缺货")
    bench.made += 1


def _stock_mix(bench: Workbench, count: int) -> list[Any]:
    """About two phones for each piece of furniture, newest first."""
    stock = bench.stock()
    phones = [item for item in stock if item.category_code == "mobile-phones"]
    furniture = [item for item in stock if item.category_code == "furniture"]
    mixed: list[Any] = []
    while (phones or furniture) and len(mixed) < count:
        mixed.extend(phones[:2] + furniture[:1])
        phones, furniture = phones[2:], furniture[1:]
    return mixed[:count]


def build(builder: CityBuilder) -> None:
    """Repair work orders in every state at the demo staff's shop (about 30 at scale 1, at least 10). The demo
    consumer has a quote waiting for approval and a completed repair."""
    bench = Workbench(builder)
    count = max(10, round(30 * builder.scale))
    with transaction.atomic():
        others = builder.city.consumers[1:3]
        customers = [(bench.customer_phone(bench.consumer), "quoted"), (bench.customer_phone(bench.consumer),
                                                                         "completed"),
                     *((bench.customer_phone(owner), target) for owner, target in zip(
                         others, ("in_repair", "declined"), strict=False))]
        for item, target in customers:
            _one(bench, item, target)
        for index, item in enumerate(_stock_mix(bench, count - len(customers))):
            _one(bench, item, TARGETS[index % len(TARGETS)])
    builder.progress("work orders", bench.made)
