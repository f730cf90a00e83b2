"""Filing a complaint: about a listing, one's own order, or a seller; evidence with its SHA-256; bad input gets
a clear error and writes nothing; a second open complaint on the same subject is refused."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from recirc.core.models import AuditEvent
from recirc.listings.models import Listing
from recirc.moderation import complaint_services as services
from recirc.moderation.complaint_contracts import ComplaintFile
from recirc.moderation.complaint_errors import (
    ComplaintDuplicate,
    ComplaintEvidenceInvalid,
    ComplaintFileForbidden,
    ComplaintInvalid,
)
from recirc.moderation.models import Complaint, ComplaintEvidence
from recirc.moderation.tests.complaint_factories import filed, photo, png, snapshot, world

__all__ = ["world"]


def test_a_complaint_about_a_listing_names_its_operator_and_owes_an_answer_in_seven_days(world: Any) -> None:
    before = timezone.now()
    complaint = filed(world, evidence=(photo("tag.png"),))
    assert (complaint.state, complaint.subject_kind, complaint.subject_key) == (
        "submitted", "listing", f"listing:{world['jacket'].code}")
    assert (complaint.seller_operator_id, complaint.seller_user_id) == (world["operator_a"].pk, None)
    assert (complaint.listing_id, complaint.listing_code, complaint.subject_title) == (
        world["jacket"].pk, world["jacket"].code, "优衣库羽绒服 Down jacket")
    assert 7 * 86400 - 5 < (complaint.answer_due_at - before).total_seconds() <= 7 * 86400 + 5
    assert complaint.number.startswith(f"CP{timezone.localdate():%y%m%d}-") and len(complaint.number) == 14
    [evidence] = ComplaintEvidence.objects.filter(complaint=complaint)
    with evidence.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == evidence.sha256
    assert (evidence.file_name, evidence.content_type) == ("tag.png", "image/png")
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor_label", "operator_id"))
    assert actions[-2:] == [("moderation.complaint_filed", "buyer.li", world["operator_a"].pk),
                            ("moderation.complaint_evidence_added", "buyer.li", world["operator_a"].pk)]


def test_the_answer_deadline_is_a_setting(world: Any, settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "COMPLAINT_ANSWER_DAYS": 3}
    complaint = filed(world)
    assert round((complaint.answer_due_at - complaint.created_at).total_seconds() / 86400) == 3


def test_a_complaint_about_a_seller_by_registry_number_or_by_a_listing(world: Any) -> None:
    operator = filed(world, about="seller", reference=str(world["operator_a"].pk))
    person = filed(world, about="seller", reference=world["bookcase"].code)
    assert (operator.subject_key, operator.subject_title) == (f"operator:{world['operator_a'].pk}", "甲二手")
    assert (person.subject_key, person.seller_user_id, person.seller_operator_id) == (
        f"user:{world['seller'].pk}", world["seller"].pk, None)
    assert person.subject_title == "Individual seller 老王"


@pytest.mark.parametrize(("about", "reference", "field", "message"), [
    ("listing", "L000000-XXXXX", "reference", "No listing has this number. It looks like L261201-7K3QF."),
    ("listing", "", "reference", "Enter the listing number, the order number or the seller."),
    ("order", "O000000-XXXXXX", "reference", "None of your orders has this number. Copy it from the order's page."),
    ("seller", "99999", "reference", "No operator has this registry number."),
    ("shop", "L1", "subject_kind", "Choose what the complaint is about."),
])
def test_a_subject_that_cannot_be_found_is_refused(world: Any, about: str, reference: str, field: str,
                                                   message: str) -> None:
    before = snapshot()
    with pytest.raises(ComplaintInvalid) as caught:
        services.complaint_file(actor=world["buyer"], category="other", statement="x", subject_kind=about,
                                reference=reference)
    assert [str(text) for text in caught.value.errors[field]] == [message]
    assert snapshot() == before


def test_a_draft_listing_reads_as_unknown_and_nobody_complains_about_themselves(world: Any) -> None:
    Listing.objects.filter(pk=world["jacket"].pk).update(status="draft")
    with pytest.raises(ComplaintInvalid) as draft:
        filed(world)
    with pytest.raises(ComplaintInvalid) as own:
        filed(world, reference=world["bookcase"].code, by="seller")
    assert [str(text) for text in draft.value.errors["reference"]] == [
        "No listing has this number. It looks like L261201-7K3QF."]
    assert [str(text) for text in own.value.errors["reference"]] == ["You cannot complain about your own sale."]
    assert Complaint.objects.count() == 0


def test_every_problem_of_the_form_is_named_at_once(world: Any) -> None:
    before = snapshot()
    with pytest.raises(ComplaintInvalid) as caught:
        services.complaint_file(actor=world["buyer"], category="rude", statement="  ", subject_kind="listing",
                                reference="nothing")
    assert {field: [str(text) for text in texts] for field, texts in caught.value.errors.items()} == {
        "category": ["Choose a category."], "statement": ["This field is required."],
        "reference": ["No listing has this number. It looks like L261201-7K3QF."]}
    assert caught.value.status == 422
    assert snapshot() == before


def test_evidence_must_be_photos_or_pdfs_within_the_limits(world: Any, settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "COMPLAINT_EVIDENCE_MAX_BYTES": 2000,
                              "COMPLAINT_EVIDENCE_MAX_FILES": 3}
    before = snapshot()
    files = (ComplaintFile(name="notes.txt", content=b"hello"), ComplaintFile(name="empty.png", content=b""),
             ComplaintFile(name="big.png", content=png(size=(800, 800))))
    with pytest.raises(ComplaintEvidenceInvalid) as caught:
        filed(world, evidence=files)
    assert [str(text) for text in caught.value.errors["evidence"]] == [
        "“notes.txt” is not a JPEG, PNG or WebP photo or a PDF.", "“empty.png” is empty.",
        "“big.png” is larger than 0.0 MB."]
    with pytest.raises(ComplaintEvidenceInvalid) as many:
        filed(world, evidence=tuple(photo(f"{index}.png") for index in range(4)))
    assert str(many.value.errors["evidence"][0]) == "A complaint takes at most 3 files."
    assert snapshot() == before


def test_a_pdf_is_kept_as_sent(world: Any) -> None:
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    complaint = filed(world, evidence=(ComplaintFile(name="invoice.pdf", content=content),))
    [row] = complaint.evidence.all()
    assert (row.content_type, row.size, row.sha256) == ("application/pdf", len(content),
                                                        hashlib.sha256(content).hexdigest())


def test_a_second_open_complaint_on_the_same_subject_is_refused(world: Any) -> None:
    first = filed(world)
    before = snapshot()
    with pytest.raises(ComplaintDuplicate) as caught:
        filed(world, category="counterfeit")
    assert caught.value.text() == (f"You already have an open complaint about this ({first.number}). "
                                   "Follow it up there.")
    assert snapshot() == before
    filed(world, by="other_consumer")  # someone else may
    services.complaint_withdraw(actor=world["buyer"], complaint_id=first.pk)
    assert filed(world).state == "submitted"  # once the first is finished, a new one may follow


@pytest.mark.parametrize("who", ["anonymous", "clerk_a", "moderator", "supervision", "police"])
def test_only_consumers_file(world: Any, who: str) -> None:
    actor = AnonymousUser() if who == "anonymous" else world[who]
    before = snapshot()
    with pytest.raises(ComplaintFileForbidden):
        services.complaint_file(actor=actor, category="other", statement="x", subject_kind="listing",
                                reference=world["jacket"].code)
    assert snapshot() == before
