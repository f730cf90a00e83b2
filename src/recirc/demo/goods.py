"""The demo city's goods: item passports across categories, registered by each operator's staff."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from django.db import transaction

from recirc.catalog import facade as catalog
from recirc.demo.people import STAFF_HOME_OPERATOR
from recirc.demo.synthetic import imei, mac_address, serial_number
from recirc.demo.vocabulary import COLOURS, GENERIC, GOODS, MATERIALS
from recirc.items import facade as items

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

# Share of the goods per category code; the rest is spread over the other leaf categories.
CATEGORY_WEIGHTS = {"mobile-phones": 35, "clothing": 25, "furniture": 15}
OTHER_WEIGHT = 3
# Where an item stands after intake: (state path from in_stock, weight).
STATE_PATHS: tuple[tuple[tuple[str, ...], int], ...] = (
    ((), 35), (("listed",), 40), (("listed", "sold"), 15), (("sold",), 5), (("on_hold",), 2),
    (("listed", "reserved"), 3),
)


def _attribute_value(rng: random.Random, spec: Any, brand: str, model: str) -> Any:
    if spec.type == "choice":
        return rng.choice(spec.choices).value
    if spec.type == "boolean":
        return rng.random() < 0.5
    if spec.type in {"integer", "decimal"}:
        low = int(spec.min if spec.min is not None else 1)
        high = int(spec.max if spec.max is not None else low + 200)
        if spec.key.startswith("battery"):
            low = max(low, 70)
        return rng.randint(low, min(high, low + 200))
    return {"brand": brand, "model": model, "title": model, "colour": rng.choice(COLOURS),
            "material": rng.choice(MATERIALS), "publisher": brand, "style": "现代简约"}.get(spec.key, "")


def _attributes(rng: random.Random, category: Any, brand: str, model: str) -> dict[str, Any]:
    values = {}
    for spec in category.schema:
        value = _attribute_value(rng, spec, brand, model)
        if value != "" or spec.required:
            values[spec.key] = value if value != "" else f"{brand} {model}".strip()[: spec.max_length or 80]
    return values


def _identifiers(rng: random.Random, category: Any, brand: str) -> list[tuple[str, str]]:
    if category.code == "mobile-phones":
        pairs = [("imei", imei(rng, brand))]
        if rng.random() < 0.3:
            pairs.append(("imei", imei(rng, brand)))  # dual-SIM
        return pairs
    if category.has_storage or category.requires_hardware_identifier:
        return [("serial", serial_number(rng)), ("mac", mac_address(rng))]
    return [("serial", serial_number(rng, prefix="SN"))] if category.high_risk else []


def _item_plan(rng: random.Random, categories: list[Any], weights: list[int]) -> tuple[Any, str, str]:
    category = rng.choices(categories, weights=weights)[0]
    brands = GOODS.get(category.code) or {"": GENERIC[""]}
    brand = rng.choice(sorted(brands))
    return category, brand, rng.choice(brands[brand])


def register_items(builder: CityBuilder, *, count: int) -> None:
    """Register `count` items, each by a staff member of its operator at one of that operator's outlets."""
    categories = [c for c in catalog.category_list() if c.is_leaf]
    weights = [CATEGORY_WEIGHTS.get(c.code, OTHER_WEIGHT) for c in categories]
    holders = [op for op in builder.city.operators if op.kind != "transaction_market"]
    # The demo staff's own shop trades more, so that their pages show a busy day at any scale.
    holders += [op for op in holders if op.name == STAFF_HOME_OPERATOR] * max(1, len(holders) // 10)
    for start in range(0, count, 100):
        with transaction.atomic():  # a hundred passports per commit: the same rows, far fewer syncs
            for number in range(start, min(start + 100, count)):
                _register_one(builder, builder.rng.choice(holders), categories, weights)
                builder.progress("items", number + 1)


def _register_one(builder: CityBuilder, operator: Any, categories: list[Any], weights: list[int]) -> None:
    rng = builder.rng
    category, brand, model = _item_plan(rng, categories, weights)
    actor = builder.city.staff[operator.id]
    item = items.item_register(
        actor=actor, category_id=category.id, title=f"{brand} {model}".strip(), brand=brand, model_name=model,
        attributes=_attributes(rng, category, brand, model), identifiers=_identifiers(rng, category, brand),
        owner_operator_id=operator.id, outlet_id=rng.choice(builder.city.outlets[operator.id]).id)
    items.item_transition(actor=actor, item_id=item.id, to_state="in_stock", reason="demo intake")
    paths, path_weights = zip(*STATE_PATHS, strict=True)
    for state in rng.choices(paths, weights=path_weights)[0]:
        if state != "on_hold" and items.item_circulation_blockers(item.id):
            break  # a device with storage waits in stock for its verified erasure
        items.item_transition(actor=actor, item_id=item.id, to_state=state, reason="demo")
    builder.city.item_count += 1
