"""Ingest: how the reference datasets (GTD, ACLED) name countries, regions and unknown actors.

Read from `data/reference_datasets.yaml` once and checked: the exporters write these names in
the datasets' columns and the importer reads them back to ISO 3166-1 alpha-2 codes, so a file
written by `rashomon export --format gtd-csv` reads back to the same countries. Names the file
does not list fall back to pycountry (its common name when writing, its lookup when reading).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pycountry
import yaml

from rashomon.errors import ConfigError
from rashomon.model.vocab.folding import fold_name

DATA_PATH = Path(__file__).with_name("data") / "reference_datasets.yaml"
GTD = "gtd"
ACLED = "acled"
DATASETS = (GTD, ACLED)
EXTRA_CODES = frozenset({"XK"})  # Kosovo: used by both datasets, not in ISO 3166-1
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*")


@dataclass(frozen=True, slots=True)
class DatasetNames:
    """Country names by dataset, GTD regions and the names that mean "nobody known"."""

    written: Mapping[tuple[str, str], str]  # (dataset, code) -> name
    read: Mapping[str, str]  # folded name -> code
    regions: Mapping[str, str]  # code -> GTD region_txt
    unknown: frozenset[str]  # folded


def _valid_code(code: Any, where: str) -> str:
    if not isinstance(code, str) or (pycountry.countries.get(alpha_2=code) is None and code not in EXTRA_CODES):
        raise ConfigError(f"{DATA_PATH.name}: {where}: {code!r} is not an ISO 3166-1 alpha-2 code")
    return code


def _parse(raw: Any) -> DatasetNames:
    if not isinstance(raw, dict):
        raise ConfigError(f"{DATA_PATH.name}: expected a mapping with names, regions and unknown_names")
    written: dict[tuple[str, str], str] = {}
    read: dict[str, str] = {}
    for entry in raw.get("names") or ():
        code = _valid_code(entry.get("code"), "names")
        for dataset in DATASETS:
            name = entry.get(dataset)
            if not isinstance(name, str) or not name:
                raise ConfigError(f"{DATA_PATH.name}: names: {code}: needs a {dataset} name")
            written[(dataset, code)] = name
            read[fold_name(name)] = code
        for alias in entry.get("aliases") or ():
            read.setdefault(fold_name(str(alias)), code)
    regions: dict[str, str] = {}
    for region, codes in (raw.get("regions") or {}).items():
        for code in codes:
            if _valid_code(code, f"regions: {region}") in regions:
                raise ConfigError(f"{DATA_PATH.name}: regions: {code} is listed twice")
            regions[code] = str(region)
    unknown = frozenset(fold_name(str(name)) for name in raw.get("unknown_names") or ())
    return DatasetNames(MappingProxyType(written), MappingProxyType(read), MappingProxyType(regions), unknown)


@cache
def dataset_names() -> DatasetNames:
    """The checked contents of the data file (read on first use)."""
    with DATA_PATH.open(encoding="utf-8") as handle:
        return _parse(yaml.safe_load(handle))


def country_name(code: str | None, dataset: str = GTD) -> str | None:
    """The name `dataset` writes for an ISO alpha-2 code; None for no code, the code itself if unknown."""
    if not code:
        return None
    code = code.upper()
    names = dataset_names()
    if (dataset, code) in names.written:
        return names.written[(dataset, code)]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


@cache
def country_code(name: str | None) -> str | None:
    """The ISO alpha-2 code of a country as a dataset names it (or of a code), or None when unknown."""
    if not name or not name.strip():
        return None
    text = name.strip()
    folded = fold_name(text)
    names = dataset_names()
    if folded in names.read:
        return names.read[folded]
    if len(text) == 2 and text.isalpha():
        return _valid_or_none(text.upper())
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return str(found.alpha_2)


def code_from_numeric(number: str | None) -> str | None:
    """An ISO 3166-1 numeric code (ACLED's `iso` column) as alpha-2."""
    if not number or not number.strip().isdigit():
        return None
    found = pycountry.countries.get(numeric=f"{int(number):03d}")
    return str(found.alpha_2) if found is not None else None


def _valid_or_none(code: str) -> str | None:
    return code if pycountry.countries.get(alpha_2=code) is not None or code in EXTRA_CODES else None


def gtd_region(code: str | None) -> str | None:
    """GTD's region_txt for a country code, or None when the data file does not place it."""
    return dataset_names().regions.get(code.upper()) if code else None


def is_unknown_actor(name: str | None) -> bool:
    """True for an empty name or one that says nobody is known ("Unknown", "Unidentified Armed Group (Mali)")."""
    if not name or not name.strip():
        return True
    stripped = _PARENTHESIS.sub(" ", name).strip()
    return not stripped or fold_name(stripped) in dataset_names().unknown
