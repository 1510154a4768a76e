"""Extract stage: a place mention, as the finder hands it to the resolver, and what both share.

`Mention` is what `geocode`, `geocode_spans` and `geocode_towns` produce and `geocode_context`
resolves: a span of the text with its gazetteer candidates and what the words around it say.
The NER labels that count as places, the kinds a province word means, the candidate id of a
town the gazetteer lacks and the words that may stand between a town and its province or
country are shared by the finder and the resolver, so they live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.extract.gazetteer_records import Candidate, PlaceKind

ADMIN_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.REGION})
STRONG_LABELS = frozenset({"GPE", "LOC", "FAC"})
UNKNOWN_TOWN = -1  # the candidate id of a town the gazetteer lacks (`geocode_towns`)
# what may stand between a town and the province or country it is in: ", North Kivu", " in Idlib
# province", ", in Kaduna state", ", a Fulani village in the Mopti region", " in central Mali"
AFTER_QUALIFIER = re.compile(
    r"^(?:,[ \t]*|[ \t]+in[ \t]+|,[ \t]*(?:in|near)[ \t]+|,[ \t]*an?[ \t]+(?:[\w'-]+[ \t]+){0,2}?"
    r"(?:village|town|city|district|locality|settlement|commune|community|hamlet|suburb|neighbou?rhood)"
    r"[ \t]+(?:in|of|near)[ \t]+)"
    r"(?:the[ \t]+)?(?:[a-z][a-z-]*[ \t]+){0,3}$"
)


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
