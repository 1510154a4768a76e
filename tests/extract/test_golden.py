"""Golden files and whole-corpus invariants of the extractor on the dev fixture reports.

Why: the unit tests in test_document.py pin one rule each on short invented texts; these pin
what the rules give together on real-sized reports. A golden mismatch shows the JSON diff and
the command that rewrites the files, so an intended change is one review away. The invariant
tests run over every dev fixture: each figure's span states the figure, each span lies in its
sentence, no figure is a date, and no event is dated after the report came out.
"""

from __future__ import annotations

import difflib
import re

import pytest

from rashomon.extract.places import places_compatible
from rashomon.model.records import Account, Evidence, Place, PlacePrecision
from rashomon.model.types.date_find import find_dates
from rashomon.model.types.figure import parse_quantity
from tests.extract.golden import (
    GOLDEN,
    NAMES,
    REGENERATE,
    Run,
    extract_fixture,
    extract_text,
    fixture_names,
    fixture_text,
    golden,
    golden_path,
    real_publication,
    render,
)

pytestmark = pytest.mark.model

ALL = fixture_names()
DATED = [name for name in ALL if real_publication(name) is not None]

#: Digits, or a word that states a quantity; written here independently of the figure parser.
_STATES_A_NUMBER = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|millions?|dozens?|scores|tens|no one|nobody|none|single|lone)\b",
    re.IGNORECASE,
)


def _evidence(account: Account) -> list[tuple[str, Evidence]]:
    found: list[tuple[str, Evidence]] = [("figure", f.evidence) for f in account.figures]
    found += [("perpetrator", p.evidence) for p in account.perpetrators]
    found += [("mention", m) for m in account.mentions]
    if account.date is not None and account.date.evidence is not None:
        found.append(("date", account.date.evidence))
    if account.place is not None and account.place.evidence is not None:
        found.append(("place", account.place.evidence))
    return found


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_golden_file_matches_the_extraction(name: str) -> None:
    path = golden_path(name)
    assert path.exists(), f"no golden file {path}; run {REGENERATE}"
    stored, current = path.read_text(encoding="utf-8"), render(golden(name))
    if stored != current:
        diff = "".join(
            difflib.unified_diff(
                stored.splitlines(keepends=True),
                current.splitlines(keepends=True),
                fromfile=f"{path.name} (stored)",
                tofile=f"{path.name} (extracted now)",
                n=4,
            )
        )
        pytest.fail(
            f"the extraction of {name} changed:\n{diff}\nif the change is intended, run "
            f"{REGENERATE} {name}  (or {REGENERATE} for all) and review the diff",
            pytrace=False,
        )


def test_golden_files_are_exactly_the_chosen_reports() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(NAMES)
    assert set(NAMES) <= set(ALL)


def test_golden_projection_keeps_the_words_at_each_offset() -> None:
    record = golden(NAMES[0])
    text = fixture_text(NAMES[0])
    figures = [f for account in record["accounts"] for f in account["figures"]]
    assert figures, "the first golden report should give figures"
    for figure in figures:
        span = figure["evidence"]
        assert text[span["start"] : span["end"]] == span["text"]


# --- invariants over every dev fixture ------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_golden_every_figure_span_states_its_figure(name: str) -> None:
    run = extract_fixture(name)
    for account in run.accounts:
        for figure in account.figures:
            words = run.text[figure.evidence.start : figure.evidence.end]
            assert _STATES_A_NUMBER.search(words), f"{name}: figure {figure.quantity} at {words!r}"
            assert words == figure.quantity.text
            assert parse_quantity(words) == figure.quantity, f"{name}: {words!r} reads differently alone"


@pytest.mark.parametrize("name", ALL)
def test_golden_every_span_lies_inside_its_sentence(name: str) -> None:
    """The sentence is the analyser's, widened only as far as the span when the span lies outside it."""
    run = extract_fixture(name)
    starts = {start for start, _ in run.sentences}
    ends = {end for _, end in run.sentences}
    for account in run.accounts:
        for what, evidence in _evidence(account):
            label = f"{name}: {what} {run.text[evidence.start : evidence.end]!r}"
            assert evidence.document_id == name, label
            assert 0 <= evidence.sentence_start <= evidence.start < evidence.end <= evidence.sentence_end, label
            assert evidence.sentence_end <= len(run.text), label
            assert evidence.sentence_start in starts | {evidence.start}, label
            assert evidence.sentence_end in ends | {evidence.end}, label
            words = run.text[evidence.start : evidence.end]
            assert words == words.strip(), label


def _figures_inside_dates(run: Run) -> list[str]:
    wrong = []
    for account in run.accounts:
        for figure in account.figures:
            evidence = figure.evidence
            sentence = run.text[evidence.sentence_start : evidence.sentence_end]
            for match in find_dates(sentence, reference=run.published):
                start, end = evidence.sentence_start + match.start, evidence.sentence_start + match.end
                if not match.relative and start < evidence.end and evidence.start < end:
                    wrong.append(f"{figure.quantity.text!r} inside the date {match.text!r}")
    return wrong


@pytest.mark.parametrize("name", ALL)
def test_golden_no_figure_is_part_of_a_date(name: str) -> None:
    assert _figures_inside_dates(extract_fixture(name)) == []


@pytest.mark.parametrize("name", DATED)
def test_golden_no_event_is_dated_after_its_report(name: str) -> None:
    """Given the date the report came out, the extractor dates every event on or before it."""
    when = real_publication(name)
    assert when is not None
    run = extract_text(name, fixture_text(name), when)
    assert run.accounts
    for account in run.accounts:
        if account.date is not None:
            assert account.date.start <= when, f"{name}: {account.date.text!r} read as {account.date.iso()}"


def test_golden_a_region_without_a_province_is_compatible_with_itself() -> None:
    """An ADMIN1 place without its admin1 field ("Sinai") once failed this and crashed `finish`."""
    sinai = Place(name="Sinai", country="EG", precision=PlacePrecision.ADMIN1, lat=29.8, lon=33.8)
    assert places_compatible(sinai, sinai)


def test_golden_the_year_of_a_date_is_no_casualty_figure() -> None:
    text = "A bomb on 3 January 2024 killed 12 people at a bus stop in Kabul, Afghanistan."
    run = extract_text("invented", text, None)
    assert [f.quantity.value for a in run.accounts for f in a.figures] == [12]
