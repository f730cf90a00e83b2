"""The pull of the platform's own sales from the trade context (supervision sits above trade, so it pulls).

Each paid order becomes one platform transaction keyed "trade.sale:<cursor>" (the cursor is the payment's event
in trade; one per order), recorded idempotently through `platform_transactions_record`. The cursor is kept in the
keys themselves: the next pull starts OVERLAP ids below the highest key recorded, so a payment that committed
late (below a cursor already passed) and a refund made since (a lower amount: a correction) are both picked up;
re-recording an unchanged sale changes nothing.

C2C sales have no operator to count them under: the statistics are per operator, so they are left out (and
counted as skipped). Channels map to the statistics' channels: online -> online, in_store -> store,
stall -> market; the method is "sale".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import IntegerField, Max
from django.db.models.functions import Cast, Substr

from recirc.operators.facade import operator_refs
from recirc.supervision.models import FactSource, TransactionRecord
from recirc.supervision.submissions import Counts, PlatformTransaction, platform_transactions_record
from recirc.trade.contracts import SaleFact
from recirc.trade.facade import sales_facts

PREFIX = "trade.sale:"
OVERLAP = 500
BATCH = 1000
CHANNELS = {"online": "online", "in_store": "store", "stall": "market"}


@dataclass(frozen=True)
class FeedReport:
    pulled: int
    recorded: Counts
    skipped_c2c: int
    cursor: int


def feed_cursor() -> int:
    """The highest sale cursor already recorded (0 before the first pull)."""
    start = len(PREFIX) + 1
    found = (TransactionRecord.objects.filter(source=FactSource.PLATFORM, key__startswith=PREFIX)
             .annotate(cursor=Cast(Substr("key", start), IntegerField())).aggregate(top=Max("cursor"))["top"])
    return int(found or 0)


def _record(fact: SaleFact, districts: dict[int, str]) -> PlatformTransaction:
    assert fact.operator_id is not None
    return PlatformTransaction(
        operator_id=fact.operator_id, key=f"{PREFIX}{fact.id}", occurred_at=fact.occurred_at,
        district_code=fact.district_code or districts.get(fact.operator_id, ""), category_code=fact.category_code,
        channel=CHANNELS.get(fact.channel, "online"), method="sale", amount=fact.amount, quantity=fact.quantity)


def trade_sales_pull(*, limit: int = BATCH) -> FeedReport:
    """Pull the sales facts after the cursor (less the overlap) and record them; idempotent."""
    after = max(feed_cursor() - OVERLAP, 0)
    facts = sales_facts(after, limit)
    sold = [fact for fact in facts if fact.operator_id is not None]
    districts = {pk: ref.district_code for pk, ref in operator_refs({f.operator_id for f in sold
                                                                      if f.operator_id is not None}).items()}
    counts = platform_transactions_record([_record(fact, districts) for fact in sold]) if sold else Counts(0, 0, 0)
    return FeedReport(pulled=len(facts), recorded=counts, skipped_c2c=len(facts) - len(sold),
                      cursor=max([after, *(fact.id for fact in facts)]))
