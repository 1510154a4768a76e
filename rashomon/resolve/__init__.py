"""Resolve stage: actors across documents, accounts into events, and conflicts between accounts."""
