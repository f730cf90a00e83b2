"""A small run of the screening benchmark (bench/b_screening.py) and checks of its labelled set: written for the
project, at least 500 Chinese and English listings, every taxonomy category, disguised spellings, and the file
is exactly what bench/screening_set.py generates (deterministic). The full run is `make bench`'s business."""

from __future__ import annotations

import json
from collections import Counter

from bench import b_screening, screening_set

from recirc.moderation.taxonomy import default_spec


def test_the_labelled_set_is_the_generated_one_and_covers_what_benchmarks_md_asks() -> None:
    # Given the stored set and a fresh generation
    stored = b_screening.load()
    # Then they are identical, large enough, in both languages, with every category and disguise
    assert stored == json.loads(json.dumps(screening_set.build(), ensure_ascii=False))
    labels = Counter(item["label"] for item in stored)
    assert len(stored) >= 500 and labels["prohibited"] >= 250 and labels["clean"] >= 250
    assert {item["lang"] for item in stored} == {"zh", "en"}
    assert {category.code for category in default_spec().categories} <= {
        item["category"] for item in stored if item["label"] == "prohibited"}
    assert {"spaced", "zero_width", "full_width", "traditional", "pinyin", "homophone", "leet"} <= {
        item["disguise"] for item in stored if item["label"] == "prohibited"}
    assert {item["split"] for item in stored} == {"dev", "test", "holdout"}
    assert "刀叉" in "".join(item["title"] for item in stored if item["label"] == "clean")


def test_a_small_run_reports_gates_invariants_and_throughput() -> None:
    # Given every fifth listing of the set
    items = b_screening.load()[::5]
    # When the benchmark measures them
    result = b_screening.measure(items, single_sample=10)
    # Then the gates are the two of BENCHMARKS.md, and both hold on this sample too
    assert [gate.name for gate in result.gates] == ["recall on prohibited", "false-positive rate on clean"]
    assert all(gate.passed for gate in result.gates)
    assert result.invariants == {
        "at least 500 listings, Chinese and English": False,  # a sample of the set, not the set
        "every taxonomy category present among prohibited": True,
        "every verdict has reasons unless it allows": True,
    }
    assert result.measures["listings/s, lexicon + attributes + price"] > 0
    assert result.measures["listings/s, one at a time with the semantic pass"] > 0
