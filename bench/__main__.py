"""`make bench`: run the benchmarks on a fresh PostgreSQL database, write bench/results/*.json, gate on ratios.

Usage: python -m bench [b1] [b2] [b3] [b4] [b5] [b6] [b7] [valuation] [screening] [--smoke]

The database benchmarks (b3, b6) get a fresh PostgreSQL database with the pgbench baselines measured beside
them; when only benchmarks without a database are asked for (valuation, screening), neither is set up.
"""

from __future__ import annotations

import argparse
import sys

from bench import (
    b1_http,
    b2_search,
    b3_register,
    b4_auction,
    b5_checkout,
    b6_chain,
    b7_statistics,
    b_screening,
    b_valuation,
)
from bench.database import pgbench_baselines, setup_django
from bench.harness import BenchResult, print_table

SIZES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "b1": ((20_000, 10), (2_000, 2)),  # (published listings, seconds of wrk per endpoint)
    "b2": ((1_000_000,), (20_000,)),  # listings in the search table (SQLite runs in a subprocess)
    "b3": ((1_000_000, 10_000, 10_000), (100_000, 1_000, 1_000)),
    "b4": ((64, 100, 10), (16, 100, 10)),  # (bidders, cold auctions, seconds of bidding before the capped end)
    "b5": ((2_000,), (200,)),  # checkouts (each sent 1-3 times, 10 worker kills)
    "b6": ((200_000,), (5_000,)),
    "b7": ((10_000_000, 2_000_000), (1_000_000, 200_000)),  # (transactions, registrations)
    "valuation": ((), ()),  # the whole public data set; --smoke uses the quick hyper-parameter search
    "screening": ((), ()),  # the whole labelled set (bench/data/screening_set.json) either way: it takes seconds
}
NEEDS_DATABASE = frozenset({"b1", "b2", "b3", "b4", "b5", "b6", "b7"})


def _valuation(smoke: bool) -> BenchResult | None:
    if not b_valuation.DATA.is_file():
        print(f"valuation: skipped: {b_valuation.MISSING_MESSAGE}", file=sys.stderr)
        return None
    from recirc.valuation.learning import SearchGrid

    return b_valuation.measure(SearchGrid.quick() if smoke else None)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", default=sorted(SIZES), help="benchmarks to run (default: all)")
    parser.add_argument("--smoke", action="store_true", help="CI-sized run")
    options = parser.parse_args()
    unknown = set(options.names) - set(SIZES)
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    baselines: dict[str, float] = {}
    if NEEDS_DATABASE & set(options.names):
        baselines = pgbench_baselines(seconds=5 if options.smoke else 10)
        setup_django()
    results: list[BenchResult] = []
    for name in options.names:
        full, smoke = SIZES[name]
        sizes = smoke if options.smoke else full
        if name == "b6":
            results.append(b6_chain.measure(*sizes))
        elif name == "b1":
            results.append(b1_http.measure(*sizes))
        elif name == "b2":
            results.append(b2_search.measure(*sizes))
        elif name == "b3":
            results.append(b3_register.measure(*sizes, baseline_write_tps=baselines["BL-db-write tps"]))
        elif name == "b4":
            results.append(b4_auction.measure(*sizes))
        elif name == "b5":
            results.append(b5_checkout.measure(*sizes, baseline_tpcb_tps=baselines["BL-db-tpcb tps"]))
        elif name == "b7":
            results.append(b7_statistics.measure(*sizes))
        elif name == "valuation" and (result := _valuation(options.smoke)) is not None:
            results.append(result)
        elif name == "screening":
            results.append(b_screening.measure())
    for result in results:
        result.write()
    print_table(results)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
