"""Benchmark the REST API's event list over a large store (100,000 events by default).

    python benchmarks/api_bench.py                    # 100,000 events in a fresh temporary store
    python benchmarks/api_bench.py --events 20000 --repeat 30
    python benchmarks/api_bench.py --db big.db --keep # build once, reuse the file later

The store is filled by inserting rows straight into the schema tables with SQLAlchemy (no
NLP): documents, accounts with a killed and an injured claim each, events (one account each,
a quarter of them with a second account from another document), perpetrator actors and
conflicts. The app is then asked for pages of `/api/events` through an in-process client, the
way a browser or script would ask a running server, and the median and 95th-percentile
times per request are printed, together with the one-off cost of building the search index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from synthetic import BATCH, NOW, WORDS, actor_batches, armed_groups, document_batches, fill_store

from rashomon.serve import create_app
from rashomon.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # starlette's note that it prefers httpx2
    from fastapi.testclient import TestClient

COUNTRIES = [
    ("IQ", 33.3, 44.4),
    ("SY", 35.0, 38.5),
    ("AF", 34.5, 69.2),
    ("NG", 9.1, 7.5),
    ("ML", 14.0, -4.0),
    ("SO", 2.0, 45.3),
    ("PK", 30.4, 69.3),
    ("YE", 15.4, 44.2),
    ("CO", 4.6, -74.1),
    ("PH", 7.1, 125.6),
]
KINDS = ["attack"] * 6 + ["strike"] * 3 + ["other"]


def _rows(events: int, seed: int) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(table name, rows) batches for a synthetic store of `events` events."""
    rng = random.Random(seed)
    documents_count = max(1, events // 4)
    actors = armed_groups("group", "Armed Group", 60)
    yield from actor_batches(actors)
    yield from document_batches(rng, documents_count, words=90, first_day=dt.date(2015, 1, 1), days=3300)
    accounts: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    events_rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for number in range(events):
        code, lat, lon = rng.choice(COUNTRIES)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3300))
        kind = rng.choice(KINDS)
        event_id = f"ev-{number:08d}"
        perpetrators = [rng.choice(actors)["id"]] if rng.random() < 0.6 else []
        members = [(f"doc-{number % documents_count:06d}", 0)]
        if number % 4 == 0:
            members.append((f"doc-{(number * 7 + 3) % documents_count:06d}", 1))
        values = []
        for doc_id, position in members:
            account_id = f"{doc_id}#{number}-{position}"
            killed = rng.randrange(0, 60)
            values.append(killed)
            accounts.append(
                {
                    "id": account_id,
                    "document_id": doc_id,
                    "kind": kind,
                    "attack_type": "Bombing/Explosion",
                    "date_start": day,
                    "date_end": day,
                    "date_precision": "day",
                    "place_name": f"Town {number % 500}",
                    "place_city": f"Town {number % 500}",
                    "place_country": code,
                    "place_lat": lat + rng.uniform(-2, 2),
                    "place_lon": lon + rng.uniform(-2, 2),
                    "place_precision": "city",
                    "summary": f"A blast at a {rng.choice(WORDS)} near Town {number % 500}.",
                    "anchor_start": 0,
                    "anchor_end": 40,
                    "extractor": "bench",
                    "version": "1",
                }
            )
            for attribute, value, start in (("killed", killed, 10), ("injured", killed * 2, 20)):
                claims.append(
                    {
                        "account_id": account_id,
                        "document_id": doc_id,
                        "attribute": attribute,
                        "value": value,
                        "low": value,
                        "high": value,
                        "qualifier": "exact",
                        "scope": "event",
                        "text": str(value),
                        "start": start,
                        "end": start + len(str(value)),
                        "sentence_start": 0,
                        "sentence_end": 60,
                        "extractor": "bench",
                        "version": "1",
                        "confidence": 1.0,
                    }
                )
            links.append(
                {
                    "event_id": event_id,
                    "account_id": account_id,
                    "features": ["bench"],
                    "score": 1.0,
                    "decided_by": "auto",
                }
            )
        events_rows.append(
            {
                "id": event_id,
                "kind": kind,
                "title": f"{kind.title()} in Town {number % 500}",
                "attack_type": "Bombing/Explosion",
                "date_start": day,
                "date_end": day,
                "date_precision": "day",
                "place_name": f"Town {number % 500}",
                "place_city": f"Town {number % 500}",
                "place_country": code,
                "place_lat": lat,
                "place_lon": lon,
                "place_precision": "city",
                "perpetrator_ids": perpetrators,
                "updated_at": NOW,
            }
        )
        if len(set(values)) > 1:
            conflicts.append(
                {
                    "event_id": event_id,
                    "attribute": "killed",
                    "values": [str(v) for v in values],
                    "account_ids": [link["account_id"] for link in links[-len(values) :]],
                    "note": None,
                }
            )
        if len(events_rows) >= BATCH:
            yield "accounts", accounts
            yield "claims", claims
            yield "events", events_rows
            yield "event_accounts", links
            yield "conflicts", conflicts
            accounts, claims, events_rows, links, conflicts = [], [], [], [], []
    yield from (
        ("accounts", accounts),
        ("claims", claims),
        ("events", events_rows),
        ("event_accounts", links),
        ("conflicts", conflicts),
    )


def fill(store: Store, events: int, seed: int = 7) -> float:
    """Insert a synthetic store; returns the seconds it took."""
    return fill_store(store, _rows(events, seed))


def _time(client: TestClient, url: str, repeat: int) -> tuple[float, float, float, int]:
    """(first ms, median ms, p95 ms, total matches): the first request counts the matches; the
    `repeat` after it find the total in the app's cache, as a user paging through one filter does."""
    started = time.perf_counter()
    first = client.get(url)
    cold = (time.perf_counter() - started) * 1000
    if first.status_code != 200:
        raise SystemExit(f"{url}: HTTP {first.status_code} {first.text[:200]}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return cold, statistics.median(times), p95, int(first.json()["total"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per URL")
    parser.add_argument("--db", help="store to use (built when empty or missing)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary store")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="rashomon-api-bench-"))
    db = Path(args.db) if args.db else folder / "bench.db"
    with Store.open(str(db)) as store:
        if store.counts()["events"] == 0:
            print(f"filling {db} with {args.events:,} events ...", flush=True)
            print(f"  filled in {fill(store, args.events):.1f} s", flush=True)
        counts = store.counts()
        print(
            f"store: {counts['events']:,} events, {counts['accounts']:,} accounts, {counts['claims']:,} claims, "
            f"{counts['documents']:,} documents, {counts['conflicts']:,} conflicts"
        )
        with TestClient(create_app(store)) as client:
            started = time.perf_counter()
            client.get("/api/events", params={"q": "market", "limit": 1}).raise_for_status()
            client.get("/api/documents", params={"q": "market", "limit": 1}).raise_for_status()
            took = time.perf_counter() - started
            print(f"search index ready in {took:.1f} s (built on the first search after a change)")
            urls = [
                "/api/events?limit=50",
                "/api/events?limit=50&offset=50000",
                "/api/events?limit=50&sort=-date",
                "/api/events?limit=50&country=IQ&kind=attack",
                "/api/events?limit=50&date_from=2018-01-01&date_to=2018-12-31",
                "/api/events?limit=50&figure_min=40&figure_max=50",
                "/api/events?limit=50&q=town%20market",
                "/api/events?limit=50&actor=group-3",
                "/api/events?limit=50&conflicts=true&rule=gtd",
                "/api/events?limit=200",
                "/events?limit=50",
            ]
            print(f"{'request':58} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'matches':>9}")
            medians = []
            for url in urls:
                cold, median, p95, total = (
                    _time(client, url, args.repeat) if url.startswith("/api") else _html(client, url, args.repeat)
                )
                medians.append(median)
                shown = f"{total:9,}" if total >= 0 else f"{'(html)':>9}"
                print(f"{url:58} {cold:9.1f} {median:10.1f} {p95:8.1f} {shown}")
            print(f"median of medians: {statistics.median(medians):.1f} ms")
    if not args.keep and not args.db:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return 0


def _html(client: TestClient, url: str, repeat: int) -> tuple[float, float, float, int]:
    started = time.perf_counter()
    client.get(url).raise_for_status()
    cold = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return cold, statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))], -1


if __name__ == "__main__":
    sys.exit(main())
