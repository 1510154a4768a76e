"""Export: CSV writing and the event facts the dataset-shaped tables (GTD, ACLED, UCDP) share.

Rows are written as they are built, one event at a time; a value is written as text, an
unknown as an empty cell. The helpers pick the facts a single row can hold: the target and
weapon type most accounts give, the sources' names, the links to reference records.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TextIO

from rashomon.export.common import ExportItem, ExportOptions, count_documents, export_items
from rashomon.export.json_export import ExportSummary
from rashomon.resolve.views import EventView
from rashomon.store import Store

Row = Mapping[str, Any]


def cell(value: Any) -> str:
    """A value as a CSV cell: None empty, booleans 1/0, floats without a trailing .0 noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Write a header and every row (missing columns empty); returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
        count += 1
    return count


def export_table(
    store: Store,
    out: TextIO,
    *,
    name: str,
    columns: Sequence[str],
    options: ExportOptions,
    build: Callable[[ExportItem], Row],
    detail: bool = True,
) -> ExportSummary:
    """Stream one row per exported event through `build` into a CSV with `columns`."""
    actors: set[str] = set()

    def rows() -> Iterable[Row]:
        for item in export_items(store, options, detail=detail):
            actors.update(p.actor_id for p in item.view.perpetrators if p.actor_id)
            yield build(item)

    events = write_csv(out, columns, rows())
    return ExportSummary(name, count_documents(store, options), len(actors), events)


def most_common(values: Iterable[str | None]) -> str | None:
    """The value most accounts give (the first given on a tie), None when none gives one."""
    counted = Counter(value for value in values if value)
    if not counted:
        return None
    best = max(counted.values())
    return next(value for value in counted if counted[value] == best)


def target_type(view: EventView) -> str | None:
    return most_common(account.account.target_type for account in view.accounts)


def weapon_type(view: EventView) -> str | None:
    return most_common(account.account.weapon for account in view.accounts)


def summary_sentence(view: EventView) -> str | None:
    """The first account's anchor sentence (what the first report says happened), trimmed."""
    for account in view.accounts:
        if account.account.summary:
            return " ".join(account.account.summary.split())
    return None


def publishers(view: EventView) -> str:
    """The sources' names (publisher, else title, else id), each once, in report order."""
    names = [document.publisher or document.title or document.id for document in view.documents]
    return "; ".join(dict.fromkeys(names))


def reference_notes(item: ExportItem) -> list[str]:
    """One sentence per linked reference record: dataset, id and why it was linked."""
    return [
        f"Linked to {link.record.dataset.upper()} {link.record.ref_id} "
        f"(score {link.score:.2f}: {', '.join(link.features)})."
        for link in item.references
    ]
