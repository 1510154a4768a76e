"""rashomon: a source-attributed event database that keeps every account of political violence."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rashomon")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
