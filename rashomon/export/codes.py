"""Export: the precision codes and ACLED conventions of `data/formats.yaml`, loaded and checked once.

Each mapping is checked against our own enums (place and date precision, event kinds) and
ACLED's event types against its codebook (`rashomon.model.vocab.external`), so a typo fails on
first use with the file and key named, not in a file a dataset user cannot read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from rashomon.errors import ConfigError
from rashomon.model.records import DatePrecision, EventKind, PlacePrecision
from rashomon.model.vocab.external import ACLED_EVENT_TYPES

DATA_PATH = Path(__file__).with_name("data") / "formats.yaml"


@dataclass(frozen=True, slots=True)
class AcledType:
    event_type: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class FormatCodes:
    gtd_specificity: Mapping[str, int]
    gtd_specificity_without_coordinates: int
    acled_geo_precision: Mapping[str, int]
    acled_time_precision: Mapping[str, int]
    acled_battle_targets: frozenset[str]
    acled_unidentified_actor: str
    acled_target_actors: Mapping[str, str]
    acled_default_target_actor: str
    acled_kinds: Mapping[str, AcledType]
    acled_battle: AcledType
    acled_suicide_bomb: AcledType
    ucdp_where_prec: Mapping[str, int]
    ucdp_date_prec: Mapping[str, int]


def _fail(where: str, problem: str) -> ConfigError:
    return ConfigError(f"{DATA_PATH.name}: {where}: {problem}")


def _codes(raw: Any, where: str, keys: set[str]) -> Mapping[str, int]:
    if not isinstance(raw, dict) or set(raw) != keys or not all(isinstance(v, int) for v in raw.values()):
        raise _fail(where, f"needs an integer for each of {', '.join(sorted(keys))}")
    return MappingProxyType({str(k): int(v) for k, v in raw.items()})


def _acled_type(raw: Any, where: str) -> AcledType:
    if not isinstance(raw, dict):
        raise _fail(where, "needs event_type and sub_event_type")
    event_type, sub = str(raw.get("event_type")), str(raw.get("sub_event_type"))
    if event_type not in ACLED_EVENT_TYPES or sub not in ACLED_EVENT_TYPES[event_type]:
        raise _fail(where, f"{event_type!r} / {sub!r} is not an ACLED event type and sub-event type")
    return AcledType(event_type, sub)


def _template(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or "{country}" not in raw:
        raise _fail(where, "needs a name with {country} in it")
    return raw


def parse_codes(raw: Any) -> FormatCodes:
    """Check the file's contents and build the codes; ConfigError names the key at fault."""
    if not isinstance(raw, dict):
        raise _fail("top", "expected gtd, acled and ucdp sections")
    gtd, acled, ucdp = raw.get("gtd") or {}, raw.get("acled") or {}, raw.get("ucdp") or {}
    places = {precision.value for precision in PlacePrecision}
    dates = {precision.value for precision in DatePrecision}
    kinds = acled.get("kinds")
    if not isinstance(kinds, dict) or set(kinds) != {kind.value for kind in EventKind}:
        raise _fail("acled.kinds", "needs an entry for every event kind")
    targets = acled.get("target_actors") or {}
    return FormatCodes(
        gtd_specificity=_codes(gtd.get("specificity"), "gtd.specificity", places),
        gtd_specificity_without_coordinates=int(gtd.get("specificity_without_coordinates", 2)),
        acled_geo_precision=_codes(acled.get("geo_precision"), "acled.geo_precision", places),
        acled_time_precision=_codes(acled.get("time_precision"), "acled.time_precision", dates),
        acled_battle_targets=frozenset(str(t) for t in acled.get("battle_targets") or ()),
        acled_unidentified_actor=_template(acled.get("unidentified_actor"), "acled.unidentified_actor"),
        acled_target_actors=MappingProxyType(
            {str(k): _template(v, f"acled.target_actors.{k}") for k, v in targets.items()}
        ),
        acled_default_target_actor=_template(acled.get("default_target_actor"), "acled.default_target_actor"),
        acled_kinds=MappingProxyType({k: _acled_type(v, f"acled.kinds.{k}") for k, v in kinds.items()}),
        acled_battle=_acled_type(acled.get("battle"), "acled.battle"),
        acled_suicide_bomb=_acled_type(acled.get("suicide_bomb"), "acled.suicide_bomb"),
        ucdp_where_prec=_codes(ucdp.get("where_prec"), "ucdp.where_prec", places),
        ucdp_date_prec=_codes(ucdp.get("date_prec"), "ucdp.date_prec", dates),
    )


@cache
def format_codes() -> FormatCodes:
    """The packaged codes (read on first use)."""
    with DATA_PATH.open(encoding="utf-8") as handle:
        return parse_codes(yaml.safe_load(handle))
