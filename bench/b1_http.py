"""B1 HTTP ladder: a plain view, GET /api/v1/ping, a listing's detail (random listing), a page of 20 listings.

Gates (BENCHMARKS.md): detail/plain >= 0.35; page20/plain >= 0.25; detail p99 <= 20 ms at 16 connections; a
fixed query count per endpoint; worker RSS <= 150 MB. The ceiling (BL-http) is measured in the same run,
right before the endpoints, against the same server: gunicorn with 2 sync workers and production settings
(`bench/settings_b1.py` adds the plain view at /bench/plain; the middleware stack is the project's, and the
view makes it do no work: no session, no user, no database).

The endpoints are the public JSON API of listings, as anonymous buyers call it:
- detail: `GET /api/v1/listings/public/<code>` for a listing drawn at random per request;
- page of 20: `GET /api/v1/listings/search?page=<n>` (newest first, with facets, as the market asks it),
  for a page drawn at random from the 50 pages the count cap allows.

The database holds `count` published listings (20,000 by default), bulk-loaded consistently: two templates
are built through the real services (a phone inspected and erased, a bookcase inspected), their disclosures
composed and sealed; every bulk listing gets its own item, a copy of its template's disclosure naming its own
listing, item and title (canonical JSON, sealed with its SHA-256), a cover photo row and its search entry.
B1 measures reads, so the writes are not the services' (B5 measures those).

Query counts are measured in-process (Django's test client, CaptureQueriesContext) over several listings and
pages, with warm caches; each endpoint must cost the same number for every listing and page. Beside the rates,
each rung reports the CPU milliseconds per request of the workers and of their PostgreSQL backends (from
/proc over the wrk run): on a shared machine they move much less with the load than the rates do.
"""

from __future__ import annotations

import random
import statistics
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bench.harness import BenchResult

SEED = 20261201
CONNECTIONS = 16
PAGES = 50  # the search's count cap (1,000) over pages of 20
BATCH = 2000
PLAIN, PING, DETAIL, PAGE20 = "plain", "ping", "detail", "page20"
COLOURS = ["黑色", "白色", "午夜色", "星光色", "远峰蓝", "银色", "石墨色", "深空灰", "Blue", "Graphite"]
CONDITIONS = ["99新", "95新", "9成新", "8成新", "几乎全新", "轻微划痕", "屏幕完美", "有磕碰"]
NOTES = ["原装充电器", "无拆无修", "国行正品", "支持验机", "发票齐全", "同城自提", "顺丰包邮", "已清除数据"]


@dataclass(frozen=True)
class Template:
    item: Any
    listing: Any
    data: dict[str, Any]


def detail_path(code: str) -> str:
    return f"/api/v1/listings/public/{code}"


def page_path(page: int) -> str:
    return f"/api/v1/listings/search?page={page}"


def page_count(listings: int) -> int:
    """Pages of 20 the search serves over `listings` (at most the count cap's 50)."""
    return max(1, min(PAGES, -(-listings // 20)))


def paths(codes: list[str]) -> dict[str, list[str]]:
    return {PLAIN: ["/bench/plain"], PING: ["/api/v1/ping"], DETAIL: [detail_path(code) for code in codes],
            PAGE20: [page_path(page) for page in range(1, page_count(len(codes)) + 1)]}


# --- the data -------------------------------------------------------------------------------------------------

def _world() -> dict[str, Any]:
    from recirc.core.roles import Role
    from recirc.items.tests.factories import OperatorFactory, OutletFactory, staff_member

    tag = uuid.uuid4().hex[:8]
    operator: Any = OperatorFactory(name="B1 循环商行", credit_code=f"91330106B1{tag.upper()}")
    outlet: Any = OutletFactory(operator=operator, name="B1 文三路店")
    return {"operator_a": operator, "outlet_a": outlet,
            "clerk_a": staff_member(operator, outlet=outlet, username=f"b1.clerk.{tag}"),
            "inspector_a": staff_member(operator, role=Role.INSPECTOR, username=f"b1.qc.{tag}"),
            "technician_a": staff_member(operator, role=Role.TECHNICIAN, username=f"b1.tech.{tag}")}


def _listing_row(item: Any, world: dict[str, Any], *, code: str, title: str, price: Decimal, sha: str) -> Any:
    from django.utils import timezone

    from recirc.listings.models import Listing, ListingStatus, SellerKind

    return Listing(code=code, item_id=item.pk, item_code=item.code, category_id=item.category_id,
                   category_code=item.category.code, title=title, brand=item.brand, model_name=item.model_name,
                   price=price, status=ListingStatus.PUBLISHED, seller_kind=SellerKind.OPERATOR,
                   seller_operator=world["operator_a"], seller_outlet=world["outlet_a"], district_code="330106",
                   warranty_days=90, return_window_days=7, terms_text="保修期内非人为故障免费维修",
                   no_known_defects=True, disclosure_version=1, disclosure_sha256=sha,
                   created_by=world["clerk_a"], published_at=timezone.now(),
                   description="，".join(NOTES[:3]))


def _templates(world: dict[str, Any]) -> list[Template]:
    """A phone (inspected, erased) and a bookcase (inspected), through the real services; their disclosures
    composed as publishing composes them."""
    from recirc.items.models import Item
    from recirc.listings.disclosure import compose
    from recirc.listings.tests.factories import inspected, ready_phone, stock_bookcase

    templates = []
    for ref in (ready_phone(world, serial=random.Random(SEED).randrange(100_000, 999_999)),
                inspected(world, stock_bookcase(world))):
        item = Item.objects.select_related("category").get(pk=ref.id)
        listing = _listing_row(item, world, code="LB1TEMPLATE", title=item.title, price=Decimal("1"), sha="")
        templates.append(Template(item=item, listing=listing, data=compose(listing)))
    return templates


def _bulk_items(templates: list[Template], count: int, tag: str) -> list[Any]:
    from recirc.items.models import Item, ItemState

    items = []
    for index in range(count):
        template = templates[index % len(templates)].item
        items.append(Item(code=f"B1{tag}{index:07d}", category_id=template.category_id, title=template.title,
                          brand=template.brand, model_name=template.model_name, attributes=template.attributes,
                          owner_operator_id=template.owner_operator_id, outlet_id=template.outlet_id,
                          state=ItemState.LISTED))
    return Item.objects.bulk_create(items, batch_size=BATCH)


def _bulk_listings(world: dict[str, Any], templates: list[Template], items: list[Any], rng: random.Random,
                   tag: str) -> list[tuple[Any, Template, str]]:
    """The listings, each with its sealed canonical disclosure (returned beside it)."""
    from recirc.listings.disclosure import canonical_json, seal
    from recirc.listings.models import Listing

    rows, extras = [], []
    for index, item in enumerate(items):
        template = templates[index % len(templates)]
        item.category = template.item.category
        code = f"LB{tag}{index:07d}"
        title = f"{template.item.title} {rng.choice(COLOURS)} {rng.choice(CONDITIONS)}"
        canonical = canonical_json({**template.data, "listing": code, "item": item.code, "title": title})
        price = Decimal(rng.randint(50, 9000)) + Decimal(rng.randint(0, 99)) / 100
        rows.append(_listing_row(item, world, code=code, title=title, price=price, sha=seal(canonical)))
        extras.append((template, canonical))
    created = Listing.objects.bulk_create(rows, batch_size=BATCH)
    return [(listing, template, canonical) for listing, (template, canonical) in zip(created, extras, strict=True)]


def _bulk_dependants(world: dict[str, Any], listed: list[tuple[Any, Template, str]]) -> None:
    """Per listing: its disclosure (version 1), a cover photo row, its search entry and its public row (built by
    the read model's own functions, as indexing builds it)."""
    from django.utils import timezone

    from recirc.listings import public
    from recirc.listings.disclosure import grade_key, seal
    from recirc.listings.models import Disclosure, ListingPhoto, PublicListing, SearchEntry
    from recirc.listings.search import cjk_grams, searchable_text

    now = timezone.now()
    disclosures, photos, entries = [], [], []
    for listing, template, canonical in listed:
        disclosures.append(Disclosure(listing=listing, version=1, canonical=canonical, sha256=seal(canonical),
                                      composed_at=now, composed_by=world["clerk_a"]))
        photos.append(ListingPhoto(listing=listing, image=f"listings/b1/{listing.pk}.jpg",
                                   thumbnail=f"listings/b1/thumbs/{listing.pk}.jpg", width=640, height=480,
                                   size=48_213, sha256="0" * 64, uploaded_by=world["clerk_a"]))
        text = searchable_text([listing.title, listing.brand, listing.model_name, listing.code,
                                listing.description])
        entries.append(SearchEntry(listing_id=listing.pk, text=text, grams=cjk_grams(text),
                                   category_id=listing.category_id, grade=grade_key(template.data),
                                   price=listing.price, district_code=listing.district_code,
                                   channel=listing.channel, seller_kind=listing.seller_kind))
    Disclosure.objects.bulk_create(disclosures, batch_size=BATCH)
    ListingPhoto.objects.bulk_create(photos, batch_size=BATCH)
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
    rows = []
    for (listing, _template, _canonical), photo in zip(listed, photos, strict=True):
        shown = [public.photo_json(photo)]
        rows.append(PublicListing(listing_id=listing.pk, version=listing.version,
                                  disclosure_version=listing.disclosure_version,
                                  card=public.dumps(public.card_of(listing, shown)),
                                  detail=public.dumps(public.detail_of(listing, shown, now))))
    PublicListing.objects.bulk_create(rows, batch_size=BATCH)


def populate(count: int, seed: int = SEED) -> list[str]:
    """`count` published listings (see the module's docstring); their codes."""
    from django.db import connection, transaction

    rng = random.Random(seed)
    tag = uuid.uuid4().hex[:4].upper()
    with transaction.atomic():
        world = _world()
        templates = _templates(world)
        codes = []
        for start in range(0, count, BATCH):
            items = _bulk_items(templates, min(BATCH, count - start), f"{tag}{start // BATCH:02d}")
            listed = _bulk_listings(world, templates, items, rng, f"{tag}{start // BATCH:02d}")
            _bulk_dependants(world, listed)
            codes += [listing.code for listing, _template, _canonical in listed]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return codes


# --- query counts, in-process ---------------------------------------------------------------------------------

def query_counts(codes: list[str], *, samples: int = 8, seed: int = SEED) -> tuple[dict[str, list[int]],
                                                                                  dict[str, set[int]]]:
    """Queries per request for each endpoint over `samples` different listings or pages (after one warm-up
    request each: caches filled), and the status codes answered."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    rng = random.Random(seed + 1)
    pages = list(range(1, page_count(len(codes)) + 1))
    chosen = {PLAIN: ["/bench/plain"] * samples, PING: ["/api/v1/ping"] * samples,
              DETAIL: [detail_path(code) for code in rng.sample(codes, min(samples, len(codes)))],
              PAGE20: [page_path(page) for page in rng.sample(pages, min(samples, len(pages)))]}
    counts: dict[str, list[int]] = {}
    statuses: dict[str, set[int]] = {}
    client = Client(headers={"X-Forwarded-Proto": "https"})
    with override_settings(ROOT_URLCONF="bench.urls_b1"):
        for name, wanted in chosen.items():
            client.get(wanted[-1])  # warm-up: imports, translations, cached labels
            counts[name], statuses[name] = [], set()
            for path in wanted:
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path)
                counts[name].append(len(captured.captured_queries))
                statuses[name].add(response.status_code)
    return counts, statuses


def query_invariants(counts: dict[str, list[int]], statuses: dict[str, set[int]]) -> dict[str, bool]:
    invariants = {f"{name}: every request answers 200": statuses[name] == {200} for name in counts}
    invariants.update({f"{name}: the same query count for every listing/page": len(set(values)) == 1
                       for name, values in counts.items()})
    invariants["plain and ping: no query"] = counts[PLAIN][0] == 0 and counts[PING][0] == 0
    return invariants


# --- the ladder over HTTP -------------------------------------------------------------------------------------

def _probe(server: Any, ladder: dict[str, list[str]], result: BenchResult) -> None:
    """Through the real server, each endpoint's first paths answer 200 (wrk counts only 4xx/5xx as errors, and
    production settings would answer 301 to a request without the proxy's header); the first refusal is kept."""
    from bench.http_server import get

    for name, wanted in ladder.items():
        answers = [(path, *get(server.port, path)) for path in wanted[:5]]
        refused = [(path, status, body[:300]) for path, status, body in answers if status != 200]
        result.invariants[f"{name}: 200 through gunicorn"] = not refused
        if refused:
            result.measures[f"{name}: first refusal"] = repr(refused[0])


def _ladder(server: Any, ladder: dict[str, list[str]], seconds: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """wrk on each endpoint in turn; and the CPU milliseconds per request spent by the workers and by their
    database backends (what the machine's load does not change much, unlike rates)."""
    from bench.http_server import get, wrk

    for name in ladder:  # warm both workers' caches and connections, not timed
        for path in ladder[name][:8]:
            get(server.port, path)
    loads, cpu = {}, {}
    for name, wanted in ladder.items():
        before = server.cpu_seconds()
        loads[name] = wrk(server.port, wanted, seconds=seconds, connections=CONNECTIONS, seed=SEED)
        after = server.cpu_seconds()
        cpu[name] = {part: (after[part] - before[part]) * 1000 / max(1, loads[name].requests) for part in after}
    return loads, cpu


def measure(count: int, seconds: int = 10) -> BenchResult:
    """Run B1 on the configured PostgreSQL database (Django must be set up; wrk must be installed)."""
    import os

    from django.db import connection

    from bench.http_server import gunicorn, wrk_available

    if connection.vendor != "postgresql" or not wrk_available():
        raise RuntimeError("B1 serves PostgreSQL and loads it with wrk (Debian: apt-get install wrk)")
    result = BenchResult(name="b1_http_ladder", size=f"{count} listings, {seconds} s per endpoint, "
                                                      f"{CONNECTIONS} connections")
    codes = populate(count)
    counts, statuses = query_counts(codes)
    result.invariants.update(query_invariants(counts, statuses))
    ladder = paths(codes)
    with gunicorn(os.environ["DATABASE_URL"]) as server:
        _probe(server, ladder, result)
        rss_before = server.worker_rss_mb()
        loads, cpu = _ladder(server, ladder, seconds)
        rss_after = server.worker_rss_mb()
    _record(result, loads, counts, cpu)
    _gates(result, loads, rss_before, rss_after)
    return result


def _record(result: BenchResult, loads: dict[str, Any], counts: dict[str, list[int]],
            cpu: dict[str, dict[str, float]]) -> None:
    for name, load in loads.items():
        result.measures[f"{name} req/s"] = round(load.rate)
        result.measures[f"{name} p50 / p90 / p99 ms"] = f"{load.p50_ms:.2f} / {load.p90_ms:.2f} / {load.p99_ms:.2f}"
        result.measures[f"{name} queries per request"] = statistics.mode(counts[name])
        result.measures[f"{name} CPU ms per request (worker / database)"] = (
            f"{cpu[name]['workers']:.2f} / {cpu[name]['database']:.2f}")
        result.invariants[f"{name}: no HTTP or socket error under load"] = load.errors == 0
    plain_cpu = sum(cpu[PLAIN].values()) or 1.0
    for name in (DETAIL, PAGE20):
        result.measures[f"{name}/plain by CPU per request (no gate)"] = round(plain_cpu / sum(cpu[name].values()), 3)


def _gates(result: BenchResult, loads: dict[str, Any], rss_before: list[float], rss_after: list[float]) -> None:
    result.measures["worker RSS before / after load (MB)"] = f"{rss_before} / {rss_after}"
    result.baselines = {"BL-http plain view req/s": round(loads[PLAIN].rate)}
    plain = loads[PLAIN].rate or 1.0
    result.measures["ping/plain"] = round(loads[PING].rate / plain, 3)
    result.gate("detail/plain", loads[DETAIL].rate / plain, ">=", 0.35)
    result.gate("page20/plain", loads[PAGE20].rate / plain, ">=", 0.25)
    result.gate("detail p99 ms at 16 connections", loads[DETAIL].p99_ms, "<=", 20)
    result.gate("worker RSS MB (largest, after load)", max(rss_after or [0.0]), "<=", 150)
    result.invariants["two gunicorn workers"] = len(rss_after) == 2


if __name__ == "__main__":
    import sys

    from bench.database import setup_django

    setup_django()
    outcome = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    outcome.write()
    from bench.harness import print_table

    print_table([outcome])
