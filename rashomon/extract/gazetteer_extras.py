"""Extract stage: the hand-curated places table, `data/places_extra.yaml`, read and checked.

Consumes the YAML file; produces a frozen `Extras`: places GeoNames lacks or gets wrong
(regions, sites, districts), aliases for countries, subdivisions and cities, and the word lists
the mention finder uses (`text:`). A malformed file raises `VocabularyError` when it loads.
The file's digest is part of the index key, so editing it rebuilds the cached index.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rashomon.errors import VocabularyError
from rashomon.extract.gazetteer_names import fold
from rashomon.extract.gazetteer_records import KIND_PRECISION, PlaceKind
from rashomon.model.records import PlacePrecision

EXTRAS_PATH = Path(__file__).parent / "data" / "places_extra.yaml"


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
        precision = (
            PlacePrecision(entry.get("precision", "admin1")) if kind is PlaceKind.REGION else KIND_PRECISION[kind]
        )
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
