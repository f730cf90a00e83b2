"""The demo city's inspections: the queue is filled from the passports, then each operator's inspector (the
demo inspector at the staff's own shop, the manager elsewhere) completes the checklists of part of its queue
with realistic answers: mostly good condition, some wear, weak batteries from the passport, a few refusals
(activation lock, unwashed clothing, pests) and a few counterfeit indicators, which open referrals. Market
supervision then acknowledges some referrals and closes a few. Part of every queue stays waiting, so the
inspectors' pages show work to do. Only facades are used; at most about 240 inspections at scale 1 (about
0.15 s each).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from django.db import transaction

from recirc.catalog import facade as catalog
from recirc.core.roles import Role
from recirc.demo.people import STAFF_HOME_OPERATOR
from recirc.inspection import facade as inspection
from recirc.items import facade as items

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

INSPECTIONS_AT_SCALE_ONE = 240
SUSPICIOUS_EVERY = 12  # every twelfth inspection finds a counterfeit indicator, so every demo has referrals
INSPECTED_SHARE = 0.6  # of each operator's queue
APPEARANCE_WEIGHTS = (0.45, 0.3, 0.15, 0.07, 0.03)
RARE = {"function": 0.04, "hygiene": 0.01, "appearance": 0.05, "authenticity": 0.02}
CASE_OUTCOMES = ("confirmed", "cleared", "transferred")


def _choice(rng: random.Random, entry: Any) -> str:
    values = [option.value for option in entry.options]
    if entry.section == "appearance":
        return rng.choices(values, weights=APPEARANCE_WEIGHTS[:len(values)])[0]
    if entry.section == "authenticity":
        roll = rng.random()
        if roll < RARE["authenticity"] and "suspicious" in values:
            return "suspicious"
        return entry.default if roll < 0.95 else rng.choice([value for value in values if value != "suspicious"])
    return entry.default if rng.random() > RARE["function"] / 2 else rng.choice(values[1:])


def _number(rng: random.Random, entry: Any, item: Any) -> int:
    value = item.attributes.get(entry.attribute) if entry.attribute else None
    if isinstance(value, int):
        return value
    if entry.unit == "%":
        return rng.randint(72, 100)
    return rng.randint(max(entry.minimum or 1, 30), min(entry.maximum or 300, 220))


def answers_for(rng: random.Random, checklist: Any, item: Any) -> dict[str, Any]:
    """Answers an inspector would give this item: one per checklist item."""
    answers: dict[str, Any] = {}
    for entry in checklist.items:
        if entry.kind == "number":
            answers[entry.key] = _number(rng, entry, item)
        elif entry.kind == "pass_fail":
            answers[entry.key] = "fail" if rng.random() < RARE.get(entry.section, 0.02) else "pass"
        else:
            answers[entry.key] = _choice(rng, entry)
    return answers


def _inspector(builder: CityBuilder, operator: Any) -> Any:
    """Who inspects at the operator: the demo inspector at the staff's shop, else the manager (an operator
    manager may inspect; a market manager may not, so markets keep their queue)."""
    if operator.name == STAFF_HOME_OPERATOR:
        return builder.login_users["inspector"]
    staff = builder.city.staff.get(operator.id)
    return staff if staff is not None and getattr(staff, "role", "") == Role.OPERATOR_MANAGER else None


def _suspicious(checklist: Any, answers: dict[str, Any]) -> dict[str, Any]:
    for entry in checklist.items:
        if entry.section == "authenticity" and entry.option("suspicious") is not None:
            return {**answers, entry.key: "suspicious"}
    return answers


def _inspect_queue(builder: CityBuilder, actor: Any, budget: int, done_before: int) -> int:
    queue = inspection.queue_for(actor, limit=max(budget * 2, 10))
    done = 0
    for entry in queue[:min(budget, int(len(queue) * INSPECTED_SHARE))]:
        item = items.item_ref(entry.item_id)
        checklist = catalog.grading_checklist_for(item.category_id)
        if checklist is None:
            continue
        answers = answers_for(builder.rng, checklist, item)
        if (done_before + done) % SUSPICIOUS_EVERY == SUSPICIOUS_EVERY // 2:
            answers = _suspicious(checklist, answers)
        inspection.inspection_complete(actor=actor, item_id=item.id, answers=answers)
        done += 1
    return done


def _referrals(builder: CityBuilder) -> None:
    supervision = builder.login_users["supervision"]
    for number, referral in enumerate(reversed(inspection.referrals_list(supervision, status="open"))):
        if number % 2 == 0:
            inspection.referral_acknowledge(actor=supervision, referral_id=referral.id)
        if number % 3 == 2:
            outcome = CASE_OUTCOMES[number // 3 % len(CASE_OUTCOMES)]
            inspection.referral_close(actor=supervision, referral_id=referral.id, outcome=outcome,
                                      case_number=f"杭市监（2026）{100 + number}号" if outcome == "confirmed" else "",
                                      note="演示数据" if outcome != "confirmed" else "假冒注册商标，已立案调查")


def build(builder: CityBuilder) -> None:
    inspection.queue_sync()
    budget = max(20, round(INSPECTIONS_AT_SCALE_ONE * builder.scale))
    operators = sorted(builder.city.operators, key=lambda operator: operator.name != STAFF_HOME_OPERATOR)
    done = 0
    for operator in operators:
        actor = _inspector(builder, operator)
        if actor is None or done >= budget:
            continue
        share = budget // 4 if operator.name == STAFF_HOME_OPERATOR else max(2, budget // len(operators))
        with transaction.atomic():
            done += _inspect_queue(builder, actor, min(share, budget - done), done)
        builder.progress("inspections", done)
    with transaction.atomic():
        _referrals(builder)
