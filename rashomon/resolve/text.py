"""Resolve stage: TF-IDF vectors of what each account's sentences say, for text similarity.

Consumes one text per account (its summary and mention sentences) and produces unit-length
sparse vectors. Words common to every report of violence ("killed", "attack") get a low
weight from their document frequency, so what remains is what tells events apart: the
place, the target, the occasion. Numbers are left out (tolls differ between reports of one
event), and the packaged sentence-embedding model is not used (it needs 1.5 GB of torch).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.names import name_tokens

# Function words carry nothing about which event a sentence is about.
_STOPWORD_TEXT = """
    a about after again against all also an and any are around as at be been before being between both but by
    can could did do does during each even for from had has have he her here his how if in into is it its
    just last later like made make many may more most much near new no nor not now of off on once one only or
    other our out over own said same says she should since so some such than that the their them then there
    these they this those through to too under until up very was we were what when where which while who whom
    why will with would year years yet you your according reported reports report including among
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
MIN_TOKEN = 3


def tokens(text: str) -> list[str]:
    """Content words of a text, folded and with transliteration variants mapped to one spelling."""
    words = [word for word in fold_name(text).split() if len(word) >= MIN_TOKEN and word.isalpha()]
    words = [word for word in words if word not in _STOPWORDS]
    return [key for word in words for key in name_tokens(word)]


def tfidf_vectors(texts: Sequence[str]) -> list[Mapping[int, float]]:
    """One unit-length vector per text (term id -> weight), with smoothed inverse document frequency."""
    term_ids: dict[str, int] = {}
    counted: list[Counter[int]] = []
    frequency: Counter[int] = Counter()
    for text in texts:
        counts: Counter[int] = Counter()
        for token in tokens(text):
            counts[term_ids.setdefault(token, len(term_ids))] += 1
        counted.append(counts)
        frequency.update(counts.keys())
    total = len(texts)
    idf = {term: math.log((1 + total) / (1 + df)) + 1.0 for term, df in frequency.items()}
    vectors: list[Mapping[int, float]] = []
    for counts in counted:
        weights = {term: (1.0 + math.log(count)) * idf[term] for term, count in counts.items()}
        norm = math.sqrt(sum(weight * weight for weight in weights.values()))
        vectors.append({term: weight / norm for term, weight in weights.items()} if norm else {})
    return vectors
