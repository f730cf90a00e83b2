"""The prohibited-goods taxonomy as plain data: what the screening engine is built from.

A `TaxonomySpec` comes either from the data file shipped with the app (`data/taxonomy.toml`, Recirc's default,
loaded into the database by `recirc manage moderation_taxonomy_load`) or from a stored `TaxonomyVersion`. It is
frozen and hashable by its label, so the built engine can be cached per version. No Django models here.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.toml"
ACTIONS = ("block", "review")
# Lexicon kinds: how a term is written. `zh`/`en` the plain word, `pinyin` Latin romanisation, `homophone` a
# variant spelling with other characters that sound alike, `pattern` a regular expression, `exception` a clean
# phrase that cancels a match inside it.
TERM_KINDS = ("zh", "en", "pinyin", "homophone", "pattern", "exception")


@dataclass(frozen=True)
class TermSpec:
    text: str
    kind: str
    action: str  # the term's own action: the category's, or "review"/"block" where the data says so


@dataclass(frozen=True)
class CategorySpec:
    code: str
    name_zh: str
    name_en: str
    legal_basis: str
    action: str
    opens_case: bool
    books_exempt: bool
    terms: tuple[TermSpec, ...]
    prototypes: tuple[str, ...]

    def terms_of(self, *kinds: str) -> list[TermSpec]:
        return [term for term in self.terms if term.kind in kinds]


@dataclass(frozen=True)
class AttributeRuleSpec:
    catalog_category: str
    attribute: str
    op: str  # missing | not_matches | equals
    value: str
    category: str
    note_zh: str
    note_en: str


@dataclass(frozen=True)
class BrandFloorSpec:
    names: tuple[str, ...]
    floor: Decimal


@dataclass(frozen=True)
class TaxonomySpec:
    label: str  # "v3" for a stored version, "default-2026.1" for the data file
    categories: tuple[CategorySpec, ...]
    attribute_rules: tuple[AttributeRuleSpec, ...] = ()
    brand_floors: tuple[BrandFloorSpec, ...] = ()
    by_code: dict[str, CategorySpec] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        self.by_code.update({category.code: category for category in self.categories})


def _terms(raw: dict[str, Any], action: str) -> tuple[TermSpec, ...]:
    plain = [("zh", "zh", action), ("en", "en", action), ("pinyin", "pinyin", action),
             ("homophones", "homophone", action), ("review_zh", "zh", "review"), ("review_en", "en", "review"),
             ("block_zh", "zh", "block"), ("block_en", "en", "block"), ("patterns", "pattern", action),
             ("exceptions", "exception", action)]
    return tuple(TermSpec(text=text, kind=kind, action=term_action)
                 for key, kind, term_action in plain for text in raw.get(key, ()))


def spec_from_document(document: dict[str, Any], *, label: str) -> TaxonomySpec:
    """Build a spec from the parsed data file (the shape of `data/taxonomy.toml`)."""
    categories = tuple(
        CategorySpec(code=raw["code"], name_zh=raw["name_zh"], name_en=raw["name_en"], legal_basis=raw["legal_basis"],
                     action=raw["action"], opens_case=bool(raw.get("opens_case", False)),
                     books_exempt=bool(raw.get("books_exempt", False)),
                     terms=_terms(raw, raw["action"]), prototypes=tuple(raw.get("prototypes", ())))
        for raw in document["category"])
    rules = tuple(AttributeRuleSpec(catalog_category=raw["catalog_category"], attribute=raw["attribute"], op=raw["op"],
                                    value=str(raw.get("value", "")), category=raw["category"],
                                    note_zh=raw.get("note_zh", ""), note_en=raw.get("note_en", ""))
                  for raw in document.get("attribute_rule", ()))
    floors = tuple(BrandFloorSpec(names=tuple(raw["names"]), floor=Decimal(str(raw["floor"])))
                   for raw in document.get("brand_floor", ()))
    return TaxonomySpec(label=label, categories=categories, attribute_rules=rules, brand_floors=floors)


def read_document(path: Path = DEFAULT_FILE) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@functools.lru_cache(maxsize=1)
def default_spec() -> TaxonomySpec:
    """Recirc's default taxonomy straight from the data file (benchmarks and the engine's own tests)."""
    document = read_document()
    return spec_from_document(document, label=f"default-{document['version']}")
