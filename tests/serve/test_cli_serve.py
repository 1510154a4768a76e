"""`rashomon serve` as a user runs it: options documented, bad tokens refused before listening."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from rashomon.cli import app


def test_cli_serve_help_lists_the_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "RASHOMON_TOKEN", "127.0.0.1"):
        assert option in result.output


def test_cli_serve_refuses_a_short_token(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "rashomon",
        "serve",
        "--db",
        str(tmp_path / "s.db"),
        "--token",
        "abc",
        "--port",
        "1",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert "at least 8 characters" in result.stderr


def test_cli_serve_rejects_a_bad_port() -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
