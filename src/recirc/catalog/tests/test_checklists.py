"""Grading checklists as data: the reference checklists load and validate, publishing validates the whole
definition (every problem named, nothing written), versions retire each other, only editors publish, and
the checklist in force is found for a category and its descendants."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from recirc.catalog import facade, services
from recirc.catalog.checklists import definition_clean
from recirc.catalog.errors import GradingChecklistInvalid
from recirc.catalog.models import GradingChecklist
from recirc.catalog.tests.factories import UserFactory
from recirc.core.errors import PermissionDenied
from recirc.core.models import AuditEvent
from recirc.core.roles import Role

pytestmark = pytest.mark.django_db

ITEMS = [{"key": "screen", "kind": "choice", "section": "appearance", "label": "屏幕", "label_en": "Screen",
          "default": "ok", "options": [{"value": "ok", "label": "好", "label_en": "Good"},
                                       {"value": "bad", "label": "坏", "label_en": "Bad"}]},
         {"key": "battery", "kind": "number", "section": "function", "label": "电池", "label_en": "Battery",
          "min": 0, "max": 100, "unit": "%"}]
RULES = [{"item": "screen", "op": "eq", "value": "bad", "cap": "D", "reason": "屏坏", "reason_en": "Bad screen"},
         {"item": "battery", "op": "lt", "value": 80, "cap": "C", "functional": 1, "reason": "电池差",
          "reason_en": "Weak battery"}]
MAPPINGS = [{"scale": "market-condition", "source": "overall",
             "grades": {"A": "99", "B": "95", "C": "90", "D": "80", "E": "70-"}}]


def counts() -> tuple[int, int]:
    return GradingChecklist.objects.count(), AuditEvent.objects.count()


def publish(actor: Any, **changes: Any) -> GradingChecklist:
    fields = {"code": "phone-inspection", "category_id": facade.category_get("mobile-phones").id, "name": "手机质检",
              "name_en": "Phone inspection", "scale_code": "recirc-grade", "items": ITEMS, "rules": RULES,
              "mappings": MAPPINGS, "effective_from": dt.date(2026, 1, 1), **changes}
    return services.grading_checklist_publish(actor=actor, **fields)


def test_the_reference_checklists_validate_and_cover_four_categories() -> None:
    found = {}
    for checklist in GradingChecklist.objects.all():
        scales = {scale.code: [grade.code for grade in scale.grades]
                  for scale in facade.grading_scales_for(checklist.category_id, on_date=checklist.effective_from)}
        definition_clean(checklist.items, checklist.rules, checklist.mappings, grades=scales["recirc-grade"],
                         scales=scales)
        found[checklist.code] = (checklist.category.code, checklist.version, len(checklist.items))
    assert found == {"phone-inspection": ("mobile-phones", 1, 10), "clothing-inspection": ("clothing", 1, 8),
                     "furniture-inspection": ("furniture", 1, 8), "luxury-inspection": ("luxury-bags-watches", 1, 7)}


def test_the_phone_checklist_follows_the_issue() -> None:
    checklist = facade.grading_checklist_for(facade.category_get("mobile-phones").id)
    assert checklist is not None
    assert [item.key for item in checklist.items] == [
        "screen", "body", "buttons", "cameras", "battery_health", "functions", "water_indicator", "activation_lock",
        "trademark", "certification_labels"]
    assert [mapping.scale for mapping in checklist.mappings] == [
        "gbt-45656-usability", "t-taf-173", "ctia-cosmetic", "ctia-functional", "market-condition"]
    assert checklist.item("battery_health").attribute == "battery_health_percent"
    assert [(rule.op, rule.value, rule.cap) for rule in checklist.rules if rule.item == "battery_health"] == [
        ("lt", 80, "C"), ("lt", 60, "D")]


def test_publishing_a_new_version_retires_the_current_one() -> None:
    admin = UserFactory()
    checklist = publish(admin)
    old = GradingChecklist.objects.get(code="phone-inspection", version=1)
    assert (checklist.version, old.retired_on) == (2, dt.date(2026, 1, 1))
    phones = facade.category_get("mobile-phones").id
    assert facade.grading_checklist_for(phones, on_date=dt.date(2025, 12, 31)).version == 1
    assert facade.grading_checklist_for(phones, on_date=dt.date(2026, 1, 1)).version == 2
    assert facade.grading_checklist_get(old.pk).version == 1
    assert AuditEvent.objects.get(action="catalog.grading_checklist_published").payload == {
        "code": "phone-inspection", "version": 2, "retired": [1]}


def test_checklists_apply_to_descendant_categories() -> None:
    admin = UserFactory()
    digital = facade.category_get("digital-products").id
    publish(admin, code="digital-inspection", category_id=digital,
            mappings=[*MAPPINGS, {"scale": "gbt-45656-usability", "source": "overall",
                                  "grades": {"A": "1", "B": "2", "C": "2", "D": "3", "E": "4"}}])
    assert facade.grading_checklist_for(facade.category_get("laptops").id, on_date=dt.date(2026, 2, 1)).code == (
        "digital-inspection")
    assert facade.grading_checklist_for(facade.category_get("mobile-phones").id).code == "phone-inspection"
    assert facade.grading_checklist_for(facade.category_get("books").id) is None


@pytest.mark.parametrize(("changes", "errors"), [
    ({"items": [], "rules": []}, {"items": ["A checklist needs at least one item."]}),
    ({"items": [{**ITEMS[0], "kind": "stars"}, ITEMS[1]]},
     {"items": ["Item “screen”: the kind must be pass_fail, choice or number."],
      "rules": ["Rule 1: compare numbers with a number."]}),
    ({"items": [{**ITEMS[0], "default": "great"}, ITEMS[1]]},
     {"items": ["Item “screen”: the default is not a possible answer."]}),
    ({"items": [ITEMS[0], {**ITEMS[1], "min": 90, "max": 10}]},
     {"items": ["Item “battery”: the minimum is above the maximum."]}),
    ({"items": [{**ITEMS[0], "help_en": "In daylight"}, ITEMS[1]]},
     {"items": ["Item “screen”: give the help in Chinese and in English, or neither."]}),
    ({"rules": [{**RULES[0], "cap": "Z"}, {**RULES[1], "value": "low"}]},
     {"rules": ["Rule 1: the cap is not a grade of the internal scale.", "Rule 2: compare numbers with a number."]}),
    ({"rules": [{**RULES[0], "cap": "", "reason_en": ""}]},
     {"rules": ["Rule 1: give an effect (cap, functional, refuse or counterfeit).",
                "Rule 1: a reason and an English reason are required."]}),
    ({"rules": [{**RULES[0], "item": "keyboard"}]},
     {"rules": ["Rule 1: name an item of the checklist and an operator (eq, ne, lt, lte, gt, gte, in)."]}),
    ({"mappings": [{"scale": "market-condition", "source": "overall", "grades": {"A": "99"}}]},
     {"mappings": ["Mapping to “market-condition”: map every value of the source exactly once."]}),
    ({"mappings": [{"scale": "ctia-cosmetic", "source": "cosmetic",
                    "grades": {"A": "A", "B": "B", "C": "C", "D": "D", "E": "F"}}]},
     {"mappings": ["Mapping to “ctia-cosmetic”: a target is not a grade of that scale."]}),
    ({"mappings": [{**MAPPINGS[0], "scale": "clothing-condition"}]},
     {"mappings": ["Mapping to “clothing-condition”: no such scale in force."]}),
    ({"scale_code": "ctia-cosmetic-x"}, {"scale": ["Choose a grading scale in force for this category."]}),
])
def test_a_bad_definition_names_every_problem_and_writes_nothing(changes: dict[str, Any],
                                                                 errors: dict[str, list[str]]) -> None:
    admin = UserFactory()
    before = counts()
    with pytest.raises(GradingChecklistInvalid) as raised:
        publish(admin, **changes)
    assert {part: [str(text) for text in texts] for part, texts in raised.value.errors.items()} == errors
    assert counts() == before


def test_only_catalogue_editors_publish() -> None:
    before = counts()
    with pytest.raises(PermissionDenied):
        publish(UserFactory(role=Role.INSPECTOR))
    assert counts() == before


def test_a_version_cannot_take_effect_before_the_one_it_replaces() -> None:
    before = counts()
    with pytest.raises(GradingChecklistInvalid):
        publish(UserFactory(), effective_from=dt.date(2025, 1, 1))
    assert counts() == before
