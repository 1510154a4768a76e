"""Extract stage: how the gazetteer folds, splits and shapes place names.

Consumes raw names (from the packaged data when the index is built, from report text when it
is read); produces lookup keys: `fold` (the same rules as `fold_name`, with a fast path for
ASCII, which most of 1.5M names are), the Arabic article and kind words ("Kerman province")
split off, and a transliteration-blind `skeleton` for the fuzzy fallback. The builder and the
reader must fold alike, so both import these from here.
"""

from __future__ import annotations

import re

from rashomon.extract.gazetteer_records import PlaceKind
from rashomon.model.vocab.folding import fold_name

_ASCII_FOLD = str.maketrans(
    {**{ch: " " for ch in '!"#$%()*+,-/:;<=>?@[\\]^_{|}~\t\n\r'}, "'": None, "`": None, ".": None, "&": " and "}
)
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u02b0-\u02ff\u2000-\u206f]")


def fold(text: str) -> str:
    """Fold a name for lookup: case, accents, apostrophes, full stops and hyphens (= `fold_name`)."""
    if not text.isascii():
        return fold_name(text)
    words = text.translate(_ASCII_FOLD).lower().split()
    while len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words)


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin script (the only names English reports use)."""
    return text.isascii() or _NON_LATIN.search(text) is None


_ARTICLES = ("al ", "el ", "ad ", "adh ", "an ", "ar ", "as ", "ash ", "at ", "az ", "ath ", "ed ", "es ", "ez ")
ADMIN_SUFFIXES = (
    "province", "governorate", "state", "region", "oblast", "prefecture", "department", "emirate",
    "territory", "division", "wilayah", "wilaya", "autonomous region", "special region",
)  # fmt: skip
DISTRICT_SUFFIXES = ("district", "county", "municipality", "subdistrict", "tehsil", "lga", "agency", "parish")
CITY_SUFFIXES = ("city", "town", "village")
_ADMIN_PREFIXES = ("state of ", "province of ", "governorate of ", "region of ", "department of ")


def strip_article(key: str) -> str:
    """ "al qamishli" → "qamishli": English reports often drop the Arabic article."""
    for article in _ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= 4:
            return key[len(article) :]
    return key


def split_kind_word(key: str) -> tuple[str, frozenset[PlaceKind]]:
    """ "kerman province" → ("kerman", {ADMIN1, REGION}); a key without such a word is returned as is."""
    for prefix in _ADMIN_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :], _ADMIN_KINDS
    for suffixes, kinds in (
        (ADMIN_SUFFIXES, _ADMIN_KINDS),
        (DISTRICT_SUFFIXES, _DISTRICT_KINDS),
        (CITY_SUFFIXES, _CITY_KINDS),
    ):
        for suffix in suffixes:
            if key.endswith(" " + suffix) and len(key) > len(suffix) + 2:
                return key[: -len(suffix) - 1], kinds
    return key, frozenset()


_ADMIN_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.REGION})
_DISTRICT_KINDS = frozenset({PlaceKind.DISTRICT})
_CITY_KINDS = frozenset({PlaceKind.CITY})


_VOWELS = str.maketrans("", "", "aeiouy")
_DIGRAPHS = (("kh", "x"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("zh", "j"), ("dj", "j"), ("dh", "d"),
             ("th", "t"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"))  # fmt: skip


def skeleton(key: str) -> str:
    """A transliteration-blind shape: first letter, then consonants with common digraphs merged."""
    text = key.replace(" ", "")
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    if not text:
        return ""
    shape = text[0] + text[1:].translate(_VOWELS)
    return "".join(ch for i, ch in enumerate(shape) if i == 0 or ch != shape[i - 1])
