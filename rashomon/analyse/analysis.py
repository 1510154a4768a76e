"""Analyse stage output: a document's sentences, tokens and entities as plain records.

`extract` reads these instead of spaCy objects, so spaCy stays inside `analyse` and the
extraction rules can be tested on hand-built analyses. Offsets are characters in the
document's stored text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the syntactic head (itself for a root)
    ent_type: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str  # spaCy's labels (GPE, ORG, PERSON, DATE...) or ACTOR for vocabulary matches
    text: str
    token_start: int
    token_end: int  # exclusive
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    token_start: int
    token_end: int  # exclusive


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the NLP pipeline found in one document."""

    document_id: str
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    model: str
    _sentence_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._sentence_starts.extend(s.start for s in self.sentences)

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding a character offset (the last one starting at or before it)."""
        return max(0, bisect.bisect_right(self._sentence_starts, char) - 1)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        return self.tokens[sentence.token_start : sentence.token_end]

    def entities_in(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start >= start and e.end <= end]
