"""Erasure writes: consent, plan, start, complete, fail, plan again. One service per transition of the job's
state machine (models.JOB_TRANSITIONS), each in one transaction with its audit event; verification is in
verification.py, re-verification samples in sampling.py. Refused input raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.core.audit import audit_record
from recirc.core.errors import NotFound, validation_from_django
from recirc.erasure import policy, rules
from recirc.erasure.contracts import CompletionInput, ConsentInput
from recirc.erasure.errors import (
    ConsentNotFound,
    ErasureInvalid,
    ItemHeld,
    ItemNotErasable,
    JobAlreadyOpen,
    JobNotFound,
    NotPending,
    NotTheOperator,
    TransitionNotAllowed,
)
from recirc.erasure.models import (
    OPEN_STATES,
    ConsentChannel,
    ConsentScope,
    ErasureConsent,
    ErasureJob,
    ErasureKind,
    JobState,
    MediaType,
)
from recirc.erasure.text import clean_text, looks_personal
from recirc.items.contracts import ItemRef
from recirc.items.facade import (
    ItemState,
    erasure_gate_is_open,
    item_circulation_blockers,
    item_get_for,
    item_record_event,
    item_ref,
)
from recirc.operators.facade import outlet_ref

CLOCK_SKEW = dt.timedelta(minutes=5)
UNERASABLE_STATES = frozenset({"sold", "rented_out", "returned", "seized", "scrapped"})
CONSENT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def full_clean(instance: Any) -> None:
    """Field validation (choices, lengths) in the source language's terms. Related rows were fetched or
    authorised by the caller and the constraints are the database's: neither is looked up again here."""
    related = [field.name for field in instance._meta.concrete_fields if field.is_relation]
    try:
        instance.full_clean(exclude=related, validate_unique=False, validate_constraints=False)
    except DjangoValidationError as error:
        raise validation_from_django(error, code=ErasureInvalid.code) from error


def _raise(errors: dict[str, list[Any]]) -> None:
    if errors:
        raise ErasureInvalid(errors=errors)


def responsible_operator(item: ItemRef) -> int | None:
    """The operator who erases the device: its owner, or the operator keeping a consumer's item."""
    if item.owner_operator_id is not None:
        return item.owner_operator_id
    if item.outlet_id is not None:
        return outlet_ref(item.outlet_id, scope=policy.CITY_WIDE).operator_id
    return None


def item_in_scope(actor: Any, item_id: int) -> tuple[ItemRef, int]:
    """The item and its responsible operator, when the actor's staff scope covers it; NotFound otherwise."""
    scope = policy.staff_scope(actor)
    if not scope.operator_ids:
        raise NotFound()
    item = item_get_for(actor, item_id)
    operator_id = responsible_operator(item)
    if not scope.allows(operator_id):
        raise NotFound()
    assert operator_id is not None  # allows() refuses None
    return item, operator_id


def _require_pending(item: ItemRef) -> None:
    if not item.has_storage or not erasure_gate_is_open(item.id):
        raise NotPending()
    if item.state in UNERASABLE_STATES:
        raise ItemNotErasable(params={"state": ItemState(item.state).label})


def _moment(value: dt.datetime | None, *, field: str, errors: dict[str, list[Any]]) -> dt.datetime:
    now = timezone.now()
    if value is None:
        return now
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > now + CLOCK_SKEW:
        errors.setdefault(field, []).append(_("This moment lies in the future."))
    return value


def _consent_errors(data: ConsentInput, errors: dict[str, list[Any]]) -> None:
    reference = clean_text(data.subject_reference, field="subject_reference", limit=80, errors=errors)
    if reference and looks_personal(reference):
        errors.setdefault("subject_reference", []).append(_(
            "Write a reference (register entry or form number), never a name, phone or identity number."))
    if data.scope not in ConsentScope.values:
        errors["scope"] = [_("Choose what the erasure covers.")]
    if data.erasure_kind not in ErasureKind.values:
        errors["erasure_kind"] = [_("Choose the kind of erasure the owner agreed to.")]
    if data.channel not in ConsentChannel.values:
        errors["channel"] = [_("Choose how the owner gave consent.")]
    if data.effect_explained is not True:
        errors["effect_explained"] = [_("Tell the owner the effect first: erased data cannot be recovered.")]


def _consent_code() -> str:
    while True:
        code = "CN" + "".join(secrets.choice(CONSENT_CODE_ALPHABET) for _ in range(8))
        if not ErasureConsent.objects.filter(code=code).exists():
            return code


@transaction.atomic
def consent_record(*, actor: Any, item_id: int, data: ConsentInput) -> ErasureConsent:
    """Record the owner's consent to the erasure of a device waiting for one (GB 46864-2025)."""
    policy.require(actor, policy.CONSENT_ROLES)
    item, operator_id = item_in_scope(actor, item_id)
    _require_pending(item)
    return _consent_create(actor, item, operator_id, data)


def _consent_create(actor: Any, item: ItemRef, operator_id: int, data: ConsentInput) -> ErasureConsent:
    errors: dict[str, list[Any]] = {}
    _consent_errors(data, errors)
    version = clean_text(data.text_version or policy.consent_text_version(), field="text_version", limit=40,
                         errors=errors)
    given_at = _moment(data.given_at, field="given_at", errors=errors)
    _raise(errors)
    consent = ErasureConsent(code=_consent_code(), item_id=item.id, operator_id=operator_id,
                             subject_reference=" ".join(data.subject_reference.split()), text_version=version,
                             scope=data.scope, erasure_kind=data.erasure_kind, effect_explained=True,
                             channel=data.channel, given_at=given_at, recorded_by=actor)
    full_clean(consent)
    consent.save()
    audit_record(actor=actor, action="erasure.consent_recorded", target=consent, operator_id=operator_id,
                 payload={"code": consent.code, "item_code": item.code, "scope": consent.scope,
                          "erasure_kind": consent.erasure_kind, "channel": consent.channel})
    return consent


def _job_from(item: ItemRef, operator_id: int, consent: ErasureConsent, *, actor: Any, media_type: str,
              storage_serial: str) -> ErasureJob:
    pairs = [{"kind": identifier.kind, "value": identifier.value} for identifier in item.identifiers]
    return ErasureJob(item_id=item.id, operator_id=operator_id, consent=consent, item_code=item.code,
                      category_code=item.category_code, title=item.title, make=item.brand,
                      model_name=item.model_name, identifiers=pairs,
                      identifier_text=" ".join(f"{pair['kind']}:{pair['value']}" for pair in pairs)[:400],
                      media_type=media_type, storage_serial=storage_serial, planned_by=actor,
                      planned_at=timezone.now())


def _storage_facts(media_type: str, storage_serial: str) -> tuple[str, str]:
    errors: dict[str, list[Any]] = {}
    if media_type not in MediaType.values:
        errors["media_type"] = [_("Choose the media type of the storage.")]
    serial = "".join((storage_serial or "").split()).upper()
    if len(serial) > 60:
        errors["storage_serial"] = [_("Use at most %(limit)s characters.") % {"limit": 60}]
    _raise(errors)
    return media_type, serial


def _item_consent(item_id: int, consent_id: int) -> ErasureConsent:
    consent = ErasureConsent.objects.filter(pk=consent_id, item_id=item_id).first()
    if consent is None:
        raise ConsentNotFound()
    return consent


@transaction.atomic
def job_plan(*, actor: Any, item_id: int, consent_id: int, media_type: str, storage_serial: str = "") -> ErasureJob:
    """Open the erasure job of a device waiting for one, under the owner's recorded consent."""
    policy.require(actor, policy.PERFORMER_ROLES)
    item, operator_id = item_in_scope(actor, item_id)
    _require_pending(item)
    media, serial = _storage_facts(media_type, storage_serial)
    return _job_create(actor, item, operator_id, _item_consent(item.id, consent_id), media, serial)


def _job_create(actor: Any, item: ItemRef, operator_id: int, consent: ErasureConsent, media: str,
                serial: str) -> ErasureJob:
    if ErasureJob.objects.filter(item_id=item.id, state__in=sorted(OPEN_STATES)).exists():
        raise JobAlreadyOpen()
    job = _job_from(item, operator_id, consent, actor=actor, media_type=media, storage_serial=serial)
    full_clean(job)
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError as error:  # planned meanwhile by a colleague
        raise JobAlreadyOpen() from error
    audit_record(actor=actor, action="erasure.job_planned", target=job, operator_id=operator_id,
                 payload={"item_code": job.item_code, "consent": consent.code, "media_type": media})
    return job


@transaction.atomic
def job_open(*, actor: Any, item_id: int, consent: ConsentInput, media_type: str,
             storage_serial: str = "") -> ErasureJob:
    """The technician's one form: record the consent and plan the job together (both or neither; every
    problem of both reported at once)."""
    policy.require(actor, policy.PERFORMER_ROLES)
    item, operator_id = item_in_scope(actor, item_id)
    _require_pending(item)
    try:
        media, serial = _storage_facts(media_type, storage_serial)
        storage_errors: dict[str, list[Any]] = {}
    except ErasureInvalid as failure:
        media, serial, storage_errors = media_type, "", failure.errors
    try:
        recorded = _consent_create(actor, item, operator_id, consent)
    except ErasureInvalid as failure:
        raise ErasureInvalid(errors={**failure.errors, **storage_errors}) from failure
    _raise(storage_errors)
    return _job_create(actor, item, operator_id, recorded, media, serial)


def locked_job(actor: Any, job_id: int) -> ErasureJob:
    """The job's row, locked, when it belongs to an operator in the actor's staff scope; JobNotFound otherwise."""
    scope = policy.staff_scope(actor)
    job = ErasureJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or not scope.allows(job.operator_id):
        raise JobNotFound()
    return job


def move(job: ErasureJob, to_state: str, allowed: bool) -> None:
    if not allowed:
        raise TransitionNotAllowed(params={"from_state": JobState(job.state).label,
                                           "to_state": JobState(to_state).label})
    job.state = to_state


def _require_not_held(item_id: int) -> None:
    """Police, watchlist and statutory holds keep the data as evidence: no erasure while one is active."""
    held = [blocker.message for blocker in item_circulation_blockers(item_id)
            if blocker.code != "items.erasure_pending"]
    if held:
        raise ItemHeld(params={"blockers": " ".join(held)})


@transaction.atomic
def job_start(*, actor: Any, job_id: int, started_at: dt.datetime | None = None) -> ErasureJob:
    """The technician starts the tool; they become the job's operator."""
    policy.require(actor, policy.PERFORMER_ROLES)
    job = locked_job(actor, job_id)
    move(job, JobState.IN_PROGRESS, rules.can_start(job.state))
    _require_pending(item_ref(job.item_id))  # the job's operator is in the actor's scope: the item is too
    _require_not_held(job.item_id)
    errors: dict[str, list[Any]] = {}
    job.started_at = _moment(started_at, field="started_at", errors=errors)
    _raise(errors)
    job.erased_by = actor
    full_clean(job)
    job.save()
    audit_record(actor=actor, action="erasure.job_started", target=job, operator_id=job.operator_id,
                 payload={"item_code": job.item_code, "started_at": job.started_at.isoformat()})
    return job


def _require_operator(actor: Any, job: ErasureJob) -> None:
    if job.erased_by_id != getattr(actor, "pk", None):
        raise NotTheOperator()


def _completion_errors(job: ErasureJob, data: CompletionInput) -> dict[str, list[Any]]:
    errors = rules.method_errors(method=data.method, level=data.level, media_type=job.media_type,
                                 consented_kind=job.consent.erasure_kind, destination=data.destination)
    clean_text(data.tool, field="tool", limit=80, errors=errors)
    clean_text(data.tool_version, field="tool_version", limit=40, errors=errors)
    if len(data.note or "") > 500:
        errors.setdefault("note", []).append(_("Use at most %(limit)s characters.") % {"limit": 500})
    ended_at = _moment(data.ended_at, field="ended_at", errors=errors)
    if job.started_at is not None and ended_at <= job.started_at:
        errors.setdefault("ended_at", []).append(_("The end must come after the start (%(start)s).") % {
            "start": timezone.localtime(job.started_at).strftime("%Y-%m-%d %H:%M")})
    return errors


@transaction.atomic
def job_complete(*, actor: Any, job_id: int, data: CompletionInput) -> ErasureJob:
    """The tool has finished: record method, NIST level, tool and version, end and destination."""
    policy.require(actor, policy.PERFORMER_ROLES)
    job = locked_job(actor, job_id)
    move(job, JobState.ERASED, rules.can_complete(job.state))
    _require_operator(actor, job)
    _raise(_completion_errors(job, data))
    job.method, job.level, job.destination = data.method, data.level, data.destination
    job.tool, job.tool_version = " ".join(data.tool.split()), " ".join(data.tool_version.split())
    job.ended_at = data.ended_at or timezone.now()
    job.note = " ".join((data.note or "").split())
    full_clean(job)
    job.save()
    audit_record(actor=actor, action="erasure.job_completed", target=job, operator_id=job.operator_id,
                 payload={"item_code": job.item_code, "method": job.method, "level": job.level, "tool": job.tool,
                          "tool_version": job.tool_version, "destination": job.destination})
    return job


@transaction.atomic
def job_fail(*, actor: Any, job_id: int, reason: str) -> ErasureJob:
    """The erasure could not be done (the tool stopped, the storage did not answer): the device stays blocked."""
    policy.require(actor, policy.PERFORMER_ROLES)
    job = locked_job(actor, job_id)
    move(job, JobState.FAILED, rules.can_fail(job.state))
    _require_operator(actor, job)
    errors: dict[str, list[Any]] = {}
    job.failure_reason = clean_text(reason, field="reason", limit=500, errors=errors)
    _raise(errors)
    full_clean(job)
    job.save()
    item_record_event(actor=actor, item_id=job.item_id, kind="erasure_failed", is_public=False,
                      data={"job_id": job.pk, "attempt": job.attempt, "stage": "erasure"})
    audit_record(actor=actor, action="erasure.job_failed", target=job, operator_id=job.operator_id,
                 payload={"item_code": job.item_code, "stage": "erasure", "reason": job.failure_reason})
    return job


ATTEMPT_FIELDS = ("attempt", "erased_by_id", "started_at", "ended_at", "method", "level", "tool", "tool_version",
                  "destination", "verified_by_id", "verified_at", "verification_method", "verification_result",
                  "note", "failure_reason", "consent_id", "media_type")
RESET_VALUES: dict[str, Any] = {"erased_by": None, "started_at": None, "ended_at": None, "method": "", "level": "",
                                "tool": "", "tool_version": "", "destination": "", "verified_by": None,
                                "verified_at": None, "verification_method": "", "verification_result": "",
                                "note": "", "failure_reason": ""}


def _archived(job: ErasureJob) -> dict[str, Any]:
    values = {name: getattr(job, name) for name in ATTEMPT_FIELDS}
    return {key: value.isoformat() if isinstance(value, dt.datetime) else value for key, value in values.items()}


@transaction.atomic
def job_replan(*, actor: Any, job_id: int, consent_id: int | None = None, media_type: str = "") -> ErasureJob:
    """Try again after a failure: the failed attempt is kept in `history`, the job starts over as planned
    (optionally under a newer consent, say one to destroy the storage)."""
    policy.require(actor, policy.PERFORMER_ROLES)
    job = locked_job(actor, job_id)
    move(job, JobState.PLANNED, rules.can_replan(job.state))
    consent = _item_consent(job.item_id, consent_id) if consent_id is not None else job.consent
    media = _storage_facts(media_type, job.storage_serial)[0] if media_type else job.media_type
    job.history = [*job.history, _archived(job)]
    for name, value in RESET_VALUES.items():
        setattr(job, name, value)
    job.attempt += 1
    job.consent, job.media_type, job.planned_by, job.planned_at = consent, media, actor, timezone.now()
    full_clean(job)
    job.save()
    audit_record(actor=actor, action="erasure.job_replanned", target=job, operator_id=job.operator_id,
                 payload={"item_code": job.item_code, "attempt": job.attempt, "consent": consent.code})
    return job

