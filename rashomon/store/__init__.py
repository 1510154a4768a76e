"""Store stage: persistence of documents, accounts, claims, actors, events and decisions."""

from rashomon.store.store import Store

__all__ = ["Store"]
