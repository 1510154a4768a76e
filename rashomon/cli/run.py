"""`rashomon extract` and `rashomon demo`: run the whole job over stored documents or the sample corpus.

Thin wrappers around `rashomon.pipeline.process_documents` (analyse, extract, store the
accounts, resolve). `extract` re-runs extraction on documents already stored, replacing only
this extractor's earlier output, so it is safe to run again. `demo` builds a fresh store from
the sample corpus that ships with the package and shows what was found.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

import rashomon
from rashomon.cli.app import DbOption, ModelOption, app, console, errors, open_store, settings_for
from rashomon.cli.event_show import events_table
from rashomon.resolve.figures import GTD
from rashomon.resolve.views import ConflictView
from rashomon.settings import Settings
from rashomon.store import Store

if TYPE_CHECKING:
    from rashomon.pipeline import PipelineReport

SAMPLE_DIR = Path(rashomon.__file__).parent / "data" / "sample"
DEMO_DB = "rashomon-demo.db"
DEMO_HOST, DEMO_PORT = "127.0.0.1", 8000  # what `rashomon serve` binds by default
DEMO_RULE = GTD  # as `rashomon events` shows them by default
PROGRESS_MIN_DOCUMENTS = 8  # fewer documents finish before a bar would help

EXTRACT_HELP = (
    "Extract events again from documents already stored, then resolve the store.\n\n"
    "Without options, extracts the documents this extractor (at this version, with this model) has not "
    "processed yet, such as those stored with `ingest --no-extract`. Each document's earlier output of this "
    "extractor is replaced, in one transaction per document; output of other extractors stays. "
    "Running it twice gives the same accounts.\n\n"
    "Exit status: 0 when every document asked for was extracted, or there was nothing to do; "
    "1 when an id is unknown or no document could be extracted; 2 for usage errors."
)
DEMO_HELP = (
    "Build a fresh demo store from the bundled sample corpus, extract and resolve it, and show the events "
    "and conflicts found.\n\n"
    "The --db file is deleted first (it must be an SQLite file that holds nothing but the sample corpus); "
    "the default is ./rashomon-demo.db, whatever RASHOMON_DB says."
)

DocumentOption = Annotated[
    list[str] | None,
    typer.Option("--document", "-d", metavar="ID", help="Extract this stored document (repeat for more)."),
]
AllOption = Annotated[bool, typer.Option("--all", help="Extract every stored document, even those done already.")]
NoResolveOption = Annotated[
    bool, typer.Option("--no-resolve", help="Store the accounts but do not resolve them into events.")
]
DemoDbOption = Annotated[str, typer.Option("--db", help="SQLite file for the demo store; deleted and rebuilt.")]
ServeOption = Annotated[
    bool,
    typer.Option(
        "--serve/--no-serve", help="Afterwards, serve the web UI on the demo store at http://127.0.0.1:8000/."
    ),
]


# extract ----------------------------------------------------------------------------------


@app.command(help=EXTRACT_HELP)
def extract(
    document: DocumentOption = None,
    all_documents: AllOption = False,
    no_resolve: NoResolveOption = False,
    db: DbOption = None,
    model: ModelOption = None,
) -> None:
    """Re-run extraction over stored documents (see EXTRACT_HELP)."""
    if document and all_documents:
        raise typer.BadParameter("give --document or --all, not both", param_hint="--document / --all")
    settings = settings_for(db, model)
    with open_store(settings) as store:
        stored = store.document_ids()
        if not stored:
            console.print("No documents stored yet. Add some with [bold]rashomon ingest PATH[/bold].")
            return
        if document:
            known = set(stored)
            unknown = [name for name in document if name not in known]
            if unknown:
                for name in unknown:
                    errors.print(f"[red]error:[/red] no document '{escape(name)}'", highlight=False, soft_wrap=True)
                raise typer.Exit(code=1)
            wanted = list(dict.fromkeys(document))
        elif all_documents:
            wanted = stored
        else:
            wanted = pending_documents(store, settings)
        if not wanted:
            console.print("Every stored document is already extracted; use --all to extract them again.")
            return
        report = _process(store, settings, wanted, resolve=not no_resolve)
    if report.documents == 0:
        raise typer.Exit(code=1)


def pending_documents(store: Store, settings: Settings) -> list[str]:
    """Stored documents without a run of the current extractor, at its version, with this model."""
    from rashomon.extract.document import EXTRACTOR, EXTRACTOR_VERSION

    done = {
        run["document_id"]
        for run in store.extraction_runs()
        if run["extractor"] == EXTRACTOR and run["version"] == EXTRACTOR_VERSION and run["model"] == settings.model
    }
    return [document_id for document_id in store.document_ids() if document_id not in done]


def _process(store: Store, settings: Settings, document_ids: list[str], *, resolve: bool) -> PipelineReport:
    """The pipeline over these documents, with a progress bar on a terminal; returns its PipelineReport."""
    from rashomon.pipeline import process_documents

    progress: Progress | None = None
    task: Any = None
    if console.is_terminal and len(document_ids) >= PROGRESS_MIN_DOCUMENTS:
        progress = Progress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
        )
        progress.start()
        task = progress.add_task("", total=len(document_ids))

    def advance(done: int, total: int) -> None:
        if progress is not None:
            progress.update(task, completed=done, total=total)

    try:
        report = process_documents(store, document_ids, settings=settings, resolve=resolve, on_progress=advance)
    finally:
        if progress is not None:
            progress.stop()
    _print_pipeline(report)
    return report


def _print_pipeline(report: PipelineReport) -> None:
    for failure in report.failures:
        errors.print(
            f"[red]{escape(failure.document_id)}: {escape(failure.reason)}[/red]", highlight=False, soft_wrap=True
        )
    line = (
        f"Extracted {report.accounts} accounts ({report.violent_accounts} attacks or strikes) "
        f"from {report.documents} documents"
    )
    if report.failures:
        line += f", {len(report.failures)} failed"
    resolution = report.resolution
    if resolution is not None:
        line += (
            f"; resolved into {resolution.events} events ({resolution.multi_document_events} reported by several "
            f"documents), {resolution.actors} actors, {resolution.conflicts} conflicts"
        )
        for unmapped in resolution.unmapped_keys:
            errors.print(
                f"[yellow]decision {escape(unmapped.decision_id)}: {escape(unmapped.key)} {escape(unmapped.reason)}"
                "[/yellow]",
                highlight=False,
                soft_wrap=True,
            )
    console.print(line, highlight=False, soft_wrap=True)


# demo -------------------------------------------------------------------------------------


@app.command(help=DEMO_HELP)
def demo(db: DemoDbOption = DEMO_DB, serve: ServeOption = False, model: ModelOption = None) -> None:
    """Ingest the sample corpus into a fresh store, extract, resolve and show the result (see DEMO_HELP)."""
    from rashomon.ingest import ingest_paths
    from rashomon.store.events import load_conflicts, load_events

    started = time.perf_counter()
    path = Path(db)
    remove_demo_store(path, sample_ids())
    settings = settings_for(str(path), model)
    with tempfile.TemporaryDirectory(prefix="rashomon-demo-") as folder:
        records = write_sample_records(Path(folder) / "sample-corpus.jsonl")
        with open_store(settings) as store:
            ingested = ingest_paths(store, [str(records)], settings=settings)
            for failure in ingested.failures:
                errors.print(f"[red]{escape(str(failure))}[/red]", highlight=False, soft_wrap=True)
            console.print(f"Stored {len(ingested.ingested)} sample reports in {escape(str(path))}", highlight=False)
            if not ingested.ingested:
                raise typer.Exit(code=1)
            _process(store, settings, list(ingested.ingested), resolve=True)
            events = load_events(store)
            conflicts = load_conflicts(store)
    console.print(
        f"[bold]{len(events)} events[/bold] (killed: the best figure under the {DEMO_RULE} rule, "
        "and the range of the credible figures)"
    )
    console.print(events_table(events, DEMO_RULE))
    print_conflicts(conflicts)
    console.print(f"[dim]Done in {time.perf_counter() - started:.1f} s.[/dim]")
    _next_steps(path, serve=serve)


def sample_ids() -> set[str]:
    """The document ids the sample corpus is stored under (its file names without extension)."""
    return {Path(entry["file"]).stem for entry in _manifest()["documents"]}


def _manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    return data


def write_sample_records(target: Path) -> Path:
    """The sample corpus as JSON Lines records, so that its titles, outlets and dates are ingested too."""
    lines = []
    for entry in _manifest()["documents"]:
        text_path = SAMPLE_DIR / entry["file"]
        record = {
            "id": text_path.stem,
            "title": entry.get("title"),
            "source": entry.get("publisher"),
            "published": entry.get("published"),
            "language": entry.get("language"),
            "url": text_path.resolve().as_uri(),
            "text": text_path.read_text(encoding="utf-8"),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def remove_demo_store(path: Path, allowed_ids: set[str]) -> None:
    """Delete an earlier demo store, refusing anything that holds more than the sample corpus.

    The demo starts from nothing each time, so a stale schema or old extraction can never
    colour what it shows; the check keeps a mistyped --db from wiping a real store.
    """
    if "://" in str(path):
        raise typer.BadParameter("the demo store must be an SQLite file path, not a URL", param_hint="--db")
    if path.exists():
        if path.is_dir():
            raise typer.BadParameter(f"{path} is a folder", param_hint="--db")
        foreign = _foreign_documents(path, allowed_ids)
        if foreign is not None:
            errors.print(
                f"[red]error:[/red] refusing to delete {escape(str(path))}: {escape(foreign)}",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(code=1)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _foreign_documents(path: Path, allowed_ids: set[str]) -> str | None:
    """Why `path` is not a disposable demo store, or None when it is."""
    with path.open("rb") as handle:
        header = handle.read(16)
    if header and header != b"SQLite format 3\x00":
        return "it is not an SQLite file"
    if not header:
        return None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "documents" not in tables:
            return "it is not a rashomon store"
        ids = {str(row[0]) for row in connection.execute("SELECT id FROM documents")}
    except sqlite3.Error as error:
        return f"it cannot be read ({error})"
    finally:
        connection.close()
    extra = ids - allowed_ids
    if extra:
        return f"it holds {len(extra)} document(s) that are not the sample corpus; choose another --db"
    return None


def _next_steps(path: Path, *, serve: bool) -> None:
    """The commands to look further, or the web UI itself with --serve."""
    quoted = str(path) if " " not in str(path) else f'"{path}"'
    hints = [
        f"rashomon events --db {quoted}",
        f"rashomon conflicts --db {quoted}",
        f"rashomon export --db {quoted} --format json",
    ]
    if not serve:
        hints.append(f"rashomon serve --db {quoted}")
    console.print("Next: " + "  |  ".join(escape(hint) for hint in hints), highlight=False, soft_wrap=True)
    if serve:
        from rashomon.serve import serve as run_server

        console.print(f"Serving {escape(str(path))} at http://{DEMO_HOST}:{DEMO_PORT}/ (read-only); Ctrl+C stops.")
        run_server(str(path), host=DEMO_HOST, port=DEMO_PORT)


# conflicts --------------------------------------------------------------------------------


def print_conflicts(conflicts: list[ConflictView]) -> None:
    """Each disagreement: the event, the attribute, and each value with the documents that gave it."""
    if not conflicts:
        console.print("No conflicts: the reports of each event agree.")
        return
    console.print(f"[bold]{len(conflicts)} conflicts[/bold]")
    for view in conflicts:
        conflict = view.conflict
        documents: dict[str, list[str]] = defaultdict(list)
        for claim in view.claims:
            if claim.document_id not in documents[claim.value]:
                documents[claim.value].append(claim.document_id)
        ordered = list(dict.fromkeys([*conflict.values, *documents]))
        values = [f"{value} ({', '.join(documents[value])})" if documents[value] else value for value in ordered]
        line = f"{conflict.event_id}  {conflict.attribute}: " + "; ".join(values)
        if conflict.note:
            line += f"  [{conflict.note}]"
        console.print(escape(line), highlight=False, soft_wrap=True)
