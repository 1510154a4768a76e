"""The docs keep up with the code: the CLI reference is current and names only real commands."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import typer

ROOT = Path(__file__).resolve().parent.parent
CLI_PAGE = ROOT / "docs" / "cli.md"
README = ROOT / "README.md"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_cli_reference", ROOT / "docs" / "generate_cli_reference.py")
    if spec is None or spec.loader is None:
        raise ImportError("cannot load docs/generate_cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_reference_is_current() -> None:
    expected = generator().render()
    current = CLI_PAGE.read_text(encoding="utf-8")
    assert current == expected, "docs/cli.md is stale: run .venv/bin/python docs/generate_cli_reference.py"


def test_docs_every_command_and_option_has_help() -> None:
    module = generator()
    group = module.root_command()
    context = typer.Context(group, info_name="rashomon")
    missing = []
    for path, command, _ in module.iter_commands(group, context):
        name = " ".join(path)
        if not (command.help or "").strip():
            missing.append(f"rashomon {name}")
        for parameter in [*module.options_of(command), *module.arguments_of(command)]:
            if not (parameter.help or "").strip():
                missing.append(f"rashomon {name} {parameter.opts[0]}")
    assert not missing, f"without help text: {', '.join(missing)}"


def test_docs_cli_page_has_a_section_per_command() -> None:
    page = CLI_PAGE.read_text(encoding="utf-8")
    names = generator().command_names()
    assert "ingest" in names
    undocumented = [name for name in names if f"## `rashomon {name}`" not in page]
    assert not undocumented, f"commands missing from docs/cli.md: {', '.join(undocumented)}"


def _commands_in_readme(text: str) -> set[str]:
    """Command names the README shows in code: inline `rashomon X` and lines of fenced blocks."""
    found = set(re.findall(r"`rashomon ([a-z][a-z-]*)", text))
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            match = re.match(r"\s*(?:\$\s*)?(?:\.venv/bin/)?rashomon ([a-z][a-z-]*)", line)
            if match:
                found.add(match.group(1))
    return found


def test_docs_readme_shows_only_real_commands() -> None:
    top_level = {name.split()[0] for name in generator().command_names()}
    shown = _commands_in_readme(README.read_text(encoding="utf-8"))
    assert {"demo", "ingest", "extract"} <= shown
    unknown = sorted(shown - top_level)
    assert not unknown, f"README.md shows commands that do not exist: {', '.join(unknown)}"


def test_docs_readme_finder_sees_fenced_and_inline_commands() -> None:
    text = "Run `rashomon ingest x`.\n\n```console\n$ rashomon demo --db d.db\nrashomon bogus\n```\n"
    assert _commands_in_readme(text) == {"ingest", "demo", "bogus"}
