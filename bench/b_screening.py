"""Screening: the prohibited-goods screen on the labelled set written for Recirc (bench/data/screening_set.json,
made by `python -m bench.screening_set`), against BENCHMARKS.md: recall >= 95 % on prohibited listings and a
false-positive rate <= 2 % on clean ones. A listing counts as flagged when the verdict is "review" or "block".

The engine is the platform's own (`recirc.moderation.screening.Screener` on the default taxonomy in
src/recirc/moderation/data/taxonomy.toml, plus the semantic pass), run as the facade runs it. The gates are on
the "test" and "holdout" splits; "dev" (where thresholds were chosen) is reported beside them. Throughput is
stated three ways: the lexicon, attribute and price passes alone; with the semantic pass in batches (a
re-screen of existing listings); and one listing at a time with the semantic pass (a listing being saved).
Needs no database.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bench.harness import BenchResult

DATA = Path(__file__).resolve().parent / "data" / "screening_set.json"
GATED = ("test", "holdout")


def load() -> list[dict[str, Any]]:
    return json.loads(DATA.read_text())


def _screen(screener: Any, item: dict[str, Any]) -> Any:
    return screener.screen(title=item["title"], description=item["description"],
                           category_code=item["catalog_category"], brand=item["brand"], price=item["price"] or None,
                           attributes=item["attributes"])


def _rates(items: list[dict[str, Any]], flagged: list[bool]) -> dict[str, Any]:
    prohibited = [hit for item, hit in zip(items, flagged, strict=True) if item["label"] == "prohibited"]
    clean = [hit for item, hit in zip(items, flagged, strict=True) if item["label"] == "clean"]
    return {"prohibited": len(prohibited), "clean": len(clean),
            "recall": sum(prohibited) / len(prohibited) if prohibited else 0.0,
            "false_positive_rate": sum(clean) / len(clean) if clean else 0.0}


def measure(items: list[dict[str, Any]] | None = None, *, single_sample: int = 100) -> BenchResult:
    from recirc.moderation.screening import Screener
    from recirc.moderation.semantic import SemanticPass
    from recirc.moderation.taxonomy import default_spec

    items = load() if items is None else items
    started = time.perf_counter()
    screener, semantic = Screener(default_spec()), SemanticPass()
    semantic.scores(screener, ["warm-up"])  # loads the model and embeds the prototypes once
    build_seconds = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    verdicts = [_screen(screener, item) for item in items]
    lexicon_seconds, lexicon_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    scores = semantic.scores(screener, [f"{item['title']}。{item['description']}" for item in items])
    semantic_seconds, semantic_cpu = time.perf_counter() - started, time.process_time() - cpu
    semantic_flags = [bool(semantic.reasons_from_scores(screener, row)) for row in scores]
    flagged = [verdict.outcome != "allow" or extra for verdict, extra in zip(verdicts, semantic_flags, strict=True)]

    sample = items[:single_sample]
    started, cpu = time.perf_counter(), time.process_time()
    for item in sample:
        screener.screen(title=item["title"], description=item["description"], category_code=item["catalog_category"],
                        brand=item["brand"], price=item["price"] or None, attributes=item["attributes"],
                        semantic=semantic)
    single_seconds, single_cpu = time.perf_counter() - started, time.process_time() - cpu
    return _result(items, flagged, verdicts, {
        "build_seconds": build_seconds, "lexicon_seconds": lexicon_seconds, "lexicon_cpu": lexicon_cpu,
        "semantic_seconds": semantic_seconds, "semantic_cpu": semantic_cpu, "single_seconds": single_seconds,
        "single_cpu": single_cpu, "single_count": len(sample)})


def _result(items: list[dict[str, Any]], flagged: list[bool], verdicts: list[Any],
            timing: dict[str, float]) -> BenchResult:
    gated = [index for index, item in enumerate(items) if item["split"] in GATED]
    rates = _rates([items[i] for i in gated], [flagged[i] for i in gated])
    result = BenchResult(name="screening", size=f"{len(items)} listings ({rates['prohibited']} prohibited / "
                                                 f"{rates['clean']} clean gated)")
    lexicon_alone = _rates([items[i] for i in gated], [verdicts[i].outcome != "allow" for i in gated])
    result.measures.update({"recall (test+holdout)": round(rates["recall"], 4),
                            "false-positive rate (test+holdout)": round(rates["false_positive_rate"], 4),
                            "without the semantic pass: recall / false-positive rate": (
                                f"{lexicon_alone['recall']:.4f} / {lexicon_alone['false_positive_rate']:.4f}")})
    for split in ("dev", "test", "holdout"):
        chosen = [index for index, item in enumerate(items) if item["split"] == split]
        if chosen:
            split_rates = _rates([items[i] for i in chosen], [flagged[i] for i in chosen])
            result.measures[f"{split}: recall / false-positive rate"] = (
                f"{split_rates['recall']:.4f} / {split_rates['false_positive_rate']:.4f} "
                f"({split_rates['prohibited']} / {split_rates['clean']})")
    total = len(items)
    result.measures.update({
        "engine build + model load (s)": round(timing["build_seconds"], 2),
        "listings/s, lexicon + attributes + price": round(total / timing["lexicon_seconds"], 1),
        "CPU ms per listing, lexicon passes": round(1000 * timing["lexicon_cpu"] / total, 3),
        "listings/s, with the semantic pass (batched)": round(
            total / (timing["lexicon_seconds"] + timing["semantic_seconds"]), 1),
        "CPU ms per listing, semantic pass (batched)": round(1000 * timing["semantic_cpu"] / total, 3),
        "listings/s, one at a time with the semantic pass": round(
            timing["single_count"] / timing["single_seconds"], 1),
        "CPU ms per listing, one at a time with the semantic pass": round(
            1000 * timing["single_cpu"] / timing["single_count"], 2),
        "blocked / sent to review": f"{sum(v.outcome == 'block' for v in verdicts)} / "
                                    f"{sum(v.outcome == 'review' for v in verdicts)}",
    })
    result.gate("recall on prohibited", rates["recall"], ">=", 0.95)
    result.gate("false-positive rate on clean", rates["false_positive_rate"], "<=", 0.02)
    result.invariants.update({
        "at least 500 listings, Chinese and English": total >= 500 and {i["lang"] for i in items} == {"zh", "en"},
        "every taxonomy category present among prohibited": _all_categories_present(items),
        "every verdict has reasons unless it allows": all(v.outcome == "allow" or v.reasons for v in verdicts),
    })
    return result


def _all_categories_present(items: list[dict[str, Any]]) -> bool:
    from recirc.moderation.taxonomy import default_spec

    present = {item["category"] for item in items if item["label"] == "prohibited"}
    return {category.code for category in default_spec().categories} <= present
