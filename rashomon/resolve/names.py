"""Resolve stage: name keys for matching actors and places written in different ways.

Consumes names as reports write them; produces comparison keys. Reports transliterate the same
Arabic, Persian, Pashto or Urdu name differently (Qasem/Qassem, Ahvaz/Ahwaz, Jaish al-Adl/Jaish
ul-Adl, Shah Cheragh/Shahcheragh), so exact comparison splits one actor in two. Three keys,
from strict to loose:

- `fold`: lower case, accents and punctuation gone, spaces kept; equal folds are the same name;
- `name_tokens`: folded tokens with Arabic articles and Urdu/Persian connectors dropped and the
  usual transliteration variants mapped to one spelling (v/w, o/u, e/i, ou/u, kh/k, q/k, j/dj,
  doubled letters collapsed);
- `skeleton`: those tokens joined without spaces, so spacing differences vanish too.

`similar_names` adds a fuzzy test (Jaro-Winkler) for what the rules miss, with guards: both
names long enough, the same number of tokens, every token close, and the same digits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

# Articles attached with a hyphen ("al-Adl", "ash-Sham", "ul-Adl"); assimilated forms included.
_HYPHENATED_ARTICLE = re.compile(r"\b(?:al|el|ul|il|ad|ar|as|ash|at|az|an|ud|ut|ed|es|et)[-‐‑–]", re.IGNORECASE)
# Stand-alone articles and connectors that some spellings write and others drop.
_DROPPED_TOKENS = frozenset({"al", "el", "ul", "the", "e", "i", "u"})
_APOSTROPHES = re.compile(r"['’‘`ʿʾ´]")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Transliteration variants, applied in this order to each folded token.
_LETTER_RULES: tuple[tuple[str, str], ...] = (
    ("ou", "u"),
    ("kh", "k"),
    ("dj", "j"),
    ("ph", "f"),
    ("q", "k"),
    ("v", "w"),
    ("o", "u"),
    ("e", "i"),
    ("y", "i"),
)
_DOUBLED = re.compile(r"(.)\1+")
_DIGITS = re.compile(r"\d+")

# Shortest skeleton for which rule-based equality is trusted; shorter names (acronyms) must fold equal.
MIN_SKELETON = 4
# Shortest skeleton for which fuzzy similarity is tried at all.
MIN_FUZZY = 6
FUZZY_WHOLE = 0.93
FUZZY_TOKEN = 0.86


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, no accents, apostrophes removed, other punctuation turned into single spaces."""
    text = _APOSTROPHES.sub("", strip_accents(text).casefold())
    return _NON_WORD.sub(" ", text).strip()


def _token_key(token: str) -> str:
    for old, new in _LETTER_RULES:
        token = token.replace(old, new)
    return _DOUBLED.sub(r"\1", token)


@lru_cache(maxsize=200_000)
def name_tokens(text: str) -> tuple[str, ...]:
    """Folded tokens with articles dropped and transliteration variants mapped to one spelling."""
    text = _APOSTROPHES.sub("", strip_accents(text))
    text = _HYPHENATED_ARTICLE.sub(" ", text)
    tokens = [t for t in fold(text).split() if t not in _DROPPED_TOKENS]
    return tuple(_token_key(t) for t in tokens if t)


def skeleton(text: str) -> str:
    """The loosest rule-based key: `name_tokens` joined without spaces."""
    return "".join(name_tokens(text))


def slug(text: str) -> str:
    """An id-safe form of a name: ascii letters and digits joined by hyphens."""
    return "-".join(fold(text).encode("ascii", "ignore").decode().split()) or "unnamed"


def similar_names(a: str, b: str) -> float:
    """How alike two names are, 0..1, or 0 when the guards forbid treating them as one name.

    Equal skeletons score 1. Otherwise both skeletons must be at least MIN_FUZZY long, of
    similar length, with the same digits and the same number of tokens, every token pair at
    least FUZZY_TOKEN alike; then the score is the whole-skeleton Jaro-Winkler similarity.
    Token-by-token comparison is what keeps "Lashkar-e-Taiba" apart from "Lashkar-e-Jhangvi",
    which a whole-string score alone would join.
    """
    tokens_a, tokens_b = name_tokens(a), name_tokens(b)
    key_a, key_b = "".join(tokens_a), "".join(tokens_b)
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0 if len(key_a) >= MIN_SKELETON or fold(a) == fold(b) else 0.0
    if min(len(key_a), len(key_b)) < MIN_FUZZY or min(len(key_a), len(key_b)) / max(len(key_a), len(key_b)) < 0.8:
        return 0.0
    if _DIGITS.findall(key_a) != _DIGITS.findall(key_b):
        return 0.0
    if len(tokens_a) != len(tokens_b):
        # "Shah Cheragh" and "Shahcheragh" differ in spacing only when their skeletons are equal,
        # which was handled above; a different token count otherwise means different words.
        return 0.0
    for token_a, token_b in zip(tokens_a, tokens_b, strict=True):
        if token_a != token_b and JaroWinkler.normalized_similarity(token_a, token_b) < FUZZY_TOKEN:
            return 0.0
    return float(JaroWinkler.normalized_similarity(key_a, key_b))


def same_name(a: str, b: str) -> bool:
    """True when two names are one name written two ways (see `similar_names`)."""
    return similar_names(a, b) >= FUZZY_WHOLE
