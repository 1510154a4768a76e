"""`rashomon import`, `link` and `references`: reference records from GTD or ACLED, linked to events.

Thin wrappers over `rashomon.ingest.references` (reading the CSV) and
`rashomon.store.references` (storing, linking, reading links back). `import` stores the file's
rows and links every event to them at once; `link` redoes the links (after `rashomon resolve`,
say); `references` lists one event's links, or how many records and links the store holds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from rashomon.cli.app import DbOption, JsonOption, app, console, errors, open_store, settings_for
from rashomon.errors import RashomonError
from rashomon.ingest.references import READERS, read_file
from rashomon.resolve.references import ReferenceLink
from rashomon.store.events_read import resolve_event_id
from rashomon.store.references import add_records, link_references, load_references, reference_counts

ImportFormatOption = Annotated[
    str,
    typer.Option("--format", "-f", help=f"The file's layout: {', '.join(READERS)}."),
]


def _fail(error: Exception) -> typer.Exit:
    errors.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


@app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A GTD or ACLED CSV file.")],
    format: ImportFormatOption,
    db: DbOption = None,
    no_link: Annotated[bool, typer.Option("--no-link", help="Store the records without linking events.")] = False,
) -> None:
    """Load reference records (GTD or ACLED rows) and link the extracted events to them.

    Events link by overlapping date, country and city (or admin1), and perpetrator when both
    name one; the links show in `rashomon references EVENT` and in the dataset exports.
    """
    if format not in READERS:
        raise typer.BadParameter(
            f"unknown format {format!r}; choose one of {', '.join(READERS)}", param_hint="--format"
        )
    try:
        with open_store(settings_for(db)) as store:
            report = add_records(store, read_file(path, format))
            links = None if no_link else link_references(store, dataset=report.dataset)
    except (RashomonError, OSError) as error:
        raise _fail(error) from None
    console.print(
        f"Imported {report.read} {format} record(s) from {escape(str(path))}; {report.datable} with a date and "
        "a country.",
        highlight=False,
        soft_wrap=True,
    )
    if links is not None:
        console.print(
            f"Linked {links.linked_events} of {links.events} event(s) ({links.links} link(s)).", highlight=False
        )


@app.command()
def link(db: DbOption = None) -> None:
    """Re-link every event to the stored reference records (run after `rashomon resolve`)."""
    try:
        with open_store(settings_for(db)) as store:
            report = link_references(store)
    except RashomonError as error:
        raise _fail(error) from None
    console.print(f"Linked {report.linked_events} of {report.events} event(s) ({report.links} link(s)).")


@app.command()
def references(
    event_id: Annotated[
        str | None, typer.Argument(metavar="[EVENT]", help="An event id (or unique prefix); none for counts.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the reference records an event is linked to, or how many records and links are stored."""
    resolved = ""
    try:
        with open_store(settings_for(db)) as store:
            if event_id is None:
                counts = reference_counts(store)
                links = None
            else:
                with store.engine.connect() as connection:
                    resolved = resolve_event_id(connection, event_id)
                links = load_references(store, resolved)
    except RashomonError as error:
        raise _fail(error) from None
    if links is None:
        if as_json:
            typer.echo(json.dumps(counts))
            return
        parts = [f"{count} {name} record(s)" for name, count in counts.items() if name != "links"]
        console.print(f"{', '.join(parts) or 'No reference records'}; {counts['links']} link(s).", highlight=False)
        return
    if as_json:
        found = [{**asdict(link), "record": {**asdict(link.record), "id": link.record.id}} for link in links]
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))
        return
    if not links:
        console.print(f"Event {resolved} is linked to no reference record.")
        return
    console.print(references_table(resolved, links))


def references_table(event_id: str, links: Sequence[ReferenceLink]) -> Table:
    """An event's links as a Rich table (record, date, place, perpetrators, killed, score, why)."""
    table = Table("record", "date", "place", "perpetrators", "killed", "score", "linked by", title=event_id)
    for found_link in links:
        record = found_link.record
        when = record.date_start.isoformat() if record.date_start else "-"
        if record.date_end and record.date_end != record.date_start:
            when += f" to {record.date_end.isoformat()}"
        place = ", ".join(part for part in (record.city, record.admin1, record.country) if part)
        table.add_row(
            escape(record.id),
            when,
            escape(place or "-"),
            escape(", ".join(record.perpetrators) or "-"),
            "-" if record.killed is None else str(record.killed),
            f"{found_link.score:.2f}",
            escape(", ".join(found_link.features)),
        )
    return table
