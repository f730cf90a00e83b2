"""B7 statistics: 10M transactions (smoke 1M) and 2M register intakes over 365 days, then the supervision API's
four workloads against the same aggregates computed in SQL over the raw rows.

Workloads: monthly value and count by category x district (`cells`); top sellers per quarter; flagged acquisitions
per week; sell-through percentiles. Gates (BENCHMARKS.md): API p95 <= 2 s (it reads the roll-ups); API time over
the raw SQL time <= 1.5 per workload; one day's incremental refresh <= 10 s; roll-ups equal the raw aggregates
exactly (every roll-up cell, and every workload's answer against its raw aggregate with the same suppression).

Data are bulk-loaded with COPY on PostgreSQL (INSERT batches elsewhere, for the smoke test on SQLite): they are
synthetic and deterministic (seed 7). Register entries are loaded as rows, not appended through the hash chain
(B6 measures the chain); a "flagged" intake is one whose screening record raised an alert, 2 % of them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from bench.harness import BenchResult

SEED = 7
FIRST_DAY = dt.date(2025, 1, 1)
DAYS = 365
OPERATORS = 400
FLAGGED_SHARE = 0.02
CHUNK = 100_000
REQUESTS_PER_WORKLOAD = 20
# category: (weight, median price, median days to sell)
CATEGORIES: dict[str, tuple[int, int, int]] = {
    "mobile-phones": (30, 1600, 12), "clothing": (18, 90, 30), "furniture": (9, 600, 45),
    "household-appliances": (9, 800, 25), "laptops": (8, 2600, 15), "books": (8, 25, 60), "bicycles": (5, 300, 20),
    "baby-goods": (5, 180, 20), "luxury-bags-watches": (4, 9000, 40), "tablets": (4, 1500, 14)}
CHANNELS = ("store", "market", "online", "community", "trade_in")
METHODS = ("sale", "auction", "rental", "consignment", "buy_back", "swap")
METHOD_WEIGHTS = (60, 10, 5, 12, 8, 5)


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def _utc(moment: dt.datetime) -> str:
    """A timestamp as the database takes it as text: with its offset on PostgreSQL, naive UTC on SQLite."""
    value = moment.astimezone(dt.UTC)
    return value.isoformat(sep=" ") if _vendor() == "postgresql" else value.replace(tzinfo=None).isoformat(sep=" ")


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY on PostgreSQL, INSERT batches elsewhere. Returns the number of rows written."""
    from django.db import connection

    count = 0
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})", batch)  # noqa: S608
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})", batch)  # noqa: S608
            count += len(batch)
    return count


def _text(value: Any) -> str:
    """A value in PostgreSQL's COPY text format (the generated values hold no tab, newline or backslash)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def copy_template(table: str, columns: Sequence[str], base: Sequence[Any], variable: Sequence[str],
                  values: Iterable[Sequence[Any]]) -> int:
    """Rows that differ from `base` only in the `variable` columns: on PostgreSQL each row is one formatted line
    (the constant cells are written once into the template), elsewhere full rows in INSERT batches."""
    from django.db import connection

    at = [columns.index(name) for name in variable]
    if connection.vendor != "postgresql":
        def rows() -> Iterator[list[Any]]:
            for changed in values:
                row = list(base)
                for index, value in zip(at, changed, strict=True):
                    row[index] = value
                yield row
        return copy_rows(table, columns, rows())
    cells = [_text(value).replace("{", "{{").replace("}", "}}") for value in base]
    for slot, index in enumerate(at):
        cells[index] = f"{{{slot}}}"
    template = "\t".join(cells) + "\n"
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
        buffer: list[str] = []
        for changed in values:
            buffer.append(template.format(*[_text(value) for value in changed]))
            if len(buffer) >= 10_000:
                copy.write("".join(buffer))
                count, buffer = count + len(buffer), []
        copy.write("".join(buffer))
        count += len(buffer)
    return count


def _reset_sequence(model: Any) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(statement)


def _operators(rng: random.Random) -> list[tuple[int, str, str, int]]:
    """(operator id, district code, channel, outlet id) for the benchmark's operators."""
    from recirc.operators.models import District, Operator, Outlet
    from recirc.operators.tests.factories import valid_credit_code

    districts = list(District.objects.filter(code__startswith="3301").exclude(code="330100"))
    operators = Operator.objects.bulk_create([
        Operator(kind="enterprise", name=f"基准商户{number:04d}", credit_code=valid_credit_code(900_000 + number),
                 district=districts[number % len(districts)], registered_on=FIRST_DAY) for number in range(OPERATORS)])
    outlets = Outlet.objects.bulk_create([Outlet(operator=operator, name=f"{operator.name}门店",
                                                 district=operator.district, address="基准路1号")
                                          for operator in operators])
    return [(operator.pk, operator.district.code, CHANNELS[number % len(CHANNELS)], outlet.pk)
            for number, (operator, outlet) in enumerate(zip(operators, outlets, strict=True))]


def _weighted(rng: random.Random, values: Sequence[str], weights: Sequence[int], count: int) -> list[str]:
    return rng.choices(values, weights=weights, k=count)


def _times_of_day() -> list[str]:
    """" HH:MM:00..." for every minute from 09:00 to 20:59 local time (UTC+8), as the database takes it as text:
    with the offset on PostgreSQL, in UTC on SQLite (the same date: 01:00 to 12:59)."""
    postgres = _vendor() == "postgresql"
    return [f" {minute // 60:02d}:{minute % 60:02d}:00+08:00" if postgres
            else f" {minute // 60 - 8:02d}:{minute % 60:02d}:00" for minute in range(9 * 60, 21 * 60)]


def transaction_rows(rng: random.Random, operators: Sequence[tuple[int, str, str, int]], count: int,
                     *, first_day: dt.date = FIRST_DAY, days: int = DAYS, prefix: str = "B7") -> Iterator[tuple]:
    """TransactionRecord rows: (operator_id, source, key, occurred_at, day, district, category, channel, method,
    quantity, amount, days_to_sell, revision, updated_at). Drawn with numpy in chunks (seeded from `rng`)."""
    import numpy as np

    generator = np.random.default_rng(rng.getrandbits(32))
    codes = list(CATEGORIES)
    weights = np.array([value[0] for value in CATEGORIES.values()], dtype=float)
    prices = np.array([value[1] for value in CATEGORIES.values()], dtype=float)
    holding = np.array([value[2] for value in CATEGORIES.values()], dtype=float)
    method_weights = np.array(METHOD_WEIGHTS, dtype=float)
    day_texts = [(first_day + dt.timedelta(days=offset)).isoformat() for offset in range(days)]
    times = _times_of_day()
    now = _utc(dt.datetime.now(dt.UTC))
    for start in range(0, count, CHUNK):
        size = min(CHUNK, count - start)
        operator_index = generator.integers(0, len(operators), size).tolist()
        day_index = generator.integers(0, days, size).tolist()
        minute = generator.integers(0, len(times), size).tolist()
        category = generator.choice(len(codes), size, p=weights / weights.sum())
        method = generator.choice(len(METHODS), size, p=method_weights / method_weights.sum()).tolist()
        cents = np.round(prices[category] * np.exp(generator.normal(0, 0.45, size)) * 100).astype(np.int64).tolist()
        held = np.floor(generator.exponential(holding[category])).astype(np.int64).tolist()
        known = (generator.random(size) < 0.6).tolist()
        quantity = np.where(generator.random(size) < 0.93, 1, 2).tolist()
        category_list = category.tolist()
        for offset in range(size):
            operator, district, channel, _outlet = operators[operator_index[offset]]
            day = day_index[offset]
            yield (operator, "submission", f"{prefix}-{start + offset}", day_texts[day] + times[minute[offset]],
                   day_texts[day], district, codes[category_list[offset]], channel, METHODS[method[offset]],
                   quantity[offset], f"{cents[offset] // 100}.{cents[offset] % 100:02d}",
                   held[offset] if known[offset] else None, 1, now)


TRANSACTION_COLUMNS = ("operator_id", "source", "key", "occurred_at", "day", "district_code", "category_code",
                       "channel", "method", "quantity", "amount", "days_to_sell", "revision", "updated_at")


def _template(model: Any, overrides: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """Every concrete column of a model with its default value (JSON as text), the primary key left out."""
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.attname not in overrides:
            continue
        value = overrides.get(field.attname, field.get_default())
        if field.get_internal_type() == "JSONField" and not isinstance(value, str):
            value = json.dumps(value)
        columns.append(field.column)
        values.append(value)
    return columns, values


def _registrations(rng: random.Random, operators: Sequence[tuple[int, str, str, int]], count: int,
                   clerk_id: int) -> int:
    """Items, register entries and the flagged intakes' screening records; returns how many were flagged."""
    from recirc.acquisitions.models import AcquisitionEntry
    from recirc.catalog.models import Category
    from recirc.items.models import Item
    from recirc.policing.models import ScreeningRecord

    category_ids = dict(Category.objects.values_list("code", "id"))
    codes, weights = list(CATEGORIES), [value[0] for value in CATEGORIES.values()]
    times = _times_of_day()
    day_texts = [(FIRST_DAY + dt.timedelta(days=offset)).isoformat() for offset in range(DAYS)]
    facts = []
    for number in range(count):
        operator, _district, _channel, outlet = operators[rng.randrange(len(operators))]
        moment = day_texts[rng.randrange(DAYS)] + times[rng.randrange(len(times))]
        facts.append((number + 1, operator, outlet, rng.choices(codes, weights)[0], moment,
                      uuid.UUID(int=rng.getrandbits(128)), rng.random() < FLAGGED_SHARE))
    _copy_items(Item, facts, category_ids)
    _copy_entries(AcquisitionEntry, facts, clerk_id)
    return _copy_screenings(ScreeningRecord, facts)


def _copy_items(model: Any, facts: list[tuple], category_ids: dict[str, int]) -> None:
    columns, base = _template(model, {"id": 0, "state": "in_stock", "created_at": "", "updated_at": ""})
    variable = ("id", "code", "category_id", "title", "owner_operator_id", "outlet_id", "created_at", "updated_at")
    copy_template(model._meta.db_table, columns, base, variable,
                  ((number, f"B7{number:012d}", category_ids[category], f"B7 {category}", operator, outlet, moment,
                    moment) for number, operator, outlet, category, moment, _reference, _flagged in facts))
    _reset_sequence(model)


def _copy_entries(model: Any, facts: list[tuple], clerk_id: int) -> None:
    overrides = {"id": 0, "reference": "", "operator_licence": "91330100B7", "clerk_id": clerk_id, "sequence": 0,
                 "transaction_type": "purchase", "created_at": "", "recorded_at": "", "seller_kind": "individual",
                 "item_code": "", "category_code": "", "title": "B7", "condition": "90", "price_paid": "100.00",
                 "payment_method": "cash", "ownership_declared": True, "quantity": 1, "face_matched": False}
    columns, base = _template(model, overrides)
    variable = ("id", "reference", "operator_id", "outlet_id", "item_id", "item_code", "category_code", "created_at",
                "recorded_at", "chain_key", "sequence")
    sequences: dict[int, int] = defaultdict(int)

    def values() -> Iterator[tuple]:
        for number, operator, outlet, category, moment, reference, _flagged in facts:
            sequences[outlet] += 1
            yield (number, str(reference), operator, outlet, number, f"B7{number:012d}", category, moment, moment,
                   str(outlet), sequences[outlet])

    copy_template(model._meta.db_table, columns, base, variable, values())
    _reset_sequence(model)


def _copy_screenings(model: Any, facts: list[tuple]) -> int:
    flagged = [fact for fact in facts if fact[6]]
    columns = ("item_id", "operator_id", "category_code", "seller_index", "price", "match_tokens", "source_ref",
               "screened_at", "result")
    copy_rows(model._meta.db_table, columns,
              ((number, operator, category, "", "100.00", "", f"acquisitions.entry:{reference}", moment, "alert")
               for number, operator, _outlet, category, moment, reference, _flagged in flagged))
    return len(flagged)


def load(transactions: int, registrations: int) -> dict[str, Any]:
    """Load the benchmark's data (Django set up on an empty, migrated database); returns what the run needs."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from recirc.supervision.models import TransactionRecord

    rng = random.Random(SEED)
    with transaction.atomic():
        operators = _operators(rng)
        users = get_user_model()
        clerk = users.objects.create_user(username="b7-clerk", password=None, role="clerk")
        regulator = users.objects.create_user(username="b7-regulator", password=None, role="commerce_regulator")
    began = time.perf_counter()
    with transaction.atomic():
        copy_rows(TransactionRecord._meta.db_table, TRANSACTION_COLUMNS, transaction_rows(rng, operators, transactions))
    transactions_seconds = time.perf_counter() - began
    began = time.perf_counter()
    with transaction.atomic():
        flagged = _registrations(rng, operators, registrations, clerk.pk)
    registrations_seconds = time.perf_counter() - began
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"operators": operators, "regulator": regulator, "rng": rng, "flagged": flagged,
            "load transactions (s)": round(transactions_seconds, 1),
            "load registrations (s)": round(registrations_seconds, 1)}


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


# --- the workloads: through the API (roll-ups) and in SQL over the raw rows ----------------------------------

WORKLOADS = ("cells", "top-sellers", "flagged-weekly", "sell-through")
PERIOD = {"from": "2025-01", "to": "2025-12", "region": "330100", "year": "2025"}


def variants(districts: Sequence[str], requests: int) -> list[dict[str, str]]:
    """The query of each request: the whole city, then each category and each district in turn."""
    found = [dict(PERIOD)]
    found += [{**PERIOD, "category": code} for code in CATEGORIES]
    found += [{**PERIOD, "region": code} for code in districts]
    return (found * requests)[:requests]


def api_get(client: Any, slug: str, params: dict[str, str]) -> tuple[float, dict[str, Any]]:
    began = time.perf_counter()
    response = client.get(f"/api/v1/supervision/statistics/{slug}", params)
    elapsed = time.perf_counter() - began
    if response.status_code != 200:
        raise RuntimeError(f"{slug} answered {response.status_code}: {response.content[:300]!r}")
    return elapsed, response.json()


def _money(value: Any) -> str | None:
    return None if value is None else str(Decimal(str(value)).quantize(Decimal("0.01")))


def raw_cells() -> list[tuple]:
    from django.db.models import Count, Sum
    from django.db.models.functions import TruncMonth

    from recirc.supervision.tables import suppress

    rows = [dict(row) for row in (
        _year_2025().annotate(month=TruncMonth("day")).values("month", "district_code", "category_code")
        .annotate(records=Count("id"), items=Sum("quantity"), value=Sum("amount"))
        .order_by("month", "district_code", "category_code"))]
    return [(row["month"].strftime("%Y-%m"), row["district_code"], row["category_code"], row["records"],
             row["items"], _money(row["value"])) for row in suppress(rows)]


def api_cells(payload: dict[str, Any]) -> list[tuple]:
    return [(row["month"], row["district_code"], row["category_code"], row["records"], row["items"],
             _money(row["value"])) for row in payload["rows"]]


def raw_top_sellers() -> list[tuple]:
    from django.db.models import Count, Sum
    from django.db.models.functions import ExtractQuarter

    from recirc.operators.models import Operator
    from recirc.supervision.policy import min_cell_count

    names = dict(Operator.objects.values_list("id", "name"))
    quarters: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (_year_2025().annotate(quarter=ExtractQuarter("day"))
                .values("quarter", "operator_id").annotate(records=Count("id"), value=Sum("amount"))):
        if row["records"] >= min_cell_count():
            quarters[row["quarter"]].append(row)
    result = []
    for quarter in sorted(quarters):
        ranked = sorted(quarters[quarter], key=lambda row: (-row["value"], row["operator_id"]))[:10]
        result += [(f"2025 Q{quarter}", rank, names[row["operator_id"]], row["records"], _money(row["value"]))
                   for rank, row in enumerate(ranked, start=1)]
    return result


def _year_2025() -> Any:
    from recirc.supervision.models import TransactionRecord

    return TransactionRecord.objects.filter(day__range=(FIRST_DAY, dt.date(2025, 12, 31)),
                                            district_code__startswith="3301").order_by()


def api_top_sellers(payload: dict[str, Any]) -> list[tuple]:
    return [(row["quarter"], row["rank"], row["name"], row["records"], _money(row["value"]))
            for row in payload["rows"]]


def raw_flagged_weekly() -> list[tuple]:
    from django.db.models import Count, Exists, OuterRef
    from django.db.models.functions import Coalesce, ExtractIsoYear, ExtractWeek
    from django.utils import timezone

    from recirc.acquisitions.models import AcquisitionEntry
    from recirc.policing.models import ScreeningRecord
    from recirc.supervision.tables import suppress

    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(FIRST_DAY, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(dt.date(2026, 1, 1), dt.time.min, tzinfo=zone)
    weeks: dict[str, dict[str, int]] = defaultdict(lambda: {"acquisitions": 0, "flagged": 0})
    corrected = AcquisitionEntry.objects.filter(corrects=OuterRef("pk"))
    entries = (AcquisitionEntry.objects.filter(~Exists(corrected), recorded_at__gte=start, recorded_at__lt=end,
                                               outlet__district__code__startswith="3301").order_by()
               .annotate(year=ExtractIsoYear("recorded_at", tzinfo=zone), week=ExtractWeek("recorded_at", tzinfo=zone))
               .values("year", "week").annotate(total=Count("id")))
    for row in entries:
        weeks[f"{row['year']}-W{row['week']:02d}"]["acquisitions"] += row["total"]
    flagged = (ScreeningRecord.objects.filter(screened_at__gte=start, screened_at__lt=end, result="alert",
                                              source_ref__startswith="acquisitions.entry:").order_by()
               .annotate(district=Coalesce("item__outlet__district__code", "operator__district__code"))
               .filter(district__startswith="3301")
               .annotate(year=ExtractIsoYear("screened_at", tzinfo=zone), week=ExtractWeek("screened_at", tzinfo=zone))
               .values("year", "week").annotate(total=Count("id")))
    for row in flagged:
        weeks[f"{row['year']}-W{row['week']:02d}"]["flagged"] += row["total"]
    rows = [{"week": week, **counts} for week, counts in sorted(weeks.items())]
    suppress(rows, count_key="acquisitions", measures=("acquisitions",))
    suppress(rows, count_key="flagged", measures=("flagged",))
    return [(row["week"], row["acquisitions"], row["flagged"]) for row in rows]


def api_flagged_weekly(payload: dict[str, Any]) -> list[tuple]:
    return [(row["week"], row["acquisitions"], row["flagged"]) for row in payload["rows"]]


PERCENTILES_SQL = (
    "SELECT category_code, count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY days_to_sell), "
    "percentile_disc(0.75) WITHIN GROUP (ORDER BY days_to_sell), percentile_disc(0.9) WITHIN GROUP "
    "(ORDER BY days_to_sell) FROM supervision_transactionrecord WHERE day BETWEEN %s AND %s "
    "AND days_to_sell IS NOT NULL GROUP BY category_code ORDER BY category_code")
HISTOGRAM_SQL = (
    "SELECT category_code, days_to_sell, count(*) FROM supervision_transactionrecord WHERE day BETWEEN %s AND %s "
    "AND days_to_sell IS NOT NULL GROUP BY category_code, days_to_sell")


def raw_sell_through() -> list[tuple]:
    from django.db import connection

    from recirc.supervision.activity import percentile_of
    from recirc.supervision.tables import suppress

    params = [FIRST_DAY.isoformat(), "2025-12-31"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PERCENTILES_SQL, params)
            found = [{"code": code, "records": count, "p50": p50, "p75": p75, "p90": p90}
                     for code, count, p50, p75, p90 in cursor.fetchall()]
        else:
            cursor.execute(HISTOGRAM_SQL, params)
            histograms: dict[str, dict[int, int]] = defaultdict(dict)
            for code, days, count in cursor.fetchall():
                histograms[code][days] = count
            found = [{"code": code, "records": sum(histogram.values()),
                      **{f"p{share}": percentile_of(histogram, share) for share in (50, 75, 90)}}
                     for code, histogram in sorted(histograms.items())]
    suppress(found, measures=("records", "p50", "p75", "p90"))
    return [(row["code"], row["records"], row["p50"], row["p75"], row["p90"]) for row in found]


def api_sell_through(payload: dict[str, Any]) -> list[tuple]:
    return sorted((row["code"], row["records"], row["p50"], row["p75"], row["p90"]) for row in payload["rows"])


RAW = {"cells": (raw_cells, api_cells), "top-sellers": (raw_top_sellers, api_top_sellers),
       "flagged-weekly": (raw_flagged_weekly, api_flagged_weekly), "sell-through": (raw_sell_through, api_sell_through)}


def timed(function: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    value = function()
    return time.perf_counter() - began, value


def _one_more_day(operators: Sequence[tuple[int, str, str, int]], transactions: int, rng: random.Random) -> int:
    """A day of new transactions after the loaded year, marked for the refresh as a submission marks it."""
    from django.db import transaction

    from recirc.supervision.models import DirtyDay, TransactionRecord

    day = FIRST_DAY + dt.timedelta(days=DAYS)
    size = max(1, transactions // DAYS)
    with transaction.atomic():
        copy_rows(TransactionRecord._meta.db_table, TRANSACTION_COLUMNS,
                  transaction_rows(rng, operators, size, first_day=day, days=1, prefix="B7N"))
        DirtyDay.objects.create(day=day)
    return size


def _workloads(result: BenchResult, client: Any, districts: list[str], requests: int) -> None:
    """API timings (p95 over every request), raw SQL timings, and the answers compared."""
    latencies: list[float] = []
    for slug in WORKLOADS:
        raw_function, api_rows = RAW[slug]
        raw_seconds, raw = timed(raw_function)
        times = []
        for params in variants(districts, requests):
            elapsed, payload = api_get(client, slug, params)
            times.append(elapsed)
            if params == PERIOD:
                result.invariants[f"{slug}: API answer equals the raw aggregate"] = api_rows(payload) == raw
        latencies += times
        result.measures[f"{slug} API median (ms)"] = round(median(times) * 1000, 1)
        result.measures[f"{slug} API p95 (ms)"] = round(p95(times) * 1000, 1)
        result.baselines[f"{slug} raw SQL (ms)"] = round(raw_seconds * 1000, 1)
        result.gate(f"{slug} API / raw SQL", median(times) / raw_seconds, "<=", 1.5)
    result.gate("API p95 (s)", p95(latencies), "<=", 2.0)


def measure(transactions: int, registrations: int, *, requests: int = REQUESTS_PER_WORKLOAD) -> BenchResult:
    """Run B7 on the configured database (Django set up, migrated and empty)."""
    from django.test import Client
    from django.utils import timezone

    from recirc.supervision.raw import differences
    from recirc.supervision.refresh import rollups_refresh

    result = BenchResult(name="b7_statistics", size=f"{transactions} transactions, {registrations} registrations")
    data = load(transactions, registrations)
    result.measures.update({key: value for key, value in data.items() if key.startswith("load")})
    result.measures["flagged intakes"] = data["flagged"]
    full_seconds, _report = timed(lambda: rollups_refresh(rebuild=True))
    result.measures["first full refresh (s)"] = round(full_seconds, 1)
    result.invariants["roll-ups equal the raw aggregates after the full refresh"] = not any(
        differences(timezone.localdate()).values())
    client = Client()
    client.force_login(data["regulator"])
    districts = sorted({district for _operator, district, _channel, _outlet in data["operators"]})
    _workloads(result, client, districts, requests)
    added = _one_more_day(data["operators"], transactions, data["rng"])
    day_seconds, _report = timed(rollups_refresh)
    result.measures["one day's new transactions"] = added
    result.measures["one day's incremental refresh (s)"] = round(day_seconds, 2)
    result.gate("one day's incremental refresh (s)", day_seconds, "<=", 10.0)
    result.invariants["roll-ups equal the raw aggregates after the incremental refresh"] = not any(
        differences(timezone.localdate()).values())
    return result
