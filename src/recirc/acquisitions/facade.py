"""The only module other contexts import from acquisitions. Everything returned is a contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import Count

from recirc.acquisitions import selectors, services
from recirc.acquisitions.contracts import AcquisitionRef, ArticleInput, ChainStatus, PhotoInput, SellerInput
from recirc.acquisitions.models import AcquisitionEntry, Condition, PaymentMethod, SellerKind, TransactionType
from recirc.operators.contracts import OperatorScope

__all__ = [
    "AcquisitionRef", "ArticleInput", "ChainStatus", "Condition", "PaymentMethod", "PhotoInput", "SellerInput",
    "SellerKind", "TransactionType",
    "acquisition_bulk_record", "acquisition_correct", "acquisition_counts", "acquisition_record",
    "acquisitions_for_item", "register_verify",
]


def to_ref(entry: AcquisitionEntry) -> AcquisitionRef:
    return AcquisitionRef(
        id=entry.pk, reference=str(entry.reference), outlet_id=entry.outlet_id, operator_id=entry.operator_id,
        sequence=entry.sequence, item_id=entry.item_id, item_code=entry.item_code,
        transaction_type=entry.transaction_type, category_code=entry.category_code, title=entry.title,
        price_paid=entry.price_paid, recorded_at=entry.recorded_at, created_at=entry.created_at,
        hold_until=entry.hold_until, corrects_id=entry.corrects_id, checks=tuple(entry.checks))


def acquisition_record(*, actor: Any, outlet_id: int, transaction_type: str, seller: SellerInput,
                       article: ArticleInput, payment_method: str, payment_reference: str = "",
                       recorded_at: dt.datetime | None = None, photos: Iterable[PhotoInput] = ()) -> AcquisitionRef:
    """Record one article taken in (see services.acquisition_record); ValidationFailed writes nothing."""
    return to_ref(services.acquisition_record(
        actor=actor, outlet_id=outlet_id, transaction_type=transaction_type, seller=seller, article=article,
        payment_method=payment_method, payment_reference=payment_reference, recorded_at=recorded_at,
        photos=photos))


def acquisition_bulk_record(*, actor: Any, outlet_id: int, seller: SellerInput, articles: Sequence[ArticleInput],
                            payment_method: str, payment_reference: str = "",
                            recorded_at: dt.datetime | None = None) -> list[AcquisitionRef]:
    """A bulk purchase from an organisation: one entry per article, in one transaction."""
    return [to_ref(entry) for entry in services.acquisition_bulk_record(
        actor=actor, outlet_id=outlet_id, seller=seller, articles=articles, payment_method=payment_method,
        payment_reference=payment_reference, recorded_at=recorded_at)]


def acquisition_correct(*, actor: Any, entry_id: int, changes: Mapping[str, Any], reason: str) -> AcquisitionRef:
    return to_ref(services.acquisition_correct(actor=actor, entry_id=entry_id, changes=changes, reason=reason))


def acquisitions_for_item(item_id: int) -> list[AcquisitionRef]:
    """The register entries of one item passport, oldest first (unscoped: callers authorise their actors)."""
    return [to_ref(entry) for entry in AcquisitionEntry.objects.filter(item_id=item_id).order_by("created_at", "id")]


def acquisition_counts(scope: OperatorScope, *, since: dt.datetime | None = None) -> dict[str, int]:
    """Entries per transaction type within the scope (every type present, zero included); one query."""
    entries = AcquisitionEntry.objects.all()
    if not scope.city_wide:
        entries = entries.filter(operator_id__in=scope.operator_ids)
    if since is not None:
        entries = entries.filter(recorded_at__gte=since)
    counts = {value: 0 for value in TransactionType.values}
    for row in entries.order_by().values("transaction_type").annotate(total=Count("id")):
        counts[row["transaction_type"]] = row["total"]
    return counts


def register_verify(*, outlet_id: int | None = None) -> list[ChainStatus]:
    """Verify every outlet's chain (or one outlet's): the first bad entry of each, if any."""
    return selectors.chain_statuses(outlet_ids=None if outlet_id is None else [outlet_id])


# --- read-only aggregates for the supervision statistics (acquisitions/statistics.py) ---------------------
from recirc.acquisitions.statistics import acquisition_days_compiled_since, acquisitions_daily  # noqa: E402

__all__ += ["acquisition_days_compiled_since", "acquisitions_daily"]
