"""`rashomon ingest` and `rashomon documents`: store reports, then list what is stored.

Thin wrappers: parse the options, call `rashomon.ingest.ingest_paths` (and the pipeline for
extraction), print. Failures are printed one per line as "<path>: <reason>" on stderr so they
can be grepped; the summary goes to stdout.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from rashomon.cli.app import DbOption, JsonOption, ModelOption, app, console, errors, open_store, settings_for
from rashomon.ingest import IngestProgress, IngestReport, ingest_paths
from rashomon.model.records import Document
from rashomon.settings import Settings
from rashomon.store import Store

PROGRESS_MIN_INPUTS = 20  # fewer inputs finish before a bar would help

PathsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH", help="Files, folders (read recursively) or - for standard input.", show_default=False
    ),
]
NoExtractOption = Annotated[
    bool, typer.Option("--no-extract", help="Only store the documents; do not run event extraction.")
]
MaxBytesOption = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Refuse inputs larger than this many bytes. Env RASHOMON_MAX_BYTES; default 20 MB.",
    ),
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many documents.")]


INGEST_HELP = (
    "Store reports (.txt .md .html .pdf .json .jsonl, RSS/Atom feeds), then extract their events.\n\n"
    "Documents whose text is already stored are skipped (R001); near-copies of a stored document are stored "
    'and flagged (R002). Each bad input is reported as "<path>: <reason>" and never stops the others.\n\n'
    "Exit status: 0 when at least one input was ingested, or when every input was already stored; "
    "1 when nothing could be ingested because inputs failed; 2 for usage errors."
)


@app.command(help=INGEST_HELP)
def ingest(
    paths: PathsArgument,
    db: DbOption = None,
    no_extract: NoExtractOption = False,
    max_bytes: MaxBytesOption = None,
    model: ModelOption = None,
) -> None:
    """Ingest PATHS into the store, print a summary, then extract events (see INGEST_HELP)."""
    settings = settings_for(db, model, max_bytes=max_bytes)
    with open_store(settings) as store:
        with _ProgressDisplay() as display:
            report = ingest_paths(store, paths, settings=settings, on_progress=display.update)
        _print_report(report)
        if report.ingested and not no_extract:
            _extract(store, settings, list(report.ingested))
    if not report.succeeded:
        raise typer.Exit(code=1)


@app.command()
def documents(db: DbOption = None, as_json: JsonOption = False, limit: LimitOption = None) -> None:
    """List stored documents: title, publisher, publication date and how it was found, language."""
    settings = settings_for(db)
    with open_store(settings) as store:
        stored = store.documents(limit=limit)
    if as_json:
        typer.echo(json.dumps([_document_json(document) for document in stored], ensure_ascii=False, indent=2))
        return
    if not stored:
        console.print("No documents stored yet. Add some with [bold]rashomon ingest PATH[/bold].")
        return
    table = Table("id", "title", "publisher", "published", "language", "chars", "near-duplicate of")
    for document in stored:
        published = ""
        if document.published is not None:
            published = f"{document.published.isoformat()} ({document.published_source or '?'})"
        table.add_row(
            escape(document.id),
            escape(document.title or ""),
            escape(document.publisher or ""),
            published,
            document.language or "",
            f"{len(document.text):,}",
            escape(document.near_duplicate_of or ""),
        )
    console.print(table)


def _document_json(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "publisher": document.publisher,
        "author": document.author,
        "url": document.url,
        "published": document.published.isoformat() if document.published else None,
        "published_source": document.published_source,
        "language": document.language,
        "format": document.format,
        "source": document.source,
        "chars": len(document.text),
        "content_hash": document.content_hash,
        "near_duplicate_of": document.near_duplicate_of,
        "ingested_at": document.ingested_at.isoformat() if document.ingested_at else None,
    }


class _ProgressDisplay:
    """A Rich progress bar, shown only on a terminal and only when there are many inputs."""

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> _ProgressDisplay:
        return self

    def __exit__(self, *_: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, event: IngestProgress) -> None:
        if self._progress is None:
            if event.done or event.total < PROGRESS_MIN_INPUTS or not console.is_terminal:
                return
            self._progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=event.total)
        self._progress.update(self._task, completed=event.done, description=escape(event.source[-60:]))


def _print_report(report: IngestReport) -> None:
    for duplicate in report.duplicates:
        console.print(
            f"[dim]R001 {escape(duplicate.source)}: already stored as {escape(duplicate.existing_id)}[/dim]",
            soft_wrap=True,
            highlight=False,
        )
    for near in report.near_duplicates:
        console.print(
            f"[yellow]R002[/yellow] {escape(near.document_id)}: near-duplicate of {escape(near.of)} "
            f"(similarity {near.similarity:.2f}), stored and flagged",
            soft_wrap=True,
            highlight=False,
        )
    for failure in report.failures:
        errors.print(f"[red]{escape(str(failure))}[/red]", soft_wrap=True, highlight=False)
    if report.ignored:
        console.print(
            f"[dim]{len(report.ignored)} file(s) of unsupported types inside folders were ignored[/dim]",
            highlight=False,
        )
    console.print(_summary(report), soft_wrap=True, highlight=False)


def _summary(report: IngestReport) -> str:
    parts = [f"ingested {len(report.ingested)}"]
    if report.near_duplicates:
        parts[0] += f" ({len(report.near_duplicates)} near-duplicate)"
    parts.append(f"skipped {len(report.duplicates)} already stored")
    parts.append(f"failed {len(report.failures)}")
    line = ", ".join(parts)
    if not report.ingested and report.duplicates and not report.failures:
        line += " - nothing new: every input was already stored"
    if report.undated:
        line += f"; {len(report.undated)} without a publication date (R003)"
    colour = "green" if report.ingested else ("red" if report.failures else "yellow")
    return f"[{colour}]{line[0].upper()}{line[1:]}[/{colour}]"


def _extract(store: Store, settings: Settings, document_ids: list[str]) -> None:
    """Run extraction on the new documents, if this installation has the pipeline."""
    try:
        from rashomon.pipeline import process_documents  # type: ignore[import-not-found,unused-ignore]
    except ImportError as error:
        console.print(f"[dim]Extraction skipped: the pipeline is not available ({escape(str(error))}).[/dim]")
        return
    process_documents(store, document_ids, settings=settings, console=console)
