"""`rashomon events`, `event`, `conflicts`, `resolve`, `merge`, `split` and `note`.

Thin wrappers over `rashomon.store.events`: parse the options, call one function, print a
Rich table (or JSON with `--json`, in the export's shape). A `RashomonError` (an unknown
event, a decision that cannot be made) is printed as one line and exits with status 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.markup import escape

from rashomon.cli.app import DbOption, JsonOption, app, console, errors, open_store, settings_for
from rashomon.cli.event_show import events_table, show_conflicts, show_event
from rashomon.cli.export import ActorOption, CountryOption, KindOption, RuleOption, SinceOption, UntilOption, date_bound
from rashomon.cli.imports import references_table
from rashomon.errors import RashomonError
from rashomon.export.records import conflict_json, event_json
from rashomon.resolve.figures import GTD
from rashomon.store.events import add_note, load_conflicts, load_event, load_events, record_merge, record_split
from rashomon.store.events import resolve_store as run_resolution
from rashomon.store.references import load_references

LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many events.")]
AnalystOption = Annotated[str, typer.Option("--analyst", help="Who decides (kept with the decision).")]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why (kept with the decision).")]


@contextmanager
def _reported() -> Iterator[None]:
    try:
        yield
    except RashomonError as error:
        errors.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@app.command()
def events(
    db: DbOption = None,
    as_json: JsonOption = False,
    kind: KindOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    limit: LimitOption = None,
    rule: RuleOption = GTD,
) -> None:
    """List resolved events: date, place, kind, attack type, killed (best and range), perpetrators, documents."""
    with _reported(), open_store(settings_for(db)) as store:
        found = load_events(
            store,
            kind=kind,
            country=country,
            date_from=date_bound(since, end=False),
            date_to=date_bound(until, end=True),
            actor=actor,
            limit=limit,
            detail=as_json,
        )
    if as_json:
        _dump([event_json(view, rule=rule) for view in found])
        return
    if not found:
        console.print("No events. Ingest reports, then run [bold]rashomon resolve[/bold].")
        return
    console.print(events_table(found, rule))


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(metavar="EVENT", help="An event id (or a unique prefix of one).")],
    db: DbOption = None,
    as_json: JsonOption = False,
    rule: RuleOption = GTD,
) -> None:
    """Show one event with every claim: values, sources, speakers, hedges and evidence sentences."""
    with _reported(), open_store(settings_for(db)) as store:
        view = load_event(store, event_id)
        links = load_references(store, view.id)
    if as_json:
        _dump(event_json(view, rule=rule, detail=True))
        return
    show_event(console, view)
    if links:  # records of reference datasets (GTD, ACLED) this event was linked to by `rashomon import`
        console.print(references_table(view.id, links))


@app.command()
def conflicts(
    db: DbOption = None,
    event_id: Annotated[str | None, typer.Option("--event", help="Only this event's conflicts.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List disagreements between reports, each with every claim and the figure's evolution over report time."""
    with _reported(), open_store(settings_for(db)) as store:
        found = load_conflicts(store, event_id)
    if as_json:
        _dump([conflict_json(view) for view in found])
        return
    show_conflicts(console, found)


@app.command()
def resolve(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Re-run event resolution over every stored account, replaying the analysts' merges and splits."""
    with _reported(), open_store(settings_for(db)) as store:
        report = run_resolution(store)
    if as_json:
        _dump(asdict(report))
        return
    console.print(
        f"Resolved {report.accounts} account(s) into {report.events} event(s) "
        f"({report.multi_document_events} reported by several documents); "
        f"{report.actors} actor(s), {report.discovered_actors} discovered; {report.conflicts} conflict(s); "
        f"{report.decisions_applied} analyst decision(s) replayed; {report.candidate_pairs} pair(s) compared "
        f"in {report.seconds:.2f} s.",
        highlight=False,
        soft_wrap=True,
    )
    for key in report.unmapped_keys:
        console.print(
            f"[yellow]decision {key.decision_id}[/yellow]: {escape(key.key)} matches no account now "
            f"({escape(key.reason)})",
            highlight=False,
            soft_wrap=True,
        )


@app.command()
def merge(
    event_ids: Annotated[list[str], typer.Argument(metavar="EVENT...", help="Two or more event ids.")],
    analyst: AnalystOption,
    reason: ReasonOption,
    db: DbOption = None,
) -> None:
    """Merge events into one; the decision is kept and replayed by every later resolution."""
    with _reported(), open_store(settings_for(db)) as store:
        outcome = record_merge(store, event_ids, analyst=analyst, reason=reason)
    console.print(
        f"Merged {', '.join(event_ids)} into [bold]{outcome.event_ids[0]}[/bold] "
        f"(decision {outcome.decision.id} by {escape(outcome.decision.analyst)})",
        highlight=False,
    )


@app.command()
def split(
    event_id: Annotated[str, typer.Argument(metavar="EVENT", help="The event to split.")],
    accounts: Annotated[
        list[str], typer.Option("--account", help="An account id (or key) to move out; repeat for several.")
    ],
    analyst: AnalystOption,
    reason: ReasonOption,
    db: DbOption = None,
) -> None:
    """Move accounts out of an event into an event of their own; kept and replayed like a merge."""
    with _reported(), open_store(settings_for(db)) as store:
        outcome = record_split(store, event_id, accounts, analyst=analyst, reason=reason)
    moved, kept = outcome.event_ids
    console.print(
        f"Split {escape(event_id)}: {len(accounts)} account(s) moved to [bold]{moved}[/bold], "
        f"the rest stay in [bold]{kept}[/bold] (decision {outcome.decision.id} by {escape(outcome.decision.analyst)})",
        highlight=False,
    )


@app.command()
def note(
    event_id: Annotated[str, typer.Argument(metavar="EVENT", help="The event the note is about.")],
    text: Annotated[str, typer.Argument(help="The note.")],
    analyst: AnalystOption,
    db: DbOption = None,
) -> None:
    """Attach a free-text analyst note to an event."""
    with _reported(), open_store(settings_for(db)) as store:
        added = add_note(store, event_id, analyst=analyst, text=text)
    console.print(f"Noted on {added.event_id} by {escape(added.analyst)}.", highlight=False)
