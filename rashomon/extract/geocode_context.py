"""Extract stage: which place each place mention of a document means, decided by the document.

Consumes the `Mention`s the finder (`geocode.py`) located, each with its gazetteer candidates
and the cues around it; produces one `Place` per mention, or None for a weak guess (a
capitalised word no NER model called a place) that nothing in the document supports.

A candidate's score adds its size (log population), how the name reached it (its own name
beats a GeoNames alternate), a kind preference (a country over a town of the same name, a
city over the province it is the capital of) and the context: countries and first-level
subdivisions that the *other* names of the document resolve to, with the explicitly named
ones ("Iran", "Kerman province") weighing more than those inferred from towns. Resolution
runs three rounds so that context from confident names settles the ambiguous ones. Local
qualifiers ("Moscow, Idaho", "Pakistan's Balochistan") and kind words ("Kerman province",
"the city of Kerman") restrict the candidates before any scoring.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from rashomon.extract.gazetteer import Candidate, NameMatch, PlaceKind, is_latin, split_kind_word, strip_article
from rashomon.model.records import Place, PlacePrecision
from rashomon.model.vocab.folding import fold_name

ADMIN_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.REGION})
STRONG_LABELS = frozenset({"GPE", "LOC", "FAC"})
ROUNDS = 3

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
_SAME_SENTENCE = 0.3  # a country or province named in the same sentence
_CAPITAL = 0.3  # a national capital over a same-named town or state
_ADMIN1_CONTEXT = 2.0  # a city inside a province the document names
_ADMIN1_NEAR = 0.4  # a city in the province of another town the document names ("England" is big)
_KIND_MEMORY = 1.5  # "Kerman province" earlier makes a later bare "Kerman" lean to the province
_WEAK_POPULATION = 100_000  # a weak guess outside the document's countries must be at least this big
_VARIANT = -1.0  # a GeoNames alternate that is a spelling of the place's own name, not another name
_VARIANT_RATIO = 75.0
_WRITTEN_POPULATION = 100_000  # below this, a town is named as the report spells it
_FOREIGN_TOWN = 50_000  # a town this small in a country nothing else names loses to the document's countries
_FOREIGN_OTHER_NAME = 1_000_000  # the same for a town reached by an unrelated alternate name ("Gulshan" → Tabas)
UNKNOWN_TOWN = -1  # the candidate id of a town the gazetteer lacks (`geocode_towns`)
# what may stand between a town and the province or country it is in: ", North Kivu", " in Idlib
# province", ", in Kaduna state", ", a Fulani village in the Mopti region", " in central Mali"
AFTER_QUALIFIER = re.compile(
    r"^(?:,[ \t]*|[ \t]+in[ \t]+|,[ \t]*(?:in|near)[ \t]+|,[ \t]*an?[ \t]+(?:[\w'-]+[ \t]+){0,2}?"
    r"(?:village|town|city|district|locality|settlement|commune|community|hamlet|suburb|neighbou?rhood)"
    r"[ \t]+(?:in|of|near)[ \t]+)"
    r"(?:the[ \t]+)?(?:[a-z][a-z-]*[ \t]+){0,3}$"
)
_QUALIFIER_GAP = re.compile(r"^,[ \t]*$")
_POSSESSIVE_GAP = re.compile(r"^['’]s[ \t]+(?:[a-z][a-z-]*[ \t]+){0,2}$")
_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that may name a place, with what the words around it say."""

    start: int
    end: int
    text: str
    key: str  # folded name without its kind word: what "Kerman" and "Kerman province" share
    candidates: tuple[Candidate, ...]
    sentence: int
    kinds: frozenset[PlaceKind] = frozenset()  # what a kind word or "the city of" says it is
    label: str = ""  # the NER label it came from ("" for a capitalised n-gram)
    cued: bool = False  # a locative word, a kind word or a qualifier stands next to it
    needs_cue: bool = False  # a name that is also a common word or given name ("Chad") and has no cue

    @property
    def strong(self) -> bool:
        return self.label in STRONG_LABELS


@dataclass(slots=True)
class _Context:
    named: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    inferred: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))  # provinces named
    admin1_near: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))  # of towns named
    sentences: defaultdict[tuple[int, str], float] = field(default_factory=lambda: defaultdict(float))

    def copy(self) -> _Context:
        parts = (self.named, self.inferred, self.admin1, self.admin1_near, self.sentences)
        return _Context(*(defaultdict(float, part) for part in parts))  # type: ignore[arg-type]

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


def _countries(candidate: Candidate) -> tuple[str, ...]:
    return candidate.countries or ((candidate.country,) if candidate.country else ())


def _contribute(context: _Context, candidate: Candidate, sentence: int, sign: float) -> None:
    countries = _countries(candidate)
    share = sign / max(len(countries), 1)
    for country in countries:
        if candidate.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1):
            context.named[country] += share
            context.sentences[(sentence, country)] += share
        else:
            context.inferred[country] += share
    if candidate.admin1_code:
        target = context.admin1 if candidate.kind is PlaceKind.ADMIN1 else context.admin1_near
        target[candidate.admin1_code] += sign


def _score(candidate: Candidate, mention: Mention, context: _Context, prefer: frozenset[PlaceKind]) -> float:
    floor = _POPULATION_FLOOR[candidate.kind]
    match = _MATCH[candidate.match]
    if candidate.match is NameMatch.ALTERNATE and spelling_variant(mention.key, candidate.name):
        match = _VARIANT  # "Westminster" for the City of Westminster, "Rask" for Rasak
    score = math.log10(max(candidate.population, floor)) + match + _KIND[candidate.kind]
    if candidate.capital:
        score += _CAPITAL
    countries = _countries(candidate)
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


def _pick(
    options: Sequence[Candidate], members: Sequence[Mention], context: _Context, prefer: frozenset[PlaceKind]
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


def _contains(scope: Candidate, candidate: Candidate) -> bool:
    if scope.kind is PlaceKind.COUNTRY:
        return scope.code in _countries(candidate)
    return scope.kind is PlaceKind.ADMIN1 and candidate.admin1_code == scope.code and candidate.id != scope.id


def _qualify(mentions: Sequence[Mention], text: str, options: list[list[Candidate]]) -> set[int]:
    """Apply "X, Country", "X, State" and "Country's X": the qualifier restricts both names."""
    qualified: set[int] = set()
    for i in range(len(mentions) - 1):
        first, second = mentions[i], mentions[i + 1]
        gap = text[first.end : second.start]
        if _QUALIFIER_GAP.match(gap):
            inner, outer = i, i + 1
        elif _POSSESSIVE_GAP.match(gap):
            inner, outer = i + 1, i
        else:
            continue
        if any(c.kind is PlaceKind.COUNTRY and c.match is not NameMatch.ALTERNATE for c in options[inner]):
            continue  # "Iran's actions in Iraq": a country is inside no other country
        scopes = [s for s in options[outer] if s.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1)]
        pairs = [(s, c) for s in scopes for c in options[inner] if _contains(s, c)]
        # "Tehran, Isfahan and Shiraz" is a list, not a village called Tehran in Isfahan province
        listing = outer == i + 1 and _continues_list(text, second.end)
        pairs = [
            (s, c)
            for s, c in pairs
            if s.kind is PlaceKind.COUNTRY or (not listing and c.match is not NameMatch.ALTERNATE)
        ]
        if pairs:
            options[outer] = list(dict.fromkeys(s for s, _ in pairs))
            options[inner] = list(dict.fromkeys(c for _, c in pairs))
            qualified.update((inner, outer))
    return qualified


def _continues_list(text: str, end: int) -> bool:
    return re.match(r"^(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z]", text[end : end + 12]) is not None


def _kind_memory(mentions: Sequence[Mention]) -> dict[str, frozenset[PlaceKind]]:
    """What the document calls each name elsewhere: a city once, or only ever a province."""
    seen: defaultdict[str, set[PlaceKind]] = defaultdict(set)
    for mention in mentions:
        seen[mention.key].update(mention.kinds)
    memory: dict[str, frozenset[PlaceKind]] = {}
    for key, kinds in seen.items():
        if PlaceKind.CITY in kinds:
            memory[key] = frozenset({PlaceKind.CITY})
        elif kinds & ADMIN_KINDS:
            memory[key] = ADMIN_KINDS
    return memory


def resolve(mentions: Sequence[Mention], text: str) -> list[Place | None]:
    """One place per mention (None for a rejected weak guess), chosen with the whole document.

    Bare repetitions of a name (no kind word, no qualifier) are one decision: a report that
    says "Kerman" five times means one Kerman, even where one sentence also names another country.
    """
    options: list[list[Candidate]] = []
    for mention in mentions:
        wanted = [c for c in mention.candidates if c.kind in mention.kinds] if mention.kinds else []
        options.append(wanted or list(mention.candidates))
    qualified = _qualify(mentions, text, options)
    memory = _kind_memory(mentions)
    prefer = [frozenset() if m.kinds else memory.get(m.key, frozenset()) for m in mentions]
    by_key: defaultdict[str, list[int]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        by_key[mention.key].append(i)
    decisions: list[list[int]] = []  # groups of mentions decided together
    for indices in by_key.values():
        bare = [i for i in indices if not mentions[i].kinds and i not in qualified]
        decisions.extend([bare] if bare else [])
        decisions.extend([i] for i in indices if i not in bare)
    # a tagged facility word that is also a common word or given name needs a cue ("John F. Kennedy Library")
    trusted = [
        (m.strong and not m.needs_cue) or i in qualified or m.candidates[0].id == UNKNOWN_TOWN
        for i, m in enumerate(mentions)
    ]
    for group in decisions:
        if any(trusted[i] for i in group):  # one tagged "Kerman" vouches for its untagged repetitions
            for i in group:
                trusted[i] = True
    chosen: list[Candidate] = [m.candidates[0] for m in mentions]
    contexts = {key: _Context() for key in by_key}
    for round_ in range(ROUNDS):
        if round_:
            contexts = _contexts(mentions, chosen, trusted, by_key)
        for group in decisions:
            first = mentions[group[0]]
            pick = _pick(options[group[0]], [mentions[i] for i in group], contexts[first.key], prefer[group[0]])
            # a capital picked over its same-named province is as believable as the province
            backing = [
                c for c in options[group[0]] if c is pick or (c.country == pick.country and c.code == pick.admin1_code)
            ]
            supported = round_ > 0 and any(
                _listed(i, mentions, trusted, text)
                if mentions[i].needs_cue
                else any(_supported(mentions[i], c, contexts[first.key]) for c in backing)
                for i in group
            )
            for i in group:
                chosen[i] = pick
                trusted[i] = trusted[i] or supported
    contexts = _contexts(mentions, chosen, trusted, by_key)
    places: list[Place | None] = [
        to_place(m, chosen[i], contexts[m.key]) if trusted[i] else None for i, m in enumerate(mentions)
    ]
    for i, mention in enumerate(mentions):
        context = contexts[mention.key]
        if trusted[i] and (chosen[i].id == UNKNOWN_TOWN or _foreign_town(mention, chosen[i], context)):
            scope = _qualifier_after(i, mentions, places, text)
            if scope is not None:
                places[i] = _unlocated(mention, scope.country, scope.admin1)
            else:
                repeats = [mentions[k] for k in by_key[mention.key]]
                places[i] = _unlocated(mention, _document_country(repeats, context))
    return places


def _qualifier_after(i: int, mentions: Sequence[Mention], places: Sequence[Place | None], text: str) -> Place | None:
    """The province or country named right after a town ("Solhan, in the province of Yagha")."""
    if i + 1 >= len(mentions) or mentions[i + 1].sentence != mentions[i].sentence:
        return None
    place = places[i + 1]
    if place is None or place.country is None or place.precision not in (PlacePrecision.ADMIN1, PlacePrecision.COUNTRY):
        return None
    return place if AFTER_QUALIFIER.match(text[mentions[i].end : mentions[i + 1].start]) else None


def _foreign_town(mention: Mention, candidate: Candidate, context: _Context) -> bool:
    """A small town in a country the document never names, in a document that names others: "Solhan"
    in a report on Burkina Faso is not the Turkish town of that name, whatever the gazetteer knows."""
    if candidate.kind not in (PlaceKind.CITY, PlaceKind.DISTRICT) or context.has_country(_countries(candidate)):
        return False
    related = candidate.match is not NameMatch.ALTERNATE or spelling_variant(mention.key, candidate.name)
    if candidate.population >= (_FOREIGN_TOWN if related else _FOREIGN_OTHER_NAME):
        return False
    return any(value > 0.01 for value in context.named.values())


def _document_country(group: Sequence[Mention], context: _Context) -> str | None:
    """The country a town the gazetteer does not know is in: one named in the same sentence as the
    town, else the country the document names clearly most often (None when that is unclear)."""
    sentences = {m.sentence for m in group}
    near: defaultdict[str, float] = defaultdict(float)
    for (sentence, country), value in context.sentences.items():
        if sentence in sentences and value > 0.01:
            near[country] += value
    if near:
        return max(sorted(near), key=lambda c: near[c])
    named = sorted(((v, c) for c, v in context.named.items() if v > 0.01), reverse=True)
    if named and named[0][0] >= 2 and (len(named) == 1 or named[0][0] >= 2 * named[1][0]):
        return named[0][1]
    return None


def _unlocated(mention: Mention, country: str | None, admin1: str | None = None) -> Place | None:
    """A town named as such ("Solhan" tagged as a place, "the village of Moura") that the gazetteer
    lacks in the document's country: the town as written, in that country, without coordinates."""
    if country is None or not (mention.label == "GPE" or mention.kinds & {PlaceKind.CITY, PlaceKind.DISTRICT}):
        return None
    return Place(
        name=mention.text, country=country, precision=PlacePrecision.CITY, city=written_name(mention), admin1=admin1
    )


def written_name(mention: Mention) -> str:
    """The place's name as the report writes it, without "the", a kind word or a possessive."""
    words = re.sub(r"['’]s?$", "", mention.text.strip()).split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if len(words) > 1 and split_kind_word("x " + fold_name(words[-1]))[1]:
        words = words[:-1]  # "Pulwama district"
    name = " ".join(words)
    return name.title() if name.isupper() else name


def _contexts(
    mentions: Sequence[Mention], chosen: Sequence[Candidate], trusted: Sequence[bool], by_key: dict[str, list[int]]
) -> dict[str, _Context]:
    """For each name, what the trusted mentions of all other names say about the document."""
    total = _Context()
    for i, mention in enumerate(mentions):
        if trusted[i]:
            _contribute(total, chosen[i], mention.sentence, 1.0)
    return {
        key: _without(total, [(chosen[i], mentions[i].sentence) for i in indices if trusted[i]])
        for key, indices in by_key.items()
    }


def _listed(i: int, mentions: Sequence[Mention], trusted: Sequence[bool], text: str) -> bool:
    """A common-word name in a list of trusted places ("Nigeria, Niger, Chad and Cameroon")."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(mentions) and trusted[j] and not mentions[j].needs_cue:
            first, second = (mentions[j], mentions[i]) if j < i else (mentions[i], mentions[j])
            if _LIST_GAP.match(text[first.end : second.start]):
                return True
    return False


def _without(total: _Context, own: Sequence[tuple[Candidate, int]]) -> _Context:
    """The document's context minus what one name (all its repetitions) put into it."""
    context = total.copy()
    for candidate, sentence in own:
        _contribute(context, candidate, sentence, -1.0)
    return context


def _supported(mention: Mention, candidate: Candidate, context: _Context) -> bool:
    """Whether a weak guess (no NER place label, no cue) is believable in this document."""
    in_context = context.has_country(_countries(candidate))
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


def to_place(mention: Mention, candidate: Candidate, context: _Context | None = None) -> Place:
    """The record for a chosen candidate: `name` is the words as written, `admin1` a human name."""
    country = candidate.country
    if country is None and context is not None:
        present = [c for c in candidate.countries if context.has_country((c,))]
        country = present[0] if len(present) == 1 else None
    city = site = None
    admin1 = candidate.admin1
    own = candidate.name
    spelt = strip_article(fold_name(candidate.name)) != strip_article(mention.key)
    # a big city has one English name ("Ahvaz", "Erbil"); a town's transliterations vary, and the
    # report's ("Rask", not "Rasak") is the one readers and other reports use
    if (
        spelt
        and candidate.population < _WRITTEN_POPULATION
        and candidate.match is not NameMatch.ALIAS
        and is_latin(mention.text)
        and (candidate.match is NameMatch.MAIN or spelling_variant(mention.key, candidate.name))
    ):
        own = written_name(mention)
    if candidate.kind is PlaceKind.CITY:
        city = own
    elif candidate.kind is PlaceKind.DISTRICT:
        city = candidate.city or own
    elif candidate.kind is PlaceKind.SITE:
        site, city = candidate.name, candidate.city
    elif candidate.kind is PlaceKind.ADMIN1:
        admin1 = candidate.admin1 or candidate.name
    elif candidate.kind is PlaceKind.COUNTRY:
        admin1 = None
    return Place(
        name=mention.text, country=country, precision=candidate.precision, city=city, admin1=admin1,
        site=site, lat=candidate.lat, lon=candidate.lon, geonameid=candidate.geonameid,
    )  # fmt: skip
