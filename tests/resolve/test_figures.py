"""Each headline rule (gtd, acled, ucdp, range) gives the answer its docstring documents."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.errors import ConfigError
from rashomon.resolve.figures import ACLED, GTD, RANGE, RULES, UCDP, check_rule, headline, headlines
from rashomon.resolve.views import ClaimView


def claim(
    value: int,
    document: str,
    published: dt.date | None = None,
    *,
    low: int | None = None,
    high: int | None = None,
    scope: str = "event",
    credible: bool = True,
) -> ClaimView:
    return ClaimView(
        attribute="killed",
        value=str(value),
        account_id=f"{document}#1",
        document_id=document,
        published=published,
        number=value,
        low=value if low is None else low,
        high=value if high is None else high,
        scope=scope,
        credible=credible,
    )


MARCH = [
    claim(12, "a", dt.date(2021, 3, 3), high=None),  # "at least 12": no upper bound
    claim(14, "c", dt.date(2021, 3, 4)),
    claim(16, "b", dt.date(2021, 3, 5), low=15, high=18),
    claim(40, "perp", dt.date(2021, 3, 6), credible=False),  # the perpetrator's own boast
    claim(5, "d", dt.date(2021, 3, 6), scope="part"),  # "five of them children"
]


def test_gtd_takes_the_most_recent_credible_source() -> None:
    found = headline(MARCH, GTD)
    assert (found.best, found.low, found.high) == (16, 12, 16)
    assert [c.document_id for c in found.chosen_claims] == ["b"]
    assert "perpetrator" in found.explanation


def test_gtd_ties_on_the_newest_date_go_to_the_lowest_without_a_majority() -> None:
    day = dt.date(2021, 3, 5)
    assert headline([claim(16, "a", day), claim(18, "b", day)], GTD).best == 16
    assert headline([claim(16, "a", day), claim(18, "b", day), claim(18, "c", day)], GTD).best == 18


def test_gtd_without_dates_takes_the_majority_then_the_lowest() -> None:
    assert headline([claim(20, "a"), claim(20, "b"), claim(25, "c")], GTD).best == 20
    assert headline([claim(25, "a"), claim(20, "b")], GTD).best == 20


def test_acled_takes_the_lowest_credible_figure() -> None:
    found = headline(MARCH, ACLED)
    assert (found.best, found.low, found.high) == (12, 12, 16)


def test_ucdp_median_of_distinct_values_and_widest_bounds() -> None:
    found = headline(MARCH, UCDP)
    assert found.best == 14  # median of 12, 14, 16
    assert found.low == 12
    assert found.high == 18  # the upper bound "16" allowed
    even = headline([claim(10, "a"), claim(20, "b"), claim(30, "c"), claim(40, "d")], UCDP)
    assert even.best == 20, "the lower of the two middle values, so best is always a reported figure"


def test_range_spans_every_event_figure_by_anyone() -> None:
    found = headline(MARCH, RANGE)
    assert (found.best, found.low, found.high) == (None, 12, 40)


def test_only_relayed_figures_are_used_when_nothing_else_exists() -> None:
    found = headline([claim(40, "perp", credible=False)], ACLED)
    assert found.best == 40
    assert "Only figures relayed" in found.explanation


def test_no_claims_gives_an_empty_headline_for_every_rule() -> None:
    assert [h.best for h in headlines([])] == [None] * len(RULES)
    assert [h.rule for h in headlines([])] == list(RULES)
    assert headline([claim(3, "a", scope="aggregate")], GTD).best is None, "totals over many events never count"


def test_unknown_rule_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="gtd"):
        headline(MARCH, "median")
    with pytest.raises(ConfigError):
        check_rule("average")
    assert check_rule(UCDP) == UCDP
