"""`rashomon events`, `event`, `conflicts`, `resolve`, `merge`, `split`, `note` and `export` on a real db file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.model.records import Account
from rashomon.store import Store
from rashomon.store.events import load_events
from tests.resolve.factory import document
from tests.resolve.stored import MARKET_1, MARKET_2, Report, build_scene, market_accounts

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    with Store.open(str(path)) as store:
        build_scene(store)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def market_id(db: Path) -> str:
    with Store.open(str(db)) as store:
        return next(view.id for view in load_events(store) if len(view.documents) == 2)


def test_events_table_and_json(db: Path) -> None:
    code, out, _ = run("events", "--db", str(db))
    assert code == 0
    assert market_id(db) in out
    assert "Mogadishu" in out and "16 (12-16)" in out
    code, out, _ = run("events", "--db", str(db), "--json", "--since", "2022", "--kind", "attack")
    assert code == 0
    data = json.loads(out)
    assert [e["documents"] for e in data] == [["wire-3"]]
    code, out, _ = run("events", "--db", str(db), "--json", "--country", "SO", "--until", "2021-03", "--limit", "1")
    assert len(json.loads(out)) == 1


def test_events_bad_options_are_usage_errors(db: Path) -> None:
    assert run("events", "--db", str(db), "--since", "March")[0] == 2
    assert run("events", "--db", str(db), "--kind", "battle")[0] == 2
    assert run("events", "--db", str(db), "--rule", "mean")[0] == 2


def test_event_shows_claims_sources_speakers_and_sentences(db: Path) -> None:
    event_id = market_id(db)
    code, out, _ = run("event", event_id, "--db", str(db))
    assert code == 0, out
    flat = " ".join(out.split())
    for expected in ("Police", "Officials", "wire-1", "paper-2", "accused", "claimed", "al-Shabaab", "Report wire-1"):
        assert expected in flat
    code, out, _ = run("event", event_id[:8], "--db", str(db), "--json")
    data = json.loads(out)
    assert data["id"] == event_id
    assert data["killed"]["claims"][0]["sentence"].startswith("Police said at least 12")
    assert {a["id"] for a in data["accounts"]} == {"wire-1/v1#1", "wire-1/v1#2", "paper-2/v1#1"}


def test_event_unknown_id_exits_1_with_one_line(db: Path) -> None:
    code, out, err = run("event", "ev-missing", "--db", str(db))
    assert code == 1
    assert "no event 'ev-missing'" in err
    assert "Traceback" not in out + err


def test_conflicts_lists_each_claim_and_the_evolution(db: Path) -> None:
    code, out, _ = run("conflicts", "--db", str(db))
    assert code == 0
    flat = " ".join(out.split())
    assert "killed" in flat and "injured" in flat
    assert "12 (wire-1, 2021-03-03, Police) -> up 16 (paper-2, 2021-03-05, Officials)" in flat
    code, out, _ = run("conflicts", "--db", str(db), "--event", market_id(db), "--json")
    data = json.loads(out)
    killed = next(c for c in data if c["attribute"] == "killed")
    assert [(c["value"], c["document"], c["attributed_to"]) for c in killed["claims"]] == [
        (12, "wire-1", "Police"),
        (16, "paper-2", "Officials"),
    ]


def test_resolve_prints_the_report(db: Path) -> None:
    code, out, _ = run("resolve", "--db", str(db))
    assert code == 0
    assert "Resolved 5 account(s) into 3 event(s)" in " ".join(out.split())
    code, out, _ = run("resolve", "--db", str(db), "--json")
    assert json.loads(out)["events"] == 3


def test_split_and_merge_commands(db: Path) -> None:
    event_id = market_id(db)
    code, out, err = run(
        "split", event_id, "--account", "paper-2/v1#1", "--analyst", "Ana", "--reason", "other blast", "--db", str(db)
    )
    assert code == 0, err
    with Store.open(str(db)) as store:
        assert len(load_events(store)) == 4
        pair = [view.id for view in load_events(store) if {d.id for d in view.documents} & {MARKET_1.id, MARKET_2.id}]
    assert len(pair) == 2
    code, out, err = run("merge", *pair, "--analyst", "Bo", "--reason", "same blast", "--db", str(db))
    assert code == 0, err
    assert "Merged" in out
    assert run("resolve", "--db", str(db))[0] == 0
    with Store.open(str(db)) as store:
        assert len(load_events(store)) == 3
    code, _, err = run("merge", pair[0], "--analyst", "Bo", "--reason", "x", "--db", str(db))
    assert code == 1 and "two different events" in err
    assert run("split", event_id, "--analyst", "Ana", "--reason", "x", "--db", str(db))[0] == 2  # --account missing


def test_note_command(db: Path) -> None:
    event_id = market_id(db)
    code, out, _ = run("note", event_id, "ask the desk about the toll", "--analyst", "Cy", "--db", str(db))
    assert code == 0 and "Noted" in out
    _, out, _ = run("event", event_id, "--db", str(db), "--json")
    assert json.loads(out)["notes"][0]["text"] == "ask the desk about the toll"


def test_export_to_a_file_and_to_stdout(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "events.json"
    target.parent.mkdir()
    code, out, _ = run("export", "--db", str(db), "--format", "json", "--output", str(target), "--figure-rule", "acled")
    assert code == 0
    assert "Exported 3 event(s)" in " ".join(out.split())
    data = json.loads(target.read_text(encoding="utf-8"))
    assert {e["killed"]["rule"] for e in data["events"]} == {"acled"}
    assert not list(target.parent.glob("*.part")), "the partial file is renamed into place"
    code, out, err = run("export", "--db", str(db), "--include-text", "-o", "-")
    assert code == 0
    assert json.loads(out)["documents"][0]["text"]
    assert "Exported" in err
    assert run("export", "--db", str(db), "--format", "xml")[0] == 2


def test_report_text_is_escaped_in_rich_output(tmp_path: Path) -> None:
    path = tmp_path / "markup.db"
    tricky = Report(
        MARKET_2.id,
        MARKET_2.text.replace("Officials raised", "[bold]Officials[/bold] raised"),
        published=MARKET_2.published,
    )
    with Store.open(str(path)) as store:
        store.add_document(document(tricky.id, tricky.text, tricky.published))
        accounts = market_accounts(MARKET_2)
        store.replace_accounts(tricky.id, "test", "1", [_respan(account, tricky) for account in accounts])
        build_scene(store, [MARKET_1])
    event_id = market_id(path)
    code, out, _ = run("event", event_id, "--db", str(path))
    assert code == 0
    assert "[bold]Officials[/bold]" in " ".join(out.split())


def _respan(account: Account, report: Report) -> Account:
    """The same account re-anchored on the report text given (spans move with the inserted markup)."""
    figures = tuple(
        replace(figure, evidence=report.span(figure.quantity.text), attributed_to="[bold]Officials[/bold]")
        if figure.quantity.value == 16
        else replace(figure, evidence=report.span(figure.quantity.text))
        for figure in account.figures
    )
    perpetrators = tuple(replace(p, evidence=report.span(p.name)) for p in account.perpetrators)
    mention = report.span("the market bombing in Mogadishu on 2 March 2021")
    return replace(account, figures=figures, perpetrators=perpetrators, mentions=(mention,))
