"""Targets and their GTD target types, through the real analyser and extractor (invented reports)."""

from __future__ import annotations

import pytest

from rashomon.model.records import Account, EventKind
from tests.extract.golden import extract_text

pytestmark = pytest.mark.model


def _violent(text: str) -> list[Account]:
    accounts = extract_text("invented", text, None).accounts
    return [a for a in accounts if a.kind in (EventKind.ATTACK, EventKind.STRIKE)]


@pytest.mark.parametrize(
    ("text", "words", "target_type"),
    [
        ("On 4 March 2020, gunmen attacked a police station in Quetta, Pakistan, killing three officers.",
         "police station", "Police"),
        ("On 9 June 2019, a suicide bomber struck a Sufi shrine in Multan, Pakistan.", "shrine",
         "Religious Figures/Institutions"),
        ("On 2 May 2018, militants stormed a girls' school in Herat, Afghanistan.", "school",
         "Educational Institution"),
        ("On 1 July 2016, twin explosions targeted a crowded market in Baghdad, Iraq.", "market", "Business"),
        ("On 7 April 2021, a roadside bomb hit a military convoy near Kunduz, Afghanistan.", "convoy", "Military"),
    ],
)  # fmt: skip
def test_the_target_is_what_the_event_word_acts_on(text: str, words: str, target_type: str) -> None:
    (account,) = _violent(text)
    assert account.target is not None and words in account.target, account.target
    assert account.target_type == target_type


def test_a_bare_count_of_victims_is_no_target() -> None:
    (account,) = _violent("On 4 March 2020, a bomb killed 13 people in Quetta, Pakistan.")
    assert account.target is None


def test_the_words_of_the_event_itself_are_no_target() -> None:
    (account,) = _violent("On 4 March 2020, gunmen opened fire on worshippers at a mosque in Kano, Nigeria.")
    assert account.target is not None and "fire" not in account.target
    assert account.target_type in ("Private Citizens & Property", "Religious Figures/Institutions")
