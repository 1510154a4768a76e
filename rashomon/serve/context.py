"""Serve stage: what every request handler is given (the store, its search index, the write token, a cache)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from rashomon.serve.cache import ResultCache
from rashomon.serve.search import SearchIndex
from rashomon.store import Store


@dataclass(frozen=True, slots=True)
class ServeContext:
    """One app's store, search index, write token (None: the app is read-only) and aggregate cache."""

    store: Store
    search: SearchIndex
    token: str | None
    cache: ResultCache

    @property
    def writable(self) -> bool:
        return self.token is not None


def context(request: Request) -> ServeContext:
    """The app's context, for `Depends(context)`."""
    found: ServeContext = request.app.state.rashomon
    return found
