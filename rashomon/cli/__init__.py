"""Command line: thin wrappers that parse arguments, call one library function and print.

Exit status: 0 on success; 1 when the work ran but nothing could be done (for example no
input could be ingested) or a RashomonError stopped it; 2 for usage errors (Typer's own).
"""

from __future__ import annotations

import sys

from rashomon.cli import commands as _commands  # noqa: F401  (registers the commands)
from rashomon.cli.app import app, errors
from rashomon.errors import RashomonError


def main() -> None:
    try:
        app()
    except RashomonError as error:
        errors.print(f"[red]error:[/red] {error}", highlight=False)
        sys.exit(1)


__all__ = ["app", "main"]
