"""The Typer application and the options every command shares."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from rashomon.settings import Settings
from rashomon.store import Store

app = typer.Typer(
    name="rashomon",
    help="Turn reports about political violence into a source-attributed event database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: an SQLite file path or a postgresql:// URL. Env RASHOMON_DB; default ./rashomon.db.",
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline package or path. Env RASHOMON_MODEL."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def settings_for(db: str | None = None, model: str | None = None, **more: object) -> Settings:
    return Settings.from_env(db=db, model=model, **more)


def open_store(settings: Settings) -> Store:
    return Store.open(settings.db)


def _show_version(value: bool) -> None:
    if value:
        from rashomon import __version__

        console.print(f"rashomon {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn reports about political violence into a source-attributed event database."""
