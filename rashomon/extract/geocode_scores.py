"""Extract stage: how well a gazetteer candidate fits a document, for the geocoder's resolver.

Consumes `Mention`s with their candidates and what the document's other names were resolved
to; produces scores and the checks `geocode_context` decides with. A candidate's score adds
its size (log population), how the name reached it (its own name beats a GeoNames alternate),
a kind preference (a country over a town of the same name, a city over the province it is
the capital of) and the context: countries and first-level subdivisions that the *other* names
of the document resolve to, with the explicitly named ones ("Iran", "Kerman province")
weighing more than those inferred from towns. A weak guess (a capitalised word no NER model
called a place) must also be supported by that context.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from rashomon.extract.gazetteer_names import strip_article
from rashomon.extract.gazetteer_records import Candidate, NameMatch, PlaceKind
from rashomon.extract.geocode_mentions import ADMIN_KINDS, Mention
from rashomon.model.vocab.folding import fold_name

# Score weights: one unit is a tenfold population.
_MATCH = {NameMatch.MAIN: 0.0, NameMatch.ALIAS: -0.5, NameMatch.ALTERNATE: -3.0}
_KIND = {
    PlaceKind.COUNTRY: 2.0, PlaceKind.CITY: 1.0, PlaceKind.SITE: 1.0,
    PlaceKind.ADMIN1: 0.0, PlaceKind.REGION: 0.0, PlaceKind.DISTRICT: -1.5,
}  # fmt: skip
_POPULATION_FLOOR = {
    PlaceKind.COUNTRY: 1e6, PlaceKind.REGION: 1e6, PlaceKind.ADMIN1: 1e5,
    PlaceKind.SITE: 1e5, PlaceKind.CITY: 1e3, PlaceKind.DISTRICT: 1e3,
}  # fmt: skip
# A country the document names (or a subdivision of it) lets a town up to ~15 times smaller win:
# "Tripoli" in a report on Lebanon, but still Kerman in Iran when a report names the United States.
_NAMED_COUNTRY = 1.2
_INFERRED_COUNTRY = 0.6  # the country of a town the document names ("London" hardly makes "Washington" English)
_REPEATED = 0.1  # per further mention of the same country, up to four
_SAME_SENTENCE = 0.5  # a country, province or town of the country named in the same sentence
_CAPITAL = 0.3  # a national capital over a same-named town or state
_ADMIN1_CONTEXT = 2.0  # a city inside a province the document names
_ADMIN1_NEAR = 0.4  # a city in the province of another town the document names ("England" is big)
_KIND_MEMORY = 1.5  # "Kerman province" earlier makes a later bare "Kerman" lean to the province
_WEAK_POPULATION = 100_000  # a weak guess outside the document's countries must be at least this big
_VARIANT = -1.0  # a GeoNames alternate that is a spelling of the place's own name, not another name
_VARIANT_RATIO = 75.0


@dataclass(slots=True)
class DocumentContext:
    """What the trusted names of a document say: the countries and provinces named or inferred."""

    named: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    inferred: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))  # provinces named
    admin1_near: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))  # of towns named
    sentences: defaultdict[tuple[int, str], float] = field(default_factory=lambda: defaultdict(float))

    def copy(self) -> DocumentContext:
        parts = (self.named, self.inferred, self.admin1, self.admin1_near, self.sentences)
        return DocumentContext(*(defaultdict(float, part) for part in parts))  # type: ignore[arg-type]

    def has_country(self, countries: Sequence[str]) -> bool:
        return any(self.named.get(c, 0.0) > 0.01 or self.inferred.get(c, 0.0) > 0.01 for c in countries)


@functools.lru_cache(maxsize=50_000)
def spelling_variant(key: str, name: str) -> bool:
    """Whether a folded name is a spelling of a place's own name ("rask" / "Rasak", "raqqa" / "Ar
    Raqqah", "westminster" / "City of Westminster"), not an unrelated alternate ("lake" / Uniontown)."""
    own = fold_name(name)
    if f" {key} " in f" {own} ":
        return True
    return max(fuzz.ratio(key, own), fuzz.ratio(strip_article(key), strip_article(own))) >= _VARIANT_RATIO


def candidate_countries(candidate: Candidate) -> tuple[str, ...]:
    """The countries a candidate is in (every one a region spans)."""
    return candidate.countries or ((candidate.country,) if candidate.country else ())


def _contribute(context: DocumentContext, candidate: Candidate, sentence: int, sign: float) -> None:
    countries = candidate_countries(candidate)
    share = sign / max(len(countries), 1)
    for country in countries:
        if candidate.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1):
            context.named[country] += share
        else:
            context.inferred[country] += share
        # a country or province, or a town of the country, in the same sentence ("in Ahwaz ... and in
        # Balochistan Province": Iran's province, not Pakistan's)
        context.sentences[(sentence, country)] += share
    if candidate.admin1_code:
        target = context.admin1 if candidate.kind is PlaceKind.ADMIN1 else context.admin1_near
        target[candidate.admin1_code] += sign


def _score(candidate: Candidate, mention: Mention, context: DocumentContext, prefer: frozenset[PlaceKind]) -> float:
    floor = _POPULATION_FLOOR[candidate.kind]
    match = _MATCH[candidate.match]
    if candidate.match is NameMatch.ALTERNATE and spelling_variant(mention.key, candidate.name):
        match = _VARIANT  # "Westminster" for the City of Westminster, "Rask" for Rasak
    score = math.log10(max(candidate.population, floor)) + match + _KIND[candidate.kind]
    if candidate.capital:
        score += _CAPITAL
    countries = candidate_countries(candidate)
    named = max((context.named.get(c, 0.0) for c in countries), default=0.0)
    inferred = max((context.inferred.get(c, 0.0) for c in countries), default=0.0)
    if named > 0.01:
        score += _NAMED_COUNTRY + _REPEATED * max(0.0, min(named - 1, 4))
    elif inferred > 0.01:
        score += _INFERRED_COUNTRY + _REPEATED * max(0.0, min(inferred - 1, 4))
    if any(context.sentences.get((mention.sentence, c), 0.0) > 0.01 for c in countries):
        score += _SAME_SENTENCE
    if candidate.admin1_code and context.admin1.get(candidate.admin1_code, 0.0) > 0.01:
        score += _ADMIN1_CONTEXT
    elif candidate.admin1_code and context.admin1_near.get(candidate.admin1_code, 0.0) > 0.01:
        score += _ADMIN1_NEAR
    if prefer and candidate.kind in prefer:
        score += _KIND_MEMORY
    return score


def pick_candidate(
    options: Sequence[Candidate], members: Sequence[Mention], context: DocumentContext, prefer: frozenset[PlaceKind]
) -> Candidate:
    """The best candidate for one mention, or for every bare repetition of a name at once."""

    def total(candidate: Candidate) -> float:
        return sum(_score(candidate, m, context, prefer) for m in members)

    best = max(options, key=total)
    if best.kind in ADMIN_KINDS and not any(m.kinds & ADMIN_KINDS for m in members) and not (prefer & ADMIN_KINDS):
        # A bare name shared by a province and its capital means the city ("Kerman", "Erbil").
        same_name = [
            c for c in options if c.kind is PlaceKind.CITY and c.country == best.country and c.admin1_code == best.code
        ]
        if same_name:
            return max(same_name, key=total)
    return best


def name_contexts(
    mentions: Sequence[Mention], chosen: Sequence[Candidate], trusted: Sequence[bool], by_key: dict[str, list[int]]
) -> dict[str, DocumentContext]:
    """For each name, what the trusted mentions of all other names say about the document."""
    total = DocumentContext()
    for i, mention in enumerate(mentions):
        if trusted[i]:
            _contribute(total, chosen[i], mention.sentence, 1.0)
    return {
        key: _without(total, [(chosen[i], mentions[i].sentence) for i in indices if trusted[i]])
        for key, indices in by_key.items()
    }


def _without(total: DocumentContext, own: Sequence[tuple[Candidate, int]]) -> DocumentContext:
    """The document's context minus what one name (all its repetitions) put into it."""
    context = total.copy()
    for candidate, sentence in own:
        _contribute(context, candidate, sentence, -1.0)
    return context


def is_supported(mention: Mention, candidate: Candidate, context: DocumentContext) -> bool:
    """Whether a weak guess (no NER place label, no cue) is believable in this document."""
    in_context = context.has_country(candidate_countries(candidate))
    if candidate.match is NameMatch.ALTERNATE:  # "in Ahwaz" is Ahvaz; a stray "Leader" is no Cuban village
        if mention.cued and candidate.population >= _WEAK_POPULATION:
            return True
        if not spelling_variant(mention.key, candidate.name):  # "Mormon" is no old name of a Californian town
            return in_context and mention.cued
        return in_context and (mention.cued or mention.label != "PERSON")
    if mention.cued:
        return True
    if mention.label == "PERSON":
        return candidate.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1) or (
            in_context and candidate.population >= 50_000
        )
    if candidate.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION, PlaceKind.SITE):
        return True
    return in_context or candidate.population >= _WEAK_POPULATION
