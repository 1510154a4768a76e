"""Extract stage: an offline gazetteer of countries, subdivisions, districts, cities and sites.

Consumes a built index file (`gazetteer_build`, opened through `gazetteer_cache`); produces
`Candidate` records looked up by folded name, with fallbacks for possessives, kind words and
the Arabic article, and a fuzzy last resort inside given countries. The index is an SQLite
file opened read-only, which keeps the memory cost near zero (the app also loads spaCy) while
a lookup stays in the tens of microseconds.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from rashomon.extract.gazetteer_build import DEFAULT_CITY_SOURCE
from rashomon.extract.gazetteer_extras import Extras
from rashomon.extract.gazetteer_names import fold, skeleton, split_kind_word, strip_article
from rashomon.extract.gazetteer_records import KIND_PRECISION, Candidate, NameMatch, PlaceKind
from rashomon.model.records import PlacePrecision


@dataclass(frozen=True, slots=True)
class GazetteerStats:
    path: str
    size_bytes: int
    cities_source: int
    kinds: tuple[tuple[str, int], ...]
    names: int
    keys: int


_SELECT = """
SELECT p.id, p.kind, p.name, p.country, a.name, a.code, p.lat, p.lon, p.population, p.geonameid,
       n.match, p.code, p.city, p.countries, p.precision, p.capital
FROM names n JOIN places p ON p.id = n.place LEFT JOIN places a ON a.id = p.admin1
"""
_KIND_ORDER = {kind: i for i, kind in enumerate(PlaceKind)}


class Gazetteer:
    """Read-only lookups in a built index. Thread-safe; one instance per process is enough."""

    def __init__(self, path: Path, *, extras: Extras, cities_source: int = DEFAULT_CITY_SOURCE) -> None:
        self.path = path
        self.cities_source = cities_source
        self.extras = extras
        self._connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        self._cached_lookup = functools.lru_cache(maxsize=200_000)(self._lookup)
        self._country_names = functools.lru_cache(maxsize=4096)(self._fuzzy_rows)
        self._cached_capital = functools.lru_cache(maxsize=4096)(self._capital)

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()

    def _candidate(self, row: Sequence[Any]) -> Candidate:
        (place_id, kind, name, country, admin1, admin1_iso, lat, lon, population, geonameid,
         match, code, city, countries, precision, capital) = row  # fmt: skip
        kind = PlaceKind(kind)
        return Candidate(
            id=place_id, kind=kind, name=name, country=country, admin1=admin1,
            admin1_code=admin1_iso, lat=lat, lon=lon, population=population,
            geonameid=geonameid, precision=PlacePrecision(precision) if precision else KIND_PRECISION[kind],
            match=NameMatch(match), code=code, city=city,
            countries=tuple(countries.split(",")) if countries else ((country,) if country else ()),
            capital=bool(capital),
        )  # fmt: skip

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        rows = self._rows(_SELECT + "WHERE n.key = ?", (key,))
        found = sorted((self._candidate(row) for row in rows), key=lambda c: (-c.population, _KIND_ORDER[c.kind], c.id))
        return tuple(found)

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """Every place whose folded name is exactly `key` (no fallbacks); cached per instance."""
        return self._cached_lookup(key)

    def candidates(self, name: str) -> list[Candidate]:
        """Places a name may refer to: exact match after folding, then without a possessive,
        without a kind word ("Kerman Province" → admin1 only, "Kerman city" → cities) or without
        the Arabic article ("al-Raqqa" → "Raqqa"). A name with a kind word also brings the places
        of that kind its base names ("Balochistan Province": Pakistan's, and Iran's by alias)."""
        stripped = re.sub(r"['’]s$", "", name.strip())
        for text in dict.fromkeys((name, stripped)):
            key = fold(text)
            if not key:
                continue
            found = self.lookup(key)
            base, kinds = split_kind_word(key)
            if found:
                if not kinds or base == key:
                    return list(found)
                # "Balochistan Province" is also a name of the namesake province next door: the
                # document's context chooses between them
                known = {(c.name, c.country, c.kind) for c in found}
                namesakes = [
                    c for c in self.lookup(base) if c.kind in kinds and (c.name, c.country, c.kind) not in known
                ]
                return [*found, *namesakes]
            if kinds and base != key:
                found = self.lookup(base) or self.lookup(strip_article(base))
                wanted = [c for c in found if c.kind in kinds]
                if found:
                    return wanted or list(found)
            if strip_article(key) != key:
                found = self.lookup(strip_article(key))
                if found:
                    return list(found)
        return []

    def is_capital(self, geonameid: int | None) -> bool:
        """Whether the place with this GeoNames id is a national capital (as the index records it)."""
        if geonameid is None:
            return False
        return self._cached_capital(geonameid)

    def _capital(self, geonameid: int) -> bool:
        rows = self._rows("SELECT 1 FROM places WHERE geonameid = ? AND capital = 1 LIMIT 1", (geonameid,))
        return bool(rows)

    def country(self, code: str) -> Candidate | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        rows = self._rows(_SELECT + "WHERE p.kind = 'country' AND p.code = ? AND n.match = 0 LIMIT 1", (code.upper(),))
        return self._candidate(rows[0]) if rows else None

    def admin1(self, code: str) -> Candidate | None:
        """The first-level subdivision with this ISO 3166-2 code ("IR-08"), or GeoNames code ("PS.GZ")."""
        rows = self._rows(_SELECT + "WHERE p.kind = 'admin1' AND p.code = ? AND n.match = 0 LIMIT 1", (code.upper(),))
        return self._candidate(rows[0]) if rows else None

    def _fuzzy_rows(self, country: str, key: str) -> tuple[tuple[str, int], ...]:
        """(key, place) of the country's curated town names that begin with the same letter: a
        ratio of 92 leaves room for no other first letter in names of fewer than 13 letters."""
        first = key[:1]
        return tuple(
            self._rows(
                "SELECT key, place FROM fuzzy WHERE country = ? AND key >= ? AND key < ?",
                (country, first, chr(ord(first) + 1)),
            )
        )

    def fuzzy(
        self, name: str, *, countries: Sequence[str], min_length: int = 5, min_score: float = 92.0
    ) -> list[Candidate]:
        """Last resort for a spelling the index lacks, inside the given countries only.

        Plain edit-distance ratio (WRatio favours short wrong names) or an identical consonant
        skeleton ("Kuz Kunar" / "Kuz Konar", "Jawzjan" / "Jowzjan") that points to one place.
        Both are indexed lookups (a few milliseconds, nothing loaded per country).
        """
        key = fold(name)
        if len(key.replace(" ", "")) < min_length:
            return []
        shape = skeleton(key)
        for country in dict.fromkeys(countries):
            by_key: dict[str, list[int]] = {}
            for known, place in self._country_names(country, key):
                by_key.setdefault(known, []).append(place)
            best = process.extractOne(key, list(by_key), scorer=fuzz.ratio, score_cutoff=min_score)
            keys = [best[0]] if best else []
            wanted = set(by_key[best[0]]) if best else set()
            if not wanted and len(shape) >= 4:
                rows = self._rows("SELECT key, place FROM fuzzy WHERE country = ? AND skeleton = ?", (country, shape))
                if len({place for _, place in rows}) == 1:
                    keys, wanted = [k for k, _ in rows], {rows[0][1]}
            if wanted:
                found = {c.id: c for k in keys for c in self.lookup(k) if c.id in wanted}
                return sorted(found.values(), key=lambda c: -c.population)
        return []

    def never_alone(self, key: str) -> bool:
        """A word that is never a place on its own in running text (months, titles, demonyms)."""
        return key in self.extras.never_alone

    def needs_cue(self, key: str) -> bool:
        """A place name that is also a common word or given name ("Reading", "Victoria")."""
        return key in self.extras.need_cue

    def stats(self) -> GazetteerStats:
        """Counts for reports and benchmarks (takes a moment: counts distinct keys)."""
        kinds = tuple(self._rows("SELECT kind, COUNT(*) FROM places GROUP BY kind ORDER BY kind"))
        (names,) = self._rows("SELECT COUNT(*) FROM names")[0]
        (keys,) = self._rows("SELECT COUNT(DISTINCT key) FROM names")[0]
        return GazetteerStats(str(self.path), self.path.stat().st_size, self.cities_source, kinds, names, keys)

    def close(self) -> None:
        with self._lock:
            self._connection.close()
