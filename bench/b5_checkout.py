"""B5 checkout + ledger: concurrent checkouts with idempotency keys, duplicates, replays with another body, and
worker processes killed (SIGKILL) at random moments.

Each request is a checkout followed by its payment (the local provider's signed notification), each through the
trade services exactly as the API calls them: `idempotent(scope, buyer, key, body, work)` around
`checkout_place` and `payment_pay_local`. Workers are separate processes (multiprocessing, fork), each with its
own database connection; every key is sent 1-3 times at once (the copies sit next to each other in the queue, so
different workers take them together); 10 % of the keys contest a listing with another key (one must lose);
5 % are replayed afterwards with the same key and another body (each must answer 422). A killer SIGKILLs a
random worker at random moments and starts a new one; the client re-sends whatever had no answer, with the same
key, as a real client retries.

Gates (BENCHMARKS.md): exactly one checkout (one order: one seller) per successful key and none for a refused
one; another body with the same key answers 422; every ledger transaction sums to 0 and balances equal entries;
stock never negative (no item sold twice, no listing both sold and reserved elsewhere); no partial rows;
checkout/s over BL-db-tpcb >= 0.05; p99 <= 250 ms.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from bench.harness import BenchResult

SEED = 20261205
ADDRESS = "浙江省杭州市西湖区文三路 90 号 3 幢 501"


@dataclass(frozen=True)
class Task:
    number: int
    key: str
    buyer_id: int
    listing_ids: tuple[int, ...]
    fulfilment: str = "shipping"

    def body(self) -> dict[str, Any]:
        return {"lines": [[listing_id, 1] for listing_id in self.listing_ids], "fulfilment": self.fulfilment,
                "address": ADDRESS}


@dataclass
class Outcome:
    answers: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # task number -> answers
    replays: list[str] = field(default_factory=list)  # codes answered to the different-body replays
    seconds: float = 0.0
    kills: int = 0
    resent: int = 0


# --- data --------------------------------------------------------------------------------------------------

def build(checkouts: int, *, rng: random.Random, buyers: int = 100) -> list[Task]:
    """An operator with an outlet and a clerk, consumers, and one published listing (with its sealed disclosure)
    per checkout; 10 % of the checkouts also want a listing another checkout wants."""
    from recirc.core.roles import Role
    from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
    from recirc.trade.tests.factories import published, stock_item

    operator = OperatorFactory(name="B5 循环商行", credit_code=f"91330106B5{uuid.uuid4().hex[:8].upper()}")
    outlet = OutletFactory(operator=operator, name="B5 门店")
    clerk = staff_member(operator, outlet=outlet, username=f"b5.clerk.{uuid.uuid4().hex[:6]}")
    people = [UserFactory(role=Role.CONSUMER, username=f"b5.buyer.{uuid.uuid4().hex[:8]}") for _ in range(buyers)]
    listings = [published(stock_item(operator, outlet, title=f"B5 羽绒服 {number}"),
                          price=f"{rng.randint(20, 900)}.{rng.randint(0, 99):02d}", creator=clerk, outlet=outlet).pk
                for number in range(checkouts)]
    tasks = []
    for number in range(checkouts):
        wanted = [listings[number]]
        if rng.random() < 0.10:
            wanted.append(listings[rng.randrange(checkouts)])
        tasks.append(Task(number=number, key=f"b5-{uuid.uuid4().hex}", buyer_id=rng.choice(people).pk,
                          listing_ids=tuple(sorted(set(wanted)))))
    return tasks


# --- one request -------------------------------------------------------------------------------------------

def checkout_and_pay(task: Task, body: dict[str, Any]) -> dict[str, Any]:
    """What a client does: POST /checkouts (Idempotency-Key) then POST /payments/<ref>/pay (Idempotency-Key)."""
    from django.contrib.auth import get_user_model

    from recirc.core.errors import DomainError
    from recirc.trade import checkout, paying
    from recirc.trade.idempotency import idempotent

    buyer = get_user_model().objects.get(pk=task.buyer_id)
    lines = [checkout.CheckoutLine(listing_id=listing_id, version_seen=version) for listing_id, version in
             body["lines"]]

    def place() -> tuple[int, dict[str, Any]]:
        placed = checkout.checkout_place(actor=buyer, lines=lines, fulfilment=body["fulfilment"],
                                         address=body["address"])
        return 201, {"checkout_id": placed.pk, "reference": placed.payment.provider_reference}

    def pay(reference: str) -> tuple[int, dict[str, Any]]:
        payment = paying.payment_pay_local(actor=buyer, reference=reference)
        return 200, {"payment_id": payment.pk, "state": payment.state}

    began = time.perf_counter()
    try:
        placed = idempotent(scope="checkout", actor=buyer, key=task.key, body=body, work=place)
    except DomainError as error:
        return {"code": error.code, "ms": [(time.perf_counter() - began) * 1000]}
    middle = time.perf_counter()
    reference = placed.body["reference"]
    try:
        paid = idempotent(scope="pay", actor=buyer, key=f"{task.key}:pay", body={"reference": reference},
                          work=lambda: pay(reference))
    except DomainError as error:
        return {"code": error.code, "checkout_id": placed.body["checkout_id"],
                "ms": [(middle - began) * 1000, (time.perf_counter() - middle) * 1000]}
    return {"code": "ok", "checkout_id": placed.body["checkout_id"], "payment": paid.body["state"],
            "ms": [(middle - began) * 1000, (time.perf_counter() - middle) * 1000]}


def _work(connection: Any) -> None:
    """A worker: one request at a time from its own pipe (a SIGKILL then breaks only this pipe). Between requests
    it does what Django does at the end of a request: closes the database connection unless DB_CONN_MAX_AGE
    (0 by default: every request connects anew) keeps it open."""
    from django.db import close_old_connections, connections

    connections.close_all()  # never share the parent's socket
    while True:
        item = connection.recv()
        if item is None:
            return
        sequence, task, body = item
        try:
            answer = checkout_and_pay(task, body)
        except Exception as error:  # a broken request is a result: the invariants judge it
            answer = {"code": f"error:{type(error).__name__}:{error}"[:200], "ms": []}
        finally:
            close_old_connections()
        connection.send((sequence, task.number, answer))


# --- the run -----------------------------------------------------------------------------------------------

@dataclass
class Worker:
    process: Any
    connection: Any
    busy: tuple[int, Task, dict[str, Any]] | None = None


def _start(context: Any) -> Worker:
    parent, child = context.Pipe()
    process = context.Process(target=_work, args=(child,), daemon=True)
    process.start()
    child.close()
    return Worker(process=process, connection=parent)


def _copies(tasks: list[Task], rng: random.Random) -> list[tuple[int, Task, dict[str, Any]]]:
    """Each key 1-3 times, the copies next to each other so that several free workers take them at once."""
    sent, sequence = [], 0
    for task in tasks:
        for _copy in range(rng.randint(1, 3)):
            sent.append((sequence, task, task.body()))
            sequence += 1
    return sent


def _kill(pool: list[Worker], victim: int, waiting: list[Any], context: Any) -> None:
    """SIGKILL one worker; the client re-sends its unanswered request (same key, same body)."""
    worker = pool[victim]
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.join()
    if worker.busy is not None:
        waiting.insert(0, worker.busy)
    pool[victim] = _start(context)


def run(tasks: list[Task], *, workers: int, kills: int, rng: random.Random, deadline_s: float = 1800) -> Outcome:
    from multiprocessing.connection import wait

    from django.db import connections

    connections.close_all()
    context = mp.get_context("fork")
    pool = [_start(context) for _ in range(workers)]
    waiting = _copies(tasks, rng)
    total = len(waiting)
    outcome, done = Outcome(), 0
    kill_at = sorted(rng.sample(range(1, max(total, kills + 1)), kills))
    began = time.perf_counter()
    while done < total and time.perf_counter() - began < deadline_s:
        for worker in pool:
            if worker.busy is None and waiting:
                worker.busy = waiting.pop(0)
                worker.connection.send(worker.busy)
        while kill_at and done >= kill_at[0]:
            kill_at.pop(0)
            busy = [index for index, worker in enumerate(pool) if worker.busy is not None]
            _kill(pool, rng.choice(busy or list(range(len(pool)))), waiting, context)
            outcome.kills += 1
            outcome.resent += 1 if busy else 0
        for ready in wait([worker.connection for worker in pool], timeout=1.0):
            worker = next(w for w in pool if w.connection is ready)
            try:
                _sequence, number, answer = ready.recv()
            except (EOFError, OSError):
                continue
            worker.busy = None
            done += 1
            outcome.answers.setdefault(number, []).append(answer)
    outcome.seconds = time.perf_counter() - began
    for worker in pool:
        worker.connection.send(None)
        worker.process.join(timeout=30)
    return outcome


def warm_up(task: Task) -> int:
    """One checkout in the parent before the workers fork: imports, translation catalogues and caches are then
    warm in every worker (the first request of a cold process costs seconds and is not what is measured)."""
    return int(checkout_and_pay(task, task.body())["checkout_id"])


def replay_with_other_bodies(tasks: list[Task], outcome: Outcome, rng: random.Random) -> list[str]:
    """5 % of the keys that placed a checkout, again with the same key and another body: each must answer 422."""
    from recirc.core.errors import DomainError

    placed = [task for task in tasks if any(a["code"] == "ok" for a in outcome.answers.get(task.number, []))]
    codes = []
    for task in rng.sample(placed, min(len(placed), max(1, len(tasks) // 20))):
        other = {**task.body(), "fulfilment": "pickup", "address": ""}
        try:
            answer = checkout_and_pay(task, other)
            codes.append(str(answer["code"]))
        except DomainError as error:  # pragma: no cover - checkout_and_pay answers codes
            codes.append(error.code)
    return codes


# --- invariants --------------------------------------------------------------------------------------------

def invariants(tasks: list[Task], outcome: Outcome, *, warm_checkout: int | None = None) -> dict[str, bool]:
    from django.db.models import Count

    from recirc.items.models import Item, ItemState
    from recirc.listings.models import Listing
    from recirc.trade.ledger import ledger_verify
    from recirc.trade.models import Checkout, IdempotencyKey, LedgerTransaction, Order, OrderLine, Payment

    keys = {task.key for task in tasks}
    stored = {row.key: row for row in IdempotencyKey.objects.filter(scope="checkout", key__in=keys)}
    checkout_ids = {row.response.get("checkout_id") for row in stored.values()}
    answered_ok = {task.key for task in tasks if any(a["code"] == "ok" for a in outcome.answers.get(task.number, []))}
    answered_ids = {a.get("checkout_id") for answers in outcome.answers.values() for a in answers
                    if a.get("checkout_id")}
    orders_per_checkout = dict(Order.objects.values_list("checkout_id").annotate(count=Count("id")).order_by())
    sold_twice = OrderLine.objects.exclude(order__state__in=["cancelled"]).values("item_id").annotate(
        count=Count("id")).filter(count__gt=1).count()
    paid_items = set(OrderLine.objects.filter(order__paid_at__isnull=False).values_list("item_id", flat=True))
    check = ledger_verify()
    return {
        "exactly one checkout per successful key, none for a refused one":
            Checkout.objects.exclude(pk=warm_checkout).count() == len(stored) == len(checkout_ids)
            and answered_ok <= set(stored),
        "every answer of a key is the same checkout": answered_ids <= checkout_ids,
        "exactly one order per checkout (one seller)": set(orders_per_checkout.values()) <= {1},
        "every key was answered": all(outcome.answers.get(task.number) for task in tasks),
        "another body with the same key answers 422": bool(outcome.replays) and set(outcome.replays) == {
            "trade.idempotency_mismatch"},
        "every ledger transaction sums to 0": not check.unbalanced and not check.empty and check.total == 0,
        "balances equal entries": not check.drifted,
        "one ledger transaction per captured payment": LedgerTransaction.objects.filter(kind="payment_captured")
            .count() == Payment.objects.filter(state="captured").count(),
        "stock never negative (no item sold twice)": sold_twice == 0 and Item.objects.filter(
            pk__in=paid_items).exclude(state=ItemState.SOLD).count() == 0
            and Listing.objects.filter(status="sold").count() == len(paid_items),
        "no partial rows": not IdempotencyKey.objects.filter(status_code=200, response={}).exists()
            and not Order.objects.filter(lines__isnull=True).exists()
            and not Checkout.objects.filter(orders__isnull=True).exists()
            and Order.objects.filter(paid_at__isnull=False, state="pending_payment").count() == 0,
    }


def measure(checkouts: int, *, baseline_tpcb_tps: float, workers: int = 4, kills: int = 10) -> BenchResult:
    rng = random.Random(SEED)
    result = BenchResult(name="b5_checkout_ledger",
                         size=f"{checkouts} checkouts, each sent 1-3 times, {workers} worker processes, {kills} kills")
    tasks = build(checkouts + 1, rng=rng)
    warm = warm_up(tasks.pop())
    outcome = run(tasks, workers=workers, kills=kills, rng=rng)
    outcome.replays = replay_with_other_bodies(tasks, outcome, rng)
    latencies = sorted(ms for answers in outcome.answers.values() for answer in answers for ms in answer["ms"])
    p99 = latencies[max(int(len(latencies) * 0.99) - 1, 0)] if latencies else float("inf")
    codes = [answer["code"] for answers in outcome.answers.values() for answer in answers]
    succeeded = sum(1 for task in tasks if any(a["code"] == "ok" for a in outcome.answers.get(task.number, [])))
    rate = succeeded / outcome.seconds if outcome.seconds else 0.0
    result.measures = {
        "keys": len(tasks), "requests sent": sum(len(a) for a in outcome.answers.values()),
        "checkouts paid": succeeded, "refused (contested listing)": codes.count("trade.listing_unavailable"),
        "errors": sorted({code for code in codes if code.startswith("error")})[:5],
        "workers killed": outcome.kills, "requests re-sent after kills": outcome.resent,
        "seconds": round(outcome.seconds, 1), "checkouts/s": round(rate, 1),
        "request p50 (ms)": round(statistics.median(latencies), 1) if latencies else None,
        "request p99 (ms)": round(p99, 1)}
    result.baselines = {"BL-db-tpcb tps": baseline_tpcb_tps}
    result.invariants.update(invariants(tasks, outcome, warm_checkout=warm))
    result.invariants["no request failed with an unexpected error"] = not any(c.startswith("error") for c in codes)
    result.gate("checkout/s over BL-db-tpcb", rate / baseline_tpcb_tps if baseline_tpcb_tps else 0.0, ">=", 0.05)
    result.gate("request p99 ms", p99, "<=", 250)
    return result


