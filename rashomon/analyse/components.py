"""Analyse stage: rashomon's spaCy components, registered under versioned names.

- `rashomon_line_breaks` (rashomon.line_breaks.v1): a line break always ends a sentence, so a
  heading, a dateline or a list item is never glued to the text after it.
- `rashomon_actor_ruler` (rashomon.actor_ruler.v1): marks vocabulary actor names as ACTOR
  entities whose kb_id is the actor id; it runs before the statistical NER, which keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from rashomon.analyse.actor_matcher import ActorMatcher

ACTOR_LABEL = "ACTOR"


@Language.component("rashomon_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first non-space token after a line break."""
    after_break = False
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                after_break = True
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        elif "\n" in token.whitespace_:
            after_break = True
            continue
        after_break = "\n" in token.whitespace_
    return doc


class ActorRuler:
    """Sets ACTOR entities from the vocabulary's aliases, leaving other entities to the NER."""

    def __init__(self) -> None:
        self.matcher = ActorMatcher(())
        self.ambiguous = ActorMatcher(())

    def set_patterns(self, patterns: Iterable[tuple[str, str]], ambiguous: Iterable[tuple[str, str]] = ()) -> None:
        """`ambiguous` aliases ("IS", "AQ") count only in a document that names their actor in full."""
        self.matcher = ActorMatcher(patterns)
        self.ambiguous = ActorMatcher(ambiguous)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        matches = self.matcher.find(doc.text)
        named = {match.actor_id for match in matches}
        taken = [(m.start, m.end) for m in matches]
        for match in self.ambiguous.find(doc.text) if named else ():
            if match.actor_id in named and not any(match.start < b and a < match.end for a, b in taken):
                matches.append(match)
        for match in matches:
            span = doc.char_span(
                match.start, match.end, label=ACTOR_LABEL, kb_id=match.actor_id, alignment_mode="expand"
            )
            if span is not None:
                spans.append(span)
        if spans:
            kept: list[Span] = [e for e in doc.ents if e.label_ == ACTOR_LABEL]
            doc.ents = filter_spans(kept + spans)
        return doc


@Language.factory("rashomon_actor_ruler", assigns=["doc.ents"])
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    del nlp, name
    return ActorRuler()
