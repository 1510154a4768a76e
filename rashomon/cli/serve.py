"""`rashomon serve`: the analyst web app and REST API over a store.

Binds to 127.0.0.1 unless --host says otherwise; read-only unless a token is given (--token
or RASHOMON_TOKEN), which write actions (merge, split, notes) must then carry.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from rashomon.cli.app import DbOption, app, console, errors, settings_for

HostOption = Annotated[
    str, typer.Option("--host", help="Address to bind. Anything but a loopback address exposes the store.")
]
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="RASHOMON_TOKEN",
        help="Enable write actions (merge, split, notes) for requests carrying this token (8+ characters). "
        "Env RASHOMON_TOKEN.",
        show_default=False,
    ),
]


@app.command()
def serve(
    db: DbOption = None, host: HostOption = "127.0.0.1", port: PortOption = 8000, token: TokenOption = None
) -> None:
    """Serve the web app and the REST API (docs at /api) until interrupted."""
    settings = settings_for(db)
    from rashomon.serve.app import check_token, local_hosts, serve  # the web stack loads only for this command

    token = check_token(token)  # refuse a weak token before anything listens
    if local_hosts(host) is None:
        errors.print(
            f"[yellow]warning:[/yellow] listening on {escape(host)}: anyone who can reach it can read the store"
        )
    mode = "write actions enabled (token set)" if token else "read-only"
    console.print(f"Serving {settings.db} at http://{host}:{port}/ ({mode}); Ctrl+C stops.", highlight=False)
    serve(settings.db, host=host, port=port, token=token)
