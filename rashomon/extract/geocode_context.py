"""Extract stage: which place each place mention of a document means, decided by the document.

Consumes the `Mention`s the finder (`geocode.py`) located, each with its gazetteer candidates
and the cues around it; produces one `Place` per mention, or None for a weak guess (a
capitalised word no NER model called a place) that nothing in the document supports.

Candidates are scored in `geocode_scores` against the countries and provinces the *other*
names of the document resolve to. Resolution runs three rounds so that context from confident
names settles the ambiguous ones. Local qualifiers ("Moscow, Idaho", "Pakistan's Balochistan")
and kind words ("Kerman province", "the city of Kerman") restrict the candidates before any
scoring. A small foreign namesake, or a town the gazetteer lacks, becomes the town as written
in the country of its qualifier or of the document, without coordinates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from rashomon.extract.gazetteer_names import is_latin, split_kind_word, strip_article
from rashomon.extract.gazetteer_records import Candidate, NameMatch, PlaceKind
from rashomon.extract.geocode_mentions import ADMIN_KINDS, AFTER_QUALIFIER, UNKNOWN_TOWN, Mention
from rashomon.extract.geocode_scores import (
    DocumentContext,
    candidate_countries,
    is_supported,
    name_contexts,
    pick_candidate,
    spelling_variant,
)
from rashomon.model.records import Place, PlacePrecision
from rashomon.model.vocab.folding import fold_name

ROUNDS = 3
_WRITTEN_POPULATION = 100_000  # below this, a town is named as the report spells it
_FOREIGN_TOWN = 50_000  # a town this small in a country nothing else names loses to the document's countries
_FOREIGN_OTHER_NAME = 1_000_000  # the same for a town reached by an unrelated alternate name ("Gulshan" → Tabas)
_QUALIFIER_GAP = re.compile(r"^,[ \t]*$")
_POSSESSIVE_GAP = re.compile(r"^['’]s[ \t]+(?:[a-z][a-z-]*[ \t]+){0,2}$")
_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)$")


def _contains(scope: Candidate, candidate: Candidate) -> bool:
    if scope.kind is PlaceKind.COUNTRY:
        return scope.code in candidate_countries(candidate)
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
    contexts = {key: DocumentContext() for key in by_key}
    for round_ in range(ROUNDS):
        if round_:
            contexts = name_contexts(mentions, chosen, trusted, by_key)
        for group in decisions:
            first = mentions[group[0]]
            pick = pick_candidate(
                options[group[0]], [mentions[i] for i in group], contexts[first.key], prefer[group[0]]
            )
            # a capital picked over its same-named province is as believable as the province
            backing = [
                c for c in options[group[0]] if c is pick or (c.country == pick.country and c.code == pick.admin1_code)
            ]
            supported = round_ > 0 and any(
                _listed(i, mentions, trusted, text)
                if mentions[i].needs_cue
                else any(is_supported(mentions[i], c, contexts[first.key]) for c in backing)
                for i in group
            )
            for i in group:
                chosen[i] = pick
                trusted[i] = trusted[i] or supported
    contexts = name_contexts(mentions, chosen, trusted, by_key)
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


def _foreign_town(mention: Mention, candidate: Candidate, context: DocumentContext) -> bool:
    """A small town in a country the document never names, in a document that names others: "Solhan"
    in a report on Burkina Faso is not the Turkish town of that name, whatever the gazetteer knows."""
    if candidate.kind not in (PlaceKind.CITY, PlaceKind.DISTRICT) or context.has_country(
        candidate_countries(candidate)
    ):
        return False
    related = candidate.match is not NameMatch.ALTERNATE or spelling_variant(mention.key, candidate.name)
    if candidate.population >= (_FOREIGN_TOWN if related else _FOREIGN_OTHER_NAME):
        return False
    return any(value > 0.01 for value in context.named.values())


def _document_country(group: Sequence[Mention], context: DocumentContext) -> str | None:
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


def _listed(i: int, mentions: Sequence[Mention], trusted: Sequence[bool], text: str) -> bool:
    """A common-word name in a list of trusted places ("Nigeria, Niger, Chad and Cameroon")."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(mentions) and trusted[j] and not mentions[j].needs_cue:
            first, second = (mentions[j], mentions[i]) if j < i else (mentions[i], mentions[j])
            if _LIST_GAP.match(text[first.end : second.start]):
                return True
    return False


def to_place(mention: Mention, candidate: Candidate, context: DocumentContext | None = None) -> Place:
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
