"""Serve: the REST API and the analyst web app over a store."""
