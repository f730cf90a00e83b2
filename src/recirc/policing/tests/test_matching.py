"""Watchlist matching against the database: exact on normalised identifiers, by description through the
inverted index, and the index's upkeep when entries are added and withdrawn."""

from __future__ import annotations

from typing import Any

import pytest

from recirc.policing import services
from recirc.policing.index import POPULATION, rarity_for
from recirc.policing.matching import description_hits, exact_hits
from recirc.policing.models import WatchlistToken, WatchlistTokenStat
from recirc.policing.tests.factories import imei
from recirc.policing.text import profile_of

IMEI = imei(4821)
MAC = "3C:22:FB:12:34:56"


def add(world: dict[str, Any], identifiers: list[tuple[str, str]] = (), **data: Any) -> Any:  # type: ignore[assignment]
    fields = {"case_number": "杭公刑(2026)0001号", "reporting_unit": "西湖区分局", "brand": "Apple",
              "model_name": "iPhone 13", "colour": "午夜色", "description": "背面刻字 ZL4821，屏幕左上角有裂纹", **data}
    return services.watchlist_add(actor=world["police"], data=fields, identifiers=list(identifiers))


@pytest.mark.parametrize("typed", [
    IMEI, f"{IMEI[:2]} {IMEI[2:8]} {IMEI[8:14]} {IMEI[14]}", f"{IMEI[:8]}-{IMEI[8:14]}-{IMEI[14]}",
    f"{IMEI[:14]}07",  # IMEISV: 14-digit body + software version
])
def test_an_imei_matches_in_any_notation(world: dict[str, Any], typed: str) -> None:
    entry = add(world, [("imei", IMEI)])
    assert [(hit.entry_id, hit.kind, hit.value) for hit in exact_hits([("imei", typed)])] == [
        (entry.pk, "imei", IMEI)]


def test_the_watchlist_stores_an_imeisv_as_its_imei(world: dict[str, Any]) -> None:
    entry = add(world, [("IMEISV", f"{IMEI[:14]}99")])
    assert list(entry.identifiers.values_list("kind", "value")) == [("imei", IMEI)]
    assert [hit.entry_id for hit in exact_hits([("imei", IMEI)])] == [entry.pk]


@pytest.mark.parametrize("typed", ["3c:22:fb:12:34:56", "3C-22-FB-12-34-56", "3c22.fb12.3456", "3C22FB123456"])
def test_a_mac_matches_in_any_notation(world: dict[str, Any], typed: str) -> None:
    entry = add(world, [("mac", typed)])
    assert [hit.entry_id for hit in exact_hits([("mac", MAC)])] == [entry.pk]


def test_serials_match_without_regard_to_case_and_kinds_do_not_mix(world: dict[str, Any]) -> None:
    entry = add(world, [("serial", "f2lxk0abc12")])
    assert [hit.entry_id for hit in exact_hits([("sn", " F2LXK0ABC12 ")])] == [entry.pk]
    assert exact_hits([("imei", IMEI)]) == []


def test_withdrawn_entries_and_unreadable_identifiers_do_not_match(world: dict[str, Any]) -> None:
    entry = add(world, [("imei", IMEI)])
    services.watchlist_withdraw(actor=world["police"], entry_id=entry.pk, reason="Returned to its owner")
    assert exact_hits([("imei", IMEI)]) == []
    assert exact_hits([("imei", "not an imei"), ("warp", "1")]) == []


def registration(**overrides: str) -> Any:
    values = {"brand": "苹果", "model_name": "iPhone 13", "colour": "午夜色",
              "description": "屏幕左上角有裂纹，背面刻字 ZL4821，九成新", "title": "苹果 iPhone 13 128GB"}
    return profile_of(**{**values, **overrides})


@pytest.mark.parametrize("overrides", [
    {},  # 苹果 for Apple, clauses in another order, condition text added
    {"model_name": "iPhnoe 13"},  # a typo
    {"model_name": "13 iPhone", "description": "背面刻字ZL4821 左上角屏幕有裂痕"},  # word order and another word
])
def test_a_description_matches_through_the_index(world: dict[str, Any], overrides: dict[str, str]) -> None:
    entry = add(world)
    hits = description_hits(registration(**overrides), "mobile-phones", threshold=80, max_chance=0.02)
    assert [hit.entry_id for hit in hits] == [entry.pk]
    assert {"zl", "4821"} <= set(hits[0].match.shared)


def test_other_brands_categories_and_vague_descriptions_do_not_match(world: dict[str, Any]) -> None:
    add(world, category_code="mobile-phones")
    assert description_hits(registration(brand="华为"), "mobile-phones", threshold=80, max_chance=0.02) == []
    assert description_hits(registration(), "laptops", threshold=80, max_chance=0.02) == []
    generic = registration(description="屏幕左上角有裂纹，九成新")  # shares no distinctive feature
    assert description_hits(generic, "mobile-phones", threshold=80, max_chance=0.02) == []


def test_the_index_counts_words_of_active_entries(world: dict[str, Any]) -> None:
    first = add(world)
    second = add(world, case_number="杭公刑(2026)0002号", description="背面刻字 QX7310")
    rarity = rarity_for(["zl", "qx", "刻字"])
    assert (rarity.population, rarity.frequencies) == (2, {"zl": 1, "qx": 1, "刻字": 2})
    services.watchlist_withdraw(actor=world["police"], entry_id=first.pk, reason="Found")
    rarity = rarity_for(["zl", "qx", "刻字"])
    assert (rarity.population, rarity.frequencies.get("zl", 0), rarity.frequencies["刻字"]) == (1, 0, 1)
    assert set(WatchlistToken.objects.values_list("entry_id", flat=True)) == {second.pk}
    assert WatchlistTokenStat.objects.get(token=POPULATION).entries == 1


def test_an_entry_with_identifiers_only_is_not_indexed(world: dict[str, Any]) -> None:
    add(world, [("imei", IMEI)], description="", brand="", model_name="", colour="")
    assert WatchlistToken.objects.count() == 0
