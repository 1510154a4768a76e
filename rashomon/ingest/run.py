"""Ingest stage, orchestration: paths in, stored `Document`s and an `IngestReport` out.

Readers only turn bytes into documents; everything that needs the store happens here:
exact duplicates are skipped (R001), near-duplicates are stored but flagged (R002), ids are
made unique, and each document is written in its own transaction, so a bad file, a crash or a
kill loses nothing already stored and a re-run completes the job without adding anything
twice. The store is used through the small `DocumentStore` protocol: the ingest stage comes
before the store stage and does not import it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Protocol

from rashomon.errors import IngestError, RashomonError
from rashomon.ingest.base import RawInput
from rashomon.ingest.dates import find_dateline
from rashomon.ingest.dedupe import NearDuplicateIndex, signature
from rashomon.ingest.language import detect_language
from rashomon.ingest.readers import read
from rashomon.ingest.sources import Source, expand, read_source
from rashomon.model.records import Document
from rashomon.settings import Settings


class DocumentStore(Protocol):
    """The part of `rashomon.store.Store` that ingest uses."""

    def document_id_for_hash(self, content_hash: str) -> str | None: ...

    def has_document(self, document_id: str) -> bool: ...

    def add_document(self, document: Document, minhash: bytes | None = None) -> bool: ...

    def minhashes(self) -> Iterable[tuple[str, bytes]]: ...

    def log_ingest(
        self, run_id: str, source: str, status: str, document_id: str | None, reason: str | None
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An input whose text is already stored (R001): skipped."""

    source: str
    document_id: str  # the id it would have had
    existing_id: str


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """A stored document that tells nearly the same text as an earlier one (R002)."""

    document_id: str
    of: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Failure:
    """An input, or one record of it, that could not be ingested, with a one-line reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Reported after each input (and once at the start, with done=0)."""

    done: int
    total: int
    source: str


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest run did. Ids are in the order the inputs were read."""

    run_id: str
    inputs: int
    ingested: tuple[str, ...]
    duplicates: tuple[Duplicate, ...]
    near_duplicates: tuple[NearDuplicate, ...]
    failures: tuple[Failure, ...]
    ignored: tuple[str, ...] = ()  # files inside folders whose type is not supported
    undated: tuple[str, ...] = ()  # ingested ids without a publication date (R003)

    @property
    def succeeded(self) -> bool:
        """True when something was ingested, or nothing failed (everything was already stored)."""
        return bool(self.ingested) or not self.failures


ProgressCallback = Callable[[IngestProgress], None]


def ingest_paths(
    store: DocumentStore,
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    on_progress: ProgressCallback | None = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Read files, folders and "-" (stdin) into the store; one bad input never stops the others.

    Raises only when the store itself fails (StoreError); every problem with an input is in
    the report's `failures` and in the store's ingest log.
    """
    expansion = expand(paths)
    run = _Run(store, settings=settings, stdin=stdin)
    total = len(expansion.sources)
    if on_progress is not None:
        on_progress(IngestProgress(0, total, ""))
    for done, source in enumerate(expansion.sources, 1):
        run.ingest_source(source)
        if on_progress is not None:
            on_progress(IngestProgress(done, total, source.label))
    return run.report(inputs=total, ignored=expansion.ignored)


@dataclass
class _Run:
    """The state of one ingest run: the outcomes so far and the near-duplicate index."""

    store: DocumentStore
    settings: Settings
    stdin: BinaryIO | None
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ingested: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    _index: NearDuplicateIndex | None = None

    def report(self, *, inputs: int, ignored: tuple[str, ...]) -> IngestReport:
        return IngestReport(
            run_id=self.run_id,
            inputs=inputs,
            ingested=tuple(self.ingested),
            duplicates=tuple(self.duplicates),
            near_duplicates=tuple(self.near_duplicates),
            failures=tuple(self.failures),
            ignored=ignored,
            undated=tuple(self.undated),
        )

    def ingest_source(self, source: Source) -> None:
        try:
            raw = read_source(source, max_bytes=self.settings.max_bytes, stdin=self.stdin)
            for item in read(raw):
                if isinstance(item, IngestError):
                    self.fail(item)
                else:
                    self.ingest_document(raw, item)
        except IngestError as error:
            self.fail(error)
        except RashomonError:
            raise  # the store failed: every later input would fail the same way
        except Exception as error:  # a reader bug on one odd file must not lose the others
            self.fail(IngestError(source.label, f"unexpected error: {type(error).__name__}: {error}"))

    def fail(self, error: IngestError) -> None:
        self.failures.append(Failure(error.source, error.reason))
        self.store.log_ingest(self.run_id, error.source, "failed", None, error.reason)

    def ingest_document(self, raw: RawInput, document: Document) -> None:
        existing = self.store.document_id_for_hash(document.content_hash)
        if existing is not None:
            self.skip_duplicate(raw, document, existing)
            return
        document = _complete(document)
        signed = signature(document.text)
        index = self.index()
        nearest = index.nearest(signed)
        document = replace(
            document,
            id=self.free_id(document.id, document.content_hash),
            near_duplicate_of=nearest[0] if nearest else None,
            ingested_at=dt.datetime.now(dt.UTC),
        )
        if not self.store.add_document(document, minhash=signed.to_bytes()):
            # Another writer stored the same text, or took the id, since we looked.
            existing = self.store.document_id_for_hash(document.content_hash)
            if existing is not None:
                self.skip_duplicate(raw, document, existing)
                return
            document = replace(document, id=self.free_id(document.id, document.content_hash))
            if not self.store.add_document(document, minhash=signed.to_bytes()):
                self.fail(IngestError(raw.source, f"document {document.id!r} could not be stored"))
                return
        index.add(document.id, signed)
        self.ingested.append(document.id)
        if document.published is None:
            self.undated.append(document.id)
        reason = None
        if nearest is not None:
            self.near_duplicates.append(NearDuplicate(document.id, nearest[0], nearest[1]))
            reason = f"R002 near-duplicate of {nearest[0]} (similarity {nearest[1]:.2f})"
        self.store.log_ingest(self.run_id, raw.source, "ingested", document.id, reason)

    def skip_duplicate(self, raw: RawInput, document: Document, existing: str) -> None:
        self.duplicates.append(Duplicate(raw.source, document.id, existing))
        self.store.log_ingest(self.run_id, raw.source, "duplicate", existing, f"R001 duplicate of {existing}")

    def free_id(self, wanted: str, content_hash: str) -> str:
        """`wanted`, or `wanted-<8 hex of the hash>` when a different text already has that id."""
        for candidate in (wanted, f"{wanted}-{content_hash[:8]}", f"{wanted}-{content_hash}"):
            if not self.store.has_document(candidate):
                return candidate
        number = 2
        while self.store.has_document(f"{wanted}-{content_hash}-{number}"):
            number += 1
        return f"{wanted}-{content_hash}-{number}"

    def index(self) -> NearDuplicateIndex:
        """The near-duplicate index, built from the store on first need (not for a run of duplicates)."""
        if self._index is None:
            self._index = NearDuplicateIndex(self.store.minhashes())
        return self._index


def _complete(document: Document) -> Document:
    """Fill what no reader can: a dateline date when metadata had none, and the language."""
    published, how = document.published, document.published_source
    if published is None:
        published = find_dateline(document.text)
        how = "dateline" if published is not None else None
    language = document.language or detect_language(document.text)
    return replace(document, published=published, published_source=how, language=language)
