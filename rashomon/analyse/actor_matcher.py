"""Analyse stage: find actor names (armed groups, state bodies, claim channels) in raw text.

Consumes (alias, actor id) pairs from the vocabulary; produces character spans with the
actor id. It works on normalised words rather than spaCy tokens because reports spell the
same name with every kind of dash and spacing ("Islamic State- Khorasan Province",
"ISIS–K", "IS-KP"), which a tokenizer splits inconsistently. Matching is longest-first over
word sequences, so "Islamic State Khorasan Province" wins over "Islamic State".

Short all-capital aliases (acronyms such as "IS", "TTP", "ADF") only match in capitals, and
not inside a sentence written all in capitals (a headline "WHY IS IT..." is not the group).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Words keep inner apostrophes ("Jama'at") but not a possessive ending ("ISIS–K's").
_WORD = re.compile(r"[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*", re.UNICODE)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")


@dataclass(frozen=True, slots=True)
class ActorMatch:
    start: int
    end: int
    actor_id: str
    alias: str


def fold_word(word: str) -> str:
    """Lower-case, strip accents and apostrophes: "Jama’at" and "Jamaat" fold alike."""
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c))
    return word.lower().replace("'", "").replace("’", "")


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text.translate(_DASHES))]


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 6 and all(c.isupper() for c in letters)


_LEADING = {"the"}
_TRAILING_GROUP_WORDS = {"group", "organisation", "organization", "movement", "militants", "militia"}


class ActorMatcher:
    """Longest-match lookup of actor aliases over word sequences of a text."""

    def __init__(self, patterns: Iterable[tuple[str, str]]) -> None:
        self._exact: dict[tuple[str, ...], tuple[str, str]] = {}  # case-sensitive acronyms
        self._folded: dict[tuple[str, ...], tuple[str, str]] = {}
        # longest alias starting with each first word: most words of a text start none, and are
        # passed over without building a single tuple
        self._exact_first: dict[str, int] = {}
        self._folded_first: dict[str, int] = {}
        self.max_words = 1
        for alias, actor_id in patterns:
            words = tuple(w for _, _, w in _words(alias))
            if not words:
                continue
            if words[0].lower() in _LEADING and len(words) > 1:
                words = words[1:]
            if _is_acronym(alias):
                self._exact.setdefault(words, (actor_id, alias))
                self._exact_first[words[0]] = max(self._exact_first.get(words[0], 0), len(words))
            else:
                key = tuple(fold_word(w) for w in words)
                self._folded.setdefault(key, (actor_id, alias))
                self._folded_first[key[0]] = max(self._folded_first.get(key[0], 0), len(words))
            self.max_words = max(self.max_words, len(words))

    def __len__(self) -> int:
        return len(self._exact) + len(self._folded)

    def find(self, text: str) -> list[ActorMatch]:
        """Every actor mention in `text`, non-overlapping, longest first, in text order."""
        words = _words(text)
        folded = [fold_word(w) for _, _, w in words]
        found: list[ActorMatch] = []
        i = 0
        while i < len(words):
            if words[i][2] not in self._exact_first and folded[i] not in self._folded_first:
                i += 1
                continue
            hit = self._longest_at(text, words, folded, i, _shouting(words, i))
            if hit is None:
                i += 1
                continue
            length, actor_id, alias = hit
            found.append(ActorMatch(words[i][0], words[i + length - 1][1], actor_id, alias))
            i += length
        return found

    def _longest_at(
        self, text: str, words: list[tuple[int, int, str]], folded: list[str], i: int, shouting: bool
    ) -> tuple[int, str, str] | None:
        longest = max(self._exact_first.get(words[i][2], 0), self._folded_first.get(folded[i], 0))
        for length in range(min(longest, len(words) - i), 0, -1):
            if length > 1 and not _contiguous(text, words, i, length):
                continue
            if not shouting:
                exact = self._exact.get(tuple(w for _, _, w in words[i : i + length]))
                if exact is not None:
                    return length, exact[0], exact[1]
            entry = self._folded.get(tuple(folded[i : i + length]))
            if entry is not None:
                return length, entry[0], entry[1]
        return None


def _shouting(words: list[tuple[int, int, str]], i: int) -> bool:
    """True inside a run of capitals (a headline), where acronyms cannot be told from words."""
    around = [w for _, _, w in words[max(0, i - 2) : i] + words[i + 1 : i + 3]]
    return sum(1 for w in around if len(w) > 1 and w.isupper()) >= 2


_JOINERS = frozenset(" -.‐‑‒–—―−\u00a0")


def _contiguous(text: str, words: list[tuple[int, int, str]], i: int, length: int) -> bool:
    """Words of one name are separated only by spaces, dashes or dots, never by a comma or a line break."""
    for (_, end, _), (start, _, _) in zip(words[i : i + length - 1], words[i + 1 : i + length], strict=True):
        gap = text[end:start]
        if len(gap) > 3 or any(c not in _JOINERS for c in gap):
            return False
    return True
