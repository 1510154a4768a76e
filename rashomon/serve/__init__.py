"""Serve stage: the REST API and the analyst web app over a store.

from rashomon.serve import create_app, serve
app = create_app("rashomon.db")               # an ASGI app (FastAPI), read-only
serve("rashomon.db", port=8000, token=None)   # runs it on 127.0.0.1 until interrupted
"""

from rashomon.serve.app import create_app, serve

__all__ = ["create_app", "serve"]
