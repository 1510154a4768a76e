"""Numbers as reports write them: digits, separators, words, dozens, and the two context tests.

Why: every casualty figure and every "two days ago" goes through `parse_number`; a number read
wrong here is wrong in every later stage. The property tests spell numbers with a helper that
shares no code with the parser (`tests.model.spelling`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.model.types.numbers import is_year_like, names_an_identifier, parse_number, year_counts
from tests.model.spelling import spell

COUNTS = st.integers(min_value=0, max_value=999_999_999)
Case = Callable[[str], str]
CASES: list[Case] = [str.lower, str.upper, str.capitalize, str.title]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("84", 84),
        ("0", 0),
        ("1,200", 1200),
        ("1 200", 1200),
        ("1\u00a0200", 1200),  # no-break space as thousands separator
        ("1,000,000", 1_000_000),
        ("2.5 million", 2_500_000),
        ("1.25 thousand", 1250),
        ("3bn", 3_000_000_000),
        ("Eighty-four", 84),
        ("EIGHTY FOUR", 84),
        ("seventy seven", 77),
        ("fourty", 40),  # a common misspelling still counts
        ("one hundred and five", 105),
        ("a hundred", 100),
        ("an hundred", 100),
        ("a thousand", 1000),
        ("two million three hundred thousand", 2_300_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a half-dozen", 6),
        ("10 dozen", 120),
    ],
)
def test_numbers_exact_phrases(phrase: str, expected: int) -> None:
    assert parse_number(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "2.5",  # a decimal is no count without a scale word
        "1.2345 thousand",  # ... nor when the scale leaves a fraction of a person
        "03",  # leading zeros: times, days, codes
        "0900",
        "12,00",  # a misplaced separator
        "1,2000",
        "twenty and thirty",  # two numbers, not one
        "dozen",  # "dozen" alone needs "a"
        "a",
        "several",
        "",
        "   ",
    ],
)
def test_numbers_not_a_count(phrase: str) -> None:
    assert parse_number(phrase) is None


@given(COUNTS)
def test_numbers_digits_round_trip(n: int) -> None:
    assert parse_number(str(n)) == n


@given(COUNTS, st.sampled_from([",", " ", "\u00a0", "\u202f"]))
def test_numbers_grouped_digits_round_trip(n: int, separator: str) -> None:
    grouped = f"{n:,}".replace(",", separator)
    assert parse_number(grouped) == n


@given(COUNTS)
def test_numbers_british_words_round_trip(n: int) -> None:
    assert parse_number(spell(n)) == n


@given(COUNTS, st.booleans(), st.booleans(), st.sampled_from(CASES))
def test_numbers_words_in_any_style_round_trip(n: int, hyphen: bool, conjunction: bool, case: Case) -> None:
    """American style drops "and", some writers drop the hyphen; case never matters."""
    words = spell(n)
    if not hyphen:
        words = words.replace("-", " ")
    if not conjunction:
        words = words.replace(" and ", " ")
    assert parse_number(case(words)) == n


@given(st.integers(min_value=1, max_value=9_999))
def test_numbers_dozens_multiply(n: int) -> None:
    assert parse_number(f"{n} dozen") == 12 * n
    assert parse_number(f"{spell(n)} dozen") == 12 * n


@given(st.integers(min_value=1, max_value=999), st.sampled_from([("thousand", 1_000), ("million", 1_000_000)]))
def test_numbers_digits_with_a_scale_word(n: int, scale: tuple[str, int]) -> None:
    word, size = scale
    assert parse_number(f"{n} {word}") == n * size
    assert parse_number(f"{n}.5 {word}") == n * size + size // 2


@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=1, max_value=5))
def test_numbers_leading_zeros_are_never_counts(n: int, zeros: int) -> None:
    assert parse_number("0" * zeros + str(n)) is None


@pytest.mark.parametrize(("digits", "year_like"), [("1800", True), ("1999", True), ("2099", True), ("2100", False),
                                                   ("1799", False), ("999", False), ("20244", False)])  # fmt: skip
def test_numbers_year_like_bounds(digits: str, year_like: bool) -> None:
    assert is_year_like(digits) is year_like


@pytest.mark.parametrize(
    ("text", "number", "counts"),
    [
        ("Officials said 2000 people fled the district.", "2000", True),
        ("Some 1500 armed men surrounded the town.", "1500", True),
        ("The 2014 deaths were never investigated.", "2014", False),  # "the" introduces a year
        ("In 2020 soldiers returned to the base.", "2020", False),
        ("Between 2019 and 2020 civilians left.", "2020", False),  # the end of a range of years
        ("The 2000 election passed quietly.", "2000", False),  # no count noun follows
    ],
)
def test_numbers_a_year_like_number_counts_only_before_a_count_noun(text: str, number: str, counts: bool) -> None:
    start = text.index(number)
    assert year_counts(text, start, start + len(number)) is counts


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("under Resolution 2254 the council", True),
        ("passengers of Flight 752 died", True),
        ("a man aged 24 was held", True),
        ("traffic on Highway 1 stopped", True),
        ("a fine of Rs 500 was paid", True),
        ("No. 113 was burned", True),
        ("gunmen killed 24 people", False),
        ("at least 24 died", False),
    ],
)
def test_numbers_identifier_words_make_a_number_a_name(text: str, identifier: bool) -> None:
    start = next(i for i, c in enumerate(text) if c.isdigit())
    assert names_an_identifier(text, start) is identifier
