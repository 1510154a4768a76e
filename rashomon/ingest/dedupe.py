"""Ingest stage: near-duplicate detection with MinHash signatures and an LSH index.

Consumes document texts and the signatures already in the store, produces signatures (stored
with each document) and "this text is a near-copy of document X" answers. The same wire story
republished by ten outlets with different headlines and footers is one account, not ten
corroborating ones; resolve needs to know that, so such documents are stored but flagged.

Signature: 128 MinHash permutations (datasketch's "affine32" scheme, seed 1) over word
3-shingles of the case-folded text. For scripts written without spaces (Chinese, Japanese,
Thai) word shingles would be whole sentences, so character 5-grams are used instead.
Stored as one format byte and 128 little-endian uint32 values (513 bytes).

Lookup: an LSH index is built once per ingest run from the stored signatures, then each new
document is queried and added. LSH only proposes candidates (tuned to a lower threshold so
that pairs just above the cut are not missed); each candidate is confirmed by its estimated
Jaccard similarity. Cost per document is constant, not proportional to the store's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SHINGLE_WORDS = 3
SHINGLE_CHARS = 5
NEAR_DUPLICATE_JACCARD = 0.8
LSH_CANDIDATE_THRESHOLD = 0.6
SIGNATURE_FORMAT = b"\x01"
SIGNATURE_BYTES = 1 + 4 * NUM_PERM
UNSPACED_WORD_LENGTH = 12  # longer average "words" than this: the script does not use spaces

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """A document's MinHash signature: NUM_PERM uint32 values (a numpy array)."""

    values: Any

    def to_bytes(self) -> bytes:
        return SIGNATURE_FORMAT + bytes(self.values.astype("<u4").tobytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature | None:
        """The signature stored in `data`, or None if it was written in another format."""
        import numpy as np

        if len(data) != SIGNATURE_BYTES or data[:1] != SIGNATURE_FORMAT:
            return None
        return cls(np.frombuffer(data[1:], dtype="<u4").astype(np.uint32))

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        import numpy as np

        return float(np.count_nonzero(self.values == other.values)) / NUM_PERM


def shingles(text: str) -> set[str]:
    """Word 3-grams of the case-folded text (character 5-grams for unspaced scripts)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return {text.strip()} if text.strip() else set()
    if sum(len(word) for word in words) / len(words) > UNSPACED_WORD_LENGTH:
        joined = "".join(words)
        if len(joined) <= SHINGLE_CHARS:
            return {joined}
        return {joined[i : i + SHINGLE_CHARS] for i in range(len(joined) - SHINGLE_CHARS + 1)}
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of a text."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return Signature(minhash.hashvalues.copy())


@cache
def _permutations() -> Any:
    """The permutation parameters, drawn once: drawing them per document costs more than hashing."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


class NearDuplicateIndex:
    """Stored and newly ingested signatures, indexed for near-duplicate lookup."""

    def __init__(self, stored: Iterable[tuple[str, bytes]] = ()) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, Signature] = {}
        for document_id, data in stored:
            found = Signature.from_bytes(data)
            if found is not None:
                self.add(document_id, found)

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, document_id: str, signature: Signature) -> None:
        if document_id in self._signatures:
            return
        self._signatures[document_id] = signature
        self._lsh.insert(document_id, _lean(signature.values), check_duplication=False)

    def nearest(self, signature: Signature) -> tuple[str, float] | None:
        """The most similar indexed document at or above the near-duplicate cut, if any.

        Ties go to the smallest id, so the answer does not depend on the index's hash order.
        """
        best: tuple[str, float] | None = None
        for candidate in self._lsh.query(_lean(signature.values)):
            document_id = str(candidate)
            score = signature.similarity(self._signatures[document_id])
            if score < NEAR_DUPLICATE_JACCARD:
                continue
            if best is None or score > best[1] or (score == best[1] and document_id < best[0]):
                best = (document_id, score)
        return best


def _lean(values: Any) -> Any:
    """A LeanMinHash over stored values: what MinHashLSH reads, without drawing permutations."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)
