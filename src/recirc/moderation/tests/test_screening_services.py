"""The taxonomy as versioned data, verdicts, counterfeit cases and re-screening, through the services and the
facade: exact rows, audit events, who may publish, and refusals that change nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from recirc.core.errors import PermissionDenied
from recirc.core.models import AuditEvent
from recirc.moderation import facade, screening_selectors, screening_services
from recirc.moderation.models import (
    LexiconTerm,
    ProhibitedCategory,
    ScreeningCase,
    ScreeningVerdict,
    TaxonomyState,
    TaxonomyVersion,
)
from recirc.moderation.screening_errors import CaseNotOpen, TaxonomyInvalid, TaxonomyNotDraft
from recirc.moderation.taxonomy import default_spec, read_document

ACTORS = ["anonymous", "consumer", "clerk", "regulator", "moderator", "admin"]
MAY_PUBLISH = {"moderator", "admin"}


def actor_of(people: dict[str, Any], key: str) -> Any:
    return AnonymousUser() if key == "anonymous" else people[key]


def loaded() -> TaxonomyVersion:
    return screening_services.taxonomy_load(actor=None, document=read_document(), source="taxonomy.toml 2026.1")


def snapshot() -> tuple[Any, ...]:
    return (AuditEvent.objects.count(),
            list(TaxonomyVersion.objects.order_by("pk").values_list("pk", "state", "published_at")))


def test_loading_stores_every_category_term_and_rule_as_a_draft(people: dict[str, Any]) -> None:
    # When the default data file is loaded
    version = loaded()
    # Then it is draft version 1 with every category, term, rule and price floor of the file
    spec = default_spec()
    assert (version.number, version.state, version.source) == (1, TaxonomyState.DRAFT, "taxonomy.toml 2026.1")
    assert ProhibitedCategory.objects.filter(version=version).count() == len(spec.categories) == 16
    assert LexiconTerm.objects.filter(category__version=version).count() == sum(
        len(dict.fromkeys(category.terms)) for category in spec.categories)
    assert (version.attribute_rules.count(), version.brand_floors.count()) == (4, 11)
    weapons = version.categories.get(code="weapons")
    assert (weapons.action, weapons.legal_basis.split(";")[0]) == ("block", "枪支管理法 Arts. 3, 44")
    event = AuditEvent.objects.get(action="moderation.taxonomy_loaded")
    assert (event.actor_label, event.payload) == ("system", {"number": 1, "source": "taxonomy.toml 2026.1",
                                                             "categories": 16})


def test_a_stored_version_screens_exactly_like_its_data_file(people: dict[str, Any]) -> None:
    version = loaded()
    stored, original = screening_selectors.spec_of(version), default_spec()
    assert [category.code for category in stored.categories] == [category.code for category in original.categories]
    assert [set(c.terms) for c in stored.categories] == [set(c.terms) for c in original.categories]
    assert (stored.attribute_rules, stored.brand_floors) == (original.attribute_rules, original.brand_floors)


def test_an_invalid_document_is_refused_and_writes_nothing(people: dict[str, Any]) -> None:
    document = {"version": "x", "category": [{"code": "a", "name_zh": "甲", "name_en": "A", "legal_basis": "l",
                                              "action": "ban"}]}
    before = snapshot()
    with pytest.raises(TaxonomyInvalid) as refused:
        screening_services.taxonomy_load(actor=None, document=document, source="bad.toml")
    assert refused.value.params == {"problem": "a: action 'ban'"}
    assert snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_publish(people: dict[str, Any], actor: str) -> None:
    version = loaded()
    before = snapshot()
    if actor not in MAY_PUBLISH:
        with pytest.raises(PermissionDenied):
            screening_services.taxonomy_publish(actor=actor_of(people, actor), version=version)
        assert snapshot() == before
        return
    published = screening_services.taxonomy_publish(actor=people[actor], version=version)
    assert (published.state, published.published_by) == (TaxonomyState.IN_FORCE, people[actor])


def test_publishing_supersedes_the_version_in_force(people: dict[str, Any]) -> None:
    # Given version 1 in force and version 2 loaded
    first = screening_services.taxonomy_publish(actor=people["moderator"], version=loaded())
    second = loaded()
    # When version 2 is published
    screening_services.taxonomy_publish(actor=people["moderator"], version=second)
    # Then it is the one in force and version 1 is superseded, each change audited
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (TaxonomyState.SUPERSEDED, TaxonomyState.IN_FORCE)
    assert screening_selectors.taxonomy_in_force() == second
    assert AuditEvent.objects.get(action="moderation.taxonomy_superseded").payload == {"number": 1, "by": 2}
    assert AuditEvent.objects.filter(action="moderation.taxonomy_published").count() == 2
    # And a published version cannot be published again
    before = snapshot()
    with pytest.raises(TaxonomyNotDraft):
        screening_services.taxonomy_publish(actor=people["moderator"], version=first)
    assert snapshot() == before


def test_the_facade_screens_with_the_file_until_a_version_is_published(people: dict[str, Any]) -> None:
    assert facade.taxonomy_current().label == "default-2026.1"
    assert facade.screen_listing(title="出售手枪", semantic=False).taxonomy == "default-2026.1"
    screening_services.taxonomy_publish(actor=people["admin"], version=loaded())
    current = facade.taxonomy_current()
    assert (current.number, current.label, len(current.categories)) == (1, "v1", 16)
    result = facade.screen_listing(title="出售手 抢", semantic=False)
    assert (result.outcome, result.taxonomy) == ("block", "v1")
    assert [(r.category, r.signal, r.variant, r.span) for r in result.reasons] == [
        ("weapons", "lexicon", "homophone", "手抢")]


def test_reasons_are_translated(people: dict[str, Any]) -> None:
    from django.utils import translation

    with translation.override("en"):
        reason = facade.screen_listing(title="出售手枪", semantic=False).reasons[0]
    assert (reason.category_name, reason.text) == ("Firearms, ammunition and controlled knives",
                                                   "Firearms, ammunition and controlled knives: “手枪” in the title.")
    with translation.override("zh-hans"):
        assert facade.screen_listing(title="出售手枪", semantic=False).reasons[0].category_name == "枪支弹药与管制刀具"


def test_a_counterfeit_signal_records_a_verdict_and_opens_one_case(people: dict[str, Any]) -> None:
    # Given a luxury bag far below its brand's floor, screened twice
    result = facade.screen_listing(title="LV neverfull", brand="Louis Vuitton", price=Decimal("300"),
                                   category_code="luxury-bags-watches", semantic=False)
    first = facade.screening_record(actor=people["consumer"], subject_kind="listing", subject_id=41, result=result)
    second = facade.screening_record(actor=people["consumer"], subject_kind="listing", subject_id=41, result=result)
    # Then two verdicts are stored with structured reasons, and one case is open for the listing
    assert (first.outcome, second.outcome) == ("review", "review")
    assert first.case_id is not None and first.case_id == second.case_id
    verdict = ScreeningVerdict.objects.get(pk=first.id)
    assert (verdict.taxonomy_label, verdict.trigger, verdict.screened_by) == ("default-2026.1", "save",
                                                                               people["consumer"])
    assert verdict.reasons == [{"category": "counterfeit_brand", "action": "review", "signal": "counterfeit",
                                "term": "louis vuitton", "span": "300", "variant": "price_below_floor",
                                "field": "price"}]
    assert ScreeningCase.objects.filter(subject_kind="listing", subject_id=41, state="open").count() == 1
    assert AuditEvent.objects.filter(action="moderation.case_opened").count() == 1
    assert AuditEvent.objects.filter(action="moderation.listing_screened").count() == 2


def test_an_allowed_listing_is_recorded_without_audit_or_case(people: dict[str, Any]) -> None:
    result = facade.screen_listing(title="宜家书桌 白色", category_code="furniture", semantic=False)
    ref = facade.screening_record(actor=people["consumer"], subject_kind="listing", subject_id=7, result=result)
    assert (ref.outcome, ref.case_id, ScreeningVerdict.objects.get(pk=ref.id).reasons) == ("allow", None, [])
    assert AuditEvent.objects.count() == 0


def test_closing_a_case(people: dict[str, Any]) -> None:
    result = facade.screen_listing(title="高仿LV包", semantic=False)
    case_id = facade.screening_record(actor=None, subject_kind="listing", subject_id=3, result=result).case_id
    assert case_id is not None
    with pytest.raises(PermissionDenied):
        screening_services.case_close(actor=people["consumer"], case_id=case_id, outcome="cleared")
    case = screening_services.case_close(actor=people["moderator"], case_id=case_id, outcome="cleared")
    assert case.state == "closed" and case.closed_at is not None
    before = AuditEvent.objects.count()
    with pytest.raises(CaseNotOpen):
        screening_services.case_close(actor=people["moderator"], case_id=case_id, outcome="cleared")
    assert AuditEvent.objects.count() == before


def test_a_rescreen_records_only_changed_outcomes(people: dict[str, Any]) -> None:
    # Given two listings screened as allowed under the default file
    for subject_id, title in ((1, "宜家书桌 白色"), (2, "复古台灯")):
        facade.screening_record(actor=None, subject_kind="listing", subject_id=subject_id,
                                result=facade.screen_listing(title=title, semantic=False))
    # When a new version that prohibits lamps is published and the listings context re-screens them
    document = read_document()
    document["category"][0] = {**document["category"][0], "zh": [*document["category"][0]["zh"], "台灯"]}
    version = screening_services.taxonomy_load(actor=people["moderator"], document=document, source="lamps")
    screening_services.taxonomy_publish(actor=people["moderator"], version=version)
    subjects = iter([(1, facade.ListingFields(title="宜家书桌 白色")), (2, facade.ListingFields(title="复古台灯"))])
    changed = facade.listings_rescreen(actor=people["moderator"], subjects=subjects, semantic=False)
    # Then only the lamp gets a new verdict, of the new version
    assert [(ref.subject_id, ref.outcome) for ref in changed] == [(2, "block")]
    latest = ScreeningVerdict.objects.filter(subject_id=2).first()
    assert (latest.trigger, latest.taxonomy_label, latest.version) == ("rescreen", "v1", version)
    assert ScreeningVerdict.objects.filter(subject_id=1).count() == 1


def test_the_command_loads_and_publishes(people: dict[str, Any]) -> None:
    call_command("moderation_taxonomy_load", "--publish", "--by", "moderator")
    version = TaxonomyVersion.objects.get()
    assert (version.number, version.state, version.published_by) == (1, TaxonomyState.IN_FORCE,
                                                                      people["moderator"])
    with pytest.raises(CommandError):
        call_command("moderation_taxonomy_load", "--publish", "--by", "xiaoyu")  # a consumer: refused
    assert TaxonomyVersion.objects.filter(state=TaxonomyState.IN_FORCE).get() == version
