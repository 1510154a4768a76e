"""Options every format shares: filters, one event, keyset paging across pages, and refusals before writing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from rashomon.errors import ConfigError, NotFound
from rashomon.export import FORMATS, common, export
from rashomon.export.common import ExportOptions, iter_id_pages
from rashomon.store import Store
from rashomon.store.events import load_events
from tests.export.scene import build_export_scene

ALL = sorted(FORMATS)


def run(store: Store, format: str, **options: Any) -> tuple[str, int]:
    out = io.StringIO()
    summary = export(store, out, format=format, **options)
    assert summary.format == format
    return out.getvalue(), summary.events


@pytest.mark.parametrize("format", ALL)
def test_filters_apply_to_every_format(store: Store, format: str) -> None:
    event_id = build_export_scene(store)
    market = [view.id for view in load_events(store, country="SO")]
    for options in (
        {"country": "ir"},
        {"actor": "Jaish al-Adl"},
        {"date_from": dt.date(2023, 1, 1)},
        {"event": event_id[:9]},
    ):
        text, events = run(store, format, **options)
        assert events == 1, (format, options)
        assert event_id in text
        assert not any(other in text for other in market), (format, options)
    text, events = run(store, format, kind="strike")
    assert events == 0
    _, everything = run(store, format)
    assert everything == (1 if format == "geojson" else 4), "geojson writes located events only"


def test_paging_visits_every_event_once_in_date_order(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    build_export_scene(store)
    expected = [view.id for view in load_events(store)]
    monkeypatch.setattr(common, "PAGE", 1)
    pages = list(iter_id_pages(store, ExportOptions()))
    assert [len(page) for page in pages] == [1, 1, 1, 1]
    assert [page[0] for page in pages] == expected
    text, events = run(store, "ucdp-csv")
    assert events == 4 and len(text.splitlines()) == 5


@pytest.mark.parametrize("format", [f for f in ALL if f != "json"])
def test_bad_options_are_refused_before_anything_is_written(store: Store, format: str) -> None:
    build_export_scene(store)
    for options, error in (
        ({"figure_rule": "mean"}, ConfigError),
        ({"kind": "battle"}, ConfigError),
        ({"colour": "red"}, ConfigError),
        ({"event": "ev-none"}, NotFound),
    ):
        out = io.StringIO()
        with pytest.raises(error):
            export(store, out, format=format, **options)
        assert out.getvalue() == "", (format, options)


def test_json_export_takes_one_event_too(store: Store) -> None:
    event_id = build_export_scene(store)
    text, events = run(store, "json", event=event_id)
    assert events == 1 and event_id in text and "Mogadishu" not in text
