"""B5 at a CI size on PostgreSQL: 40 keys sent 1-3 times by 3 worker processes, 2 of them killed (SIGKILL) mid-run,
2 keys replayed with another body. Only the invariants gate here (times are the full benchmark's)."""

from __future__ import annotations

import random

import pytest
from bench import b5_checkout
from django.db import connection

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL and worker processes"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_b5_invariants_hold_under_duplicates_replays_and_kills() -> None:
    rng = random.Random(b5_checkout.SEED)
    tasks = b5_checkout.build(40, rng=rng, buyers=8)
    outcome = b5_checkout.run(tasks, workers=3, kills=2, rng=rng, deadline_s=300)
    outcome.replays = b5_checkout.replay_with_other_bodies(tasks, outcome, rng)
    held = b5_checkout.invariants(tasks, outcome)
    assert held == dict.fromkeys(held, True)
    assert (outcome.kills, len(outcome.replays)) == (2, 2)
    codes = {answer["code"] for answers in outcome.answers.values() for answer in answers}
    assert codes <= {"ok", "trade.listing_unavailable"}
