"""Text for description matching: NFKC, lower case, capacities, brand aliases, jieba words; one Profile per text.

A profile keeps four groups of words: the canonical brand, the model's words, the colour's words, and the
distinguishing features (everything else in the title and description). Only features can make a description
match strong: brand, model and colour alone are shared by thousands of devices.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from recirc.catalog.facade import brands_compatible as catalog_brands_compatible
from recirc.catalog.facade import canonical_brand

MAX_TOKEN_LENGTH = 40
RUNS = re.compile(r"\d+(?:gb|tb)|[a-z]+|\d+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CAPACITY_GB = re.compile(r"(\d{2,4})\s*g(?:b)?(?![a-z])")
CAPACITY_TB = re.compile(r"(?<!\d)(\d)\s*t(?:b)?(?![a-z])")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
STOP_WORDS = frozenset({"的", "了", "和", "与", "及", "有", "无", "在", "是", "个", "一", "台", "部", "只", "款", "带",
                        "已", "被", "把", "或", "等", "约", "色",
                        "the", "a", "an", "and", "with", "of", "on", "in", "has"})
# Words clerks and police use for the same thing: one spelling each, so that they match.
SYNONYMS = {"裂痕": "裂纹", "碎裂": "裂纹", "刮痕": "划痕", "刮花": "划痕", "贴画": "贴纸", "保护壳": "手机壳",
            "保护套": "手机壳", "手机套": "手机壳", "刻有": "刻字", "镌刻": "刻字", "磕伤": "磕碰"}
# Product lines that canonical_brand() folds into their maker: in a description they stay words of their own.
PRODUCT_LINES = frozenset({"iphone", "ipad", "pixel", "redmi", "红米", "poco", "iqoo", "realme", "真我", "oneplus",
                           "一加", "moto", "mi"})


@lru_cache(maxsize=4096)
def brand_key(name: str) -> str:
    """The canonical brand in lower case ("苹果" and "APPLE" -> "apple"); "" when no brand is given."""
    cleaned = unicodedata.normalize("NFKC", name or "").strip()
    if not cleaned:
        return ""
    return (canonical_brand(cleaned) or cleaned).strip().lower()


@lru_cache(maxsize=65536)
def _canonical_word(word: str) -> str:
    """A word that names a brand becomes the canonical brand (苹果 -> apple); other words stay."""
    if word in PRODUCT_LINES:
        return word
    canonical = brand_key(word)
    return canonical if canonical and canonical != word and " " not in canonical else word


def _normalise(text: str) -> str:
    lowered = unicodedata.normalize("NFKC", text or "").lower()
    lowered = CAPACITY_GB.sub(r"\1gb", lowered)
    return CAPACITY_TB.sub(r"\1tb", lowered)


def _word(token: str) -> str:
    if len(token) >= 2 and token.endswith("色") and CJK.match(token):  # 黑色 -> 黑, 银白色 -> 银白
        token = token[:-1]
    return _canonical_word(SYNONYMS.get(token, token))[:MAX_TOKEN_LENGTH]


def words(text: str) -> list[str]:
    """The text's words in order, repeats removed: ASCII runs split at letter/digit borders, CJK by jieba."""
    return list(_words(text or ""))


@lru_cache(maxsize=131072)
def _words(text: str) -> tuple[str, ...]:
    """Remembered per text: brands, models, colours and the common clauses of descriptions (cracks, stickers,
    cases) recur across a watchlist and its registrations."""
    found: list[str] = []
    seen: set[str] = set()
    for run in RUNS.findall(_normalise(text)):
        for word in _run_words(run):
            if word not in seen:
                seen.add(word)
                found.append(word)
    return tuple(found)


def _cut(run: str) -> list[str]:
    """Chinese words of a run of Han characters. rjieba loads its dictionary (about 33 MB) on import: it is
    imported at the first cut, not in every process that merely imports the matching code."""
    import rjieba

    return list(rjieba.cut(run))


@lru_cache(maxsize=131072)
def _run_words(run: str) -> tuple[str, ...]:
    """The words of one run (CJK cut by jieba), remembered: a unique clause such as "背面刻字 ZL4821" is made of
    runs that recur ("背面刻字")."""
    pieces = _cut(run) if CJK.match(run) else [run]
    return tuple(_word(piece) for piece in (piece.strip() for piece in pieces) if piece and piece not in STOP_WORDS)


@lru_cache(maxsize=4096)
def brands_compatible(first: str, second: str) -> bool:
    """A missing brand never blocks; given ones must be of one family (or Huawei and Honor)."""
    if not first or not second or first == second:
        return True
    return catalog_brands_compatible(first, second)


CLAUSE_BREAKS = re.compile(r"[,，;；。.!！?？、\n/|]+")


def typo_eligible(word: str) -> bool:
    """Latin words of 4+ letters: long enough for rapidfuzz's ratio to tell a typo from another word."""
    return len(word) >= 4 and word.isascii() and not word.isdigit()


@dataclass(frozen=True)
class Profile:
    """The words of one description, grouped: canonical brand, model, colour, and feature clauses (each
    clause one distinguishing fact, such as a sticker or a crack: its words are counted together)."""

    brand: str
    model: tuple[str, ...]
    colour: tuple[str, ...]
    clauses: tuple[tuple[str, ...], ...]

    @cached_property
    def features(self) -> tuple[str, ...]:
        return tuple(word for clause in self.clauses for word in clause)

    @cached_property
    def feature_words(self) -> frozenset[str]:
        return frozenset(self.features)

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(filter(None, (self.brand, *self.model, *self.colour, *self.features)))

    def tokens(self) -> frozenset[str]:
        return self.words

    @cached_property
    def typo_words(self) -> tuple[str, ...]:
        """The words that may match another spelling with a typo (fuzzy.TYPO_CUTOFF)."""
        return tuple(word for word in self.words if typo_eligible(word))

    def dump(self) -> str:
        """Stored form: "brand|model words|colour words|clause words;clause words" (words hold no | ; or space)."""
        return "|".join([self.brand.replace(" ", "_"), " ".join(self.model), " ".join(self.colour),
                         ";".join(" ".join(clause) for clause in self.clauses)])

    @classmethod
    def parse(cls, stored: str) -> Profile:
        parts = (stored or "").split("|")
        parts += [""] * (4 - len(parts))
        clauses = tuple(tuple(clause.split()) for clause in parts[3].split(";") if clause.strip())
        return cls(brand=parts[0].replace("_", " "), model=tuple(parts[1].split()), colour=tuple(parts[2].split()),
                   clauses=clauses)


def profile_of(*, brand: str = "", model_name: str = "", colour: str = "", description: str = "",
               title: str = "") -> Profile:
    key = brand_key(brand)
    model = tuple(word for word in words(model_name) if word != key)
    colours = tuple(words(colour))
    taken = {key, *model, *colours}
    clauses = []
    for text in (title, *CLAUSE_BREAKS.split(description or "")):
        clause = tuple(word for word in words(text) if word not in taken)
        taken.update(clause)
        if clause:
            clauses.append(clause)
    return Profile(brand=key, model=model, colour=colours, clauses=tuple(clauses))
