"""Imports every command module so that each registers its commands on the app."""

from __future__ import annotations

import importlib

COMMAND_MODULES = ("info", "ingest", "run", "events", "export", "serve", "imports")

for _name in COMMAND_MODULES:
    importlib.import_module(f"rashomon.cli.{_name}")
