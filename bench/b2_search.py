"""B2 search: 1M listings (smoke 20k), 300 queries, SQLite and PostgreSQL.

Gates (BENCHMARKS.md): recall 100 % for substring semantics against a brute-force scan; in-database p99
<= 30 ms for queries of three characters or more; 1-2 character queries correct with p99 <= 300 ms; API p99
<= 50 ms; index build <= 60 s per 1M; hostile query syntax never errors.

The search table is bulk-loaded directly (the benchmark measures search, not listing creation) with titles
and descriptions from a deterministic brand / model / capacity / condition / colour generator. The index is
dropped before the load and built after it (timed: the build). "In-database" is the cost of one search the way
the page asks it: the newest 20 ids and the count (capped at 10,000). The API figure is measured through
Django's test client (no server, no network: the view, the search and the JSON), and says so.

`python -m bench b2` runs the PostgreSQL database of the run and SQLite in a subprocess
(`python -m bench.b2_search --sqlite N`), each its own fresh database.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.harness import BenchResult

SEED = 20261201
QUERIES = 300
MIX = (("cjk3", 0.40), ("english", 0.25), ("mixed", 0.15), ("cjk12", 0.10), ("nohit", 0.10))
BRANDS = [
    ("苹果", "Apple", "手机", ["iPhone 13", "iPhone 14 Pro", "iPhone 12 mini", "iPhone 15 Pro Max"]),
    ("苹果", "Apple", "平板", ["iPad Air 5", "iPad Pro 11", "iPad mini 6"]),
    ("华为", "Huawei", "手机", ["Mate 40 Pro", "P50 Pocket", "nova 9", "Mate 60"]),
    ("小米", "Xiaomi", "手机", ["Mi 11 Ultra", "Redmi Note 12", "Xiaomi 13"]),
    ("三星", "Samsung", "手机", ["Galaxy S21", "Galaxy Z Flip4", "Galaxy S23 Ultra"]),
    ("联想", "Lenovo", "笔记本", ["ThinkPad X1 Carbon", "小新 Pro 14", "Yoga 7i"]),
    ("宜家", "IKEA", "书柜", ["毕利 BILLY", "赫姆内斯 HEMNES"]),
    ("美的", "Midea", "空调", ["风尊 KFR-35GW", "酷省电 1.5匹"]),
    ("捷安特", "Giant", "自行车", ["ATX 830", "Escape 2"]),
    ("优衣库", "Uniqlo", "羽绒服", ["高级轻型 Ultra Light Down", "无缝 Seamless"]),
]
CAPACITIES = ["64GB", "128GB", "256GB", "512GB", "1TB", ""]
COLOURS = ["黑色", "白色", "午夜色", "星光色", "远峰蓝", "银色", "金色", "石墨色", "深空灰", "薄荷绿"]
CONDITIONS = ["99新", "95新", "9成新", "8成新", "几乎全新", "轻微划痕", "屏幕完美", "电池健康88%", "有磕碰"]
EXTRAS = ["原装充电器", "无拆无修", "国行正品", "支持验机", "发票齐全", "同城自提", "顺丰包邮", "仅外观使用痕迹",
          "已清除数据", "保修90天"]
HOSTILE = ['"', '""', "'", "(", ")", "()", "NEAR(苹果 手机)", "苹果 NEAR/2 手机", "a AND b", "iphone OR", "NOT 13",
           "*", "ip*", "-", "-iphone", "^iphone", "text:iphone", "\\", "\\\\\"", "%", "_", "%_%", "{a b}", "[", "+",
           "苹果\" OR 1=1 --", "'; DROP TABLE listings_searchentry; --", "\x00", "\u202e苹果", "　", " ",
           "x" * 5000, "苹果" * 600, "AND", "OR", "NEAR", "\"苹果", "苹果手\"机"]


def _title(rng: random.Random) -> str:
    brand_zh, brand_en, kind, models = rng.choice(BRANDS)
    model = rng.choice(models)
    brand = rng.choice([brand_zh, brand_en, f"{brand_zh}{kind}", f"{brand_en} {brand_zh}"])
    return " ".join(part for part in (brand, model, rng.choice(CAPACITIES), rng.choice(COLOURS),
                                      rng.choice(CONDITIONS)) if part)


def generate(count: int, seed: int = SEED) -> list[tuple[int, str]]:
    """(listing id, normalised searchable text) for `count` listings, the same on every run."""
    from recirc.listings.search import searchable_text

    rng = random.Random(seed)
    rows = []
    for listing_id in range(1, count + 1):
        description = "，".join(rng.sample(EXTRAS, 3))
        rows.append((listing_id, searchable_text([_title(rng), description, f"L{listing_id:07d}"])))
    return rows


# --- the workload ---------------------------------------------------------------------------------------------

def _cjk_substring(rng: random.Random, text: str, low: int, high: int) -> str | None:
    from recirc.listings.search import CJK

    runs = [run for run in CJK.findall(text) if len(run) >= low]
    if not runs:
        return None
    run = rng.choice(runs)
    length = rng.randint(low, min(high, len(run)))
    start = rng.randint(0, len(run) - length)
    return run[start:start + length]


def _query(kind: str, rng: random.Random, texts: list[str]) -> str | None:
    text = rng.choice(texts)
    if kind == "cjk3":
        return _cjk_substring(rng, text, 3, 6)
    if kind == "cjk12":
        return _cjk_substring(rng, text, 1, 2)
    if kind == "english":
        model = rng.choice(rng.choice(BRANDS)[3])
        cut = rng.randint(max(3, len(model) // 2), len(model))
        return rng.choice([str.lower, str.upper, str])(model[:cut])
    if kind == "mixed":
        for _attempt in range(20):
            start = rng.randrange(max(1, len(text) - 8))
            window = text[start:start + rng.randint(4, 10)]
            if any(ord(char) > 0x2e80 for char in window) and any(char.isascii() and char.isalnum()
                                                                  for char in window):
                return window
        return None
    return rng.choice(["量子手机", "冰箱贴纸 xyz", "zq9 不存在", "火星车 2099", "飞艇"]) + f" {rng.randint(0, 999)}"


def workload(texts: list[str], count: int = QUERIES, seed: int = SEED) -> list[tuple[str, str]]:
    """(kind, query) in the BENCHMARKS.md mix, deterministic."""
    rng = random.Random(seed + 1)
    queries: list[tuple[str, str]] = []
    for kind, share in MIX:
        wanted = round(count * share)
        while sum(1 for existing, _ in queries if existing == kind) < wanted:
            query = _query(kind, rng, texts)
            if query:
                queries.append((kind, query))
    return queries


# --- loading and the index ------------------------------------------------------------------------------------

COLUMNS = ("listing_id", "text", "grams", "category_id", "grade", "price", "district_code", "channel",
           "seller_kind", "attributes")


INSERT = ("INSERT INTO listings_searchentry (listing_id, text, grams, category_id, grade, price, district_code, "
          "channel, seller_kind, attributes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")


def _row(listing_id: int, text: str) -> tuple[Any, ...]:
    from recirc.listings.search import cjk_grams

    return (listing_id, text, cjk_grams(text), 1, "", Decimal(100 + listing_id % 9000), "330106", "both",
            "operator", "{}")


def load(rows: list[tuple[int, str]]) -> float:
    """Empty the search table, drop its index, insert the rows, build the index; the build's seconds."""
    from django.db import connection, transaction

    from recirc.listings.migrations import _search_ddl as ddl

    vendor = connection.vendor
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in ddl.DROP[vendor]:
            cursor.execute(statement)
        cursor.execute("DELETE FROM listings_searchentry")
        batch = [_row(listing_id, text) for listing_id, text in rows]
        if vendor == "postgresql":
            with cursor.cursor.copy(f"COPY listings_searchentry ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
        else:
            cursor.executemany(INSERT,
                               [(*row[:5], str(row[5]), *row[6:]) for row in batch])
        started = time.perf_counter()
        for statement in ddl.BUILD[vendor]:
            cursor.execute(statement)
        built = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if vendor == "sqlite" else "ANALYZE listings_searchentry")
    return built


def brute_force(texts: dict[int, str], query: str) -> set[int]:
    from recirc.listings.search import normalise

    needle = normalise(query)
    return {listing_id for listing_id, text in texts.items() if needle in text}


def _p99(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.99 * len(ordered)) - 1))]


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    answer = function()
    return (time.perf_counter() - started) * 1000, answer


def _api_times(queries: list[tuple[str, str]]) -> list[float]:
    from django.test import Client

    client = Client()
    client.get("/api/v1/listings/search", {"q": "warm-up"})  # the first request imports and caches; not timed
    times = []
    for _kind, query in queries:
        elapsed, response = _timed(lambda query=query: client.get("/api/v1/listings/search", {"q": query}))
        if response.status_code != 200:
            raise AssertionError(f"API answered {response.status_code} to {query!r}")
        times.append(elapsed)
    return times


def run(size: int, *, api: bool = True) -> dict[str, Any]:
    """Load, build, query; the measures and the invariants as a plain dict (JSON between processes)."""
    from django.db import connection

    from recirc.listings.browse import first_page_ids, matching_listing_ids

    rows = generate(size)
    build_seconds = load(rows)
    texts = dict(rows)
    queries = workload([text for _listing_id, text in rows])
    times: dict[str, list[float]] = {kind: [] for kind, _share in MIX}
    misses: list[str] = []
    for kind, query in queries:
        elapsed, _answer = _timed(lambda query=query: first_page_ids(query))
        times[kind].append(elapsed)
        if matching_listing_ids(query) != brute_force(texts, query):
            misses.append(query)
    errors: list[str] = []
    for query in HOSTILE:
        try:
            if matching_listing_ids(query) != brute_force(texts, query):
                misses.append(query)
            first_page_ids(query)
        except Exception as error:  # the invariant: no input raises
            errors.append(f"{query[:20]!r}: {error}")
    long_times = times["cjk3"] + times["english"] + times["mixed"] + times["nohit"]
    api_times = _api_times(queries) if api else []
    return {"vendor": connection.vendor, "size": size, "queries": len(queries), "build_seconds": build_seconds,
            "p99_3plus_ms": _p99(long_times), "p99_short_ms": _p99(times["cjk12"]),
            "median_3plus_ms": statistics.median(long_times), "api_p99_ms": _p99(api_times),
            "misses": misses[:10], "miss_count": len(misses), "errors": errors[:10], "error_count": len(errors),
            "hits_checked": len(queries) + len(HOSTILE)}


def _sqlite_in_subprocess(size: int) -> dict[str, Any]:
    path = Path("/tmp/recirc_bench_b2.sqlite3")  # noqa: S108  (a scratch database of the run)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    done = subprocess.run([sys.executable, "-m", "bench.b2_search", "--sqlite", str(size)], env=env,
                          check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _gate(result: BenchResult, label: str, measured: dict[str, Any]) -> None:
    per_million = measured["build_seconds"] * 1_000_000 / measured["size"]
    for key in ("build_seconds", "p99_3plus_ms", "median_3plus_ms", "p99_short_ms", "api_p99_ms", "miss_count",
                "error_count"):
        result.measures[f"{label} {key}"] = round(measured[key], 2) if isinstance(measured[key], float) \
            else measured[key]
    result.gate(f"{label} in-database p99 >= 3 chars (ms)", measured["p99_3plus_ms"], "<=", 30)
    result.gate(f"{label} 1-2 char p99 (ms)", measured["p99_short_ms"], "<=", 300)
    result.gate(f"{label} index build per 1M (s)", per_million, "<=", 60)
    if measured["api_p99_ms"]:
        result.gate(f"{label} API p99 via test client (ms)", measured["api_p99_ms"], "<=", 50)
    result.invariants[f"{label}: recall 100 % vs brute force ({measured['hits_checked']} queries)"] = \
        measured["miss_count"] == 0
    result.invariants[f"{label}: hostile syntax never errors"] = measured["error_count"] == 0


def measure(size: int, *, sqlite: bool = True, api: bool = True) -> BenchResult:
    """On the configured database (PostgreSQL under `python -m bench`), then SQLite in a subprocess."""
    result = BenchResult(name="b2_search", size=f"{size} listings, {QUERIES} queries")
    here = run(size, api=api)
    _gate(result, here["vendor"], here)
    if sqlite and here["vendor"] != "sqlite":
        _gate(result, "sqlite", _sqlite_in_subprocess(size))
    return result


def _main() -> None:
    size = int(sys.argv[sys.argv.index("--sqlite") + 1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recirc.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(json.dumps(run(size), default=str))


if __name__ == "__main__":
    _main()
