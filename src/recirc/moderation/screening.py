"""The screening engine: pure functions, no database. A `Screener` is built once per taxonomy version (cached by
its label) and screens a listing's fields in well under a millisecond per field for the lexicon passes.

Each text is normalised into several forms so one Aho-Corasick pass per form catches the usual evasions:

- `compact`: NFKC (full-width to half-width), lower case, Traditional to Simplified (OpenCC t2s), and every
  character that is not a letter, digit or CJK ideograph removed, so "冰 毒", "冰-毒" and "冰★毒" all read 冰毒.
  Chinese terms match here anywhere.
- `cjk`: only the CJK ideographs of `compact` ("冰x毒" reads 冰毒). Chinese terms of two or more characters.
- `spaced`: words separated by single spaces, CJK and Latin split apart, runs of single letters joined
  ("g u n", "c.o.c.a.i.n.e"). English terms and pinyin match whole words here.
- `latin`: the Latin letters only, run together, with digits read as letters (leetspeak "c0caine"). English and
  pinyin terms of six or more letters match here anywhere.
- `pinyin`: the pinyin syllables of the CJK characters ("手抢" reads "shou qiang"), so a homophone written
  with other characters meets the term it imitates. Only terms of three or more syllables match here (two
  syllables collide with common words: 大麻/打麻将); two-syllable evasions are listed as `homophones`.

An exception phrase (a clean phrase such as 水枪 or "ivory white") cancels a match that lies inside it, in the
same form. Then attribute rules and brand price floors, then (optionally) the semantic pass in `semantic.py`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import ahocorasick

from recirc.moderation.screening_text import Forms, normalise, romanisations, term_forms, to_forms
from recirc.moderation.taxonomy import CategorySpec, TaxonomySpec, TermSpec

__all__ = ["Reason", "Screener", "Verdict", "normalise", "screener_for", "to_forms"]

MIN_LATIN_SUBSTRING = 6
MIN_PINYIN_SYLLABLES = 3
BOOKS = "books"  # the catalogue category whose listings may name any subject (see `books_exempt`)


@dataclass(frozen=True)
class Reason:
    """Why a listing was flagged: structured, stored as JSON on the verdict, translated when shown."""

    category: str
    action: str
    signal: str
    term: str = ""
    span: str = ""
    variant: str = ""
    field: str = ""
    score: float = 0.0
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class Verdict:
    outcome: str
    reasons: tuple[Reason, ...]
    opens_case: bool
    taxonomy: str


@dataclass(frozen=True)
class _Hit:
    category: int
    term: TermSpec
    length: int  # of the automaton key, to find where the match starts


def _add(automaton: ahocorasick.Automaton, key: str, hit: _Hit) -> None:
    if key.strip():
        existing = automaton.get(key, None)
        automaton.add_word(key, (*existing, hit) if existing else (hit,))


def _build(keys: list[tuple[str, _Hit]]) -> ahocorasick.Automaton | None:
    automaton = ahocorasick.Automaton()
    for key, hit in keys:
        _add(automaton, key, hit)
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def _keys_for(form: str, index: int, term: TermSpec) -> list[tuple[str, _Hit]]:
    """The automaton keys one term contributes to one text form (none if the form does not suit it)."""
    forms = term_forms(term.text)
    chinese = term.kind in ("zh", "homophone", "exception") and forms.cjk
    latin_term = term.kind in ("en", "pinyin", "exception") and not forms.cjk
    key = ""
    if form == "compact" and term.kind in ("zh", "homophone", "exception") and forms.cjk:
        key = forms.compact
    elif form == "cjk" and chinese and len(forms.cjk) >= 2 and forms.cjk == forms.compact:
        key = forms.cjk
    elif form == "spaced" and latin_term:
        key = forms.spaced
    elif form == "latin" and latin_term and len(forms.latin) >= MIN_LATIN_SUBSTRING:
        key = forms.latin
    elif form == "pinyin" and chinese and forms.cjk == forms.compact and len(forms.cjk) >= MIN_PINYIN_SYLLABLES:
        key = forms.pinyin
    return [(key, _Hit(index, term, len(key)))] if key.strip() else []


FORMS = ("compact", "cjk", "spaced", "latin", "pinyin")


class Screener:
    """The lexicon, attribute and price passes of one taxonomy version; `semantic` adds the second signal."""

    def __init__(self, spec: TaxonomySpec) -> None:
        self.spec = spec
        self.categories: tuple[CategorySpec, ...] = spec.categories
        self.matchers: dict[str, ahocorasick.Automaton | None] = {}
        self.exceptions: dict[str, ahocorasick.Automaton | None] = {}
        terms = [(i, term) for i, category in enumerate(self.categories)
                 for term in (*category.terms, *_romanised(category.terms)) if term.kind != "pattern"]
        for form in FORMS:
            self.matchers[form] = _build([key for i, term in terms if term.kind != "exception"
                                          for key in _keys_for(form, i, term)])
            self.exceptions[form] = _build([key for i, term in terms if term.kind == "exception"
                                            for key in _keys_for(form, i, term)])
        self.patterns = [(i, term, re.compile(term.text)) for i, category in enumerate(self.categories)
                         for term in category.terms_of("pattern")]
        self.floors = [(floor, [to_forms(name) for name in floor.names]) for floor in spec.brand_floors]

    # -- lexicon -------------------------------------------------------------------------------------------
    def _form_hits(self, form: str, text: str, field: str) -> list[Reason]:
        matcher = self.matchers[form]
        if matcher is None or not text:
            return []
        covered = self._exception_spans(form, text)
        reasons, seen = [], set()
        for end, hits in matcher.iter(text):
            for hit in hits:
                start = end - hit.length + 1
                if (hit.category, hit.term.action, start, end) in seen:  # sound-alike terms share a pinyin key
                    continue
                seen.add((hit.category, hit.term.action, start, end))
                if any(c == hit.category and s <= start and end <= e for c, s, e in covered):
                    continue
                if self.categories[hit.category].opens_case and _negated(text[:start]):
                    continue
                reasons.append(self._reason(hit, text[start:end + 1].strip(), form, field))
        return reasons

    def _exception_spans(self, form: str, text: str) -> list[tuple[int, int, int]]:
        matcher = self.exceptions[form]
        if matcher is None:
            return []
        return [(hit.category, end - hit.length + 1, end)
                for end, hits in matcher.iter(text) for hit in hits]

    def _reason(self, hit: _Hit, span: str, form: str, field: str) -> Reason:
        category = self.categories[hit.category]
        signal = "counterfeit" if category.opens_case else "lexicon"
        variant = {"cjk": "spacing", "latin": "spacing", "pinyin": "homophone"}.get(form, hit.term.kind)
        if hit.term.kind in ("pinyin", "homophone"):
            variant = hit.term.kind
        return Reason(category=category.code, action=hit.term.action, signal=signal, term=hit.term.text, span=span,
                      variant=variant, field=field)

    def lexicon(self, text: str, field: str) -> list[Reason]:
        forms = to_forms(text)
        reasons: list[Reason] = []
        for form in FORMS:
            # A later form only adds what the plainer ones missed: one reason per category and strength.
            seen = {(reason.category, reason.action) for reason in reasons}
            reasons += [reason for reason in self._form_hits(form, getattr(forms, form), field)
                        if form == "compact" or (reason.category, reason.action) not in seen]
        for index, term, pattern in self.patterns:
            if match := pattern.search(forms.lowered):
                reasons.append(self._reason(_Hit(index, term, 0), match.group(0), "pattern", field))
        return reasons

    # -- attributes and price --------------------------------------------------------------------------------
    def attribute_reasons(self, category_code: str, attributes: Mapping[str, Any]) -> list[Reason]:
        reasons = []
        for rule in self.spec.attribute_rules:
            if rule.catalog_category != category_code or rule.category not in self.spec.by_code:
                continue
            value = str(attributes.get(rule.attribute) or "").strip().lower()
            if _rule_applies(rule.op, value, rule.value):
                category = self.spec.by_code[rule.category]
                reasons.append(Reason(category=category.code, action=category.action, signal="attribute",
                                      term=rule.attribute, span=value, variant=rule.op, field="attributes",
                                      note_zh=rule.note_zh, note_en=rule.note_en))
        return reasons

    def price_reasons(self, brand: str, title: str, price: Decimal | None) -> list[Reason]:
        if price is None or not self.floors or "counterfeit_brand" not in self.spec.by_code:
            return []
        where = to_forms(f"{brand} {title}")
        for floor, names in self.floors:
            if price < floor.floor and any(_mentions(where, name) for name in names):
                category = self.spec.by_code["counterfeit_brand"]
                return [Reason(category=category.code, action=category.action, signal="counterfeit",
                               term=floor.names[0], span=str(price), variant="price_below_floor", field="price",
                               note_zh=f"低于该品牌二手正品最低价 {floor.floor} 元",
                               note_en=f"below the brand's lowest genuine used price, {floor.floor} yuan")]
        return []

    # -- the whole listing --------------------------------------------------------------------------------
    def screen(self, *, title: str = "", description: str = "", category_code: str = "", brand: str = "",
               price: Decimal | float | str | None = None, attributes: Mapping[str, Any] | None = None,
               semantic: Any = None) -> Verdict:
        fields = {"title": title or "", "description": description or "", "brand": brand or ""}
        reasons = [reason for name, text in fields.items() for reason in self.lexicon(text, name)
                   # A brand is a name ("Fossil", "Coach"): only block-level words and counterfeit signals count.
                   if name != "brand" or reason.action == "block" or reason.signal == "counterfeit"]
        if category_code == BOOKS:
            reasons = [reason for reason in reasons if not self.spec.by_code[reason.category].books_exempt]
        reasons += self.attribute_reasons(category_code, attributes or {})
        reasons += self.price_reasons(fields["brand"], fields["title"], _decimal(price))
        if semantic is not None:
            flagged = {reason.category for reason in reasons}
            reasons += [reason for reason in semantic.reasons(self, f"{fields['title']}。{fields['description']}")
                        if reason.category not in flagged]
        return self.verdict(reasons)

    def verdict(self, reasons: list[Reason]) -> Verdict:
        unique = tuple(dict.fromkeys(reasons))
        actions = {reason.action for reason in unique}
        outcome = "block" if "block" in actions else "review" if unique else "allow"
        opens_case = any(self.spec.by_code[reason.category].opens_case for reason in unique)
        return Verdict(outcome=outcome, reasons=unique, opens_case=opens_case, taxonomy=self.spec.label)


_NEGATIONS = ("非", "不是", "绝非", "绝不是", "拒绝", "没有", "并非", " not ", " no ", " non ", " never ")


def _negated(before: str) -> bool:
    """A counterfeit word right after a denial ("非莆田", "not a replica") is the seller's assurance, not a sign."""
    before = f" {before[-8:]}" if before.endswith(" ") else before[-8:]
    return before.endswith(_NEGATIONS) or before.rstrip().endswith(("not a", "not", "no", "non"))


def _romanised(terms: tuple[TermSpec, ...]) -> list[TermSpec]:
    """Every Chinese term also written in pinyin, as sellers write it in Latin letters ("jia shi zheng", and run
    together from three syllables: "jiashizheng"); exceptions likewise, so their romanised form still cancels."""
    romanised = []
    for term in terms:
        forms = term_forms(term.text)
        if term.kind in ("zh", "homophone", "exception") and len(forms.cjk) >= 2 and forms.cjk == forms.compact:
            kind = "exception" if term.kind == "exception" else "pinyin"
            for syllables in romanisations(forms.cjk):
                romanised.append(TermSpec(text=" ".join(syllables), kind=kind, action=term.action))
                if len(syllables) >= MIN_PINYIN_SYLLABLES:  # two run together collide with English: "bike"
                    romanised.append(TermSpec(text="".join(syllables), kind=kind, action=term.action))
    return list(dict.fromkeys(romanised))


def _mentions(where: Forms, name: Forms) -> bool:
    if name.cjk:
        return name.compact in where.compact
    return name.spaced in where.spaced


def _rule_applies(op: str, value: str, expected: str) -> bool:
    if op == "missing":
        return value == ""
    if op == "not_matches":
        return value != "" and re.fullmatch(expected, value) is None
    if op == "equals":
        return value == expected.lower()
    raise ValueError(f"unknown attribute rule operator {op!r}")


def _decimal(price: Any) -> Decimal | None:
    if price is None or price == "":
        return None
    try:
        return Decimal(str(price))
    except InvalidOperation:
        return None


_BUILT: dict[str, Screener] = {}


def screener_for(spec: TaxonomySpec) -> Screener:
    """The built engine of this taxonomy version, built once per process: a published version never changes,
    so its label identifies it (a draft is screened with a fresh build: `Screener(spec)`)."""
    screener = _BUILT.get(spec.label)
    if screener is None or screener.spec != spec:
        if len(_BUILT) >= 8:
            _BUILT.clear()
        screener = _BUILT[spec.label] = Screener(spec)
    return screener
