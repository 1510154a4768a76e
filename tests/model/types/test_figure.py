"""Reported figures: qualifiers, ranges and vague words read into typed bounds, and found in text.

Why: `resolve` compares figures across reports by their bounds, so "more than 300" and "nearly
100" must keep the number the writer chose as `value` and put the doubt in `low`/`high`, exactly
as the conventions table in `rashomon.model.types.figure` says. The running-text tests check that
`find_quantities` keeps counts and skips numbers that only look like them.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.model.types.figure import QUALIFIERS, Qualifier, Quantity, find_quantities, parse_quantity
from tests.model.spelling import spell

Q = Qualifier
COUNTS = st.integers(min_value=0, max_value=9_999_999)


def bounds(phrase: str) -> tuple[int, int | None, int | None, Qualifier]:
    quantity = parse_quantity(phrase)
    assert quantity is not None, phrase
    assert quantity.text == phrase
    return quantity.value, quantity.low, quantity.high, quantity.qualifier


def found(text: str) -> list[tuple[str, int]]:
    return [(text[m.start : m.end], m.quantity.value) for m in find_quantities(text)]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("89", (89, 89, 89, Q.EXACT)),
        ("Eighty-four", (84, 84, 84, Q.EXACT)),
        ("1,200", (1200, 1200, 1200, Q.EXACT)),
        ("2.5 million", (2_500_000, 2_500_000, 2_500_000, Q.EXACT)),
        ("a dozen", (12, 12, 12, Q.EXACT)),
        ("half a dozen", (6, 6, 6, Q.EXACT)),
        ("a single", (1, 1, 1, Q.EXACT)),
        ("no one", (0, 0, 0, Q.EXACT)),
        ("nobody", (0, 0, 0, Q.EXACT)),
        ("at least 25", (25, 25, None, Q.AT_LEAST)),
        ("no fewer than 25", (25, 25, None, Q.AT_LEAST)),
        ("40 or more", (40, 40, None, Q.AT_LEAST)),
        ("100+", (100, 100, None, Q.AT_LEAST)),
        ("more than 300", (300, 301, None, Q.MORE_THAN)),
        ("over a hundred", (100, 101, None, Q.MORE_THAN)),
        ("nearly 100", (100, 90, 100, Q.NEARLY)),
        ("almost five", (5, 4, 5, Q.NEARLY)),
        ("about 30", (30, 27, 33, Q.ABOUT)),
        ("some 7", (7, 6, 8, Q.ABOUT)),  # the margin is at least one
        ("30 or so", (30, 27, 33, Q.ABOUT)),
        ("30-odd", (30, 30, 33, Q.ABOUT)),
        ("about a dozen", (12, 10, 14, Q.ABOUT)),
        ("up to 50", (50, None, 50, Q.UP_TO)),
        ("as many as 50", (50, None, 50, Q.UP_TO)),
        ("fewer than 10", (10, None, 9, Q.FEWER_THAN)),
        ("between 10 and 15", (10, 10, 15, Q.RANGE)),
        ("10 to 15", (10, 10, 15, Q.RANGE)),
        ("10-15", (10, 10, 15, Q.RANGE)),
        ("15 to 10", (10, 10, 15, Q.RANGE)),  # written backwards, read in order
        ("two to three hundred", (200, 200, 300, Q.RANGE)),  # the scale word serves both ends
        ("dozens", (12, 12, 99, Q.VAGUE)),
        ("dozens of", (12, 12, 99, Q.VAGUE)),
        ("scores of", (20, 20, 199, Q.VAGUE)),
        ("hundreds", (100, 100, 999, Q.VAGUE)),
        ("several hundred", (200, 200, 999, Q.VAGUE)),
        ("a few dozen", (24, 24, 99, Q.VAGUE)),
        ("tens of thousands", (10_000, 10_000, 99_999, Q.VAGUE)),
    ],
)
def test_figure_conventions_table(phrase: str, expected: tuple[int, int | None, int | None, Qualifier]) -> None:
    assert bounds(phrase) == expected


@pytest.mark.parametrize("phrase", ["several", "a few", "many", "2.5", "07", "the", "at least", "between 3 and"])
def test_figure_words_without_a_count_are_no_figure(phrase: str) -> None:
    assert parse_quantity(phrase) is None


def test_figure_quantity_refuses_impossible_bounds() -> None:
    with pytest.raises(ValueError, match="negative"):
        Quantity(-1, None, None, Q.EXACT, "-1")
    with pytest.raises(ValueError, match="above high"):
        Quantity(5, 6, 4, Q.RANGE, "6 to 4")


# --- properties -----------------------------------------------------------------------------


def _forms(n: int) -> st.SearchStrategy[str]:
    return st.sampled_from([str(n), f"{n:,}", spell(n)])


@given(COUNTS.flatmap(lambda n: st.tuples(st.just(n), _forms(n))))
def test_figure_any_written_count_is_exact(case: tuple[int, str]) -> None:
    n, written = case
    assert bounds(written) == (n, n, n, Q.EXACT)


@given(COUNTS.flatmap(lambda n: st.tuples(st.just(n), _forms(n))), st.sampled_from(sorted(QUALIFIERS)))
def test_figure_qualifiers_keep_the_written_value_and_bound_it(case: tuple[int, str], words: str) -> None:
    n, written = case
    value, low, high, qualifier = bounds(f"{words} {written}")
    assert value == n
    assert qualifier is QUALIFIERS[words]
    assert low is None or high is None or low <= high
    if qualifier is Q.AT_LEAST:
        assert (low, high) == (n, None)
    elif qualifier is Q.MORE_THAN:  # the strict bound is in low; value stays as written
        assert (low, high) == (n + 1, None)
    elif qualifier is Q.FEWER_THAN:
        assert (low, high) == (None, max(0, n - 1))
    elif qualifier is Q.UP_TO:
        assert (low, high) == (None, n)
    else:  # NEARLY and ABOUT: a margin of a tenth, at least one, never below zero
        assert low is not None and high is not None
        assert low <= value <= high
        margin = max(1, -(-n // 10))
        assert low == max(0, n - margin)
        assert high == (n if qualifier is Q.NEARLY else n + margin)


@given(COUNTS, st.sampled_from(["at least", "At least", "no fewer than", "a minimum of"]))
def test_figure_at_least_has_low_n_and_no_high(n: int, words: str) -> None:
    assert bounds(f"{words} {n}")[1:3] == (n, None)
    assert bounds(f"{n} or more")[1:3] == (n, None)


@given(st.integers(0, 99_999), st.integers(1, 99_999), st.sampled_from(["between {} and {}", "{} to {}", "{}-{}"]))
def test_figure_ranges_are_bounded_by_their_ends(a: int, gap: int, template: str) -> None:
    b = a + gap
    assert bounds(template.format(a, b)) == (a, a, b, Q.RANGE)


_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


@given(st.integers(0, 99_999), st.integers(1, 99_999))
def test_figure_ranges_in_words_are_bounded_by_their_ends(a: int, gap: int) -> None:
    b = a + gap
    low = a
    words_a, words_b = spell(a).replace("-", " ").split(), spell(b).replace("-", " ").split()
    if len(words_b) == 2 and words_b[1] in _SCALE_WORDS and not set(words_a) & set(_SCALE_WORDS):
        # "two to three hundred": the scale word of a bare "<n> hundred" end counts for both
        low = a * _SCALE_WORDS[words_b[1]] if a * _SCALE_WORDS[words_b[1]] <= b else a
    assert bounds(f"{spell(a)} to {spell(b)}") == (min(low, b), min(low, b), b, Q.RANGE)


def test_figure_a_scale_word_is_shared_only_by_a_bare_end() -> None:
    assert bounds("two to three hundred") == (200, 200, 300, Q.RANGE)
    assert bounds("one to twelve thousand five hundred") == (1, 1, 12_500, Q.RANGE)


@pytest.mark.xfail(
    reason="bug: in 'between X and Y' the first number swallows 'and Y's first words (WORD_NUMBER allows "
    "'two hundred and two hundred'), text2num rejects it, and the whole figure is dropped",
    strict=True,
)
@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Between two hundred and two hundred and fifty people were killed.", 200, 250),
        ("Officials said between one hundred and one hundred and twenty died.", 100, 120),
    ],
)
def test_figure_between_words_whose_end_repeats_a_scale(text: str, low: int, high: int) -> None:
    (match,) = find_quantities(text)
    assert (match.quantity.low, match.quantity.high, match.quantity.qualifier) == (low, high, Q.RANGE)


# --- running text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In addition to the assailant, 22 were killed.", [("22", 22)]),
        ("Eighty-four people died when the roof of the hall fell.", [("Eighty-four", 84)]),
        ("At least 25 were killed and more than 300 hurt.", [("At least 25", 25), ("more than 300", 300)]),
        ("Dozens were hurt and hundreds fled the town.", [("Dozens", 12), ("hundreds", 100)]),
        ("The toll rose from 30 to 40 overnight.", [("30", 30), ("40", 40)]),  # two figures, not a range
        ("Between 10 and 15 guards died.", [("Between 10 and 15", 10)]),
        ("No one was hurt.", [("No one", 0)]),
        ("The gunmen killed one and wounded three.", [("one", 1), ("three", 3)]),
        ("Gunmen killed 2000 people.", [("2000", 2000)]),  # year-like, but a count noun follows
        ("Officials said at least 1999 died.", [("at least 1999", 1999)]),  # a qualifier makes it a count
    ],
)
def test_figure_find_keeps_counts_with_their_qualifiers(text: str, expected: list[tuple[str, int]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "An F-16 crashed in 2019.",
        "COVID-19 cases rose 25% near Highway 1.",
        "The talks at 10:30 under Resolution 2254 ended.",
        "A man aged 24 paid $500 for a 5 km ride.",
        "The 338th brigade voted on 3 to 5 January, and again on January 3.",
        "See note [24] and figure (3).",
        "Call +98 21 1234 5678 for help.",
        "It was the group's second attack since the 1990s.",
    ],
)
def test_figure_find_skips_numbers_that_count_nothing(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bombing on 3 January 2024 killed 12.", [("12", 12)]),
        ("The raid in March 2019 killed five.", [("five", 5)]),
        ("The raid on March 3, 2019 killed five.", [("five", 5)]),
    ],
)
def test_figure_find_skips_the_year_of_a_full_date(text: str, expected: list[tuple[str, int]]) -> None:
    assert found(text) == expected


_PIECES = [
    "at least", "more than", "nearly", "about", "up to", "fewer than", "between", "and", "to", "or", "more",
    "25", "1,200", "2019", "3", "Eighty-four", "a hundred", "dozens", "of", "scores", "hundreds", "thousands",
    "killed", "people", "were", "January", "on", "in", "-", ",", ".", "%", "km", "aged", "Resolution", "no one",
    "a dozen", "two", "odd", "plus", "+", "so", "(", ")", "from", "tens", "several", "a few", "the", "said",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_figure_find_spans_are_ordered_and_read_back(words: list[str]) -> None:
    """Each span is the figure's own text, and reading that text alone gives the same figure."""
    text = " ".join(words)
    previous_end = 0
    for match in find_quantities(text):
        assert previous_end <= match.start < match.end
        previous_end = match.end
        assert text[match.start : match.end] == match.quantity.text
        assert parse_quantity(match.quantity.text) == match.quantity


@given(COUNTS.flatmap(lambda n: st.tuples(st.just(n), _forms(n))), st.sampled_from(["", "at least ", "nearly "]))
def test_figure_find_reads_any_count_in_a_sentence(case: tuple[int, str], words: str) -> None:
    n, written = case
    text = f"Police said {words}{written} people were killed in the attack."
    ((span, value),) = found(text)
    assert (span, value) == (words + written, n)
