"""The only way other contexts (and the portal) reach moderation. Returns contracts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from recirc.moderation import comments, selectors, services
from recirc.moderation.contracts import RulesRef, RulesStatus
from recirc.moderation.models import TransactionRules
from recirc.moderation.screening_contracts import (
    ListingFields,
    ReasonRef,
    ScreeningResult,
    TaxonomyRef,
    VerdictRef,
)

__all__ = ["ListingFields", "ReasonRef", "ScreeningResult", "TaxonomyRef", "VerdictRef"]


def _ref(rules: TransactionRules | None) -> RulesRef | None:
    if rules is None:
        return None
    return RulesRef(version=rules.version, title_zh=rules.title_zh, title_en=rules.title_en, state=rules.state,
                    published_at=rules.published_at, effective_from=rules.effective_from)


def rules_in_force(now: dt.datetime | None = None) -> RulesRef | None:
    """The version of the transaction rules in force now (chosen by its dates), or None before the first."""
    return _ref(selectors.rules_in_force(now))


def rules_status(now: dt.datetime | None = None) -> RulesStatus:
    return RulesStatus(in_force=_ref(selectors.rules_in_force(now)), upcoming=_ref(selectors.rules_upcoming(now)),
                       in_consultation=selectors.rules_in_consultation().count())


# Writes the demo city (above every context) drives: the same services the pages use, audited.
rules_draft_create = services.rules_draft_create
rules_consultation_open = services.rules_consultation_open
rules_publish = services.rules_publish
rules_bring_into_force_due = services.rules_bring_into_force_due
comment_add = comments.comment_add
comment_moderate = comments.comment_moderate


# --- prohibited-goods screening (REGULATIONS.md sections 3 and 6; ADR 0012) -------------------------------------
# The engine and its libraries load on first use, never at import: a web worker that does not screen stays small.

def screen_listing(*, title: str, description: str = "", category_code: str = "", brand: str = "",
                   price: Decimal | None = None, attributes: Mapping[str, Any] | None = None,
                   semantic: bool = True) -> ScreeningResult:
    """Screen a listing's fields against the taxonomy in force; writes nothing. Call it at create and at every
    edit, before saving; then `screening_record` with the listing's id once it has one.

    The outcome is "block" (do not publish), "review" (hold for a moderator) or "allow"; each reason carries the
    category, the signal (lexicon, attribute, semantic, counterfeit), the matched term and the normalised span,
    and a translated sentence. `opens_case` is true when counterfeit signals were found: `screening_record`
    opens the case. `semantic=False` skips the sentence-model pass (7 ms CPU per listing once loaded, but the
    model adds about 140 MB to the process): inside a web request pass `semantic=False`, and run the full screen
    in a task after commit (it can only add "review"). ADR 0012.
    """
    from recirc.moderation import screening_selectors
    from recirc.moderation.screening import screener_for
    from recirc.moderation.screening_reasons import result_of
    from recirc.moderation.semantic import default_pass

    _version, spec = screening_selectors.spec_in_force()
    verdict = screener_for(spec).screen(title=title, description=description, category_code=category_code,
                                        brand=brand, price=price, attributes=attributes or {},
                                        semantic=default_pass() if semantic else None)
    return result_of(verdict, spec)


def screening_record(*, actor: Any, subject_kind: str, subject_id: int, result: ScreeningResult) -> VerdictRef:
    """Store the verdict of `screen_listing` for the subject ("listing", id); opens a counterfeit case when the
    result asks for one. Audited unless the outcome is "allow"."""
    from recirc.moderation import screening_selectors, screening_services

    version = screening_selectors.taxonomy_in_force()
    verdict = screening_services.verdict_record(actor=actor, subject_kind=subject_kind, subject_id=subject_id,
                                                result=result, version=version)
    case = screening_selectors.case_open_for(subject_kind, subject_id) if result.opens_case else None
    return VerdictRef(id=verdict.pk, subject_kind=subject_kind, subject_id=subject_id, outcome=verdict.outcome,
                      case_id=case.pk if case else None)


def listings_rescreen(*, actor: Any, subjects: Iterable[tuple[int, ListingFields]],
                      subject_kind: str = "listing", semantic: bool = True) -> list[VerdictRef]:
    """Re-screen existing listings after a taxonomy version is published (the listings context owns the texts,
    so it calls this with its published listings: an iterable of (listing id, ListingFields), streamed; it is
    read once). Records a verdict only where the outcome changed against the listing's last verdict, and
    returns those: the caller takes down what is now "block" and holds what is now "review"."""
    from recirc.moderation import screening_selectors, screening_services
    from recirc.moderation.screening import screener_for
    from recirc.moderation.screening_reasons import result_of
    from recirc.moderation.semantic import default_pass

    version, spec = screening_selectors.spec_in_force()
    screener, semantic_pass = screener_for(spec), default_pass() if semantic else None
    results = ((subject_id, result_of(screener.screen(
        title=fields.title, description=fields.description, category_code=fields.category_code, brand=fields.brand,
        price=fields.price, attributes=fields.attributes, semantic=semantic_pass), spec))
        for subject_id, fields in subjects)
    changed = screening_services.subjects_rescreen(actor=actor, subject_kind=subject_kind, results=results,
                                                   version=version)
    return [VerdictRef(id=verdict.pk, subject_kind=subject_kind, subject_id=verdict.subject_id,
                       outcome=verdict.outcome, case_id=None) for verdict in changed]


def taxonomy_current() -> TaxonomyRef:
    """The taxonomy in force (or the default data file before the first is published), with its categories."""
    from recirc.moderation import screening_selectors

    version, spec = screening_selectors.spec_in_force()
    categories = tuple({"code": category.code, "name_zh": category.name_zh, "name_en": category.name_en,
                        "legal_basis": category.legal_basis, "action": category.action,
                        "opens_case": category.opens_case} for category in spec.categories)
    return TaxonomyRef(number=version.number if version else None, label=spec.label,
                       title_zh=version.title_zh if version else "", title_en=version.title_en if version else "",
                       published_at=version.published_at if version else None, categories=categories)


# --- complaints ------------------------------------------------------------------------------------------

def register_complaint_order_source(*, by_number: Any, by_id: Any) -> None:
    """Trade registers its read-only order lookups here when its app is ready (see complaint_orders)."""
    from recirc.moderation.complaint_orders import register_order_source

    register_order_source(by_number=by_number, by_id=by_id)


def complaint_counts_for_staff(user: Any) -> Any:
    """ComplaintCounts for an operator staff home: awaiting the answer, past the deadline, escalated unanswered."""
    from recirc.moderation.complaint_selectors import counts_for_staff

    return counts_for_staff(user)
