"""B4 auction stampede: one hot and 100 cold English auctions, concurrent bidders over HTTP (the production
server, bearer tokens, `Idempotency-Key` on every bid), 20 % of requests retried with the same key and body,
the hot auction's last seconds inside its anti-sniping window, bidding going on past the capped end; then a
naive read-modify-write variant of the bid (no row lock) under the same kind of load, which must fail.

Gates (BENCHMARKS.md): zero violations: accepted bids == the auction's bid count; the final price follows the
proxy rule (replaying the stored bids through the engine gives the stored state and every bid's price); every
accepted bid beats the previous price by the increment; one answer per request and retries answered
identically; nothing accepted after the close; extensions obey the cap. The naive control MUST fail. HTTP
bid requests/s over raw SQL `SELECT ... FOR UPDATE` tps (pgbench, same clients) >= 0.20; p99 <= 100 ms.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import multiprocessing as mp
import random
import statistics
import threading
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bench.harness import BenchResult

SEED = 20261204
HOT_SHARE = 0.8  # of bid requests on the hot auction
RETRY_SHARE = 0.2
WINDOW_SHARE = 0.2  # the last fifth of the run is inside the hot auction's anti-sniping window
CAP_SECONDS = 1.5  # the hot auction's longest extension; bidding goes on past it
PROCESSES = 2
BASELINE_SQL = """BEGIN;
SELECT price FROM b4_auction WHERE id = 1 FOR UPDATE;
UPDATE b4_auction SET price = price + 1, bids = bids + 1 WHERE id = 1;
INSERT INTO b4_bid (auction_id, price) VALUES (1, 1);
END;
"""


@dataclass(frozen=True)
class World:
    hot: str
    cold: tuple[str, ...]
    tokens: tuple[str, ...]


# --- the world ---------------------------------------------------------------------------------------------------

def build(bidders: int, cold: int, seconds: float) -> World:
    """An operator's 1 + `cold` published listings put up for auction, and bidders with API tokens. The hot
    auction's scheduled end falls at 80 % of the run (window: the last 20 %); the cold ones end in an hour."""
    from django.utils import timezone

    from recirc.accounts.services import api_token_create
    from recirc.auctions import services
    from recirc.core.roles import Role
    from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
    from recirc.trade.tests.factories import published, stock_item

    tag = uuid.uuid4().hex[:6]
    operator = OperatorFactory(name="B4 拍卖行", credit_code=f"91330106B4{tag.upper()}00")
    outlet = OutletFactory(operator=operator, name="B4 门店")
    manager = staff_member(operator, role=Role.OPERATOR_MANAGER, outlet=outlet, username=f"b4.boss.{tag}")
    listings = [published(stock_item(operator, outlet, title=f"B4 羽绒服 {number}"), price="300.00",
                          creator=manager, outlet=outlet).pk for number in range(cold + 1)]
    tokens = []
    for number in range(bidders):
        user = UserFactory(role=Role.CONSUMER, username=f"b4.bidder.{tag}.{number}")
        tokens.append(api_token_create(actor=user, name="B4")[1])
    now = timezone.now()
    window = dt.timedelta(seconds=seconds * WINDOW_SHARE)
    codes = []
    for index, listing_id in enumerate(listings):
        hot = index == 0
        auction = services.auction_create(
            actor=manager, operator_id=operator.pk, listing_ids=[listing_id], title=f"B4 拍卖 {index}",
            starts_at=now - dt.timedelta(minutes=1),
            ends_at=now + (dt.timedelta(seconds=seconds * (1 - WINDOW_SHARE)) if hot else dt.timedelta(hours=1)),
            start_price="100", extension_window=window if hot else dt.timedelta(minutes=2),
            extension_cap=dt.timedelta(seconds=CAP_SECONDS) if hot else dt.timedelta(minutes=30))
        codes.append(auction.code)
    return World(hot=codes[0], cold=tuple(codes[1:]), tokens=tuple(tokens))


# --- the clients -------------------------------------------------------------------------------------------------

def _request(connection: http.client.HTTPConnection, method: str, path: str, token: str, body: Any = None,
             key: str | None = None) -> tuple[int, dict[str, Any], str]:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
               "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    if key:
        headers["Idempotency-Key"] = key
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    raw = response.read()
    return response.status, json.loads(raw) if raw else {}, response.getheader("Idempotent-Replayed") or ""


def _bidder(port: int, world: World, token: str, until: float, seed: int, out: list[dict[str, Any]]) -> None:
    """Bid until `until` (monotonic): mostly on the hot auction, at the last known minimum plus 0-3 steps;
    a refusal for being too low reads the auction again; 20 % of bids are sent twice with the same key."""
    from recirc.auctions.engine import increment_at

    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    minimum: dict[str, Decimal] = {}
    while time.monotonic() < until:
        code = world.hot if rng.random() < HOT_SHARE else rng.choice(world.cold)
        floor = minimum.get(code, Decimal("100"))
        maximum = floor + increment_at(floor) * rng.randint(0, 3)
        key, body = f"b4-{uuid.uuid4().hex}", {"maximum": str(maximum)}
        for attempt in range(2 if rng.random() < RETRY_SHARE else 1):
            sent = time.time()
            began = time.monotonic()
            try:
                status, answer, replayed = _request(connection, "POST", f"/api/v1/auctions/{code}/bids", token,
                                                    body, key)
            except (OSError, http.client.HTTPException, ValueError) as error:
                out.append({"key": key, "code": code, "attempt": attempt, "status": 0, "error": repr(error),
                            "ms": (time.monotonic() - began) * 1000, "sent": sent})
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            out.append({"key": key, "code": code, "attempt": attempt, "status": status, "answer": answer,
                        "replayed": replayed, "ms": (time.monotonic() - began) * 1000, "sent": sent})
            if status == 201:
                minimum[code] = Decimal(answer["minimum_next"])
            elif answer.get("code") == "auctions.bid_too_low":
                _status, current, _replayed = _request(connection, "GET", f"/api/v1/auctions/{code}", token)
                minimum[code] = Decimal(current.get("minimum_bid", floor))
    connection.close()


def _client_process(port: int, world: World, tokens: list[str], until_wall: float, seed: int,
                    queue: Any) -> None:
    until = time.monotonic() + (until_wall - time.time())
    records: list[dict[str, Any]] = []
    threads = [threading.Thread(target=_bidder, args=(port, world, token, until, seed * 1000 + index, records))
               for index, token in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(records)


def load(port: int, world: World, seconds: float) -> tuple[list[dict[str, Any]], float]:
    """All bidders for `seconds` plus the cap and a second past it (bids then must be refused as closed)."""
    context = mp.get_context("fork")
    queue = context.Queue()
    duration = seconds + CAP_SECONDS + 1.0
    until_wall = time.time() + duration
    shares = [list(world.tokens[index::PROCESSES]) for index in range(PROCESSES)]
    processes = [context.Process(target=_client_process, args=(port, world, share, until_wall, SEED + index, queue))
                 for index, share in enumerate(shares) if share]
    began = time.monotonic()
    for process in processes:
        process.start()
    records = [record for _process in processes for record in queue.get()]
    for process in processes:
        process.join()
    return records, time.monotonic() - began


# --- the invariants ----------------------------------------------------------------------------------------------

def _replays_exactly(auction: Any, bids: list[Any]) -> tuple[bool, bool]:
    """(the engine, fed the stored bids in order, gives the stored state and every stored price;
    every bid that changed hands or was answered by a proxy beat the previous price by the increment)."""
    from recirc.auctions import engine, services

    replay = services.state_of(auction)
    replay = engine.AuctionState(starts_at=replay.starts_at, ends_at=auction.scheduled_end,
                                 scheduled_end=replay.scheduled_end, extension_window=replay.extension_window,
                                 extension_cap=replay.extension_cap, start_price=replay.start_price,
                                 reserve_price=replay.reserve_price, increments=replay.increments)
    exact = steps = True
    for bid in bids:
        before = replay
        try:
            replay = engine.english_bid(replay, bidder_id=bid.bidder_id, maximum=bid.maximum,
                                       now=bid.placed_at).state
        except engine.BidRefused:
            return False, False
        exact = exact and replay.price == bid.price_after
        if before.price is not None and before.leader_id != bid.bidder_id:
            steps = steps and replay.price is not None and \
                replay.price >= before.price + engine.increment_at(before.price, before.increments)
    exact = exact and (replay.price, replay.leader_id, replay.leader_max, replay.bids, replay.ends_at) == (
        auction.price, auction.leader_id, auction.leader_max, auction.bid_count, auction.ends_at)
    return exact, steps


def _same_answer(first: dict[str, Any], again: dict[str, Any]) -> bool:
    """An accepted bid's retry gets the stored answer, marked replayed. A refused bid stored nothing (the client
    may correct and retry with the same key), so its retry is decided afresh: any answer will do."""
    if first["status"] == 201:
        return again["status"] == 201 and again.get("answer") == first["answer"] and again["replayed"] == "true"
    return again["status"] != 0


def invariants(world: World, records: list[dict[str, Any]]) -> dict[str, bool]:
    from recirc.auctions.models import Auction, Bid

    accepted = {record["key"]: record for record in records if record["status"] == 201
                and record.get("replayed") == "false"}
    by_key: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_key.setdefault(record["key"], []).append(record)
    retried = [copies for copies in by_key.values() if len(copies) == 2]
    identical = all(_same_answer(*copies) for copies in retried)
    auctions = {auction.code: auction for auction in Auction.objects.filter(code__in=[world.hot, *world.cold])}
    counted = exact = steps = after_close = capped = True
    for code, auction in auctions.items():
        bids = list(Bid.objects.filter(auction=auction).order_by("sequence"))
        wanted = sum(1 for record in accepted.values() if record["code"] == code)
        counted = counted and wanted == len(bids) == auction.bid_count and \
            [bid.sequence for bid in bids] == list(range(1, len(bids) + 1))
        replayed, stepped = _replays_exactly(auction, bids)
        exact, steps = exact and replayed, steps and stepped
        after_close = after_close and all(bid.placed_at < auction.ends_at for bid in bids)
        capped = capped and auction.ends_at <= auction.scheduled_end + auction.extension_cap
    hot = auctions[world.hot]
    late = [record for record in records if record["code"] == world.hot
            and record["sent"] > hot.ends_at.timestamp() + 0.2]
    return {
        "one answer per request (no transport errors)": all(record["status"] for record in records),
        "retries of accepted bids answered identically (the stored answer, marked replayed)": identical,
        "accepted bids == the auction's bid count (sequences 1..n)": counted,
        "final price follows the proxy rule (replay equals stored state and every price)": exact,
        "every accepted bid beats the previous price by the increment": steps,
        "nothing accepted after the close": after_close and all(
            record["status"] != 201 or record.get("replayed") == "true" for record in late),
        "extensions obey the cap": capped,
        "anti-sniping exercised (the hot auction was extended)": hot.extensions > 0,
        "bids refused after the capped end": any(record.get("answer", {}).get("code") == "auctions.closed"
                                                 for record in late if record["status"] == 409),
    }


# --- the negative control ----------------------------------------------------------------------------------------

def naive_bid(auction_id: int, bidder_id: int, maximum: Decimal) -> None:
    """The same rules without the row lock: read the auction, decide, write back (read-modify-write); the bid's
    sequence taken as the next free number, as a developer fixing the unique-constraint error would."""
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    from recirc.auctions import engine, services
    from recirc.auctions.models import Auction, Bid

    with transaction.atomic():
        auction = Auction.objects.get(pk=auction_id)
        outcome = engine.english_bid(services.state_of(auction), bidder_id=bidder_id, maximum=maximum,
                                     now=timezone.now())
        sequence = outcome.state.bids
        while True:
            try:
                with transaction.atomic():
                    Bid.objects.create(auction_id=auction_id, sequence=sequence, bidder_id=bidder_id, maximum=maximum,
                                       price_after=outcome.state.price, leading_after=outcome.leading)
                break
            except IntegrityError:
                sequence += 1
        Auction.objects.filter(pk=auction_id).update(price=outcome.state.price, leader_id=outcome.state.leader_id,
                                                     leader_max=outcome.state.leader_max,
                                                     bid_count=outcome.state.bids)


def naive_control(bidders: int, seconds: float) -> dict[str, Any]:
    """Threads bidding through `naive_bid` on one auction; the same invariants checked on it."""
    from django.db import connection
    from django.utils import timezone

    from recirc.auctions import engine
    from recirc.auctions.models import Auction, Bid
    from recirc.core.roles import Role
    from recirc.items.tests.factories import OperatorFactory, OutletFactory, UserFactory, staff_member
    from recirc.trade.tests.factories import published, stock_item

    tag = uuid.uuid4().hex[:6]
    operator = OperatorFactory(name="B4 对照", credit_code=f"91330106N4{tag.upper()}00")
    outlet = OutletFactory(operator=operator, name="B4 对照门店")
    manager = staff_member(operator, role=Role.OPERATOR_MANAGER, outlet=outlet, username=f"b4.naive.{tag}")
    listing = published(stock_item(operator, outlet, title="B4 对照"), price="300.00", creator=manager, outlet=outlet)
    users = [UserFactory(role=Role.CONSUMER, username=f"b4.naive.{tag}.{number}").pk for number in range(bidders)]
    from recirc.auctions import services

    now = timezone.now()
    auction = services.auction_create(actor=manager, operator_id=operator.pk, listing_ids=[listing.pk],
                                      title="B4 对照", starts_at=now - dt.timedelta(minutes=1),
                                      ends_at=now + dt.timedelta(hours=1), start_price="100")
    until = time.monotonic() + seconds
    answered = []
    lock = threading.Lock()

    def bidder(user_id: int, seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < until:
            current = Auction.objects.get(pk=auction.pk)
            floor = services.state_of(current).minimum_bid()
            try:
                naive_bid(auction.pk, user_id, floor + engine.increment_at(floor) * rng.randint(0, 3))
                with lock:
                    answered.append(user_id)
            except engine.BidRefused:
                pass
        connection.close()

    threads = [threading.Thread(target=bidder, args=(user_id, index)) for index, user_id in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    auction.refresh_from_db()
    bids = list(Bid.objects.filter(auction=auction).order_by("sequence"))
    exact, steps = _replays_exactly(auction, bids)
    counted = len(answered) == len(bids) == auction.bid_count
    return {"accepted": len(answered), "bid rows": len(bids), "bid count": auction.bid_count,
            "failed": not (counted and exact and steps)}


# --- the baseline and the run ------------------------------------------------------------------------------------

def for_update_baseline(clients: int, seconds: int = 5) -> float:
    """Raw SQL: lock the hot row, update it, insert a bid row, commit; pgbench with the same client count."""
    from bench.database import PGBENCH_DB, _pg, _tps

    _pg("psql", "-q", "-d", PGBENCH_DB, "-c",
        "DROP TABLE IF EXISTS b4_bid; DROP TABLE IF EXISTS b4_auction; "
        "CREATE TABLE b4_auction (id int primary key, price numeric(12,2), bids int); "
        "INSERT INTO b4_auction VALUES (1, 100, 0); "
        "CREATE TABLE b4_bid (id bigserial primary key, auction_id int references b4_auction, price numeric(12,2))")
    script = "/tmp/recirc_bench_b4.sql"  # noqa: S108  (a scratch file for pgbench)
    with open(script, "w") as handle:
        handle.write(BASELINE_SQL)
    return _tps(_pg("pgbench", "-n", "-f", script, f"-c{clients}", "-j2", f"-T{seconds}", PGBENCH_DB).stdout)


def measure(bidders: int, cold: int = 100, seconds: float = 10.0) -> BenchResult:
    from bench.database import BENCH_DB, database_url
    from bench.http_server import gunicorn
    from recirc.auctions.services import auctions_close_due

    result = BenchResult(name="b4_auction_stampede",
                         size=f"1 hot + {cold} cold auctions, {bidders} bidders, {seconds:.0f} s (+ cap and 1 s)")
    baseline = for_update_baseline(bidders)
    with gunicorn(database_url(BENCH_DB)) as server:
        world = build(bidders, cold, seconds)
        records, elapsed = load(server.port, world, seconds)
    auctions_close_due()
    held = invariants(world, records)
    control = naive_control(min(bidders, 16), 3.0)
    held["naive control fails (lost updates or a broken proxy replay)"] = control["failed"]
    latencies = sorted(record["ms"] for record in records)
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] if latencies else 0.0
    rate = len(records) / elapsed if elapsed else 0.0
    accepted = sum(1 for record in records if record["status"] == 201 and record.get("replayed") == "false")
    result.baselines["raw SQL FOR UPDATE tps"] = round(baseline, 1)
    result.measures.update({
        "bid requests": len(records), "accepted bids": accepted,
        "retries": sum(1 for record in records if record["attempt"] == 1),
        "bid requests/s": round(rate, 1), "p50 ms": round(statistics.median(latencies), 1) if latencies else 0,
        "p99 ms": round(p99, 1), "naive control": control})
    result.invariants.update(held)
    result.gate("bid requests/s over raw SQL FOR UPDATE tps", rate / baseline if baseline else 0.0, ">=", 0.20)
    result.gate("p99 ms", p99, "<=", 100.0)
    return result
