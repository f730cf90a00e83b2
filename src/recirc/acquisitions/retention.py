"""When retention ends (RECIRC_POLICY["REGISTER_RETENTION_YEARS"]), the personal values of an entry are erased
from the vault. The entry's facts stay for statistics and the chain still verifies: the chain seals the
vault tokens and masked forms, never the plain values. The derived pseudonyms (unsealed lookup keys) are
cleared too, so the person can no longer be found by identity number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from recirc.acquisitions import policy
from recirc.acquisitions.models import AcquisitionEntry, AcquisitionPhoto, PhotoKind
from recirc.acquisitions.vault import PSEUDONYM_FIELDS, TOKEN_FIELDS
from recirc.core.audit import audit_record
from recirc.privacy.facade import pii_erase


@dataclass(frozen=True)
class RetentionResult:
    cutoff: dt.datetime
    entries: int
    values: int


def _due(cutoff: dt.datetime) -> Any:
    return AcquisitionEntry.objects.filter(recorded_at__lt=cutoff, personal_data_erased_at__isnull=True)


def retention_pending(*, now: dt.datetime | None = None) -> int:
    return int(_due(policy.retention_cutoff(now or timezone.now())).count())


@transaction.atomic
def _erase_batch(cutoff: dt.datetime, batch_size: int, now: dt.datetime, reason: str) -> tuple[int, int]:
    entries = list(_due(cutoff).select_for_update().order_by("id").values_list("id", *TOKEN_FIELDS)[:batch_size])
    if not entries:
        return 0, 0
    ids = [row[0] for row in entries]
    tokens = {token for row in entries for token in row[1:] if token}
    tokens |= set(AcquisitionPhoto.objects.filter(entry_id__in=ids, kind=PhotoKind.DOCUMENT)
                  .values_list("vault_token", flat=True))
    for token in sorted(tokens):
        pii_erase(token=token, actor=None, reason=reason)
    AcquisitionEntry.objects.filter(pk__in=ids).update(personal_data_erased_at=now,
                                                       **dict.fromkeys(PSEUDONYM_FIELDS, ""))
    audit_record(actor=None, action="acquisitions.personal_data_erased",
                 payload={"entries": len(ids), "first_id": ids[0], "last_id": ids[-1], "values": len(tokens),
                          "cutoff": cutoff.isoformat()})
    return len(ids), len(tokens)


def register_retention(*, now: dt.datetime | None = None, batch_size: int = 500,
                       on_batch: Callable[[int], None] | None = None) -> RetentionResult:
    """Erase the personal values of every entry acquired before the retention cutoff, one batch per transaction.

    Idempotent: erased entries are marked and skipped next time; a value shared by several entries (one
    bulk purchase, a correction) is erased once.
    """
    now = now or timezone.now()
    cutoff = policy.retention_cutoff(now)
    reason = f"Register retention ended ({policy.retention_years()} years)"
    entries = values = 0
    while True:
        done, erased = _erase_batch(cutoff, max(batch_size, 1), now, reason)
        if not done:
            return RetentionResult(cutoff=cutoff, entries=entries, values=values)
        entries, values = entries + done, values + erased
        if on_batch is not None:
            on_batch(entries)
