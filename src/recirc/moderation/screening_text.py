"""Text normalisation for screening: one text, the forms the lexicon passes read (see screening.py).

OpenCC's t2s converter and pypinyin are loaded on first use, not at import: a web worker that never screens
never loads them (tests/test_worker_imports.py).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_WORDS = re.compile(r"[0-9a-z\u00e0-\u024f\u0370-\u03ff]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SINGLE_LETTER_RUN = re.compile(r"(?<![^ ])(?:[a-z] ){2,}[a-z](?![^ ])")
# Digits and symbols read as letters inside Latin words (leetspeak), for the `latin` form only.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _pypinyin() -> Any:
    # Screening reads characters one at a time, so pypinyin's phrase dictionary (about 45 MB resident) is left
    # unloaded; the readings a phrase would choose are covered by every reading of each character (heteronyms).
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    import pypinyin

    return pypinyin


@functools.lru_cache(maxsize=20_000)
def _syllable(character: str) -> str:
    return str(_pypinyin().lazy_pinyin(character)[0])


@functools.lru_cache(maxsize=20_000)
def _readings(character: str) -> tuple[str, ...]:
    pypinyin = _pypinyin()
    return tuple(pypinyin.pinyin(character, style=pypinyin.Style.NORMAL, heteronym=True)[0])


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to ASCII), format characters (zero-width spaces) dropped, lower
    case, Traditional characters to Simplified."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").lower()
    return _converter().convert(text) if _CJK.search(text) else text


@dataclass(frozen=True)
class Forms:
    lowered: str
    compact: str
    cjk: str
    spaced: str
    latin: str
    pinyin: str


def _spaced(lowered: str) -> str:
    words = " ".join(_WORDS.findall(lowered))
    words = _SINGLE_LETTER_RUN.sub(lambda match: match.group(0).replace(" ", ""), words)
    return f" {words} "


def _latin(lowered: str) -> str:
    return re.sub(r"[^a-z]", "", lowered.translate(_LEET))


def _pinyin(cjk: str) -> str:
    return f" {' '.join(_syllable(ch) for ch in cjk)} " if cjk else ""


def to_forms(text: str) -> Forms:
    lowered = normalise(text)
    compact = "".join(ch for ch in lowered if ch.isalnum())
    cjk = "".join(_CJK.findall(compact))
    return Forms(lowered=lowered, compact=compact, cjk=cjk, spaced=_spaced(lowered), latin=_latin(lowered),
                 pinyin=_pinyin(cjk))


@functools.lru_cache(maxsize=50_000)
def term_forms(text: str) -> Forms:
    """The forms of a lexicon term (cached: terms repeat across builds)."""
    return to_forms(text)


def romanisations(cjk: str, limit: int = 8) -> list[list[str]]:
    """The ways a seller may romanise a word: every reading of each character (罚没: "fa mei" and "fa mo";
    弹簧刀: "dan huang dao" and "tan huang dao"), at most `limit` of them."""
    spellings: list[list[str]] = [[]]
    for character in cjk:
        spellings = [[*spelling, reading] for spelling in spellings for reading in _readings(character)][:limit]
    return spellings
