"""Results, gates and reporting shared by every benchmark."""

from __future__ import annotations

import json
import operator
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
_OPS: dict[str, Callable[[float, float], bool]] = {">=": operator.ge, "<=": operator.le, "==": operator.eq}


@dataclass
class Gate:
    """One target: `value op target`, e.g. ratio >= 0.8."""

    name: str
    value: float
    op: str
    target: float

    @property
    def passed(self) -> bool:
        return _OPS[self.op](self.value, self.target)


@dataclass
class BenchResult:
    name: str
    size: str
    measures: dict[str, Any] = field(default_factory=dict)
    baselines: dict[str, Any] = field(default_factory=dict)
    gates: list[Gate] = field(default_factory=list)
    invariants: dict[str, bool] = field(default_factory=dict)

    def gate(self, name: str, value: float, op: str, target: float) -> None:
        self.gates.append(Gate(name, round(float(value), 4), op, target))

    @property
    def passed(self) -> bool:
        return all(gate.passed for gate in self.gates) and all(self.invariants.values())

    def write(self) -> Path:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{self.name}.json"
        document = {**asdict(self), "passed": self.passed, "machine": platform.node(),
                    "gates": [{**asdict(gate), "passed": gate.passed} for gate in self.gates]}
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str))
        return path


def print_table(results: list[BenchResult]) -> None:
    width = max([len(g.name) for r in results for g in r.gates] + [len(k) for r in results for k in r.invariants]
                + [20])
    for result in results:
        print(f"\n{result.name} ({result.size}): {'PASS' if result.passed else 'FAIL'}")
        for key, value in result.measures.items():
            print(f"  {key:<{width}}  {value}")
        for key, value in result.baselines.items():
            print(f"  {'baseline ' + key:<{width}}  {value}")
        for gate in result.gates:
            mark = "ok " if gate.passed else "MISS"
            print(f"  [{mark}] {gate.name:<{width}}  {gate.value} {gate.op} {gate.target}")
        for key, held in result.invariants.items():
            print(f"  [{'ok ' if held else 'FAIL'}] {key}")
