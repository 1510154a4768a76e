"""MinHash signatures and the LSH index that flags near-duplicates."""

from __future__ import annotations

from rashomon.ingest.dedupe import (
    NEAR_DUPLICATE_JACCARD,
    SIGNATURE_BYTES,
    NearDuplicateIndex,
    Signature,
    shingles,
    signature,
)
from tests.ingest.synthetic import synthetic_report


def republished(text: str) -> str:
    """The same story with a new headline, one changed figure and an outlet's footer."""
    body = text.split("\n", 1)[1].replace("killing", "leaving dead", 1)
    return "Breaking: attack reported\n" + body + "\nThis story was first published by a partner agency.\n"


def test_dedupe_shingles_are_word_trigrams() -> None:
    assert shingles("One two three, FOUR") == {"one two three", "two three four"}
    assert shingles("too short") == {"too short"}


def test_dedupe_shingles_use_characters_for_unspaced_scripts() -> None:
    grams = shingles("周一上午一枚藏在停放汽车中的炸弹在中央汽车站附近爆炸")
    assert "周一上午一" in grams
    assert len(grams) > 10


def test_dedupe_signature_round_trips_through_bytes() -> None:
    signed = signature(synthetic_report(1))
    data = signed.to_bytes()
    assert len(data) == SIGNATURE_BYTES
    restored = Signature.from_bytes(data)
    assert restored is not None
    assert restored.similarity(signed) == 1.0
    assert Signature.from_bytes(b"\x02" + data[1:]) is None
    assert Signature.from_bytes(data[:-4]) is None


def test_dedupe_signature_is_stable_across_calls() -> None:
    assert (
        signature("the same words in the same order").to_bytes()
        == signature("the same words in the same order").to_bytes()
    )


def test_dedupe_similarity_separates_copies_from_other_stories() -> None:
    original = synthetic_report(3)
    assert signature(original).similarity(signature(republished(original))) >= NEAR_DUPLICATE_JACCARD
    assert signature(original).similarity(signature(synthetic_report(4))) < 0.5


def test_dedupe_index_finds_the_near_duplicate_among_many() -> None:
    stored = [(f"doc-{seed}", signature(synthetic_report(seed)).to_bytes()) for seed in range(40)]
    index = NearDuplicateIndex(stored)
    assert len(index) == 40
    found = index.nearest(signature(republished(synthetic_report(17))))
    assert found is not None and found[0] == "doc-17"
    assert index.nearest(signature(synthetic_report(999))) is None


def test_dedupe_index_skips_signatures_in_another_format() -> None:
    index = NearDuplicateIndex([("old", b"\x00" * 10)])
    assert len(index) == 0
