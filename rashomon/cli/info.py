"""`rashomon info`: versions, store, counts and the NLP model in use."""

from __future__ import annotations

import json
import platform
from importlib.metadata import PackageNotFoundError, version

from rich.table import Table

from rashomon import __version__
from rashomon.cli.app import DbOption, JsonOption, ModelOption, app, console, open_store, settings_for


def _version_of(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


@app.command()
def info(db: DbOption = None, model: ModelOption = None, as_json: JsonOption = False) -> None:
    """Show versions, the store in use, row counts and the NLP model."""
    settings = settings_for(db, model)
    with open_store(settings) as store:
        counts = store.counts()
        schema_version = store.schema_version()
        engine = store.engine.dialect.name
    data = {
        "rashomon": __version__,
        "python": platform.python_version(),
        "spacy": _version_of("spacy"),
        "model": settings.model,
        "model_version": _version_of(settings.model.replace("_", "-")),
        "store": settings.db,
        "engine": engine,
        "schema_version": schema_version,
        "counts": counts,
    }
    if as_json:
        console.print_json(json.dumps(data))
        return
    table = Table(show_header=False, box=None)
    for key, value in data.items():
        if key == "counts":
            continue
        table.add_row(key, str(value))
    for key, value in counts.items():
        table.add_row(key, str(value))
    console.print(table)
