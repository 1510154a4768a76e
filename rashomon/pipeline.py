"""The whole job after ingest: analyse, extract and store each document, then resolve the store.

    from rashomon.pipeline import process_documents
    report = process_documents(store, store.document_ids(), settings=settings)

Each document's accounts replace only this extractor's earlier output for that document, in
one transaction per document, so a re-run is idempotent and an interrupted run leaves every
finished document intact. Resolution runs once at the end over every stored account (it is
global: a new report can join an event other reports already describe) and replays the
analysts' merge and split decisions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rashomon.analyse.pipeline import analyse_texts
from rashomon.errors import ExtractionError
from rashomon.extract.document import DocumentExtractor
from rashomon.model.vocab import load_vocabulary
from rashomon.resolve.views import ResolutionReport
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.store.events import resolve_store
from rashomon.store.references import has_references, link_references

BATCH = 16


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    document_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class PipelineReport:
    """What one run did: documents processed, accounts found, failures, the resolution, timings."""

    documents: int
    accounts: int
    violent_accounts: int
    failures: tuple[ExtractionFailure, ...]
    resolution: ResolutionReport | None
    words: int
    analyse_seconds: float
    extract_seconds: float


Progress = Callable[[int, int], None]


def _batches(ids: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def process_documents(
    store: Store,
    document_ids: Sequence[str],
    *,
    settings: Settings,
    console: object | None = None,
    resolve: bool = True,
    on_progress: Progress | None = None,
) -> PipelineReport:
    """Analyse, extract and store the accounts of these documents; then resolve the whole store.

    `console` (a Rich console) gets a one-line summary when given.
    """
    vocabulary = load_vocabulary()
    extractor = DocumentExtractor(vocabulary=vocabulary)
    patterns = tuple(vocabulary.alias_patterns())
    ambiguous = tuple(vocabulary.ambiguous_alias_patterns())
    failures: list[ExtractionFailure] = []
    accounts_total = violent_total = words = 0
    analyse_seconds = extract_seconds = 0.0
    done = 0
    for batch in _batches(list(document_ids), BATCH):
        documents = [store.document(document_id) for document_id in batch]
        started = time.perf_counter()
        try:
            analyses = list(
                analyse_texts(
                    ((d.id, d.text) for d in documents), model=settings.model, patterns=patterns, ambiguous=ambiguous
                )
            )
        except ExtractionError as error:
            failures.extend(ExtractionFailure(d.id, str(error)) for d in documents)
            continue
        analyse_seconds += time.perf_counter() - started
        for document, analysis in zip(documents, analyses, strict=True):
            started = time.perf_counter()
            words += len(document.text.split())
            try:
                accounts = extractor.extract(analysis, published=document.published)
            except (ValueError, KeyError, IndexError) as error:  # a rule tripped on odd text: skip, keep going
                failures.append(ExtractionFailure(document.id, f"extraction failed: {error!r}"))
                continue
            store.replace_accounts(document.id, extractor.name, extractor.version, accounts, model=settings.model)
            extract_seconds += time.perf_counter() - started
            accounts_total += len(accounts)
            violent_total += sum(1 for a in accounts if a.kind.is_violent_event)
            done += 1
            if on_progress is not None:
                on_progress(done, len(document_ids))
    resolution = resolve_store(store) if resolve else None
    if resolution is not None and has_references(store):
        link_references(store)  # events that changed or are new are linked to imported dataset records again
    report = PipelineReport(
        documents=done,
        accounts=accounts_total,
        violent_accounts=violent_total,
        failures=tuple(failures),
        resolution=resolution,
        words=words,
        analyse_seconds=round(analyse_seconds, 3),
        extract_seconds=round(extract_seconds, 3),
    )
    if console is not None:
        _print_summary(console, report)
    return report


def _print_summary(console: object, report: PipelineReport) -> None:
    printer = getattr(console, "print", None)
    if printer is None:
        return
    for failure in report.failures:
        printer(f"[red]{failure.document_id}: {failure.reason}[/red]", highlight=False, markup=True)
    line = (
        f"Extracted {report.accounts} accounts ({report.violent_accounts} attacks or strikes) "
        f"from {report.documents} documents"
    )
    if report.resolution is not None:
        r = report.resolution
        line += (
            f"; resolved into {r.events} events ({r.multi_document_events} reported by several documents), "
            f"{r.actors} actors, {r.conflicts} conflicts"
        )
    printer(line, highlight=False)
