"""Background work: the monthly draw of re-verification samples. Idempotent (one sample per operator and
month); runs eagerly in the embedded default."""

from __future__ import annotations

from celery import shared_task

from recirc.erasure.sampling import samples_draw_due


@shared_task(name="erasure.samples_draw")
def erasure_samples_draw(period: str | None = None, seed: int | None = None) -> int:
    """Draw every operator's sample of `period` (default: last month) not drawn yet; the number drawn."""
    return len(samples_draw_due(period=period, seed=seed))
