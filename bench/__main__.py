"""`make bench`: run the benchmarks on a fresh PostgreSQL database, write bench/results/*.json, gate on ratios.

Usage: python -m bench [b6] [--smoke]
"""

from __future__ import annotations

import argparse
import sys

from bench import b3_register, b6_chain
from bench.database import pgbench_baselines, setup_django
from bench.harness import BenchResult, print_table

SIZES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "b3": ((1_000_000, 10_000, 10_000), (100_000, 1_000, 1_000)),
    "b6": ((200_000,), (5_000,)),
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", default=sorted(SIZES), help="benchmarks to run (default: all)")
    parser.add_argument("--smoke", action="store_true", help="CI-sized run")
    options = parser.parse_args()
    unknown = set(options.names) - set(SIZES)
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    baselines = pgbench_baselines(seconds=5 if options.smoke else 10)
    setup_django()
    results: list[BenchResult] = []
    for name in options.names:
        full, smoke = SIZES[name]
        sizes = smoke if options.smoke else full
        if name == "b6":
            results.append(b6_chain.measure(*sizes))
        elif name == "b3":
            results.append(b3_register.measure(*sizes, baseline_write_tps=baselines["BL-db-write tps"]))
    for result in results:
        result.write()
    print_table(results)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
