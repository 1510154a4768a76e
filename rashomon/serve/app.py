"""Serve stage: the FastAPI application, its security headers, and `serve` to run it.

    from rashomon.serve import create_app, serve
    app = create_app("rashomon.db")                    # an ASGI app, read-only
    serve("rashomon.db", port=8000, token="s3cret")    # blocks; write actions need the token

Reports are untrusted text, so the app is built defensively: templates autoescape, every
response carries a strict Content-Security-Policy (scripts and styles only from /static, no
inline code, no frames), write actions are refused unless a token was set at start and sent
with the request, and `serve` binds to 127.0.0.1 and accepts only local Host headers unless
told otherwise (which stops DNS-rebinding pages from reading a local store).
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rashomon import __version__
from rashomon.errors import ConfigError, NotFound, RashomonError
from rashomon.serve import api, pages
from rashomon.serve.auth import Refused
from rashomon.serve.cache import ResultCache
from rashomon.serve.context import ServeContext
from rashomon.serve.rendering import error_page
from rashomon.serve.search import SearchIndex
from rashomon.store import Store

STATIC = Path(__file__).parent / "static"
MIN_TOKEN_LENGTH = 8

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # not no-referrer: browsers would then send "Origin: null" on our own forms
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class SecurityHeaders:
    """Adds the security headers to every HTTP response (pure ASGI: streaming responses keep working)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(SECURITY_HEADERS)]
                message["headers"] = headers + list(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def local_hosts(host: str) -> list[str] | None:
    """The Host headers to accept when bound to `host`: local names for a loopback address, else any."""
    if host in ("localhost", ""):
        return ["127.0.0.1", "localhost", "[::1]"]
    try:
        loopback = ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return None
    return ["127.0.0.1", "localhost", "[::1]", host] if loopback else None


def check_token(token: str | None) -> str | None:
    if token is None or token == "":
        return None
    if len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError(f"the write token must be at least {MIN_TOKEN_LENGTH} characters long")
    return token


def _error_status(error: RashomonError) -> int:
    if isinstance(error, NotFound):
        return 404
    return 400


def create_app(
    store_or_db: Store | str, token: str | None = None, *, allowed_hosts: list[str] | None = None
) -> FastAPI:
    """The web app and REST API over a store (or the store at a path or URL, opened and closed with the app).

    Read-only unless `token` is given; `allowed_hosts` limits the Host headers accepted (None: any).
    """
    owns = isinstance(store_or_db, str)
    store = Store.open(store_or_db) if isinstance(store_or_db, str) else store_or_db
    ctx = ServeContext(store=store, search=SearchIndex(store), token=check_token(token), cache=ResultCache(store))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns:
            store.close()

    app = FastAPI(
        title="rashomon",
        version=__version__,
        description=(
            "Source-attributed events from reports about political violence. Every figure keeps every "
            "claim with its document, speaker and character span; headlines are computed by a named rule "
            "(gtd, acled, ucdp, range). Write actions need `Authorization: Bearer <token>`."
        ),
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; /api renders the schema itself
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.rashomon = ctx
    _add_error_handlers(app)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api")

    @app.exception_handler(RashomonError)
    async def rashomon_error(request: Request, error: RashomonError) -> Response:
        status = _error_status(error)
        if wants_json(request):
            return JSONResponse({"detail": str(error)}, status_code=status)
        return error_page(request, status, str(error))

    @app.exception_handler(Refused)
    async def refused(request: Request, error: Refused) -> Response:
        headers: dict[str, Any] = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
        if wants_json(request):
            return JSONResponse({"detail": error.reason}, status_code=error.status, headers=headers)
        return error_page(request, error.status, error.reason)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the web app until interrupted. Binds to 127.0.0.1 unless another host is given."""
    import uvicorn

    with Store.open(db) as store:
        app = create_app(store, token=token, allowed_hosts=local_hosts(host))
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
