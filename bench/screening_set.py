"""The labelled evaluation set of the screening benchmark, written for Recirc: `python -m bench.screening_set`
writes bench/data/screening_set.json (deterministic: the same file every run).

Written after the taxonomy (src/recirc/moderation/data/taxonomy.toml) and not copied from it: the listings are
phrased the way sellers write, and a `{key}` in braces marks the word an evader would disguise. Each prohibited
listing appears plain and in one or two disguised spellings (spaces or symbols inside the word, zero-width
characters, full-width letters, Traditional characters, pinyin, homophones, leetspeak); each clean listing
appears plain and in a variant (Traditional characters, full-width letters, another price). Clean listings
include hard negatives: cutlery, a gun-shaped mug, ashtrays, tea, books on herbal medicine, ivory-white
furniture, coral fleece, SK-II essence, water pistols, massage guns.

Splits: about 30 % "dev" (the part looked at while choosing thresholds and exceptions) and 70 % "test", chosen
by a hash of the base listing so all spellings of one listing stay together; and "holdout", listings written
after the fixes prompted by the first test measurement. The benchmark's gates are on test and holdout together.
Both were measured before general fixes they prompted: the history and the first numbers are in ADR 0012.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from bench.screening_listings import CLEAN, CLEAN_HOLDOUT, HOMOPHONES, PROHIBITED, PROHIBITED_HOLDOUT

OUT = Path(__file__).resolve().parent / "data" / "screening_set.json"
DEV_SHARE = 30  # percent

_FULL_WIDTH = {chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)}
_SEPARATORS = (" ", "*", ".", "-", "·", " / ", "_", "、")


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16)


def _plain(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def _key(text: str) -> str:
    return text[text.index("{") + 1:text.index("}")] if "{" in text else ""


def _swap(text: str, replacement: str) -> str:
    if "{" not in text:
        return _plain(text)
    return text[:text.index("{")] + replacement + text[text.index("}") + 1:]


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _traditional(text: str) -> str:
    return str(_converter().convert(text))


# How sellers read the words whose characters have several readings (the rest: each character's usual one,
# so the set does not depend on pypinyin's phrase dictionary being loaded).
READINGS = {"弹簧刀": "tan huang dao", "四件套银行": "si jian tao yin hang", "海关罚没": "hai guan fa mo"}


def _pinyin(word: str, seed: int) -> str:
    from pypinyin import lazy_pinyin

    syllables = READINGS[word].split() if word in READINGS else [lazy_pinyin(ch)[0] for ch in word]
    return " ".join(syllables) if seed % 2 else "".join(syllables)


def _leet(word: str, seed: int) -> str:
    table = str.maketrans({"o": "0", "e": "3", "a": "4", "i": "1"})
    return word.translate(table) if seed % 2 else ".".join(word)


def disguise(text: str, how: str, seed: int) -> str:
    """One evader's spelling of the listing's key word (`how` names the trick)."""
    key = _key(text)
    if how == "spaced":
        return _swap(text, _SEPARATORS[seed % len(_SEPARATORS)].join(key))
    if how == "zero_width":
        return _swap(text, "\u200b".join(key))
    if how == "full_width":
        return _swap(text, "".join(_FULL_WIDTH.get(ch, ch) for ch in key))
    if how == "traditional":
        return _traditional(_plain(text))
    if how == "pinyin":
        return _swap(text, _pinyin(key, seed))
    if how == "homophone":
        return _swap(text, HOMOPHONES.get(key, key))
    if how == "leet":
        return _swap(text, _leet(key, seed))
    return _plain(text)


def _tricks(key: str, seed: int) -> list[str]:
    """Which disguises suit this key word: Chinese words get Chinese tricks, English words Latin ones."""
    if not key:
        return ["traditional"]
    if key.isascii():
        options = ["spaced", "full_width", "leet", "zero_width"]
    else:
        options = ["spaced", "traditional", "pinyin", "zero_width", "spaced"]
        if key in HOMOPHONES:
            options = ["homophone", "homophone", *options]
    first = options[seed % len(options)]
    second = options[(seed // 7) % len(options)]
    return [first] if first == second else [first, second]


def _split(base: dict[str, Any]) -> str:
    if base.get("holdout"):
        return "holdout"
    return "dev" if _digest(base["title"]) % 100 < DEV_SHARE else "test"


def _item(number: int, label: str, base: dict[str, Any], title: str, how: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"{label[0]}{number:04d}", "label": label, "category": base.get("category", ""),
            "catalog_category": base.get("catalog", ""), "lang": base["lang"], "title": title,
            "description": _plain(base.get("description", "")), "brand": base.get("brand", ""),
            "price": str(extra.get("price", base.get("price", ""))), "attributes": base.get("attributes", {}),
            "disguise": how, "split": _split(base)}


def build() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    prohibited = [*PROHIBITED, *({**base, "holdout": True} for base in PROHIBITED_HOLDOUT)]
    clean = [*CLEAN, *({**base, "holdout": True} for base in CLEAN_HOLDOUT)]
    for base in prohibited:
        seed = _digest(base["title"])
        items.append(_item(len(items), "prohibited", base, _plain(base["title"]), "plain"))
        for how in _tricks(_key(base["title"]), seed):
            items.append(_item(len(items), "prohibited", base, disguise(base["title"], how, seed), how))
    for base in clean:
        seed = _digest(base["title"])
        items.append(_item(len(items), "clean", base, _plain(base["title"]), "plain"))
        how = ("traditional", "full_width", "price")[seed % 3] if base["lang"] == "zh" else ("full_width", "price")[
            seed % 2]
        if how == "price":
            price = base.get("price") or "100"
            items.append(_item(len(items), "clean", base, _plain(base["title"]), how,
                               price=str(round(float(price) * 1.15))))
        elif how == "full_width":
            title = "".join(_FULL_WIDTH.get(ch, ch) if ch.isascii() and ch.isalnum() else ch for ch in base["title"])
            items.append(_item(len(items), "clean", base, _plain(title), how))
        else:
            items.append(_item(len(items), "clean", base, _traditional(_plain(base["title"])), how))
    return items


def main() -> None:
    items = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    counts: dict[str, int] = {}
    for item in items:
        counts[f"{item['label']}/{item['split']}"] = counts.get(f"{item['label']}/{item['split']}", 0) + 1
    print(f"{len(items)} listings -> {OUT}: {counts}")


if __name__ == "__main__":
    main()
