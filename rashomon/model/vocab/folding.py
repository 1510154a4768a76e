"""Model: fold names so that spelling variants of one alias compare equal.

Reports spell the same group many ways: "ISIS-K", "ISIS–K", "Isis K", "Al-Qa'ida",
"al Qaida", "the Islamic State". `fold_name` reduces a name to lowercase letters and digits
separated by single spaces, so the alias table only needs one entry per *word sequence*:

- Unicode compatibility forms and accents are removed ("Ansar al-Shari‘a" → "ansar al sharia");
- apostrophes, ayn/hamza marks and full stops vanish ("Da'esh" → "daesh", "U.S." → "us");
- every hyphen, dash and other punctuation becomes a space ("IS-K", "IS–K" → "is k");
- a leading "the" is dropped ("The Base" → "base"), repeatedly.

What it deliberately does *not* do: drop "al" (that is a separate alias, listed in the data,
because "Qaeda" alone is not a name) or drop words like "group" (that is a lookup fallback in
`Vocabulary.actor_by_alias`, not an identity of names).
"""

from __future__ import annotations

import unicodedata

# Characters that vanish instead of separating words: apostrophes and their look-alikes,
# transliteration marks for ayn and hamza, and full stops (acronyms written "U.S.").
_VANISHING = frozenset("'`´‘’‛′ʹʻʼʽʾʿˈ.")

_LEADING_ARTICLES = ("the",)


def _fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    lowered = unicodedata.normalize("NFKD", decomposed.casefold())
    kept: list[str] = []
    for char in lowered:
        if char in _VANISHING:
            continue
        category = unicodedata.category(char)
        if category.startswith("M"):  # accents and other combining marks
            continue
        if char == "&":
            kept.append(" and ")
        elif category[0] in "LN":
            kept.append(char)
        else:
            kept.append(" ")
    words = "".join(kept).split()
    while len(words) > 1 and words[0] in _LEADING_ARTICLES:
        del words[0]
    return " ".join(words)


def fold_name(text: str) -> str:
    """Reduce a name to the form aliases are compared in.

    Casefolding and compatibility decomposition interact for a handful of letters (a
    casefolded letter can decompose into one that folds again), so the steps are repeated
    until the result stops changing; for ordinary text one pass is enough. The result is
    idempotent: `fold_name(fold_name(x)) == fold_name(x)`.
    """
    folded = _fold_once(text)
    for _ in range(4):
        again = _fold_once(folded)
        if again == folded:
            return folded
        folded = again
    return folded
