"""The erasure job from consent to certificate, through the services: exact values written, the item gate
released only by a verification by a second person, and every refusal leaving everything as it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from recirc.core.errors import NotFound
from recirc.core.models import AuditEvent
from recirc.erasure import services, verification
from recirc.erasure.errors import (
    ErasureInvalid,
    ItemHeld,
    JobAlreadyOpen,
    NotPending,
    NotTheOperator,
    TransitionNotAllowed,
    VerifierIsOperator,
)
from recirc.erasure.models import ErasureCertificate, ErasureConsent, ErasureJob, JobState
from recirc.erasure.tests.conftest import (
    IMEIS,
    completion_input,
    consent_input,
    erased_job,
    planned_job,
    register_device,
    snapshot,
    verified_job,
)
from recirc.items import facade as items
from recirc.items.models import HoldKind, Item, ItemEvent, ItemHold
from recirc.items.tests.factories import ItemHoldFactory


def test_consent_and_plan_write_exact_values(world: dict[str, Any]) -> None:
    item = register_device(world)
    given = timezone.now() - dt.timedelta(hours=2)
    job = services.job_open(actor=world["technician_a"], item_id=item.pk, consent=consent_input(given_at=given),
                            media_type="flash_embedded", storage_serial=" emmc-8842 a ")
    consent = ErasureConsent.objects.get()
    assert (consent.item_id, consent.operator_id, consent.subject_reference, consent.text_version, consent.scope,
            consent.erasure_kind, consent.effect_explained, consent.channel, consent.given_at,
            consent.recorded_by_id) == (item.pk, world["operator_a"].pk, "register 3/17", "2026-01",
                                        "internal_and_removable", "software", True, "signed_form", given,
                                        world["technician_a"].pk)
    assert consent.code.startswith("CN") and len(consent.code) == 10
    assert (job.state, job.attempt, job.item_code, job.category_code, job.title, job.make, job.model_name,
            job.identifiers, job.identifier_text, job.media_type, job.storage_serial, job.consent_id,
            job.planned_by_id, job.operator_id) == (
        JobState.PLANNED, 1, item.code, "mobile-phones", "iPhone 13 128G 黑色", "Apple", "iPhone 13",
        [{"kind": "imei", "value": IMEIS[0]}], f"imei:{IMEIS[0]}", "flash_embedded", "EMMC-8842A", consent.pk,
        world["technician_a"].pk, world["operator_a"].pk)
    assert list(AuditEvent.objects.filter(action__startswith="erasure.").order_by("id").values_list(
        "action", "payload")) == [
        ("erasure.consent_recorded", {"code": consent.code, "item_code": item.code, "scope": "internal_and_removable",
                                      "erasure_kind": "software", "channel": "signed_form"}),
        ("erasure.job_planned", {"item_code": item.code, "consent": consent.code, "media_type": "flash_embedded"})]


def test_the_whole_erasure_releases_the_gate_with_a_certificate(world: dict[str, Any]) -> None:
    item = register_device(world)
    assert [blocker.code for blocker in items.item_circulation_blockers(item.pk)] == ["items.erasure_pending"]
    job = verified_job(world, item)
    certificate = ErasureCertificate.objects.get()
    assert (job.state, job.erased_by_id, job.verified_by_id, job.method, job.level, job.tool, job.tool_version,
            job.destination, job.verification_method, job.verification_result) == (
        JobState.VERIFIED, world["technician_a"].pk, world["inspector_a"].pk, "crypto_erase", "purge",
        "Blancco Mobile Diagnostics", "5.4.1", "resale", "sampled_readback", "passed")
    assert (certificate.job_id, certificate.item_id, certificate.operator_id, certificate.issued_by_id,
            certificate.revoked_at) == (job.pk, item.pk, world["operator_a"].pk, world["inspector_a"].pk, None)
    assert items.item_circulation_blockers(item.pk) == []
    hold = ItemHold.objects.get(item=item, kind=HoldKind.ERASURE)
    assert (hold.released_by_id, hold.release_reason) == (world["inspector_a"].pk,
                                                         f"Erasure verified: {certificate.code}")
    erased = ItemEvent.objects.get(item=item, kind="erased")
    assert (erased.is_public, erased.data) == (True, {"certificate": certificate.code, "method": "crypto_erase",
                                                      "level": "purge"})
    items.item_transition(actor=world["clerk_a"], item_id=item.pk, to_state="listed")
    assert Item.objects.get(pk=item.pk).state == "listed"


def test_a_verifier_who_erased_the_device_is_refused_and_nothing_is_written(world: dict[str, Any]) -> None:
    job = erased_job(world)
    before = snapshot()
    with pytest.raises(VerifierIsOperator) as caught:
        verification.job_verify(actor=world["technician_a"], job_id=job.pk, method="full_readback", result="passed")
    assert (caught.value.code, caught.value.status, caught.value.text()) == (
        "erasure.verifier_is_operator", 422,
        "The erasure must be verified by a different person from the one who erased the device.")
    assert snapshot() == before
    assert items.erasure_gate_is_open(job.item_id)


def test_the_database_refuses_a_self_verified_job(world: dict[str, Any]) -> None:
    job = erased_job(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        ErasureJob.objects.filter(pk=job.pk).update(verified_by=world["technician_a"])


@pytest.mark.parametrize(("changes", "errors"), [
    ({"method": "factory_reset"}, {"method": ["A factory reset alone is not an erasure (GB 46864-2025): use "
                                              "overwrite, block erase, cryptographic erase or physical destruction."]}),
    ({"method": "overwrite", "level": "purge"}, {"level": [
        "On flash memory an overwrite cannot reach every cell: it is a clear, not a purge. Use block erase or "
        "cryptographic erase to purge."]}),
    ({"method": "crypto_erase", "level": "clear"}, {
        "level": ["Cryptographic erase does not match “Clear level” (NIST SP 800-88): choose the level this method "
                  "achieves."]}),
    ({"method": "destroy", "level": "destroy", "destination": "recycling"}, {"method": [
        "The owner consented to “Software erasure (overwrite, block erase or cryptographic erase)”: record a new "
        "consent before using another kind of erasure."]}),
    ({"tool": " ", "tool_version": "x" * 41}, {"tool": ["This field is required."],
                                               "tool_version": ["Use at most 40 characters."]}),
    ({"method": "", "level": "", "destination": ""}, {"method": ["Choose the erasure method."],
                                                      "level": ["Choose the NIST SP 800-88 level."],
                                                      "destination": ["Choose where the device goes next."]}),
])
def test_bad_completions_are_refused_and_nothing_is_written(world: dict[str, Any], changes: dict[str, Any],
                                                            errors: dict[str, list[str]]) -> None:
    job = planned_job(world)
    services.job_start(actor=world["technician_a"], job_id=job.pk)
    before = snapshot()
    with pytest.raises(ErasureInvalid) as caught:
        services.job_complete(actor=world["technician_a"], job_id=job.pk, data=completion_input(**changes))
    assert caught.value.code == "erasure.invalid"
    assert {field: [str(message) for message in messages] for field, messages in caught.value.errors.items()} == errors
    assert snapshot() == before


def test_the_end_must_come_after_the_start(world: dict[str, Any]) -> None:
    job = planned_job(world)
    started = timezone.now() - dt.timedelta(minutes=10)
    services.job_start(actor=world["technician_a"], job_id=job.pk, started_at=started)
    before = snapshot()
    with pytest.raises(ErasureInvalid) as caught:
        services.job_complete(actor=world["technician_a"], job_id=job.pk,
                              data=completion_input(ended_at=started - dt.timedelta(minutes=1)))
    start_text = timezone.localtime(started).strftime("%Y-%m-%d %H:%M")
    assert caught.value.errors == {"ended_at": [f"The end must come after the start ({start_text})."]}
    assert snapshot() == before


def test_consent_needs_the_effect_explained_and_no_personal_data(world: dict[str, Any]) -> None:
    item = register_device(world)
    before = snapshot()
    with pytest.raises(ErasureInvalid) as caught:
        services.consent_record(actor=world["technician_a"], item_id=item.pk, data=consent_input(
            effect_explained=False, subject_reference="王先生 13812345678", scope="everything", channel="",
            given_at=timezone.now() + dt.timedelta(days=1)))
    assert {field: [str(message) for message in messages] for field, messages in caught.value.errors.items()} == {
        "subject_reference": ["Write a reference (register entry or form number), never a name, phone or identity "
                              "number."],
        "scope": ["Choose what the erasure covers."], "channel": ["Choose how the owner gave consent."],
        "effect_explained": ["Tell the owner the effect first: erased data cannot be recovered."],
        "given_at": ["This moment lies in the future."]}
    assert snapshot() == before


def test_only_devices_waiting_for_erasure_get_a_job(world: dict[str, Any]) -> None:
    jacket = register_device(world, category_code="clothing")
    before = snapshot()
    with pytest.raises(NotPending):
        services.job_open(actor=world["technician_a"], item_id=jacket.pk, consent=consent_input(),
                          media_type="other")
    verified = verified_job(world)
    with pytest.raises(NotPending):
        services.consent_record(actor=world["technician_a"], item_id=verified.item_id, data=consent_input())
    assert ErasureJob.objects.count() == 1 and snapshot()["items"] == before["items"] + [
        (verified.item_id, "in_stock")]


def test_one_open_job_per_device(world: dict[str, Any]) -> None:
    job = planned_job(world)
    consent = ErasureConsent.objects.get()
    before = snapshot()
    with pytest.raises(JobAlreadyOpen):
        services.job_plan(actor=world["technician_a2"], item_id=job.item_id, consent_id=consent.pk,
                          media_type="flash_embedded")
    assert snapshot() == before


def test_a_held_device_is_not_erased(world: dict[str, Any]) -> None:
    job = planned_job(world)
    ItemHoldFactory(item_id=job.item_id, kind=HoldKind.STATUTORY)
    before = snapshot()
    with pytest.raises(ItemHeld) as caught:
        services.job_start(actor=world["technician_a"], job_id=job.pk)
    assert caught.value.code == "erasure.item_held"
    assert caught.value.text().startswith("The item is held (Statutory hold before resale until ")
    assert snapshot() == before


def test_only_the_operator_completes_or_fails(world: dict[str, Any]) -> None:
    job = planned_job(world)
    services.job_start(actor=world["technician_a"], job_id=job.pk)
    before = snapshot()
    with pytest.raises(NotTheOperator):
        services.job_complete(actor=world["technician_a2"], job_id=job.pk, data=completion_input())
    with pytest.raises(NotTheOperator):
        services.job_fail(actor=world["inspector_a"], job_id=job.pk, reason="tool stopped")
    assert snapshot() == before


@pytest.mark.parametrize(("state", "call"), [
    ("planned", lambda world, job: services.job_complete(actor=world["technician_a"], job_id=job.pk,
                                                         data=completion_input())),
    ("planned", lambda world, job: verification.job_verify(actor=world["inspector_a"], job_id=job.pk,
                                                           method="full_readback", result="passed")),
    ("planned", lambda world, job: services.job_replan(actor=world["technician_a"], job_id=job.pk)),
    ("verified", lambda world, job: services.job_start(actor=world["technician_a"], job_id=job.pk)),
])
def test_transitions_outside_the_table_are_refused(world: dict[str, Any], state: str, call: Any) -> None:
    job = planned_job(world) if state == "planned" else verified_job(world)
    before = snapshot()
    with pytest.raises(TransitionNotAllowed):
        call(world, job)
    assert snapshot() == before


def test_a_failed_verification_keeps_the_gate_and_a_new_attempt_keeps_the_history(world: dict[str, Any]) -> None:
    job = erased_job(world)
    failed = verification.job_verify(actor=world["inspector_a"], job_id=job.pk, method="full_readback",
                                     result="failed", note="分区 3 仍有用户数据")
    assert (failed.state, failed.failure_reason) == (JobState.FAILED, "分区 3 仍有用户数据")
    assert items.erasure_gate_is_open(job.item_id) and not ErasureCertificate.objects.exists()
    replanned = services.job_replan(actor=world["technician_a2"], job_id=job.pk)
    assert (replanned.state, replanned.attempt, replanned.erased_by_id, replanned.method, replanned.failure_reason,
            replanned.planned_by_id) == (JobState.PLANNED, 2, None, "", "", world["technician_a2"].pk)
    assert [(entry["attempt"], entry["method"], entry["verification_result"], entry["failure_reason"],
             entry["erased_by_id"], entry["verified_by_id"]) for entry in replanned.history] == [
        (1, "crypto_erase", "failed", "分区 3 仍有用户数据", world["technician_a"].pk, world["inspector_a"].pk)]


def test_a_failed_verification_needs_a_note(world: dict[str, Any]) -> None:
    job = erased_job(world)
    before = snapshot()
    with pytest.raises(ErasureInvalid) as caught:
        verification.job_verify(actor=world["inspector_a"], job_id=job.pk, method="physical_inspection",
                                result="failed")
    assert caught.value.errors == {"verification_method": ["Erased media are verified by reading them back."],
                                   "note": ["This field is required."]}
    assert snapshot() == before


def test_destroyed_storage_scraps_the_device_and_sends_it_to_recycling(world: dict[str, Any]) -> None:
    job = verified_job(world, method="destroy", level="destroy", destination="recycling", tool="Shredder SR-200",
                       tool_version="2023")
    assert (job.state, job.destination) == (JobState.VERIFIED, "recycling")
    assert Item.objects.get(pk=job.item_id).state == "scrapped"
    assert ErasureCertificate.objects.get().content["erasure"]["level"] == "destroy"


def test_destroying_needs_recycling_as_destination(world: dict[str, Any]) -> None:
    job = planned_job(world, erasure_kind="destruction")
    services.job_start(actor=world["technician_a"], job_id=job.pk)
    with pytest.raises(ErasureInvalid) as caught:
        services.job_complete(actor=world["technician_a"], job_id=job.pk, data=completion_input(
            method="destroy", level="destroy", destination="resale"))
    assert caught.value.errors == {"destination": ["A destroyed device can only go to recycling."]}


def test_an_operator_outside_the_scope_cannot_find_the_device(world: dict[str, Any]) -> None:
    item = register_device(world)
    before = snapshot()
    with pytest.raises(NotFound):
        services.job_open(actor=world["technician_b"], item_id=item.pk, consent=consent_input(),
                          media_type="flash_embedded")
    assert snapshot() == before
