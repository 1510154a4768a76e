"""Benchmark the exporters' memory and time on synthetic stores (10,000 and 100,000 events by default).

    python benchmarks/export_bench.py                          # every format, 10k and 100k events
    python benchmarks/export_bench.py --sizes 10000 50000 --formats gtd-csv stix
    python benchmarks/export_bench.py --keep                   # keep the stores (in a temporary folder)

Each store is filled by inserting rows straight into the schema tables with SQLAlchemy (no NLP):
documents, accounts with a killed and an injured claim from two speakers, perpetrator claims
(claimed, attributed or accused), events (a quarter with a second account from another
document, which makes conflicts), actors, and GTD reference records linked to a tenth of the
events. Each export then runs in a fresh child process writing to a file, and the child's
peak resident set size (VmHWM) and wall time are printed per format and size. Constant
memory means the peak barely moves from the smaller store to the larger one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from synthetic import BATCH, NOW, WORDS, actor_batches, armed_groups, city_place, document_batches, fill_store

from rashomon.export import FORMATS, export
from rashomon.store import Store

PLACES = [
    ("IQ", "Mosul", "Nineveh", 36.34, 43.13),
    ("AF", "Kunduz", "Kunduz", 36.73, 68.86),
    ("NG", "Maiduguri", "Borno", 11.85, 13.16),
    ("ML", "Gao", "Gao", 16.27, -0.04),
    ("SO", "Baidoa", "Bay", 3.11, 43.65),
    ("PK", "Quetta", "Balochistan", 30.18, 66.99),
    ("SY", "Idlib", "Idlib", 35.93, 36.63),
    ("YE", "Aden", "Aden", 12.79, 45.03),
]
STATUSES = ["claimed", "attributed", "accused"]


def _account(doc_id: str, account_id: str, kind: str, day: dt.date, place: tuple[Any, ...]) -> dict[str, Any]:
    code, town, admin1, lat, lon = place
    return {
        "id": account_id,
        "document_id": doc_id,
        "kind": kind,
        "attack_type": "Bombing/Explosion",
        "weapon": "Explosives",
        "target_type": "Police",
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        **city_place(code, town, admin1, lat, lon),
        "summary": f"A blast hit a {WORDS[zlib.crc32(account_id.encode()) % len(WORDS)]} in {town}.",
        "anchor_start": 0,
        "anchor_end": 40,
        "extractor": "bench",
        "version": "1",
    }


def _claim(account_id: str, doc_id: str, attribute: str, value: int | None, **more: Any) -> dict[str, Any]:
    text = more.pop("text", str(value))
    start = more.pop("start", 10)
    row = {
        "account_id": account_id,
        "document_id": doc_id,
        "attribute": attribute,
        "value": value,
        "low": value,
        "high": value,
        "qualifier": "exact" if value is not None else None,
        "scope": "event" if value is not None else None,
        "text": text,
        "start": start,
        "end": start + len(text),
        "sentence_start": 0,
        "sentence_end": 80,
        "extractor": "bench",
        "version": "1",
        "confidence": 1.0,
        "attributed_to": None,
        "actor_id": None,
        "status": None,
    }
    return {**row, **more}


def rows(events: int, seed: int = 11) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(table name, rows) batches for a synthetic store of `events` events."""
    rng = random.Random(seed)
    documents = max(1, events // 4)
    actors = armed_groups("band", "Armed Band", 40)
    yield from actor_batches(actors)
    yield from document_batches(
        rng, documents, words=120, first_day=dt.date(2016, 1, 1), days=3000, id_digits=7,
        publisher=lambda number: f"Wire {number % 30}", urls=True,
    )  # fmt: skip
    tables: dict[str, list[dict[str, Any]]] = {
        name: [] for name in ("accounts", "claims", "events", "event_accounts", "conflicts", "reference_records")
    }
    links: list[dict[str, Any]] = []
    for number in range(events):
        place = rng.choice(PLACES)
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        kind = rng.choice(["attack"] * 7 + ["strike"] * 2 + ["other"])
        event_id = f"ev-{number:09d}"
        actor = rng.choice(actors)["id"]
        status = rng.choice(STATUSES)
        members = [f"doc-{number % documents:07d}"]
        if number % 4 == 0:
            members.append(f"doc-{(number * 7 + 3) % documents:07d}")
        values = []
        for position, doc_id in enumerate(members):
            account_id = f"{doc_id}#{number}-{position}"
            killed = rng.randrange(0, 60)
            values.append(killed)
            tables["accounts"].append(_account(doc_id, account_id, kind, day, place))
            tables["claims"] += [
                _claim(account_id, doc_id, "killed", killed, attributed_to="Police", start=10),
                _claim(account_id, doc_id, "injured", killed * 2, attributed_to="Officials", start=20),
                _claim(
                    account_id, doc_id, "perpetrator", None, text="Armed Band", actor_id=actor, status=status, start=30
                ),
            ]
            tables["event_accounts"].append(
                {
                    "event_id": event_id,
                    "account_id": account_id,
                    "features": ["bench"],
                    "score": 1.0,
                    "decided_by": "auto",
                }
            )
        code, town, admin1, lat, lon = place
        tables["events"].append(
            {
                "id": event_id,
                "kind": kind,
                "title": f"{kind.title()} in {town}",
                "attack_type": "Bombing/Explosion",
                "date_start": day,
                "date_end": day,
                "date_precision": "day",
                **city_place(code, town, admin1, lat, lon),
                "perpetrator_ids": [actor] if status != "accused" else [],
                "updated_at": NOW,
            }
        )
        if len(set(values)) > 1:
            tables["conflicts"].append(
                {
                    "event_id": event_id,
                    "attribute": "killed",
                    "values": [str(v) for v in values],
                    "account_ids": [f"{doc}#{number}-{i}" for i, doc in enumerate(members)],
                    "note": None,
                }
            )
        if number % 10 == 0:
            ref = f"gtd:{number}"
            tables["reference_records"].append(
                {
                    "id": ref,
                    "dataset": "gtd",
                    "ref_id": str(number),
                    "date_start": day,
                    "date_end": day,
                    "country": code,
                    "city": town,
                    "admin1": admin1,
                    "perpetrators": [],
                    "killed": values[0],
                    "data": {"eventid": str(number)},
                    "imported_at": NOW,
                }
            )
            links.append({"event_id": event_id, "reference_id": ref, "score": 0.83, "features": ["bench"]})
        if len(tables["events"]) >= BATCH:
            yield from tables.items()
            yield "event_references", links
            tables = {name: [] for name in tables}
            links = []
    yield from tables.items()
    yield "event_references", links


def fill(store: Store, events: int) -> float:
    return fill_store(store, rows(events))


def _peak_mib() -> float:
    """This process's peak resident set size. VmHWM is reset by exec; ru_maxrss is not (on Linux it
    keeps the parent's size at fork), so it is only the fallback where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(db: str, format: str, target: str) -> int:
    """Run one export and print its peak RSS (MiB) and seconds as JSON: what the parent collects."""
    started = time.perf_counter()
    with Store.open(db) as store, open(target, "w", encoding="utf-8") as out:
        summary = export(store, out, format=format)
    seconds = time.perf_counter() - started
    peak = _peak_mib()
    print(json.dumps({"events": summary.events, "seconds": round(seconds, 1), "peak_mib": round(peak, 1)}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--formats", nargs="+", default=sorted(FORMATS), choices=sorted(FORMATS))
    parser.add_argument("--keep", action="store_true", help="keep the temporary stores")
    parser.add_argument("--child", nargs=3, metavar=("DB", "FORMAT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    folder = Path(tempfile.mkdtemp(prefix="rashomon-export-bench-"))
    results: dict[str, dict[int, dict[str, Any]]] = {format: {} for format in args.formats}
    for size in args.sizes:
        db = folder / f"bench-{size}.db"
        with Store.open(str(db)) as store:
            print(f"filling {size:,} events ... {fill(store, size):.1f} s", flush=True)
        for format in args.formats:
            target = folder / f"out-{size}.{format}"
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(db), format, str(target)],
                check=True,
                capture_output=True,
                text=True,
            )
            found = json.loads(done.stdout.strip().splitlines()[-1])
            found["mib_out"] = round(target.stat().st_size / 2**20, 1)
            results[format][size] = found
            print(f"  {format:10} {size:>8,} events: {found}", flush=True)
            if not args.keep:
                target.unlink()
        if not args.keep:
            for path in folder.glob(f"bench-{size}.db*"):
                path.unlink()
    print(f"\n{'format':10} " + " ".join(f"{f'{size:,} ev peak MiB / s':>24}" for size in args.sizes))
    for format, by_size in results.items():
        cells = [f"{by_size[s]['peak_mib']:>14} / {by_size[s]['seconds']:>7}" for s in args.sizes]
        print(f"{format:10} " + " ".join(f"{cell:>24}" for cell in cells))
    if not args.keep:
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
