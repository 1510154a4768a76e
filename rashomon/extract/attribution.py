"""Extract stage: who a sentence credits a claim to, and how surely it states it.

Consumes a sentence's tokens and text; produces the speaker ("Iranian Minister of Interior
Ahmad Vahidi", "police", "the provincial governor") and the hedge ("reportedly",
"allegedly"). The speaker comes from "according to X", "X said/told/reported/confirmed"
(the subject of a reporting verb), or "as reported by X". A pronoun subject ("he said")
is not a speaker we can name, so it is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.analyse.analysis import Token
from rashomon.extract.lexicon import Lexicon

_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you", "this", "that", "which", "who", "one"})
_MAX_SPEAKER_TOKENS = 12


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str
    start: int
    end: int


def find_hedge(sentence_text: str, lexicon: Lexicon) -> str | None:
    """The first hedge phrase in the sentence (longest phrases are tried first)."""
    lowered = sentence_text.lower()
    for hedge in lexicon.hedges:
        if re.search(rf"(?<![\w-]){re.escape(hedge)}(?![\w-])", lowered):
            return hedge
    return None


def find_speaker(tokens: Sequence[Token], text: str, lexicon: Lexicon) -> Speaker | None:
    """The source a sentence credits, or None when it states the claim in its own voice."""
    return _according_to(tokens, text) or _reporting_subject(tokens, text, lexicon)


def _according_to(tokens: Sequence[Token], text: str) -> Speaker | None:
    for k, token in enumerate(tokens[:-1]):
        lower = token.text.lower()
        if lower == "according" and tokens[k + 1].text.lower() == "to":
            return _phrase_after(tokens, k + 2, text)
        if lower in ("citing",) or (lower == "by" and k > 0 and tokens[k - 1].text.lower() in ("reported", "quoted")):
            return _phrase_after(tokens, k + 1, text)
    return None


def _phrase_after(tokens: Sequence[Token], k: int, text: str) -> Speaker | None:
    """A noun phrase starting at token k, up to a comma, a verb or the end of the sentence."""
    picked: list[Token] = []
    for token in tokens[k : k + _MAX_SPEAKER_TOKENS]:
        if token.text in (",", ";", ":", ".", "(", ")") or token.pos in ("VERB", "AUX"):
            break
        if token.pos == "NUM" and picked:
            break
        picked.append(token)
    while picked and picked[-1].pos in ("ADP", "CCONJ", "DET", "PART"):
        picked.pop()
    if not picked or all(t.text.lower() in _PRONOUNS for t in picked):
        return None
    start, end = picked[0].start, picked[-1].end
    return Speaker(text[start:end], start, end)


def _reporting_subject(tokens: Sequence[Token], text: str, lexicon: Lexicon) -> Speaker | None:
    by_index = {t.i: t for t in tokens}
    for token in tokens:
        if token.pos != "VERB" or token.lemma.lower() not in lexicon.reporting_verbs:
            continue
        if token.lemma.lower() == "claim" and any(
            t.head == token.i and t.lemma.lower() in ("responsibility", "credit") for t in tokens
        ):
            continue  # a claim of responsibility, not a speaker for a figure
        subject = next((t for t in tokens if t.head == token.i and t.dep in ("nsubj", "nsubjpass")), None)
        if subject is None:
            agent = next((t for t in tokens if t.head == token.i and t.dep == "agent"), None)
            subject = next((t for t in tokens if agent is not None and t.head == agent.i), None)
        if subject is None or subject.text.lower() in _PRONOUNS:
            continue
        span = _subtree(tokens, by_index, subject)
        if len(span) > _MAX_SPEAKER_TOKENS or any(t.pos == "NUM" for t in span):
            continue
        start, end = span[0].start, span[-1].end
        return Speaker(text[start:end], start, end)
    return None


def _subtree(tokens: Sequence[Token], by_index: dict[int, Token], root: Token) -> list[Token]:
    """The contiguous tokens a subject heads, cut at the first comma after the head."""
    members = {root.i}
    changed = True
    while changed:
        changed = False
        for token in tokens:
            if token.i not in members and token.head in members and token.head != token.i:
                members.add(token.i)
                changed = True
    ordered = sorted(members)
    picked = [by_index[i] for i in range(ordered[0], ordered[-1] + 1) if i in by_index]
    cut = next((k for k, t in enumerate(picked) if t.text in (",", "(") and t.i > root.i), None)
    if cut is not None:
        picked = picked[:cut]
    while picked and picked[0].pos in ("DET", "ADP", "PUNCT", "CCONJ"):
        picked = picked[1:]
    return picked or [root]
