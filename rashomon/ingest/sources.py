"""Ingest stage: turn the paths a user gives into an ordered list of inputs, and read their bytes.

Consumes paths (files, folders, "-" for stdin), produces `Source`s and, one at a time, the
`RawInput` of each. Folders are walked recursively in a fixed order (sorted by relative path)
so that two runs over the same folder make the same ids; hidden files and folders are skipped
(editor backups, .git, .DS_Store); inside folders only files with a supported extension are
taken, while a file named explicitly is always tried, whatever its name. Problems that belong
to one path (missing, unreadable, too large, a folder with nothing to read) become that path's
failure, never the whole run's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rashomon.errors import EmptyInput, IngestError, TooLarge, UnsupportedInput
from rashomon.ingest.base import RawInput
from rashomon.ingest.sniff import SUPPORTED_EXTENSIONS

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file (`path`), stdin (`path` None), or a path that failed already."""

    label: str  # what the user will see: the path as given or found, or "-"
    path: Path | None
    problem: IngestError | None = None


@dataclass(frozen=True, slots=True)
class Expansion:
    """The inputs found under the given paths, and the files inside folders that were passed over."""

    sources: tuple[Source, ...]
    ignored: tuple[str, ...]


def expand(paths: Sequence[str | Path]) -> Expansion:
    """Every input under `paths`, in order, each file once."""
    sources: list[Source] = []
    ignored: list[str] = []
    seen: set[Path] = set()
    stdin_taken = False
    for given in paths:
        label = str(given)
        if label == STDIN:
            if not stdin_taken:
                sources.append(Source(STDIN, None))
                stdin_taken = True
            continue
        path = Path(given)
        if path.is_dir():
            found, passed_over = _walk(path)
            ignored.extend(str(item) for item in passed_over)
            if not found:
                sources.append(Source(label, path, _empty_folder(label, len(passed_over))))
            for item in found:
                _add(sources, seen, item, Source(str(item), item))
        elif path.exists() or path.is_symlink():
            _add(sources, seen, path, Source(label, path))
        else:
            sources.append(Source(label, path, IngestError(label, "no such file or directory")))
    return Expansion(tuple(sources), tuple(ignored))


def _add(sources: list[Source], seen: set[Path], path: Path, source: Source) -> None:
    try:
        key = path.resolve()
    except (OSError, RuntimeError):
        key = path.absolute()
    if key not in seen:
        seen.add(key)
        sources.append(source)


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """Supported and other visible files under `folder`, sorted by their path below it."""
    found: list[Path] = []
    passed_over: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = Path(root) / name
            (found if path.suffix.lower() in SUPPORTED_EXTENSIONS else passed_over).append(path)
    key = lambda path: path.relative_to(folder).parts  # noqa: E731
    return sorted(found, key=key), sorted(passed_over, key=key)


def _empty_folder(label: str, others: int) -> IngestError:
    kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
    if others:
        return UnsupportedInput(label, f"folder has no supported files ({others} other files ignored; reads {kinds})")
    return EmptyInput(label, f"folder has no supported files (reads {kinds})")


def read_source(source: Source, *, max_bytes: int, stdin: BinaryIO | None = None) -> RawInput:
    """The bytes of one input, or an IngestError saying why it cannot be read."""
    if source.problem is not None:
        raise source.problem
    if source.path is None:
        return _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
    path = source.path
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IngestError(source.label, "is a folder")
        if size > max_bytes:
            raise TooLarge(source.label, _too_large(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise IngestError(source.label, "no such file or directory") from error
    except PermissionError as error:
        raise IngestError(source.label, "permission denied") from error
    except OSError as error:
        raise IngestError(source.label, f"cannot read: {error.strerror or error}") from error
    if len(data) > max_bytes:  # grew while we read, or a special file without a size
        raise TooLarge(source.label, _too_large(len(data), max_bytes, at_least=True))
    if not data:
        raise EmptyInput(source.label, "empty file")
    return RawInput(source.label, _stem(path), path.suffix.lower(), data)


def _read_stdin(stream: BinaryIO, max_bytes: int) -> RawInput:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(STDIN, _too_large(len(data), max_bytes, at_least=True))
    if not data:
        raise EmptyInput(STDIN, "nothing on standard input")
    return RawInput(STDIN, "stdin", "", data)


def _stem(path: Path) -> str:
    stem = " ".join(path.stem.split())
    return stem or path.name or "document"


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"{more}{_megabytes(size)}, over the size limit of {_megabytes(limit)} (raise it with --max-bytes)"


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MB"
