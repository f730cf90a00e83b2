"""Valuation writes: recording price observations (one, or a validated import in bulk) and activating a model.
Training is in training.py. Each write checks the actor's role, runs in one transaction with its audit event
and changes nothing when it refuses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from recirc.core.audit import audit_record
from recirc.operators.facade import membership_of
from recirc.valuation import policy
from recirc.valuation.errors import ModelAlreadyActive, ModelNotFound, ObservationDuplicate, ValuationForbidden
from recirc.valuation.models import PriceObservation, ValuationModel
from recirc.valuation.validation import Lookups, PreparedObservation, observation_prepare


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def operator_for(actor: Any, requested: Any) -> Any:
    """Operator managers record their own operator's prices whatever they ask; the administrator any operator."""
    if policy.may_activate(actor):
        return requested
    membership = membership_of(actor)
    if membership is None:
        raise ValuationForbidden()
    return membership.operator_id


def _row(prepared: PreparedObservation, actor: Any) -> PriceObservation:
    return PriceObservation(**prepared.fields, recorded_by=_user(actor))


def _existing(prepared: PreparedObservation) -> PriceObservation | None:
    fields = prepared.fields
    if not fields["source_ref"]:
        return None
    return PriceObservation.objects.filter(source=fields["source"], source_ref=fields["source_ref"]).first()


@transaction.atomic
def observation_record(*, actor: Any, data: Mapping[str, Any], trusted: bool = False) -> PriceObservation:
    """Record one past price. People (UI, API) need the role and get a conflict on a repeated source reference;
    another context (`trusted`: trade, auctions, which authorised their own actor) gets the row already
    recorded for that reference back, so a retried sale is recorded once."""
    if not trusted:
        policy.require(policy.may_record(actor))
        data = {**data, "operator": operator_for(actor, data.get("operator"))}
    prepared = observation_prepare(data)
    existing = _existing(prepared)
    if existing is not None:
        if trusted:
            return existing
        raise ObservationDuplicate(params={"source": existing.get_source_display(), "source_ref": existing.source_ref})
    row = _row(prepared, actor)
    row.save()
    audit_record(actor=actor, action="valuation.observation_recorded", target=row, operator_id=row.operator_id,
                 payload={"category_id": row.category_id, "source": row.source, "source_ref": row.source_ref,
                          "price": row.price})
    return row


def duplicates_of(prepared: Sequence[PreparedObservation]) -> dict[tuple[str, str], int]:
    """(source, reference) already recorded -> that observation's id."""
    references = {item.fields["source_ref"] for item in prepared if item.fields["source_ref"]}
    if not references:
        return {}
    rows = PriceObservation.objects.filter(source_ref__in=references).values_list("source", "source_ref", "pk")
    return {(source, reference): pk for source, reference, pk in rows}


@transaction.atomic
def observations_record_many(*, actor: Any, rows: Sequence[Mapping[str, Any]], label: str) -> list[PriceObservation]:
    """Record many past prices from another context (or the demo) at once: all valid or none, one audit event.
    Rows whose (source, reference) is already recorded are skipped, so a retried batch is recorded once."""
    lookups = Lookups()
    prepared = [observation_prepare(row, lookups) for row in rows]
    known = duplicates_of(prepared)
    fresh, seen = [], set()
    for item in prepared:
        key = (item.fields["source"], item.fields["source_ref"])
        if key[1] and (key in known or key in seen):
            continue
        seen.add(key)
        fresh.append(item)
    return _save_many(actor=actor, prepared=fresh, label=label)


def _save_many(*, actor: Any, prepared: Sequence[PreparedObservation], label: str) -> list[PriceObservation]:
    rows = PriceObservation.objects.bulk_create([_row(item, actor) for item in prepared], batch_size=2000)
    audit_record(actor=actor, action="valuation.observations_imported",
                 operator_id=rows[0].operator_id if rows and len({row.operator_id for row in rows}) == 1 else None,
                 payload={"file": label[:120], "count": len(rows),
                          "categories": sorted({row.category_id for row in rows})})
    return rows


@transaction.atomic
def observations_import_save(*, actor: Any, prepared: Sequence[PreparedObservation],
                             file_name: str) -> list[PriceObservation]:
    """Save validated rows in bulk (imports.py validates the whole file first: all rows or none)."""
    policy.require(policy.may_record(actor))
    return _save_many(actor=actor, prepared=prepared, label=file_name)


def _locked(model_id: int) -> ValuationModel:
    model = ValuationModel.objects.select_for_update().defer("artifact").filter(pk=model_id).first()
    if model is None:
        raise ModelNotFound()
    return model


def activate(*, actor: Any, model: ValuationModel, reason: str) -> ValuationModel:
    """Make `model` its category's active model (inside the caller's transaction)."""
    previous = (ValuationModel.objects.select_for_update().defer("artifact")
                .filter(category_id=model.category_id, is_active=True).exclude(pk=model.pk).first())
    if previous is not None:
        ValuationModel.objects.filter(pk=previous.pk).update(is_active=False)
    model.is_active, model.activated_at = True, timezone.now()
    model.save(update_fields=["is_active", "activated_at"])
    audit_record(actor=actor, action="valuation.model_activated", target=model,
                 payload={"category_id": model.category_id, "version": model.version, "reason": reason,
                          "replaced_version": previous.version if previous else None})
    return model


@transaction.atomic
def model_activate(*, actor: Any, model_id: int) -> ValuationModel:
    """Put an earlier or a new model in service by hand (platform administrator only)."""
    policy.require(policy.may_activate(actor))
    model = _locked(model_id)
    if model.is_active:
        raise ModelAlreadyActive()
    return activate(actor=actor, model=model, reason="manual")
