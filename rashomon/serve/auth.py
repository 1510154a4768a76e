"""Serve stage: the gate in front of write actions (merge, split, notes).

A server started without a token is read-only: every write is refused with 403. With a token,
a write must carry it, as `Authorization: Bearer <token>` (API) or a `token` form field (web
forms), compared in constant time; a missing or wrong token is refused with 401. Browsers'
cross-site form posts are refused as well when their Origin names another host.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import Request

from rashomon.serve.context import ServeContext

READ_ONLY = "this server is read-only: start it with --token (or RASHOMON_TOKEN) to allow write actions"


class Refused(Exception):
    """A write action refused; `status` is 401 (no or wrong token) or 403 (read-only, cross-site)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def bearer(request: Request) -> str | None:
    """The token a request carries in `Authorization: Bearer` or `X-Rashomon-Token`."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-rashomon-token")


def check_origin(request: Request) -> None:
    """Refuse a request whose Origin (set by browsers on form posts) is another host than this one."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        if origin == "null":
            raise Refused(403, "cross-site request refused")
        return
    if urlsplit(origin).netloc != request.headers.get("host", ""):
        raise Refused(403, "cross-site request refused")


def require_token(ctx: ServeContext, given: str | None) -> None:
    """Return when `given` is the app's token; raise `Refused` otherwise."""
    if ctx.token is None:
        raise Refused(403, READ_ONLY)
    if not given or not hmac.compare_digest(given.encode(), ctx.token.encode()):
        raise Refused(401, "a valid token is needed for write actions")
