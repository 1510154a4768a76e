"""Extract stage: towns the gazetteer does not know, when the report says that they are towns.

GeoNames misses many villages where attacks happen ("the village of X", "X, a village in the
Y region", "in X, Z province"). A name the NER tagged (as a place, or as an organisation or a
person, which small models often do with unknown names) that no gazetteer name matches becomes
a town of its own when the words around it say so: a town word before or after it ("the
village of", "X village"), or, for a name tagged as a town or organisation, a qualifier after
it (", North Kivu", " in Idlib province"), or for one tagged as a town (GPE) a locative cue
("in", "near", "at"). Facilities and landforms need a town word; a name tagged as a person
counts only as a dateline ("Kasindi, North Kivu - ..."). It gets one candidate with
no country; `geocode_context` places it in the country of its qualifier or of its sentence, or
in the country the document clearly names most, and drops it when none of these exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rashomon.analyse.analysis import Entity
from rashomon.extract.gazetteer_names import CITY_SUFFIXES, fold, is_latin
from rashomon.extract.gazetteer_records import Candidate, NameMatch, PlaceKind
from rashomon.extract.geocode_mentions import AFTER_QUALIFIER, STRONG_LABELS, UNKNOWN_TOWN, Mention
from rashomon.model.records import PlacePrecision

if TYPE_CHECKING:
    from rashomon.extract.geocode import _Finder

_LABELS = STRONG_LABELS | {"ORG", "PERSON"}
_SCOPE_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION})
_TOWN = frozenset({PlaceKind.CITY})
_MIN_LENGTH = 3


def unknown_towns(finder: _Finder) -> list[Mention]:
    """Mentions of towns the gazetteer lacks, each with a single country-less candidate.

    `finder.found` must be sorted by position: a qualifier is looked up among the found places.
    """
    towns: list[Mention] = []
    for entity in finder.analysis.entities:
        if entity.label in _LABELS and not any(finder.used[entity.token_start : entity.token_end]):
            town = _town(finder, entity)
            if town is not None:
                towns.append(town)
    return towns


def _town(finder: _Finder, entity: Entity) -> Mention | None:
    tokens, text = finder.tokens, finder.text
    start, end = entity.token_start, entity.token_end
    while start < end and (tokens[start].text.lower() == "the" or tokens[start].text.lower() in finder.geo.cues):
        start += 1
    while end > start and tokens[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    kinds: frozenset[PlaceKind] = frozenset()
    if end - start > 1 and tokens[end - 1].text.lower() in CITY_SUFFIXES:
        end, kinds = end - 1, _TOWN  # "Pazigyi village"
    if start >= end or not _name_words(finder, start, end):
        return None
    name = text[tokens[start].start : tokens[end - 1].end]
    key = fold(name)
    if (
        len(key.replace(" ", "")) < _MIN_LENGTH or name.isupper() or not is_latin(name)
        or key in finder.geo.actor_keys or finder.geo.is_word_blocked(key) or key in finder.geo.not_places
    ):  # fmt: skip
        return None
    if start > 0 and fold(tokens[start - 1].text) in finder.geo.titles:
        return None  # "General Kasindi"
    after = end + 1 if end < len(tokens) and tokens[end].text in ("'s", "’s") else end
    if after < len(tokens) and finder.sentence_of[after] == finder.sentence_of[start] and finder._name_word(after):
        return None  # "Paddy's Pub", "Holey Artisan Bakery"
    cued, prefix_kinds = finder._prefix_cue(start)
    kinds = kinds or (prefix_kinds & _TOWN)
    if entity.label == "PERSON":  # only a dateline: "Kasindi, North Kivu - ..."
        first = start == 0 or finder.sentence_of[start - 1] != finder.sentence_of[start]
        evidence = bool(kinds) or (first and _qualified(finder, tokens[end - 1].end, comma_only=True))
    elif entity.label in ("FAC", "LOC"):  # "the Line of Control in Kashmir" is no village
        evidence = bool(kinds)
    else:
        evidence = bool(kinds) or _qualified(finder, tokens[end - 1].end) or (entity.label == "GPE" and cued)
    if not evidence:
        return None
    candidate = Candidate(
        id=UNKNOWN_TOWN, kind=PlaceKind.CITY, name=name, country=None, admin1=None, admin1_code=None,
        lat=None, lon=None, population=0, geonameid=None, precision=PlacePrecision.CITY, match=NameMatch.ALTERNATE,
    )  # fmt: skip
    return Mention(
        start=tokens[start].start, end=tokens[end - 1].end, text=name, key=key, candidates=(candidate,),
        sentence=finder.sentence_of[start], kinds=_TOWN, label=entity.label, cued=True,
    )  # fmt: skip


def _name_words(finder: _Finder, start: int, end: int) -> bool:
    """Capitalised words, with particles and hyphens inside ("Tudun Biri", "Bir el-Kebir")."""
    if not finder._cap(start) or not finder._cap(end - 1):
        return False
    return all(finder._cap(k) or finder._particle(k) or finder._attached(k) for k in range(start, end))


def _qualified(finder: _Finder, end: int, *, comma_only: bool = False) -> bool:
    """A province or country follows the name ("Kasindi, North Kivu", "Barisha in Idlib province")."""
    for mention in finder.found:
        if mention.start < end:
            continue
        gap = finder.text[end : mention.start]
        if gap.strip() != "," if comma_only else AFTER_QUALIFIER.match(gap) is None:
            return False
        return any(c.kind in _SCOPE_KINDS for c in mention.candidates)
    return False
