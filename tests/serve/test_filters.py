"""Reading filters from web forms: empty fields filter nothing, malformed ones name the field."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.errors import ConfigError
from rashomon.serve.filters import parse_filter, parse_paging, parse_rule
from rashomon.serve.queries import EventFilter


def test_filters_empty_form_filters_nothing() -> None:
    empty = {"q": "", "kind": "", "country": "", "date_from": "", "date_to": "", "figure_min": "", "figure_max": ""}
    assert parse_filter(empty) == EventFilter()
    assert parse_filter({}).params() == {}


def test_filters_values_and_round_trip() -> None:
    flt = parse_filter(
        {
            "q": " bus ",
            "kind": "attack",
            "country": "iq",
            "date_from": "2022-09",
            "date_to": "2022-09",
            "figure": "injured",
            "figure_min": "5",
            "conflicts": "1",
            "sort": "-date",
        }
    )
    assert flt.q == "bus" and flt.country == "IQ"
    assert (flt.date_from, flt.date_to) == (dt.date(2022, 9, 1), dt.date(2022, 9, 30))
    assert (flt.figure, flt.figure_min, flt.figure_max) == ("injured", 5, None)
    assert flt.conflicts_only and flt.sort == "-date"
    assert parse_filter(flt.params()) == flt
    assert parse_filter({"date_to": "2024"}).date_to == dt.date(2024, 12, 31)
    assert parse_filter({"date_to": "2024-02"}).date_to == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("field", "value"),
    [("date_from", "soon"), ("kind", "picnic"), ("figure_min", "ten"), ("figure_max", "-3"), ("sort", "size")],
)
def test_filters_malformed_values_name_the_field(field: str, value: str) -> None:
    with pytest.raises(ConfigError, match=field):
        parse_filter({field: value})


def test_filters_rule_and_paging() -> None:
    assert parse_rule({}) == "ucdp"
    assert parse_rule({"rule": "gtd"}) == "gtd"
    with pytest.raises(ConfigError):
        parse_rule({"rule": "mean"})
    assert (parse_paging({}).limit, parse_paging({}).offset) == (50, 0)
    assert parse_paging({"limit": "10", "offset": "20"}).offset == 20
    with pytest.raises(ConfigError):
        parse_paging({"limit": "100000"})
