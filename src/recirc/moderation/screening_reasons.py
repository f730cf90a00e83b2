"""From the engine's verdict to the contract other contexts see: each reason with a translated sentence."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recirc.moderation.screening import Reason, Verdict
from recirc.moderation.screening_contracts import ReasonRef, ScreeningResult
from recirc.moderation.taxonomy import TaxonomySpec


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


def _text(reason: Reason, name: str) -> str:
    note = reason.note_zh if _chinese() else reason.note_en
    if reason.signal == "semantic":
        return _("%(category)s: the listing reads like one (similarity %(score)s).") % {
            "category": name, "score": f"{reason.score:.2f}"}
    if reason.signal == "attribute":
        return _("%(category)s: %(note)s") % {"category": name, "note": note}
    if reason.variant == "price_below_floor":
        return _("Possible counterfeit: %(brand)s at %(price)s yuan, %(note)s.") % {
            "brand": reason.term, "price": reason.span, "note": note}
    if reason.signal == "counterfeit":
        return _("Possible counterfeit: “%(span)s” in the %(field)s.") % {"span": reason.span, "field": _field(reason)}
    return _("%(category)s: “%(span)s” in the %(field)s.") % {"category": name, "span": reason.span,
                                                               "field": _field(reason)}


def _field(reason: Reason) -> str:
    return {"title": _("title"), "description": _("description"), "brand": _("brand")}.get(reason.field,
                                                                                            reason.field)


def result_of(verdict: Verdict, spec: TaxonomySpec) -> ScreeningResult:
    reasons = []
    for reason in verdict.reasons:
        category = spec.by_code[reason.category]
        name = category.name_zh if _chinese() else category.name_en
        reasons.append(ReasonRef(category=reason.category, category_name=name, action=reason.action,
                                 signal=reason.signal, term=reason.term, span=reason.span, variant=reason.variant,
                                 field=reason.field, score=reason.score, text=_text(reason, name)))
    return ScreeningResult(outcome=verdict.outcome, reasons=tuple(reasons), opens_case=verdict.opens_case,
                           taxonomy=verdict.taxonomy)
