"""`rashomon export --format ...`, `import`, `link` and `references` on a real db file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.export import FORMATS
from rashomon.store import Store
from tests.export.scene import build_export_scene

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "events.db"
    with Store.open(str(path)) as store:
        event_id = build_export_scene(store)
    return path, event_id


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_every_format_writes_a_file_in_place(db: tuple[Path, str], tmp_path: Path, format: str) -> None:
    path, event_id = db
    target = tmp_path / f"out.{format}"
    code, out, err = run("export", "--db", str(path), "--format", format, "--output", str(target), "--country", "IR")
    assert code == 0, err
    assert f"as {format} to" in out and "Exported 1 event(s)" in out
    assert event_id in target.read_text(encoding="utf-8")
    assert not (tmp_path / f"out.{format}.part").exists()


def test_each_dataset_format_uses_its_own_rule_unless_told(db: tuple[Path, str]) -> None:
    path, event_id = db

    def column(format: str, name: str, *more: str) -> str:
        code, out, _ = run("export", "--db", str(path), "--format", format, "--event", event_id, *more)
        assert code == 0
        return next(csv.DictReader(io.StringIO(out)))[name]

    assert column("gtd-csv", "nkill") == "7"
    assert column("acled-csv", "fatalities") == "5"
    assert column("ucdp-csv", "best") == "5"
    assert column("gtd-csv", "nkill", "--figure-rule", "acled") == "5"
    code, out, _ = run("export", "--db", str(path), "--format", "json", "--event", event_id)
    assert code == 0
    assert json.loads(out)["events"][0]["killed"]["rule"] == "gtd", "the JSON keeps its default"


def test_a_one_event_briefing_to_standard_output(db: tuple[Path, str]) -> None:
    path, event_id = db
    code, out, err = run("export", "--db", str(path), "--format", "markdown", "--event", event_id[:8])
    assert code == 0
    assert out.startswith("# Briefing") and "Scope: one event." in out
    assert "A senior commander blamed Israel [2]." in out
    assert "Exported 1 event(s)" in err
    code, _, err = run("export", "--db", str(path), "--format", "html", "--event", "ev-none")
    assert code == 1 and "no event" in err
    assert run("export", "--db", str(path), "--format", "pdf")[0] == 2


def test_import_links_and_references_show_the_links(db: tuple[Path, str], tmp_path: Path) -> None:
    path, event_id = db
    exported = tmp_path / "gtd.csv"
    assert run("export", "--db", str(path), "--format", "gtd-csv", "--output", str(exported))[0] == 0
    code, out, err = run("import", "--db", str(path), "--format", "gtd-csv", str(exported))
    assert code == 0, err
    assert "Imported 4 gtd-csv record(s)" in out and "Linked 4 of 4 event(s) (4 link(s))" in out
    code, out, _ = run("references", event_id[:8], "--db", str(path))
    assert code == 0 and f"gtd:{event_id}" in out and "Saravan" in out and "perpetrator" in out
    code, out, _ = run("references", event_id, "--db", str(path), "--json")
    found = json.loads(out)
    assert found[0]["record"]["id"] == f"gtd:{event_id}" and found[0]["score"] == 1.0
    code, out, _ = run("references", "--db", str(path))
    assert "4 gtd record(s); 4 link(s)." in out
    assert run("resolve", "--db", str(path))[0] == 0
    code, out, _ = run("link", "--db", str(path))
    assert code == 0 and "Linked 4 of 4 event(s)" in out
    code, out, _ = run("export", "--db", str(path), "--format", "geojson")
    assert json.loads(out)["features"][0]["properties"]["references"] == [f"gtd:{event_id}"]


def test_import_refuses_bad_input(db: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = db
    assert run("import", "--db", str(path), "--format", "xlsx", str(tmp_path / "x.csv"))[0] == 2
    code, _, err = run("import", "--db", str(path), "--format", "acled-csv", str(tmp_path / "missing.csv"))
    assert code == 1 and "cannot read" in err
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = run("import", "--db", str(path), "--format", "acled-csv", str(wrong))
    assert code == 1 and "no column" in err
