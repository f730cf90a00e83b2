"""What screening hands to other contexts (listings): frozen facts, never models. Re-exported by the facade."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class ListingFields:
    """What screening reads of a listing: the seller's words, the catalogue category code, brand, asking price
    and catalogue attributes."""

    title: str
    description: str = ""
    category_code: str = ""
    brand: str = ""
    price: Decimal | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReasonRef:
    """One reason of a verdict. `text` is translated into the active language; the rest is data."""

    category: str
    category_name: str
    action: str  # block | review
    signal: str  # lexicon | attribute | semantic | counterfeit
    term: str
    span: str  # the matched text after normalisation (Simplified, half-width, separators removed)
    variant: str  # how it was written: zh, en, pinyin, homophone, spacing, pattern, missing, price_below_floor, ...
    field: str
    score: float
    text: str


@dataclass(frozen=True)
class ScreeningResult:
    """A verdict: allow, review or block, with its reasons; `opens_case` when counterfeit signals were found."""

    outcome: str
    reasons: tuple[ReasonRef, ...]
    opens_case: bool
    taxonomy: str  # "v3" (a published version) or "default-2026.1" (the data file, before any is published)

    def as_json(self) -> list[dict[str, Any]]:
        """The reasons as stored on a verdict: data only (names and sentences are rendered when shown)."""
        return [{key: value for key, value in reason.__dict__.items()
                 if key not in ("text", "category_name") and value not in ("", 0.0)} for reason in self.reasons]


@dataclass(frozen=True)
class VerdictRef:
    id: int
    subject_kind: str
    subject_id: int
    outcome: str
    case_id: int | None


@dataclass(frozen=True)
class TaxonomyRef:
    number: int | None  # None: the default data file, no version published yet
    label: str
    title_zh: str
    title_en: str
    published_at: Any
    categories: tuple[dict[str, Any], ...]
