"""Grading texts in both languages: migration 0008 gives every reference scale and grade its Simplified
Chinese description and standard name (reversibly, without overwriting), contracts pick the active language,
pages and the API show it, and publishing asks for both languages."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import translation

from recirc.catalog import facade, services
from recirc.catalog.contracts import GradingScaleRef
from recirc.catalog.errors import GradingScaleInvalid
from recirc.catalog.models import GradingScale
from recirc.catalog.tests.factories import UserFactory
from recirc.core.models import AuditEvent

pytestmark = pytest.mark.django_db

texts_zh = importlib.import_module("recirc.catalog.migrations.0008_grading_scale_chinese_texts")
HAN = re.compile(r"[\u4e00-\u9fff]")


def scale_ref(code: str) -> GradingScaleRef:
    return next(scale for scale in facade.grading_scales_for(facade.category_get("mobile-phones").id)
                if scale.code == code)


def snapshot() -> dict[tuple[str, int], tuple[str, str, list[dict[str, str]]]]:
    return {(scale.code, scale.version): (scale.standard_zh, scale.description_zh, scale.grades)
            for scale in GradingScale.objects.all()}


def test_every_scale_and_grade_has_a_chinese_description_after_the_migrations() -> None:
    scales = list(GradingScale.objects.all())
    assert len(scales) == 8
    for scale in scales:
        assert scale.description and HAN.search(scale.description_zh), scale.code
        for grade in scale.grades:
            assert grade["description"] and HAN.search(grade["description_zh"]), (scale.code, grade["code"])


def test_every_scale_names_its_standard_in_chinese() -> None:
    assert dict(GradingScale.objects.values_list("code", "standard_zh")) == {
        "market-condition": "市场惯例（成色）",
        "ctia-cosmetic": "CTIA 无线设备分级标准",
        "ctia-functional": "CTIA 无线设备分级标准",
        "gbt-45656-usability": "GB/T 45656-2025《二手电子产品可用程度分级规范》",
        "t-taf-173": "T/TAF 173-2023《循环回收移动通信终端分级评估技术规范》",
        "clothing-condition": "GB/T 21667-2024（品质等级）",
        "furniture-condition": "GB/T 21667-2024（品质等级）",
        "recirc-grade": "Recirc 内部等级（按质检清单对应）",
    }


@pytest.mark.parametrize(("language", "scale", "grade", "expected"), [
    ("zh-hans", "market-condition", "99", "无可见使用痕迹；功能与新品无异。"),
    ("en", "market-condition", "99", "No visible signs of use; works as new."),
    ("zh-hans", "ctia-cosmetic", "D", "外观严重损伤，包括屏幕盖板玻璃破裂。"),
    ("en", "ctia-cosmetic", "D", "Heavy cosmetic damage, including cracks of the cover lens."),
    ("zh-hans", "ctia-functional", "5", "功能不完整（详见 CTIA 定义）。"),
    ("zh-hans", "t-taf-173", "3", "有明显使用痕迹或轻微功能缺陷，均已如实披露。"),
    ("en", "gbt-45656-usability", "4", "Main functions impaired: for repair, parts or recycling."),
    ("zh-hans", "gbt-45656-usability", "4", "主要功能受损：用于维修、拆件或回收利用。"),
])
def test_grades_describe_themselves_in_the_active_language(language: str, scale: str, grade: str,
                                                            expected: str) -> None:
    found = scale_ref(scale).grade(grade)
    assert found is not None
    with translation.override(language):
        assert found.display_description == expected


def test_scales_and_the_checklists_internal_scale_describe_themselves_in_the_active_language() -> None:
    clothing = next(scale for scale in facade.grading_scales_for(facade.category_get("clothing").id)
                    if scale.code == "clothing-condition")
    checklist = facade.grading_checklist_for(facade.category_get("furniture").id)
    assert checklist is not None
    worst = checklist.scale.grade("E")
    assert worst is not None
    with translation.override("zh-hans"):
        assert clothing.display_standard == "GB/T 21667-2024（品质等级）"
        assert checklist.scale.display_standard == "Recirc 内部等级（按质检清单对应）"
        assert clothing.display_description == ("参照 GB/T 21667-2024《二手货品质鉴定通则》中品质等级的总体思路："
                                                "经鉴定货品状况后给出有序等级，并写入鉴定报告。")
        assert worst.display_description == "主要功能或结构失效。"
    with translation.override("en"):
        assert clothing.display_standard == "GB/T 21667-2024 (quality grades)"
        assert clothing.display_description.startswith("Follows the general idea of quality grades")
        assert worst.display_description == "A main function or the structure fails."


def test_the_migration_is_reversible() -> None:
    before = snapshot()
    texts_zh.unload(apps, None)
    emptied = GradingScale.objects.get(code="market-condition")
    assert (emptied.standard_zh, emptied.description_zh) == ("", "")
    assert all("description_zh" not in grade for grade in emptied.grades)
    texts_zh.load(apps, None)
    assert snapshot() == before


def test_the_migration_keeps_chinese_texts_someone_wrote_and_rewritten_english() -> None:
    scale = GradingScale.objects.get(code="furniture-condition")
    texts_zh.unload(apps, None)
    scale.refresh_from_db()
    scale.description_zh = "管理员译文"
    scale.grades = [{**grade, "description": "Rewritten."} if grade["code"] == "good" else grade
                    for grade in scale.grades]
    scale.save()
    texts_zh.load(apps, None)
    scale.refresh_from_db()
    assert scale.description_zh == "管理员译文"
    assert [grade.get("description_zh", "") for grade in scale.grades] == [
        "结构稳固，无可见磨损。", "", "可正常使用；有明显磨损、划痕或连接件松动。", "结构或表面损坏，需修复。"]


@pytest.mark.parametrize(("language", "shown", "hidden"), [
    ("zh-hans", ["中国二手交易中通行的成色用语", "无可见使用痕迹；功能与新品无异。", "主要功能或结构失效。",
                 "市场惯例（成色）", "Recirc 内部等级（按质检清单对应）"],
     ["No visible signs of use", "A main function or the structure fails.", "market practice",
      "mapped per checklist"]),
    ("en", ["The condition words of the Chinese second-hand trade", "No visible signs of use; works as new.",
            "market practice (成色)"],
     ["无可见使用痕迹", "中国二手交易中通行的成色用语", "市场惯例"]),
])
def test_the_category_list_shows_grading_texts_in_the_reader_language(client: Client, language: str,
                                                                      shown: list[str], hidden: list[str]) -> None:
    body = client.get(reverse("category-list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert all(text in body for text in shown)
    assert not any(text in body for text in hidden)


def test_the_category_page_shows_the_standard_scales_in_chinese(client: Client) -> None:
    response = client.get(reverse("category-detail", args=["mobile-phones"]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = response.content.decode()
    assert response.status_code == 200
    assert "T/TAF 173-2023《循环回收移动通信终端分级评估技术规范》（电信终端产业协会）" in body
    assert "外观严重损伤，包括屏幕盖板玻璃破裂。" in body and "Heavy cosmetic damage" not in body
    assert "依据标准: CTIA 无线设备分级标准 ·" in body and "依据标准: CTIA Wireless" not in body


def test_the_api_gives_both_descriptions(client: Client) -> None:
    scales = client.get("/api/v1/catalog/categories/mobile-phones/grading-scales").json()
    cosmetic = next(scale for scale in scales if scale["code"] == "ctia-cosmetic")
    assert cosmetic["description_zh"].startswith("CTIA 无线设备分级标准")
    assert (cosmetic["standard"], cosmetic["standard_zh"]) == ("CTIA Wireless Device Grading Scales",
                                                               "CTIA 无线设备分级标准")
    assert cosmetic["grades"][0] == {"code": "A", "label": "A 级", "label_en": "A",
                                     "description": "Like-new condition.", "description_zh": "成色如新。"}


GRADES = [{"code": "A", "label": "甲", "label_en": "A", "description": "Good.", "description_zh": "好。"}]


def test_publishing_a_scale_stores_both_descriptions() -> None:
    scale = services.grading_scale_publish(actor=UserFactory(), code="toy-scale", name="玩具", name_en="Toys",
                                           standard="house", grades=GRADES, effective_from=dt.date(2025, 1, 1),
                                           description=" A toy scale. ", description_zh=" 玩具等级。 ",
                                           standard_zh="内部惯例")
    assert (scale.description, scale.description_zh, scale.standard_zh) == ("A toy scale.", "玩具等级。", "内部惯例")
    assert scale.grades == GRADES


@pytest.mark.parametrize(("changes", "errors"), [
    ({"description": "A toy scale."}, {"description_zh": ["Give the description in English and in Chinese, or "
                                                          "neither."]}),
    ({"description_zh": "玩具等级。"}, {"description_zh": ["Give the description in English and in Chinese, or "
                                                         "neither."]}),
    ({"grades": [{**GRADES[0], "description_zh": ""}]},
     {"grades": ["Grade “A”: give its description in English and in Chinese, or neither."]}),
])
def test_a_scale_described_in_one_language_only_is_refused_and_nothing_changes(
        changes: dict[str, object], errors: dict[str, list[str]]) -> None:
    before = (GradingScale.objects.count(), AuditEvent.objects.count())
    fields = {"code": "toy-scale", "name": "玩具", "name_en": "Toys", "standard": "house", "grades": GRADES,
              "effective_from": dt.date(2025, 1, 1), **changes}
    with pytest.raises(GradingScaleInvalid) as raised:
        services.grading_scale_publish(actor=UserFactory(), **fields)  # type: ignore[arg-type]
    assert {part: [str(text) for text in texts] for part, texts in raised.value.errors.items()} == errors
    assert (GradingScale.objects.count(), AuditEvent.objects.count()) == before
