"""The stages import only from `model` and the stages before them (see the style guide).

Order: model, ingest, analyse, extract, resolve, store, then export and serve. `cli` and the
top-level `pipeline` glue may import anything; `errors` and `settings` are shared by all. spaCy
is imported only inside `analyse`. The test reads the source with `ast`, so it fails on an
import as soon as it is written, whether or not that code path runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rashomon"
ORDER = ("model", "ingest", "analyse", "extract", "resolve", "store", "export", "serve")
SHARED = {"errors", "settings", "__init__"}
ALLOWED = {stage: {*ORDER[: ORDER.index(stage) + 1], *SHARED} for stage in ORDER}
ALLOWED["serve"] |= {"export"}  # the web UI offers the exports as downloads


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def _stage_files(stage: str) -> list[Path]:
    return sorted((PACKAGE / stage).rglob("*.py"))


@pytest.mark.parametrize("stage", ORDER)
def test_layering_stage_imports_only_earlier_stages(stage: str) -> None:
    wrong = []
    for path in _stage_files(stage):
        for line, module in _imports(path):
            parts = module.split(".")
            if parts[0] != "rashomon" or len(parts) < 2:
                continue
            if parts[1] not in ALLOWED[stage]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_layering_spacy_stays_inside_analyse() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in PACKAGE.rglob("*.py")
        if "analyse" not in path.relative_to(PACKAGE).parts
        for line, module in _imports(path)
        if module.split(".")[0] == "spacy"
    ]
    assert not wrong, wrong
