"""Extract stage: places named in a sentence, geocoded with the document as context.

Wraps the gazetteer and geocoder (`rashomon.extract.geocode`) for the extraction rules and
decides when two places can be the place of one event: the same city, a city inside the
other's province, or one country-level place in the same country. Different countries
never match.
"""

from __future__ import annotations

from dataclasses import dataclass

from rashomon.model.records import Place, PlacePrecision
from rashomon.model.vocab.folding import fold_name


@dataclass(frozen=True, slots=True)
class PlaceFound:
    start: int
    end: int
    text: str
    place: Place


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and fold_name(a or "") == fold_name(b or "")


def places_compatible(a: Place, b: Place) -> bool:
    """Whether two places can be where one event happened."""
    if a == b:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True  # one town, spelt as each report spells it ("Rask", "Rasak")
    if a.city and b.city:
        return _same(a.city, b.city)
    if a.city and b.admin1 and a.admin1:
        return _same(a.admin1, b.admin1)
    if b.city and a.admin1 and b.admin1:
        return _same(a.admin1, b.admin1)
    if a.precision is PlacePrecision.ADMIN1 and b.precision is PlacePrecision.ADMIN1:
        return _same(a.admin1 or a.name, b.admin1 or b.name)
    return True


def specificity(place: Place) -> int:
    """Higher is more specific: site > city > admin1 > country."""
    return {
        PlacePrecision.SITE: 4,
        PlacePrecision.CITY: 3,
        PlacePrecision.ADMIN1: 2,
        PlacePrecision.COUNTRY: 1,
    }[place.precision]
