"""GTD, ACLED and UCDP CSV exports: their columns, the figure notes with sources, attributions, round trips."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from rashomon.export import export
from rashomon.export.acled import COLUMNS as ACLED_COLUMNS
from rashomon.export.gtd import COLUMNS as GTD_COLUMNS
from rashomon.ingest.references import read_text
from rashomon.store import Store
from rashomon.store.references import add_records, link_references, load_references
from tests.export.scene import AMBUSH_1, AMBUSH_2, build_export_scene

GTD_CODEBOOK = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "country_txt",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "summary",
    "crit1",
    "crit2",
    "crit3",
    "doubtterr",
    "multiple",
    "success",
    "suicide",
    "attacktype1_txt",
    "targtype1_txt",
    "gname",
    "claimed",
    "claimmode_txt",
    "weaptype1_txt",
    "nkill",
    "nwound",
    "nkillter",
    "addnotes",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
]
ACLED_LAYOUT = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "notes",
    "fatalities",
]


def rows(store: Store, format: str, **options: Any) -> tuple[str, list[dict[str, str]]]:
    out = io.StringIO()
    export(store, out, format=format, **options)
    text = out.getvalue()
    return text, list(csv.DictReader(io.StringIO(text)))


def by_id(found: list[dict[str, str]], column: str, event_id: str) -> dict[str, str]:
    return next(row for row in found if row[column] == event_id)


def test_gtd_csv_has_the_codebook_columns_and_the_chosen_rule(store: Store) -> None:
    event_id = build_export_scene(store)
    _, found = rows(store, "gtd-csv")
    assert set(GTD_CODEBOOK) <= set(GTD_COLUMNS)
    assert len(found) == 4
    row = by_id(found, "eventid", event_id)
    assert (row["iyear"], row["imonth"], row["iday"]) == ("2023", "5", "9")
    assert (row["country_txt"], row["region_txt"], row["provstate"], row["city"]) == (
        "Iran",
        "Middle East & North Africa",
        "Sistan and Baluchestan",
        "Saravan",
    )
    assert (row["latitude"], row["longitude"], row["specificity"]) == ("27.37", "62.33", "1")
    assert (row["attacktype1_txt"], row["targtype1_txt"], row["weaptype1_txt"]) == (
        "Armed Assault",
        "Police",
        "Firearms",
    )
    assert row["nkill"] == "7", "gtd rule: the most recent credible source"
    assert row["nwound"] == "3"
    assert (row["gname"], row["claimed"], row["guncertain1"]) == ("Jaish al-Adl", "1", "0")
    assert row["scite1"].startswith("Ambush report border-1. Frontier Wire, 2023-05-10")
    assert row["dbsource"] == "rashomon"


def test_gtd_addnotes_list_the_rule_and_every_other_figure_with_source_and_speaker(store: Store) -> None:
    event_id = build_export_scene(store)
    _, found = rows(store, "gtd-csv", event=event_id)
    notes = found[0]["addnotes"]
    assert "Killed: 7 under the gtd rule" in notes
    assert 'Other killed figures: 5 ("five", attributed to The provincial governor; border-1, 2023-05-10)' in notes
    assert 'From 7 ("Seven", attributed to state television; border-2, 2023-05-11)' in notes
    assert "A senior commander blamed Israel (border-2)" in notes
    assert "Israel denied involvement (border-3)" in notes
    _, acled_rule = rows(store, "gtd-csv", event=event_id, figure_rule="acled")
    assert acled_rule[0]["nkill"] == "5"
    assert "Other killed figures: 7" in acled_rule[0]["addnotes"]


def test_an_accused_actor_is_never_the_gtd_or_acled_perpetrator(store: Store) -> None:
    build_export_scene(store)
    _, gtd = rows(store, "gtd-csv")
    market = next(row for row in gtd if row["city"] == "Mogadishu" and row["iyear"] == "2021")
    assert market["gname"] == "Al-Shabaab"
    assert "Israel was blamed (wire-1)" in market["addnotes"]
    assert all(row["gname"] != "Israel" for row in gtd)
    _, acled = rows(store, "acled-csv")
    assert all("Israel" not in (row["actor1"] + row["assoc_actor_1"]) for row in acled)
    checkpoint = next(row for row in gtd if row["city"] == "Kismayo")
    assert (checkpoint["gname"], checkpoint["claimed"], checkpoint["guncertain1"]) == ("Unknown", "-9", "")


def test_acled_csv_columns_types_and_notes(store: Store) -> None:
    event_id = build_export_scene(store)
    _, found = rows(store, "acled-csv")
    assert set(ACLED_LAYOUT) <= set(ACLED_COLUMNS)
    row = by_id(found, "event_id_cnty", event_id)
    assert (row["event_date"], row["time_precision"]) == ("2023-05-09", "1")
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash"), "an armed assault on police"
    assert row["actor1"] == "Jaish al-Adl"
    assert row["actor2"] == "Police Forces of Iran"
    assert (row["country"], row["admin1"], row["location"], row["geo_precision"]) == (
        "Iran",
        "Sistan and Baluchestan",
        "Saravan",
        "1",
    )
    assert row["fatalities"] == "5", "acled rule: the most conservative credible figure"
    assert row["source"] == "Frontier Wire; State <TV> Monitor; Daily Ledger"
    assert "Injured: 3" in row["notes"], "ACLED has no injury column: injuries go to notes"
    assert "A senior commander blamed Israel (border-2)." in row["notes"]
    market = next(r for r in found if r["location"] == "Mogadishu" and r["event_date"].startswith("2021"))
    assert (market["event_type"], market["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )
    checkpoint = next(r for r in found if r["location"] == "Kismayo")
    assert checkpoint["actor1"] == "Unidentified Armed Group (Somalia)"


def test_ucdp_csv_low_best_high_and_sources(store: Store) -> None:
    event_id = build_export_scene(store)
    _, found = rows(store, "ucdp-csv")
    row = by_id(found, "id", event_id)
    assert (row["low"], row["best"], row["high"]) == ("5", "5", "7")
    assert row["figure_rule"] == "ucdp"
    assert '5 ("five", attributed to The provincial governor; border-1, 2023-05-10)' in row["deaths_sources"]
    assert '7 ("Seven", attributed to state television; border-2, 2023-05-11)' in row["deaths_sources"]
    assert row["source_office"] == "Frontier Wire; State <TV> Monitor; Daily Ledger"
    assert row["source_date"] == "2023-05-10; 2023-05-11; 2023-05-12"
    assert row["source_article"].split("; ")[0] == "https://news.example/frontier/ambush"
    assert row["side_a"] == "Jaish al-Adl"
    _, ranged = rows(store, "ucdp-csv", event=event_id, figure_rule="range")
    assert (ranged[0]["low"], ranged[0]["best"], ranged[0]["high"]) == ("5", "", "7")


@pytest.mark.parametrize(("format", "dataset"), [("gtd-csv", "gtd"), ("acled-csv", "acled")])
def test_export_round_trips_through_import_and_links_back(store: Store, format: str, dataset: str) -> None:
    event_id = build_export_scene(store)
    text, found = rows(store, format)
    records = read_text(text, format)
    assert len(records) == len(found) == 4
    ambush = next(record for record in records if record.ref_id == event_id)
    assert (ambush.dataset, ambush.country, ambush.admin1, ambush.city) == (
        dataset,
        "IR",
        "Sistan and Baluchestan",
        "Saravan",
    )
    assert ambush.date_start is not None and ambush.date_start.isoformat() == "2023-05-09"
    assert ambush.perpetrators == ("Jaish al-Adl",)
    assert ambush.killed == (7 if dataset == "gtd" else 5)
    assert ambush.data["event_id_cnty" if dataset == "acled" else "eventid"] == event_id
    add_records(store, records)
    report = link_references(store)
    assert report.linked_events == 4, "every exported event links back to its own row"
    links = load_references(store, event_id)
    assert [link.record.ref_id for link in links] == [event_id]
    assert links[0].features == ("date:same-day", "country", "city", "perpetrator")
    _, again = rows(store, format, event=event_id)
    notes = again[0]["addnotes" if dataset == "gtd" else "notes"]
    assert f"Linked to {dataset.upper()} {event_id}" in notes


def test_csv_cells_keep_report_text_intact(store: Store) -> None:
    build_export_scene(store)
    text, found = rows(store, "gtd-csv")
    assert text.splitlines()[0] == ",".join(GTD_COLUMNS)
    summaries = [row["summary"] for row in found]
    assert any(AMBUSH_1.text.split(".")[0] in summary for summary in summaries)
    assert not any(AMBUSH_2.id in row["scite1"] for row in found if row["city"] != "Saravan")
