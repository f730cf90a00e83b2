"""Merchant re-check at publication (REGULATIONS.md section 3: merchants' identity re-checked periodically):
registered with listings' publication-check port when the app is ready. An operator whose identity re-check is
more than RECIRC_POLICY["MERCHANT_RECHECK_GRACE_DAYS"] days overdue (operators/recheck.py) cannot publish a
listing, nor change the words of one (the port screens edits too), until a moderator re-checks it; what is
already public stays public. A grace of 0 turns the refusal off. Consumer sellers are checked by their own
real-name verification (listings.policy), not here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from recirc.listings.facade import ListingText
from recirc.operators.facade import merchant_recheck_state


def merchant_recheck_gate(actor: Any, text: ListingText) -> dict[str, list[str]] | None:
    if text.seller_operator_id is None:
        return None
    state = merchant_recheck_state(text.seller_operator_id)
    if state is None or not state.refuses_publication:
        return None
    return {"__all__": [_("Your operator's identity and business licence were due for the platform's re-check on "
                          "%(date)s. Listings cannot be published or changed until a platform moderator has "
                          "re-checked them: contact the platform.") % {"date": state.due_on.isoformat()}]}
