"""Properties of the geocoder on arbitrary text and arbitrary (even wrong) NER labels."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.analyse.analysis import Analysis, Entity
from tests.extract.geocode_helpers import analysis, geocoder

_PIECES = [
    "Kerman", "Kerman province", "Iran", "Iran's", "Erbil", "Arbil", "Sistan and Baluchestan", "Moscow, Idaho",
    "al-Raqqa", "Balochistan", "Pakistan", "the city of", "northern", "Qasem Soleimani", "Islamic State",
    "March", "Iranian", "Shah Cheragh shrine", "Latin America", "Gaza Strip", "city's", "in", "near", "and",
    "the", "said", "killed", ",", ".", "'s", "-", "\n", "Jordan", "Georgia", "Kill", "KERMAN", "Tripoli",
    "General", "Mr", "Ahwaz", "Dasht-e Barchi", "Kurdistan region", "Washington", "Sahel", "bomb", "42",
]  # fmt: skip
_LABELS = ["GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "ACTOR", "DATE", "EVENT"]


@st.composite
def documents(draw: st.DrawFn) -> Analysis:
    text = " ".join(draw(st.lists(st.sampled_from(_PIECES), max_size=40)))
    plain = analysis(text)
    entities: list[Entity] = []
    position = 0
    tokens = plain.tokens
    while position < len(tokens) and draw(st.booleans()):
        start = draw(st.integers(position, len(tokens) - 1))
        end = draw(st.integers(start + 1, min(len(tokens), start + 5)))
        label = draw(st.sampled_from(_LABELS))
        first, last = tokens[start], tokens[end - 1]
        entities.append(Entity(first.start, last.end, label, text[first.start : last.end], start, end))
        position = end
    return Analysis("doc", text, tokens, plain.sentences, tuple(entities), "test-tokenizer")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_spans_are_exact_ordered_and_disjoint(document: Analysis) -> None:
    found = geocoder().places(document)
    previous_end = 0
    for item in found:
        assert document.text[item.start : item.end] == item.text == item.place.name
        assert item.text == item.text.strip() and item.text
        assert item.start >= previous_end
        previous_end = item.end
        assert item.place.country is None or len(item.place.country) == 2


@settings(max_examples=100, deadline=None)
@given(documents())
def test_same_document_same_answer(document: Analysis) -> None:
    assert geocoder().places(document) == geocoder().places(document)
