"""Ingest stage: read files, folders, stdin, feeds and records into `Document`s, de-duplicated.

    from rashomon.ingest import ingest_paths
    report = ingest_paths(store, ["reports/", "extra.pdf"], settings=settings)

Importing this package is cheap: trafilatura, pypdf, feedparser, datasketch, dateparser and
lingua are imported only when an input needs them.
"""

from rashomon.ingest.run import (
    DocumentStore,
    Duplicate,
    Failure,
    IngestProgress,
    IngestReport,
    NearDuplicate,
    ingest_paths,
)

__all__ = [
    "DocumentStore",
    "Duplicate",
    "Failure",
    "IngestProgress",
    "IngestReport",
    "NearDuplicate",
    "ingest_paths",
]
