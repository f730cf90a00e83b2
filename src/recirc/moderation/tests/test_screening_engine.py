"""The screening engine on the default taxonomy, without a database: normalisation, every evasion the lexicon
passes read, exceptions and denials, attribute rules, brand price floors, the outcome, and the build cache."""

from __future__ import annotations

from decimal import Decimal

import pytest

from recirc.moderation.screening import Screener, screener_for
from recirc.moderation.screening_text import normalise, to_forms
from recirc.moderation.taxonomy import default_spec, spec_from_document


@pytest.fixture(scope="module")
def screener() -> Screener:
    return screener_for(default_spec())


def found(screener: Screener, title: str, **fields: object) -> list[tuple[str, str, str, str]]:
    verdict = screener.screen(title=title, **fields)  # type: ignore[arg-type]
    return [(reason.category, reason.action, reason.variant, reason.span) for reason in verdict.reasons]


def test_normalise_folds_width_case_script_and_invisible_characters() -> None:
    # Given full-width Latin letters, Traditional characters and a zero-width space
    text = "ＧＬＯＣＫ 電子煙\u200b煙彈"
    # When it is normalised
    forms = to_forms(text)
    # Then the width, case and script are folded and the invisible character is gone
    assert normalise(text) == "glock 电子烟烟弹"
    assert (forms.compact, forms.cjk, forms.spaced) == ("glock电子烟烟弹", "电子烟烟弹", " glock 电子烟烟弹 ")
    assert forms.pinyin == " dian zi yan yan dan "


def test_spaced_letters_and_leetspeak_are_joined() -> None:
    assert to_forms("selling g-u-n parts").spaced == " selling gun parts "
    assert to_forms("c0c4ine").latin == "cocaine"


@pytest.mark.parametrize(("title", "expected"), [
    ("出售手枪一把", [("weapons", "block", "zh", "手枪")]),
    ("出售手 * 枪一把", [("weapons", "block", "zh", "手枪")]),
    ("出售手x枪一把", [("weapons", "block", "spacing", "手枪")]),
    ("出售手抢一把", [("weapons", "block", "homophone", "手抢")]),
    ("出售shou qiang一把", [("weapons", "block", "pinyin", "shou qiang")]),
    ("遥头丸 派对", [("drugs_precursors", "block", "homophone", "yao tou wan")]),
    ("全新電子煙", [("tobacco_ecig", "block", "zh", "电子烟")]),
    ("Ｃｏｃａｉｎｅ 1g", [("drugs_precursors", "block", "en", "cocaine")]),
    ("c0caine 1g", [("drugs_precursors", "block", "spacing", "cocaine")]),
    ("haiguanfamo手表", [("stolen_smuggled", "block", "pinyin", "haiguanfamo")]),
])
def test_each_disguise_is_read_back_to_its_term(screener: Screener, title: str,
                                                expected: list[tuple[str, str, str, str]]) -> None:
    assert found(screener, title) == expected


@pytest.mark.parametrize("title", [
    "儿童水枪 两支", "热熔胶枪 送胶棒", "象牙白衣柜 两门", "珊瑚绒睡衣", "不锈钢刀叉餐具套装", "水晶烟灰缸",
    "明前龙井 茶叶", "行车记录仪 电子眼提醒", "Water pistols, set of 4", "Ivory white wool coat",
    "Cigar humidor, no cigars included", "玩具枪形状的水杯",
])
def test_hard_clean_phrases_pass(screener: Screener, title: str) -> None:
    assert screener.screen(title=title).outcome == "allow"


def test_a_denial_before_a_counterfeit_word_is_an_assurance(screener: Screener) -> None:
    assert screener.screen(title="耐克AF1 正品，非莆田").outcome == "allow"
    assert screener.screen(title="not a replica, bought in store").outcome == "allow"
    assert found(screener, "莆田AJ1 纯原") == [("counterfeit_brand", "review", "zh", "莆田"),
                                             ("counterfeit_brand", "review", "zh", "纯原")]


def test_books_name_their_subjects_freely_except_obscene_and_counterfeit(screener: Screener) -> None:
    assert screener.screen(title="《枪炮、病菌与钢铁》", category_code="books").outcome == "allow"
    assert screener.screen(title="The Opium War: a history", category_code="books").outcome == "allow"
    assert screener.screen(title="The Opium War: a history").outcome == "block"
    assert screener.screen(title="色情漫画", category_code="books").outcome == "block"


def test_a_brand_name_counts_only_for_block_words_and_counterfeit_signals(screener: Screener) -> None:
    assert screener.screen(title="Gen 6 smartwatch", brand="Fossil").outcome == "allow"
    assert screener.screen(title="Gen 6 smartwatch").outcome == "allow"
    assert screener.screen(title="fossil collection").outcome == "review"


def test_phone_attribute_rules(screener: Screener) -> None:
    # Given phones without, with a malformed and with a well-formed network-access licence number
    missing = screener.screen(title="华为手机", category_code="mobile-phones", attributes={})
    malformed = screener.screen(title="华为手机", category_code="mobile-phones",
                                attributes={"network_access_licence": "无"})
    licensed = screener.screen(title="华为手机", category_code="mobile-phones",
                               attributes={"network_access_licence": "02-A123-210456"})
    # Then the first two go to review with the rule's note, the third is allowed
    assert [(r.category, r.signal, r.variant, r.note_en) for r in missing.reasons] == [
        ("unlicensed_phones", "attribute", "missing", "No network-access licence number given for a phone.")]
    assert [(r.variant, r.span) for r in malformed.reasons] == [("not_matches", "无")]
    assert (missing.outcome, malformed.outcome, licensed.outcome) == ("review", "review", "allow")


def test_a_brand_far_below_its_floor_opens_a_case(screener: Screener) -> None:
    verdict = screener.screen(title="LV neverfull", brand="Louis Vuitton", price=Decimal("300"))
    assert (verdict.outcome, verdict.opens_case) == ("review", True)
    assert [(r.category, r.signal, r.variant, r.term, r.span) for r in verdict.reasons] == [
        ("counterfeit_brand", "counterfeit", "price_below_floor", "louis vuitton", "300")]
    assert screener.screen(title="LV neverfull", brand="Louis Vuitton", price="6500").outcome == "allow"
    assert screener.screen(title="路易威登 老花", price="300").opens_case is True


def test_block_wins_over_review_and_allow_has_no_reasons(screener: Screener) -> None:
    verdict = screener.screen(title="高仿手枪")
    assert (verdict.outcome, verdict.opens_case) == ("block", True)
    assert sorted({r.category for r in verdict.reasons}) == ["counterfeit_brand", "weapons"]
    clean = screener.screen(title="宜家书桌 白色", description="九成新，需自提", category_code="furniture")
    assert (clean.outcome, clean.reasons, clean.opens_case, clean.taxonomy) == ("allow", (), False, "default-2026.1")


def test_the_built_engine_is_cached_per_taxonomy_label() -> None:
    document = {"version": "t", "category": [{"code": "x", "name_zh": "某", "name_en": "X", "legal_basis": "law",
                                              "action": "block", "zh": ["违禁词"]}]}
    first = screener_for(spec_from_document(document, label="test-1"))
    assert screener_for(spec_from_document(document, label="test-1")) is first
    assert screener_for(spec_from_document(document, label="test-2")) is not first
    assert first.screen(title="违 禁 词").outcome == "block"


def test_the_semantic_pass_only_asks_for_review(screener: Screener) -> None:
    from recirc.moderation.semantic import SemanticPass

    semantic = SemanticPass()
    # Given a listing that describes stolen goods without any listed word, and a plain one
    flagged = screener.screen(title="捡到的苹果手机", description="有锁，当配件机卖", semantic=semantic)
    plain = screener.screen(title="宜家书桌 白色", description="九成新，需自提", semantic=semantic)
    # Then only the first is sent to review, by the semantic signal
    assert flagged.outcome == "review"
    assert [(r.category, r.signal, r.action) for r in flagged.reasons] == [("stolen_smuggled", "semantic", "review")]
    assert flagged.reasons[0].score >= 0.62
    assert plain.outcome == "allow"
