"""Model: the vocabularies (actors, event types, GTD code lists, figure kinds...) as checked data.

The lists live in YAML under `rashomon/model/data/`; this package declares their shape
(`entries`), reads them (`loading`), checks them (`checks`, `lint`), indexes them
(`vocabulary`) and renders them (`render`). Nothing is read at import time:
`load_vocabulary()` reads and checks the files on first use and caches the result per
folder, and raises `VocabularyError` naming the file, the entry and the problem.

    vocabulary = load_vocabulary()
    vocabulary.actor_by_alias("ISIS–K").id          # the Islamic State's Khorasan province
    [a.id for a in vocabulary.ancestors("iskp")]   # ["islamic-state"]

spaCy is not imported here: `analyse` builds its matcher from `alias_patterns()`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rashomon.errors import VocabularyError
from rashomon.model.vocab.checks import check_all
from rashomon.model.vocab.entries import (
    ActorEntry,
    ActorKindEntry,
    ClaimStatusEntry,
    CodedTypeEntry,
    Entry,
    EventTypeEntry,
    FigureKindEntry,
    SourceKindEntry,
)
from rashomon.model.vocab.folding import fold_name
from rashomon.model.vocab.lint import lint_all
from rashomon.model.vocab.loading import DATA_DIR, ParsedFiles, Problem, parse_files
from rashomon.model.vocab.render import render_markdown, vocabulary_to_dict
from rashomon.model.vocab.vocabulary import GENERIC_SUFFIXES, Section, Vocabulary


def _root(path: Path | str | None) -> Path:
    return DATA_DIR if path is None else Path(path).expanduser().resolve()


def build_vocabulary(parsed: ParsedFiles) -> Vocabulary:
    """Index parsed entries; call only when `check_all(parsed)` found no error."""
    sections = parsed.sections
    return Vocabulary(
        actors=tuple(item.entry for item in parsed.actors),
        actor_kinds=tuple(item.entry for item in sections["actor_kinds"]),
        event_types=tuple(item.entry for item in sections["event_types"]),
        attack_types=tuple(item.entry for item in sections["attack_types"]),
        weapon_types=tuple(item.entry for item in sections["weapon_types"]),
        target_types=tuple(item.entry for item in sections["target_types"]),
        figure_kinds=tuple(item.entry for item in sections["figure_kinds"]),
        claim_statuses=tuple(item.entry for item in sections["claim_statuses"]),
        source_kinds=tuple(item.entry for item in sections["source_kinds"]),
    )


@cache
def _load(root: Path) -> Vocabulary:
    parsed = parse_files(root)
    errors = [problem for problem in check_all(parsed) if problem.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more; run `rashomon vocab check`)" if len(errors) > 1 else ""
        raise VocabularyError(f"{errors[0]}{more}")
    return build_vocabulary(parsed)


def load_vocabulary(*, path: Path | str | None = None) -> Vocabulary:
    """Read and check the vocabulary folder (the packaged one by default), once per folder.

    Raises `VocabularyError` with "file: entry: problem" for the first error found.
    """
    return _load(_root(path))


def check_vocabulary(*, path: Path | str | None = None) -> list[Problem]:
    """Every error and warning for a vocabulary folder, without raising; errors first."""
    parsed = parse_files(_root(path))
    problems = check_all(parsed) + lint_all(parsed)
    return sorted(problems, key=lambda problem: problem.severity != "error")


__all__ = [
    "DATA_DIR",
    "GENERIC_SUFFIXES",
    "ActorEntry",
    "ActorKindEntry",
    "ClaimStatusEntry",
    "CodedTypeEntry",
    "Entry",
    "EventTypeEntry",
    "FigureKindEntry",
    "Problem",
    "Section",
    "SourceKindEntry",
    "Vocabulary",
    "build_vocabulary",
    "check_vocabulary",
    "fold_name",
    "load_vocabulary",
    "render_markdown",
    "vocabulary_to_dict",
]
