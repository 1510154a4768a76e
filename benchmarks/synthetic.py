"""Synthetic stores for the API and export benchmarks: the parts both build alike.

Each benchmark shapes its own accounts, claims and events (the API bench wants spread for its
filters, the export bench figures and conflicts for its formats); the vocabulary of words, the
actors, the documents and the batched insert are the same and live here. Every value comes
from the seeded `random.Random` a benchmark passes in, so a store is the same on every run.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import insert

from rashomon.store import Store, schema

WORDS = [
    "market", "checkpoint", "convoy", "village", "mosque", "school", "bridge", "station", "patrol", "camp", "road",
    "border", "district", "town",
]  # fmt: skip
BATCH = 5000
NOW = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)

Batches = Iterable[tuple[str, list[dict[str, Any]]]]


def armed_groups(prefix: str, label: str, count: int) -> list[dict[str, Any]]:
    """`count` actor rows of armed groups ("Armed Group 7")."""
    return [
        {"id": f"{prefix}-{n}", "name": f"{label} {n}", "kind": "armed_group", "origin": "vocabulary"}
        for n in range(count)
    ]


def actor_batches(actors: list[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The actor rows and their one alias each."""
    yield "actors", actors
    yield "actor_aliases", [{"actor_id": a["id"], "alias": a["name"], "folded": a["name"].lower()} for a in actors]


def document_batches(
    rng: random.Random,
    count: int,
    *,
    words: int,
    first_day: dt.date,
    days: int,
    id_digits: int = 6,
    publisher: Callable[[int], str] = lambda number: "Bench Wire",
    urls: bool = False,
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """`count` documents of `words` random words, published within `days` of `first_day`."""
    docs: list[dict[str, Any]] = []
    for number in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        row = {
            "id": f"doc-{number:0{id_digits}d}",
            "source": f"/bench/{number}.txt",
            "format": "txt",
            "title": f"Report {number} on the {rng.choice(WORDS)}",
            "publisher": publisher(number),
            "published": first_day + dt.timedelta(days=rng.randrange(days)),
            "content_hash": f"{number:064d}",
            "text": text,
            "size_chars": len(text),
            "ingested_at": NOW,
        }
        if urls:
            row["url"] = f"https://news.example/{number}"
        docs.append(row)
        if len(docs) == BATCH:
            yield "documents", docs
            docs = []
    yield "documents", docs


def city_place(code: str, town: str, admin1: str, lat: float, lon: float) -> dict[str, Any]:
    """The place columns of an account or event row at a town."""
    return {
        "place_name": town,
        "place_city": town,
        "place_admin1": admin1,
        "place_country": code,
        "place_lat": lat,
        "place_lon": lon,
        "place_precision": "city",
    }


def fill_store(store: Store, batches: Batches) -> float:
    """Insert (table name, rows) batches in one transaction; returns the seconds it took."""
    started = time.perf_counter()
    tables = {table.name: table for table in schema.metadata.sorted_tables}
    with store.transaction() as connection:
        for name, rows in batches:
            if rows:
                connection.execute(insert(tables[name]), rows)
    return time.perf_counter() - started
