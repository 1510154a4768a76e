"""Hand-built analyses for the geocoder tests: a tiny tokenizer instead of spaCy.

Tokens split like spaCy's English tokenizer where the geocoder cares: possessive "'s" apart,
hyphens and apostrophes as their own tokens, punctuation apart. POS and dependencies are left
empty, as the geocoder must work without them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from rashomon.analyse.analysis import Analysis, Entity, Sentence, Token
from rashomon.extract.geocode import Geocoder

_TOKEN = re.compile(r"['’]s\b|\w+|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?](?=\s+|$)")


def tokenize(text: str) -> tuple[Token, ...]:
    return tuple(
        Token(
            i=i, start=m.start(), end=m.end(), text=m.group(), lemma=m.group().lower(), pos="", tag="", dep="", head=i
        )
        for i, m in enumerate(_TOKEN.finditer(text))
    )


def _sentences(text: str, tokens: Sequence[Token]) -> tuple[Sentence, ...]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends or ends[-1] < len(text.rstrip()):
        ends.append(len(text.rstrip()))
    sentences: list[Sentence] = []
    first = 0
    for end in ends:
        last = first
        while last < len(tokens) and tokens[last].end <= end:
            last += 1
        if last > first:
            sentences.append(Sentence(tokens[first].start, tokens[last - 1].end, first, last))
        first = last
    return tuple(sentences)


def analysis(text: str, entities: Sequence[tuple[str, str]] = (), document_id: str = "doc") -> Analysis:
    """An Analysis of `text`; `entities` are (label, surface) pairs listed in text order."""
    tokens = tokenize(text)
    found: list[Entity] = []
    position = 0
    for label, surface in entities:
        start = text.index(surface, position)
        end = start + len(surface)
        inside = [t.i for t in tokens if t.start >= start and t.end <= end]
        assert inside and tokens[inside[0]].start == start and tokens[inside[-1]].end == end, surface
        found.append(Entity(start, end, label, surface, inside[0], inside[-1] + 1))
        position = end
    return Analysis(document_id, text, tokens, _sentences(text, tokens), tuple(found), "test-tokenizer")


@functools.cache
def geocoder() -> Geocoder:
    """One geocoder for the test session: the gazetteer index is built once into the cache directory."""
    return Geocoder()
