"""`rashomon export`: write the resolved events in an analysts' format.

A thin wrapper over `rashomon.export.export`: the `--format` choices come from
`rashomon.export.FORMATS` and the `--figure-rule` choices from `rashomon.resolve.figures.RULES`,
so a new exporter or rule shows up here without touching this module. Without `--figure-rule`
each format uses its own (gtd for json and gtd-csv, acled for acled-csv, ucdp otherwise). A
file is written beside its destination and renamed into place only when complete.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from rashomon.cli.app import DbOption, app, console, errors, open_store, settings_for
from rashomon.errors import RashomonError
from rashomon.export import FORMATS, ExportSummary, export
from rashomon.model.records import EventKind
from rashomon.resolve.figures import RULES


def _choice(name: str, choices: Sequence[str]) -> Callable[[str | None], str | None]:
    """A callback that accepts one of `choices` (read when the command runs, so new entries count)."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in choices:
            raise typer.BadParameter(f"unknown {name} {value!r}; choose one of {', '.join(choices)}")
        return value

    return check


FormatOption = Annotated[
    str,
    typer.Option(
        "--format", "-f", callback=_choice("format", list(FORMATS)), help=f"Output format: {', '.join(FORMATS)}."
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", help="File to write; - or nothing for standard output."),
]
IncludeTextOption = Annotated[bool, typer.Option("--include-text", help="Add each document's full text.")]
RuleOption = Annotated[
    str,
    typer.Option(
        "--figure-rule",
        "--rule",
        callback=_choice("figure rule", RULES),
        help=f"How headline killed/injured figures are chosen ({', '.join(RULES)}); every claim is written anyway.",
    ),
]
KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind",
        callback=_choice("event kind", [kind.value for kind in EventKind]),
        help=f"Only events of this kind: {', '.join(kind.value for kind in EventKind)}.",
    ),
]
CountryOption = Annotated[str | None, typer.Option("--country", help="Only events in this country (ISO code).")]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only events on or after this date (2024, 2024-01 or 2024-01-03).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Only events on or before this date (2024, 2024-01 or 2024-01-03).")
]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Only events by this actor (id or any name).")]
ExportRuleOption = Annotated[
    str | None,
    typer.Option(
        "--figure-rule",
        "--rule",
        callback=_choice("figure rule", RULES),
        help=f"How headline figures are chosen ({', '.join(RULES)}); default: the format's own "
        "(gtd for json and gtd-csv, acled for acled-csv, ucdp otherwise). Every claim is written anyway.",
    ),
]
EventOption = Annotated[
    str | None, typer.Option("--event", help="Only this event (an id or a unique prefix); for a one-event briefing.")
]


def date_bound(value: str | None, *, end: bool) -> dt.date | None:
    """A --since/--until value as a date: the first (or, with `end`, the last) day it covers."""
    if value is None:
        return None
    parts = value.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return dt.date(numbers[0], 12, 31) if end else dt.date(numbers[0], 1, 1)
        if len(numbers) == 2:
            first = dt.date(numbers[0], numbers[1], 1)
            if not end:
                return first
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024, 2024-01 or 2024-01-03") from None


@app.command("export")
def export_command(
    db: DbOption = None,
    format: FormatOption = "json",
    output: OutputOption = None,
    include_text: IncludeTextOption = False,
    figure_rule: ExportRuleOption = None,
    kind: KindOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    event: EventOption = None,
) -> None:
    """Export the resolved events: JSON (what the scorer reads), GTD/ACLED/UCDP CSV, GeoJSON, GraphML,
    STIX 2.1, FollowTheMoney, or a Markdown/HTML briefing. Filters apply to every format."""
    options: dict[str, Any] = {
        "include_text": include_text,
        "kind": kind,
        "country": country,
        "date_from": date_bound(since, end=False),
        "date_to": date_bound(until, end=True),
        "actor": actor,
    }
    if figure_rule is not None or format != "json":  # the JSON writer keeps its own default (gtd)
        options["figure_rule"] = figure_rule
    if event is not None:
        options["event"] = event
    settings = settings_for(db)
    try:
        with open_store(settings) as store:
            if output is None or output == "-":
                summary = export(store, sys.stdout, format=format, **options)
                sys.stdout.flush()
                _report(summary, "standard output", to_stderr=True)
                return
            target = Path(output).expanduser()
            partial = target.with_name(target.name + ".part")
            try:
                with partial.open("w", encoding="utf-8") as out:
                    summary = export(store, out, format=format, **options)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
    except (RashomonError, OSError) as error:
        errors.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(code=1) from None
    _report(summary, str(target), to_stderr=False)


def _report(summary: ExportSummary, where: str, *, to_stderr: bool) -> None:
    line = (
        f"Exported {summary.events} event(s), {summary.actors} actor(s) and {summary.documents} document(s) "
        f"as {summary.format} to {escape(where)}"
    )
    (errors if to_stderr else console).print(line, highlight=False, soft_wrap=True)
