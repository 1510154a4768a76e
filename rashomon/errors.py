"""Errors and warning codes.

Every error the library raises on purpose is a `RashomonError`, so the CLI can turn it into
a one-line message and an exit status without a traceback::

    RashomonError
    ├── ConfigError          a setting is missing or wrong (bad --db URL, unknown NLP model)
    ├── StoreError           the database cannot be opened, migrated or written
    ├── IngestError          one input cannot be read; carries the path and a one-line reason
    │   ├── UnsupportedInput     no reader for this file type
    │   ├── EmptyInput           nothing to analyse after decoding and extraction
    │   ├── TooLarge             over the configured size limit
    │   └── UndecodableInput     binary junk or an encoding that cannot be recovered
    ├── VocabularyError      a vocabulary data file is malformed (duplicate id, unknown parent)
    ├── ExtractionError      the NLP pipeline failed on a document
    └── NotFound             an id given by the user does not exist

Warnings shown to users carry a code (R0xx) so they can be searched for and filtered.
"""

from __future__ import annotations


class RashomonError(Exception):
    """Base of every error raised on purpose."""


class ConfigError(RashomonError):
    pass


class StoreError(RashomonError):
    pass


class IngestError(RashomonError):
    """One input could not be ingested. `reason` is a one-line explanation for the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedInput(IngestError):
    pass


class EmptyInput(IngestError):
    pass


class TooLarge(IngestError):
    pass


class UndecodableInput(IngestError):
    pass


class VocabularyError(RashomonError):
    pass


class ExtractionError(RashomonError):
    pass


class NotFound(RashomonError):
    pass


WARNING_CODES: dict[str, str] = {
    "R001": "exact duplicate of a stored document: skipped",
    "R002": "near-duplicate of a stored document: stored and flagged as the same story",
    "R003": "no publication date found: relative dates resolve against the nearest explicit date only",
    "R004": "language is not English: extraction may miss events",
    "R010": "figure stated without a countable unit",
    "R011": "place name not found in the gazetteer",
}
