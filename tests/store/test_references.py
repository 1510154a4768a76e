"""Reference records (GTD, ACLED) on a real SQLite file: reading, storing, linking rules, migration 2."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from rashomon.errors import IngestError
from rashomon.ingest.datasets import country_code, country_name, gtd_region, is_unknown_actor
from rashomon.ingest.references import ReferenceRecord, gtd_dates, read_file, read_text
from rashomon.resolve.references import LinkTarget, match, name_variants
from rashomon.store import Store
from rashomon.store.references import add_records, link_references, load_references, reference_counts
from tests.export.scene import build_export_scene
from tests.resolve.stored import resolve

GTD_CSV = (
    "eventid,iyear,imonth,iday,country_txt,provstate,city,gname,gname2,nkill,nwound,summary\n"
    "202305090001,2023,5,9,Iran,Sistan and Baluchestan,Saravan,Jaish al-Adl,,6.0,2,Border post ambushed.\n"
    "202305000002,2023,5,0,Iran,Sistan and Baluchestan,Zahedan,Unknown,,,,A month-only entry.\n"
    "202103020003,2021,3,2,Somalia,Banaadir,Mogadishu,Al-Shabaab,,15,,Market bombing.\n"
    "202103020004,2021,3,2,Somalia,Banaadir,Mogadishu,Islamic State,,3,,Same day, other group.\n"
)
ACLED_CSV = (
    "event_id_cnty,event_date,time_precision,event_type,actor1,assoc_actor_1,country,iso,admin1,location,fatalities,notes\n"
    "IRN100,09 May 2023,1,Battles,Jaish al-Adl,,Iran,364,Sistan and Baluchestan,Saravan,5,Clash at a border post.\n"
    "SOM200,2021-03-04,2,Explosions/Remote violence,Unidentified Armed Group (Somalia),,Somalia,706,Banaadir,"
    "Mogadishu,12,Car bomb.\n"
)


def record(**fields: object) -> ReferenceRecord:
    base: dict[str, object] = {
        "dataset": "gtd",
        "ref_id": "1",
        "date_start": dt.date(2023, 5, 9),
        "date_end": dt.date(2023, 5, 9),
        "country": "IR",
        "admin1": "Sistan and Baluchestan",
        "city": "Saravan",
        "perpetrators": (),
        "killed": None,
        "injured": None,
        "summary": None,
        "data": {},
    }
    base.update(fields)
    return ReferenceRecord(**base)  # type: ignore[arg-type]


TARGET = LinkTarget(
    "ev-1",
    dt.date(2023, 5, 9),
    dt.date(2023, 5, 9),
    "IR",
    "Sistan and Baluchestan",
    "Saravan",
    frozenset({"jaish-al-adl"}),
    frozenset({"jaish al adl"}),
)


def test_gtd_rows_read_with_unknown_month_or_day_as_intervals() -> None:
    first, month, market, _ = read_text(GTD_CSV, "gtd-csv")
    assert (first.id, first.country, first.city, first.perpetrators, first.killed, first.injured) == (
        "gtd:202305090001",
        "IR",
        "Saravan",
        ("Jaish al-Adl",),
        6,
        2,
    )
    assert (month.date_start, month.date_end, month.perpetrators) == (dt.date(2023, 5, 1), dt.date(2023, 5, 31), ())
    assert gtd_dates(2020, 0, 0) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert gtd_dates(2021, 2, 30) == (None, None)
    assert market.data["summary"] == "Market bombing."


def test_acled_rows_read_dates_in_both_layouts_and_widen_approximate_ones() -> None:
    iran, somalia = read_text(ACLED_CSV, "acled-csv")
    assert (iran.id, iran.date_start, iran.country, iran.city, iran.killed) == (
        "acled:IRN100",
        dt.date(2023, 5, 9),
        "IR",
        "Saravan",
        5,
    )
    assert somalia.perpetrators == (), "an unidentified group names nobody"
    assert (somalia.date_start, somalia.date_end) == (dt.date(2021, 3, 1), dt.date(2021, 3, 7))


def test_bad_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no column"):
        read_text("a,b\n1,2\n", "gtd-csv")
    with pytest.raises(IngestError, match="unknown reference format"):
        read_text(GTD_CSV, "xlsx")
    with pytest.raises(IngestError, match="cannot read"):
        list(read_file(tmp_path / "missing.csv", "gtd-csv"))
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(GTD_CSV.replace("Saravan", "Sar\u00e1van").encode("cp1252"))
    assert next(iter(read_file(legacy, "gtd-csv"))).city == "Sar\u00e1van"


def test_country_names_read_back_to_their_codes() -> None:
    for code in ("IR", "SY", "CD", "CI", "PS", "RU", "NO", "XK", "FR"):
        for dataset in ("gtd", "acled"):
            assert country_code(country_name(code, dataset)) == code, (code, dataset)
    assert country_code("Cote d'Ivoire") == "CI"
    assert country_code("Atlantis") is None
    assert gtd_region("AF") == "South Asia" and gtd_region("NO") == "Western Europe"
    assert is_unknown_actor("Unidentified Armed Group (Mali)") and not is_unknown_actor("Jaish al-Adl")


def test_match_requires_date_country_and_place() -> None:
    found = match(TARGET, record(perpetrators=("Jaish al-Adl",)), frozenset({"jaish-al-adl"}))
    assert found is not None and found.score == 1.0
    assert found.features == ("date:same-day", "country", "city", "perpetrator")
    assert match(TARGET, record(date_start=dt.date(2023, 5, 10), date_end=dt.date(2023, 5, 10))) is None
    assert match(TARGET, record(country="PK")) is None
    assert match(TARGET, record(city="Zahedan")) is None
    assert match(TARGET, record(city="Sarawan")) is not None, "a spelling one letter apart"
    by_province = match(TARGET, record(city=None))
    assert by_province is not None and "admin1" in by_province.features
    month = match(TARGET, record(date_start=dt.date(2023, 5, 1), date_end=dt.date(2023, 5, 31)))
    assert month is not None and month.features[0] == "date:overlap" and month.score < 1.0


def test_match_refuses_a_different_named_perpetrator_but_not_a_missing_one() -> None:
    assert match(TARGET, record(perpetrators=("Baloch Liberation Army",))) is None
    spelled = match(TARGET, record(perpetrators=("Jaish al Adl (Army of Justice)",)))
    assert spelled is not None and "perpetrator" in spelled.features
    nobody = match(TARGET, record())
    assert nobody is not None and "perpetrator" not in nobody.features
    assert name_variants("JNIM: Group for Support of Islam and Muslims") >= {
        "jnim",
        "group for support of islam and muslims",
    }


def test_import_links_events_and_the_links_survive_a_re_resolution(store: Store) -> None:
    event_id = build_export_scene(store)
    report = add_records(store, read_text(GTD_CSV, "gtd-csv"))
    assert (report.dataset, report.read, report.datable) == ("gtd", 4, 4)
    links = link_references(store)
    assert links.links >= 2
    found = load_references(store, event_id)
    assert [link.record.ref_id for link in found] == ["202305090001"]
    market = [link.record.ref_id for event in ("2021",) for link in _links_in(store, event)]
    assert market == ["202103020003"], "the same-day record of another group does not link"
    resolve(store)
    assert [link.record.ref_id for link in load_references(store, event_id)] == ["202305090001"]
    add_records(store, read_text(GTD_CSV.replace(",6.0,", ",8,"), "gtd-csv"))
    assert load_references(store, event_id)[0].record.killed == 8, "a record imported again replaces itself"
    assert reference_counts(store) == {"gtd": 4, "links": links.links}
    add_records(store, read_text(ACLED_CSV, "acled-csv"))
    link_references(store, dataset="acled")
    datasets = sorted(link.record.dataset for link in load_references(store, event_id))
    assert datasets == ["acled", "gtd"], "linking one dataset keeps the other's links"


def _links_in(store: Store, year: str) -> list:  # type: ignore[type-arg]
    from rashomon.store.events import load_events

    views = [v for v in load_events(store, country="SO") if v.event.date and v.event.date.iso().startswith(year)]
    return [link for view in views for link in load_references(store, view.id)]


V1_REFERENCE_TABLES = """
DROP TABLE event_references;
DROP TABLE reference_records;
CREATE TABLE reference_records (id VARCHAR(120) NOT NULL, dataset VARCHAR(20) NOT NULL, ref_id VARCHAR(100) NOT NULL,
    date_start DATE, country VARCHAR(2), city TEXT, data JSON NOT NULL, imported_at DATETIME NOT NULL,
    PRIMARY KEY (id));
CREATE TABLE event_references (event_id VARCHAR(100) NOT NULL, reference_id VARCHAR(120) NOT NULL, score FLOAT NOT NULL,
    PRIMARY KEY (event_id, reference_id), FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE,
    FOREIGN KEY(reference_id) REFERENCES reference_records (id) ON DELETE CASCADE);
INSERT INTO reference_records VALUES ('gtd:1', 'gtd', '1', '2023-05-09', 'IR', 'Saravan', '{}', '2024-01-01 00:00:00');
INSERT INTO event_references VALUES ('ev-old', 'gtd:1', 0.5);
DELETE FROM _migrations WHERE version > 1;
"""


def _columns(path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(row[1] for row in connection.execute(f"PRAGMA table_info({table})"))
    finally:
        connection.close()


def test_a_version_1_database_upgrades_keeping_its_rows(tmp_path: Path) -> None:
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    Store.open(str(fresh)).close()
    Store.open(str(old)).close()
    connection = sqlite3.connect(old)
    connection.executescript(V1_REFERENCE_TABLES)
    connection.commit()
    connection.close()
    with Store.open(str(old)) as store:
        assert store.schema_version() == 2
        assert reference_counts(store) == {"gtd": 1, "links": 1}
        assert [link.score for link in load_references(store, "ev-old")] == [0.5]
    for table in ("reference_records", "event_references"):
        assert _columns(old, table) == _columns(fresh, table)
    connection = sqlite3.connect(old)
    keys = [row[2] for row in connection.execute("PRAGMA foreign_key_list(event_references)")]
    versions = [row[0] for row in connection.execute("SELECT version FROM _migrations ORDER BY version")]
    connection.close()
    assert keys == ["reference_records"], "links no longer depend on the events table"
    assert versions == [1, 2]
