"""Cases from other contexts: the counterfeit referrals inspection opens for market supervision become cases
(kind "counterfeit", source "inspection.referral:<id>"), once each. Idempotent: the case's unique source makes a
second import of the same referral a no-op."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from recirc.inspection.facade import referrals_list
from recirc.items.facade import item_ref
from recirc.supervision.cases import case_open
from recirc.supervision.models import Case, CaseKind
from recirc.supervision.policy import require_cases

SOURCE_PREFIX = "inspection.referral:"


def referrals_import(*, actor: Any) -> list[Case]:
    """Open a case for every referral still open in inspection that has none yet (market supervision only:
    inspection refuses anyone else)."""
    require_cases(actor)
    referrals = [referral for referral in referrals_list(actor) if referral.status != "closed"]
    known = set(Case.objects.filter(source_ref__startswith=SOURCE_PREFIX).values_list("source_ref", flat=True))
    opened = []
    for referral in referrals:
        source = f"{SOURCE_PREFIX}{referral.id}"
        if source in known:
            continue
        item = item_ref(referral.item_id)
        with transaction.atomic():
            opened.append(case_open(
                actor=actor, kind=CaseKind.COUNTERFEIT, imported=True, source_ref=source, item_code=item.code,
                operator_id=item.owner_operator_id,
                title=(_("Counterfeit indicators found at inspection: %(title)s") % {"title": item.title})[:160],
                summary=_("Referred by inspection on %(date)s (referral %(id)s).") % {
                    "date": referral.opened_at.date().isoformat(), "id": referral.id}))
    return opened
