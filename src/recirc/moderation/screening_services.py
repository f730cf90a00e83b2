"""Writes of screening: loading a taxonomy version, publishing it, recording verdicts (opening a counterfeit case
when the verdict asks for one), re-screening existing subjects, and closing a case. Each is one transaction with
its audit event; each checks who (403), then the state (409), then the input (422), and writes nothing when it
refuses. The screening itself is pure (screening.py); these only store what it found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.moderation import policy
from recirc.moderation.models import (
    AttributeRule,
    BrandFloor,
    CaseState,
    LexiconTerm,
    Outcome,
    ProhibitedCategory,
    ScreeningCase,
    ScreeningVerdict,
    TaxonomyState,
    TaxonomyVersion,
)
from recirc.moderation.screening_contracts import ScreeningResult
from recirc.moderation.screening_errors import CaseNotOpen, TaxonomyForbidden, TaxonomyInvalid, TaxonomyNotDraft
from recirc.moderation.taxonomy import ACTIONS, TaxonomySpec, spec_from_document


def require_moderator(actor: Any) -> None:
    if not policy.may_moderate(actor):
        raise TaxonomyForbidden()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _validated(document: dict[str, Any]) -> TaxonomySpec:
    try:
        spec = spec_from_document(document, label="draft")
    except (KeyError, TypeError, ValueError) as error:
        raise TaxonomyInvalid(params={"problem": str(error)}) from error
    codes = [category.code for category in spec.categories]
    problems = [f"duplicate category {code}" for code in sorted({c for c in codes if codes.count(c) > 1})]
    problems += [f"{category.code}: action {category.action!r}" for category in spec.categories
                 if category.action not in ACTIONS]
    problems += [f"attribute rule names unknown category {rule.category}" for rule in spec.attribute_rules
                 if rule.category not in codes]
    problems += [f"{category.code}: bad pattern {term.text!r}" for category in spec.categories
                 for term in category.terms_of("pattern") if not _compiles(term.text)]
    if problems or not codes:
        raise TaxonomyInvalid(params={"problem": "; ".join(problems) or "no categories"})
    return spec


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


@transaction.atomic
def taxonomy_load(*, actor: Any, document: dict[str, Any], source: str) -> TaxonomyVersion:
    """Store a taxonomy document (the shape of data/taxonomy.toml) as a new draft version. `actor` None: the
    `moderation_taxonomy_load` command run by the operator of the platform."""
    if actor is not None:
        require_moderator(actor)
    spec = _validated(document)
    number = (TaxonomyVersion.objects.select_for_update().aggregate(last=Max("number"))["last"] or 0) + 1
    version = TaxonomyVersion.objects.create(number=number, source=source[:120], created_by=_user(actor),
                                             title_zh=document.get("title_zh", ""),
                                             title_en=document.get("title_en", ""))
    _store_rows(version, spec)
    audit_record(actor=actor, action="moderation.taxonomy_loaded", target=version,
                 payload={"number": number, "source": version.source, "categories": len(spec.categories)})
    return version


def _store_rows(version: TaxonomyVersion, spec: TaxonomySpec) -> None:
    categories = ProhibitedCategory.objects.bulk_create([
        ProhibitedCategory(version=version, code=category.code, name_zh=category.name_zh, name_en=category.name_en,
                           legal_basis=category.legal_basis, action=category.action, opens_case=category.opens_case,
                           books_exempt=category.books_exempt, prototypes=list(category.prototypes), position=index)
        for index, category in enumerate(spec.categories)])
    by_code = {category.code: category for category in categories}
    LexiconTerm.objects.bulk_create([
        LexiconTerm(category=by_code[category.code], text=term.text, kind=term.kind, action=term.action)
        for category in spec.categories for term in dict.fromkeys(category.terms)])
    AttributeRule.objects.bulk_create([
        AttributeRule(version=version, catalog_category=rule.catalog_category, attribute=rule.attribute, op=rule.op,
                      value=rule.value, category=by_code[rule.category], note_zh=rule.note_zh, note_en=rule.note_en)
        for rule in spec.attribute_rules])
    BrandFloor.objects.bulk_create([BrandFloor(version=version, names=list(floor.names), floor=floor.floor)
                                    for floor in spec.brand_floors])


@transaction.atomic
def taxonomy_publish(*, actor: Any, version: TaxonomyVersion) -> TaxonomyVersion:
    """Bring a draft into force at once; the version in force until now is superseded. Re-screening existing
    listings is the caller's next step (facade.listings_rescreen), outside this transaction."""
    require_moderator(actor)
    version = TaxonomyVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != TaxonomyState.DRAFT:
        raise TaxonomyNotDraft(params={"number": version.number})
    now = timezone.now()
    previous = TaxonomyVersion.objects.select_for_update().filter(state=TaxonomyState.IN_FORCE).first()
    if previous is not None:
        previous.state, previous.superseded_at = TaxonomyState.SUPERSEDED, now
        previous.save(update_fields=["state", "superseded_at"])
        audit_record(actor=actor, action="moderation.taxonomy_superseded", target=previous,
                     payload={"number": previous.number, "by": version.number})
    version.state, version.published_at, version.published_by = TaxonomyState.IN_FORCE, now, actor
    version.save(update_fields=["state", "published_at", "published_by"])
    audit_record(actor=actor, action="moderation.taxonomy_published", target=version,
                 payload={"number": version.number, "replaces": previous.number if previous else None})
    return version


@transaction.atomic
def verdict_record(*, actor: Any, subject_kind: str, subject_id: int, result: ScreeningResult,
                   version: TaxonomyVersion | None, trigger: str = "save") -> ScreeningVerdict:
    """Store a verdict; a verdict that is not "allow" is audited, and counterfeit signals open a case (one open
    case per subject: a second signal joins the open one)."""
    verdict = ScreeningVerdict.objects.create(
        subject_kind=subject_kind, subject_id=subject_id, version=version, taxonomy_label=result.taxonomy,
        outcome=result.outcome, reasons=result.as_json(), trigger=trigger, screened_by=_user(actor))
    if result.outcome != Outcome.ALLOW:
        audit_record(actor=actor, action="moderation.listing_screened", target=verdict,
                     payload={"subject": f"{subject_kind}:{subject_id}", "outcome": result.outcome,
                              "categories": sorted({reason.category for reason in result.reasons})})
    if result.opens_case:
        _case_open(actor=actor, verdict=verdict)
    return verdict


def _case_open(*, actor: Any, verdict: ScreeningVerdict) -> ScreeningCase:
    existing = ScreeningCase.objects.select_for_update().filter(
        kind="counterfeit", subject_kind=verdict.subject_kind, subject_id=verdict.subject_id,
        state=CaseState.OPEN).first()
    if existing is not None:
        return existing
    case = ScreeningCase.objects.create(kind="counterfeit", subject_kind=verdict.subject_kind,
                                        subject_id=verdict.subject_id, verdict=verdict)
    audit_record(actor=actor, action="moderation.case_opened", target=case,
                 payload={"kind": case.kind, "subject": f"{case.subject_kind}:{case.subject_id}",
                          "verdict": verdict.pk})
    return case


@transaction.atomic
def case_close(*, actor: Any, case_id: int, outcome: str) -> ScreeningCase:
    """Close a counterfeit case ("cleared", "confirmed", "referred"): the review queue's step."""
    require_moderator(actor)
    case = ScreeningCase.objects.select_for_update().get(pk=case_id)
    if case.state != CaseState.OPEN:
        raise CaseNotOpen()
    case.state, case.closed_at = CaseState.CLOSED, timezone.now()
    case.save(update_fields=["state", "closed_at"])
    audit_record(actor=actor, action="moderation.case_closed", target=case, payload={"outcome": outcome[:30]})
    return case


def subjects_rescreen(*, actor: Any, subject_kind: str, results: Iterable[tuple[int, ScreeningResult]],
                      version: TaxonomyVersion | None) -> list[ScreeningVerdict]:
    """Record the verdicts of a re-screen whose outcome differs from the subject's last verdict (or that has
    none). One transaction per subject: a long re-screen never holds one big transaction open."""
    changed = []
    for subject_id, result in results:
        last = ScreeningVerdict.objects.filter(subject_kind=subject_kind, subject_id=subject_id).only(
            "outcome").first()
        if last is None or last.outcome != result.outcome:
            changed.append(verdict_record(actor=actor, subject_kind=subject_kind, subject_id=subject_id,
                                          result=result, version=version, trigger="rescreen"))
    return changed
