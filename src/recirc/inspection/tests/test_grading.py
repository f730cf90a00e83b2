"""Grading rules on the published checklists: exact grades on the internal scale and on every standard scale
for given answers, refusals, incomplete and invalid checklists."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.catalog.facade import category_get, grading_checklist_for, grading_scales_for
from recirc.inspection.errors import AnswersInvalid, ChecklistIncomplete
from recirc.inspection.grading import answers_clean, grade
from recirc.inspection.tests.factories import CLOTHING_OK, FURNITURE_OK, PHONE_OK

pytestmark = pytest.mark.django_db


def graded(category: str, answers: dict[str, str], **changes: str) -> tuple[str, str, dict[str, str], list[str]]:
    category_id = category_get(category).id
    checklist = grading_checklist_for(category_id)
    assert checklist is not None
    scales = {scale.code: scale for scale in grading_scales_for(category_id)}
    result = grade(checklist, answers_clean(checklist, {**answers, **changes}), scales)
    return (result.outcome, result.grade, {entry.scale_code: entry.grade for entry in result.grades},
            [finding.reason_en for finding in result.findings])


PHONE_CASES: list[tuple[dict[str, str], str, dict[str, str]]] = [
    ({}, "A", {"recirc-grade": "A", "gbt-45656-usability": "1", "t-taf-173": "1", "ctia-cosmetic": "A",
               "ctia-functional": "0", "market-condition": "99"}),
    ({"screen": "micro_scratches"}, "B", {"recirc-grade": "B", "gbt-45656-usability": "2", "t-taf-173": "2",
                                          "ctia-cosmetic": "B", "ctia-functional": "0", "market-condition": "95"}),
    ({"battery_health": "79"}, "C", {"recirc-grade": "C", "gbt-45656-usability": "2", "t-taf-173": "3",
                                     "ctia-cosmetic": "A", "ctia-functional": "0", "market-condition": "90"}),
    ({"battery_health": "80"}, "A", {"recirc-grade": "A", "gbt-45656-usability": "1", "t-taf-173": "1",
                                     "ctia-cosmetic": "A", "ctia-functional": "0", "market-condition": "99"}),
    ({"battery_health": "59"}, "D", {"recirc-grade": "D", "gbt-45656-usability": "3", "t-taf-173": "3",
                                     "ctia-cosmetic": "A", "ctia-functional": "1", "market-condition": "80"}),
    ({"cameras": "fail", "body": "visible_wear"}, "D",
     {"recirc-grade": "D", "gbt-45656-usability": "3", "t-taf-173": "3", "ctia-cosmetic": "C", "ctia-functional": "2",
      "market-condition": "80"}),
    ({"functions": "fail"}, "E", {"recirc-grade": "E", "gbt-45656-usability": "4", "t-taf-173": "4",
                                  "ctia-cosmetic": "A", "ctia-functional": "3", "market-condition": "70-"}),
    ({"screen": "cracked", "water_indicator": "triggered"}, "D",
     {"recirc-grade": "D", "gbt-45656-usability": "3", "t-taf-173": "3", "ctia-cosmetic": "D", "ctia-functional": "1",
      "market-condition": "80"}),
]


@pytest.mark.parametrize(("changes", "internal", "on_scales"), PHONE_CASES)
def test_phone_grades_on_every_scheme(changes: dict[str, str], internal: str, on_scales: dict[str, str]) -> None:
    outcome, result, grades, _reasons = graded("mobile-phones", PHONE_OK, **changes)
    assert (outcome, result, grades) == ("graded", internal, on_scales)


def test_battery_below_80_caps_the_grade_and_says_why() -> None:
    assert graded("mobile-phones", PHONE_OK, battery_health="75", screen="micro_scratches")[1:] == (
        "C", {"recirc-grade": "C", "gbt-45656-usability": "2", "t-taf-173": "3", "ctia-cosmetic": "B",
              "ctia-functional": "0", "market-condition": "90"},
        ["Micro-scratches on the screen", "Battery health below 80 %"])


def test_activation_lock_refuses_the_phone_on_every_scale() -> None:
    assert graded("mobile-phones", PHONE_OK, activation_lock="on") == (
        "refused", "", {}, ["Activation lock on: not accepted"])


def test_a_suspicious_trademark_is_a_counterfeit_finding_without_a_cap() -> None:
    category_id = category_get("mobile-phones").id
    checklist = grading_checklist_for(category_id)
    assert checklist is not None
    result = grade(checklist, answers_clean(checklist, {**PHONE_OK, "trademark": "suspicious"}),
                   {scale.code: scale for scale in grading_scales_for(category_id)})
    assert (result.grade, [finding.item for finding in result.counterfeit_findings]) == ("A", ["trademark"])


@pytest.mark.parametrize(("changes", "internal", "on_scales"), [
    ({}, "A", {"recirc-grade": "A", "clothing-condition": "like-new", "market-condition": "99"}),
    ({"wear": "light"}, "B", {"recirc-grade": "B", "clothing-condition": "light-wear", "market-condition": "95"}),
    ({"stains": "faint", "labels": "fail"}, "C",
     {"recirc-grade": "C", "clothing-condition": "visible-wear", "market-condition": "90"}),
    ({"defects": "holes_or_tears"}, "D",
     {"recirc-grade": "D", "clothing-condition": "visible-wear", "market-condition": "80"}),
])
def test_clothing_grades(changes: dict[str, str], internal: str, on_scales: dict[str, str]) -> None:
    assert graded("clothing", CLOTHING_OK, **changes)[:3] == ("graded", internal, on_scales)


def test_unwashed_clothing_is_refused() -> None:
    assert graded("clothing", CLOTHING_OK, washed="fail")[:3] == ("refused", "", {})


@pytest.mark.parametrize(("changes", "internal", "on_scales"), [
    ({}, "A", {"recirc-grade": "A", "furniture-condition": "as-new", "market-condition": "99"}),
    ({"surface": "light_wear", "upholstery": "clean"}, "B",
     {"recirc-grade": "B", "furniture-condition": "good", "market-condition": "95"}),
    ({"upholstery": "worn"}, "C", {"recirc-grade": "C", "furniture-condition": "fair", "market-condition": "90"}),
    ({"structure": "loose_or_broken"}, "E",
     {"recirc-grade": "E", "furniture-condition": "needs-repair", "market-condition": "70-"}),
])
def test_furniture_grades(changes: dict[str, str], internal: str, on_scales: dict[str, str]) -> None:
    assert graded("furniture", FURNITURE_OK, **changes)[:3] == ("graded", internal, on_scales)


def test_pests_refuse_furniture() -> None:
    assert graded("furniture", FURNITURE_OK, smell_and_pests="fail")[:3] == ("refused", "", {})


def _clean(category: str, answers: dict[str, Any]) -> Any:
    checklist = grading_checklist_for(category_get(category).id)
    assert checklist is not None
    return answers_clean(checklist, answers)


def test_an_incomplete_checklist_names_every_missing_item() -> None:
    answers = {key: value for key, value in PHONE_OK.items() if key not in ("battery_health", "cameras")}
    with pytest.raises(ChecklistIncomplete) as raised:
        _clean("mobile-phones", answers)
    assert raised.value.text() == "The checklist is incomplete; nothing was saved. Answer: Cameras, Battery health."
    assert sorted(raised.value.errors) == ["battery_health", "cameras"]


@pytest.mark.parametrize(("key", "value", "message"), [
    ("battery_health", "101", "Enter a number from 0 to 100."),
    ("battery_health", "ninety", "Enter a whole number."),
    ("screen", "shattered", "Choose one of the answers offered."),
    ("buttons", "ok", "Choose one of the answers offered."),
])
def test_impossible_answers_are_refused(key: str, value: str, message: str) -> None:
    with pytest.raises(AnswersInvalid) as raised:
        _clean("mobile-phones", {**PHONE_OK, key: value})
    assert {name: [str(text) for text in texts] for name, texts in raised.value.errors.items()} == {key: [message]}


def test_numbers_are_stored_as_numbers_and_choices_as_text() -> None:
    assert _clean("mobile-phones", PHONE_OK)["battery_health"] == 91
    assert _clean("mobile-phones", {**PHONE_OK, "battery_health": " 7 "})["battery_health"] == 7
