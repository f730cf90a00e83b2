"""Description matching without the database: words, profiles, scores, specificity, and the matching quality
on a synthetic watchlist (recall and precision, the B3 targets at smoke size)."""

from __future__ import annotations

import random

import pytest

from recirc.policing.fuzzy import FuzzyIndex, Rarity, fuzzy_score
from recirc.policing.tests import synthetic
from recirc.policing.text import Profile, profile_of, words

RARITY = Rarity({}, 0)


@pytest.mark.parametrize(("text", "expected"), [
    ("苹果 iPhone13 256G", ["apple", "iphone", "13", "256gb"]),
    ("ＡＰＰＬＥ  iphone 13，２５６ＧＢ", ["apple", "iphone", "13", "256gb"]),  # full width, NFKC
    ("华为Mate40Pro 5G 1T", ["huawei", "mate", "40", "pro", "5", "g", "1tb"]),  # 5G is a network, not a capacity
    ("背面贴有熊猫贴纸的黑色手机", ["背面", "贴", "熊猫", "贴纸", "黑", "手机"]),
    ("屏幕有裂痕和刮痕", ["屏幕", "裂纹", "划痕"]),  # synonyms folded
])
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_a_profile_survives_storage() -> None:
    profile = profile_of(brand="荣耀", model_name="Magic 5", colour="黑色", description="背面刻字 AB12，屏幕有裂纹",
                         title="荣耀 Magic5")
    assert (profile.brand, profile.model, profile.colour) == ("honor", ("magic", "5"), ("黑",))
    assert profile.clauses == (("背面", "刻字", "ab", "12"), ("屏幕", "裂纹"))
    assert Profile.parse(profile.dump()) == profile


ENTRY = profile_of(brand="Apple", model_name="iPhone 13", colour="午夜色",
                   description="背面刻字 ZL4821，屏幕左上角有裂纹，配粉色硅胶手机壳")


@pytest.mark.parametrize("query", [
    profile_of(brand="苹果", model_name="iPhone 13", colour="午夜色", description="配粉色硅胶手机壳，背面刻字ZL4821"),
    profile_of(brand="Apple", model_name="iPhnoe 13", colour="午夜色",
               description="屏幕左上角有裂痕，背面刻字 ZL4821，配粉色硅胶保护壳，九成新"),
    profile_of(brand="apple", model_name="13 iPhone", colour="午夜色",
               description="手机壳 粉色 硅胶 ，刻字 背面 ZL4821，裂纹 左上角 屏幕"),
])
def test_typos_word_order_and_aliases_still_match(query: Profile) -> None:
    match = fuzzy_score(ENTRY, query, RARITY)
    assert match is not None and match.alerts(threshold=80, max_chance=0.02), match


def test_another_brand_never_matches_and_honor_fits_huawei() -> None:
    same_features = "背面刻字 ZL4821，屏幕左上角有裂纹，配粉色硅胶手机壳"
    assert fuzzy_score(ENTRY, profile_of(brand="三星", description=same_features), RARITY) is None
    huawei = profile_of(brand="华为", model_name="P40", description=same_features)
    assert fuzzy_score(huawei, profile_of(brand="荣耀", model_name="P40", description=same_features), RARITY)


def test_common_features_alone_are_not_specific() -> None:
    common = profile_of(brand="Apple", model_name="iPhone 13", colour="午夜色", description="屏幕左上角有裂纹")
    frequencies = {word: 5_000 for word in common.tokens()}  # every word of the entry is on many entries
    frequencies.update({"屏幕": 30_000, "左上角": 8_000, "裂纹": 30_000, "iphone": 20_000, "13": 9_000,
                        "apple": 40_000})
    match = fuzzy_score(common, common, Rarity(frequencies, 100_000))
    assert match is not None and match.score == 100.0
    assert match.chance > 0.02 and not match.alerts(threshold=80, max_chance=0.02)


def test_a_different_colour_costs_points() -> None:
    same = profile_of(brand="Apple", model_name="iPhone 13", colour="午夜色", description="背面刻字 ZL4821")
    other = profile_of(brand="Apple", model_name="iPhone 13", colour="白色", description="背面刻字 ZL4821")
    entry = profile_of(brand="Apple", model_name="iPhone 13", colour="午夜色", description="背面刻字 ZL4821")
    first, second = fuzzy_score(entry, same, RARITY), fuzzy_score(entry, other, RARITY)
    assert first is not None and second is not None and first.score - second.score == pytest.approx(20, abs=0.01)


def test_matching_quality_on_a_synthetic_watchlist() -> None:
    """B3 at smoke size: 1 % fuzzy hits among clean registrations; recall >= 95 %, precision >= 80 %."""
    rng = random.Random(20261201)
    stolen = [synthetic.stolen_phone(rng) for _ in range(5000)]
    index, frequencies = FuzzyIndex(budget=500), {}
    for number, phone in enumerate(stolen):
        profile = profile_of(brand=phone.brand, model_name=phone.model_name, colour=phone.colour,
                             description=phone.description)
        index.add(number, profile)
        for word in profile.tokens():
            frequencies[word] = frequencies.get(word, 0) + 1
    rarity = Rarity(frequencies, len(stolen))
    found = missed = wrong = 0
    for number in range(3000):
        source = rng.randrange(len(stolen)) if number % 100 == 0 else None
        phone = synthetic.fuzzy_variant(rng, stolen[source]) if source is not None else synthetic.clean_phone(rng)
        query = profile_of(brand=phone.brand, model_name=phone.model_name, colour=phone.colour,
                           description=phone.description, title=f"{phone.brand} {phone.model_name} {phone.capacity}")
        hits = {entry_id for entry_id, _match in index.search(query, rarity, threshold=80, max_chance=0.02)}
        found += int(source in hits)
        missed += int(source is not None and source not in hits)
        wrong += len(hits - {source})
    assert found / (found + missed) >= 0.95 and found / max(found + wrong, 1) >= 0.8, (found, missed, wrong)
