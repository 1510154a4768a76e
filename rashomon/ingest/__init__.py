"""Ingest stage: read files, folders, stdin, feeds and records into `Document`s, de-duplicated."""
