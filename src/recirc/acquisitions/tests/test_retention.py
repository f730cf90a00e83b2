"""Retention: after RECIRC_POLICY["REGISTER_RETENTION_YEARS"] the personal values are erased from the vault;
the facts stay, the chain still verifies, and the person can no longer be found by identity number."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from recirc.acquisitions.models import AcquisitionEntry, AcquisitionPhoto
from recirc.acquisitions.retention import register_retention
from recirc.acquisitions.search import register_search_by_identity
from recirc.acquisitions.tests.factories import RESIDENT_ID, individual, organisation, photo, record
from recirc.core.hashchain import chain_verify
from recirc.core.models import AuditEvent
from recirc.privacy.models import VaultRecord

pytestmark = pytest.mark.django_db
TOKEN_FIELDS = ("seller_name_token", "seller_document_token", "seller_address_token", "seller_phone_token")


def live_tokens(entry: AcquisitionEntry) -> list[str]:
    tokens = [getattr(entry, field) for field in TOKEN_FIELDS if getattr(entry, field)]
    return list(VaultRecord.objects.filter(token__in=tokens, erased_at__isnull=True).values_list("token", flat=True))


def test_retention_erases_the_personal_values_of_old_entries_only(world: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "REGISTER_RETENTION_YEARS": 3}
    # given an entry acquired (back-entered) now, and the run happening 3 years and a day later
    old = record(world["clerk_a"], world["outlet_a"], photos=[photo("document")])
    later = timezone.now() + dt.timedelta(days=3 * 365 + 2)
    record(world["clerk_a"], world["outlet_a"], seller=organisation())  # acquired now too: both are due later
    document_token = AcquisitionPhoto.objects.get(entry=old).vault_token

    # when retention runs now: nothing is due
    assert register_retention().entries == 0
    # and when it runs 3 years later
    result = register_retention(now=later)

    # then every personal value of both entries is erased, once
    assert (result.entries, result.values) == (2, 7)  # 4 seller values + the document photo; handler name + number
    old.refresh_from_db()
    assert live_tokens(old) == []
    assert VaultRecord.objects.get(token=document_token).erased_at is not None
    # the facts, tokens and masks stay; the derived pseudonym is cleared
    assert (old.title, old.seller_document_masked, old.seller_name_masked) == ("iPhone 13 128G 黑色",
                                                                               "110105********002X", "张**")
    assert old.seller_document_token.startswith("pii_") and old.seller_document_pseudonym == ""
    assert old.personal_data_erased_at == later
    # the chain still verifies
    report = chain_verify(AcquisitionEntry, chain_key=old.chain_key)
    assert (report.intact, report.checked) == (True, 2)
    # the run is audited, and running again changes nothing
    audit = AuditEvent.objects.get(action="acquisitions.personal_data_erased")
    assert (audit.payload["entries"], audit.payload["values"]) == (2, 7)
    assert register_retention(now=later + dt.timedelta(days=1)).entries == 0


def test_after_retention_the_identity_search_finds_nothing(world: dict[str, Any]) -> None:
    record(world["clerk_a"], world["outlet_a"], seller=individual())
    found = register_search_by_identity(actor=world["police"], document_type="resident_id", number=RESIDENT_ID,
                                        purpose="Case 2026-123")
    assert len(found) == 1

    register_retention(now=timezone.now() + dt.timedelta(days=3 * 366))

    assert register_search_by_identity(actor=world["police"], document_type="resident_id", number=RESIDENT_ID,
                                       purpose="Case 2026-123") == []


def test_the_retention_command_reports_and_erases(world: dict[str, Any], settings: Any) -> None:
    settings.RECIRC_POLICY = {**settings.RECIRC_POLICY, "REGISTER_RETENTION_YEARS": 0}
    entry = record(world["clerk_a"], world["outlet_a"], recorded_at=timezone.now() - dt.timedelta(hours=1))
    out = StringIO()

    call_command("register_retention", "--dry-run", stdout=out)
    assert "are due: 1." in out.getvalue() and live_tokens(entry)

    call_command("register_retention", stdout=out)
    assert "Erased 4 personal value(s) of 1 entr(y/ies); their facts remain." in out.getvalue()
    assert live_tokens(entry) == []
