"""Extract stage: find event triggers and attribute cues in a sentence's tokens.

Consumes analysed tokens and the lexicon; produces `Trigger`s (a word or phrase that may
name an event, with its sense and what it says about method and weapon). Phrases match on
consecutive lemmas, and verb phrases also when their words are split ("blew himself up",
"took twelve people hostage", "claimed responsibility for").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.analyse.analysis import Token
from rashomon.extract.lexicon import Lexicon, TriggerEntry


@dataclass(frozen=True, slots=True)
class Trigger:
    token: int  # index of the head word of the trigger in the document's tokens
    start: int
    end: int
    text: str
    entry: TriggerEntry

    @property
    def sense(self) -> str | None:
        return self.entry.sense


def _forms(token: Token) -> tuple[str, str]:
    return token.lemma.lower(), token.text.lower()


def _matches(token: Token, word: str) -> bool:
    lemma, lower = _forms(token)
    return word in (lemma, lower)


def _consecutive(tokens: Sequence[Token], k: int, entry: TriggerEntry) -> int | None:
    """Index (in `tokens`) of the last token when `entry` matches consecutively from k."""
    words = entry.words
    if k + len(words) > len(tokens):
        return None
    for offset, word in enumerate(words):
        token = tokens[k + offset]
        if not _matches(token, word):
            return None
    if entry.pos and tokens[k].pos != entry.pos and tokens[k + len(words) - 1].pos != entry.pos:
        return None
    return k + len(words) - 1


def _split_verb_phrase(tokens: Sequence[Token], k: int, entry: TriggerEntry) -> int | None:
    """For verb phrases, the later words among the next few tokens: "blew himself up"."""
    first = tokens[k]
    if len(entry.words) < 2 or first.pos not in ("VERB", "AUX") or not _matches(first, entry.words[0]):
        return None
    window = tokens[k + 1 : k + 6]
    last = k
    for word in entry.words[1:]:
        found = next((t for t in window if _matches(t, word) and t.i > tokens[last].i), None)
        if found is None:
            return None
        last = tokens.index(found)
    return last


@functools.cache
def _by_first_word(entries: tuple[TriggerEntry, ...]) -> dict[str, tuple[TriggerEntry, ...]]:
    """Entries indexed by their first word, longest first: a token is tried only against its own."""
    index: dict[str, list[TriggerEntry]] = {}
    for entry in sorted(entries, key=lambda e: -len(e.words)):
        index.setdefault(entry.words[0], []).append(entry)
    return {word: tuple(found) for word, found in index.items()}


def find_triggers(tokens: Sequence[Token], lexicon: Lexicon, *, cues: bool = False) -> list[Trigger]:
    """Triggers (or, with cues=True, attribute cues) in a run of tokens, longest match first."""
    index = _by_first_word(tuple(lexicon.cues if cues else lexicon.triggers))
    found: list[Trigger] = []
    used: set[int] = set()
    for k, token in enumerate(tokens):
        if k in used or token.pos in ("PUNCT", "SPACE"):
            continue
        lemma, lower = _forms(token)
        candidates = index.get(lemma, ()) + (index.get(lower, ()) if lower != lemma else ())
        for entry in sorted(candidates, key=lambda e: -len(e.words)):
            last = _consecutive(tokens, k, entry)
            if last is None:
                last = _split_verb_phrase(tokens, k, entry)
            if last is None or any(j in used for j in range(k, last + 1)):
                continue
            if entry.needs_object and not _has_object(tokens, k, entry):
                continue
            head = _head_of(tokens, k, last)
            found.append(Trigger(tokens[head].i, tokens[k].start, tokens[last].end, _text(tokens, k, last), entry))
            used.update(range(k, last + 1))
            break
    return found


def _has_object(tokens: Sequence[Token], k: int, entry: TriggerEntry) -> bool:
    """`claim` is a claim of responsibility only with a fitting object ("claimed the bombing")."""
    window = tokens[k + 1 : k + 8]
    return any(_forms(t)[0] in entry.needs_object or _forms(t)[1] in entry.needs_object for t in window)


def _head_of(tokens: Sequence[Token], k: int, last: int) -> int:
    """The syntactic head inside a phrase: the token whose head lies outside it (else the last)."""
    span = {tokens[j].i for j in range(k, last + 1)}
    for j in range(k, last + 1):
        if tokens[j].head not in span or tokens[j].head == tokens[j].i:
            return j
    return last


def _text(tokens: Sequence[Token], k: int, last: int) -> str:
    return " ".join(t.text for t in tokens[k : last + 1])
