"""Model: read the vocabulary YAML files into typed entries, checking each entry's shape.

Consumes the folder `rashomon/model/data/` (or a folder given explicitly) and produces a
`ParsedFiles`: every entry as a frozen dataclass from `entries.py`, tagged with the file it
came from, plus a list of `Problem`s for whatever could not be read. Cross-entry rules
(unknown parents, alias clashes...) are checked afterwards by `checks.py`.

The shape of an entry is the dataclass itself: required fields are those without a default,
and each value must match the field's annotation (`str`, `int`, `bool`, `tuple[str, ...]`,
optionally `| None`). YAML 1.1 reads `NO` (Norway) as false and `23` as a number; the type
check turns those silent conversions into errors that name the field.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import yaml

from rashomon.model.vocab.entries import (
    ActorEntry,
    ActorKindEntry,
    ClaimStatusEntry,
    CodedTypeEntry,
    EventTypeEntry,
    FigureKindEntry,
    SourceKindEntry,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
"""The vocabulary files shipped with the package."""

ACTOR_FILE = "actors.yaml"
ACTOR_DIR = "actors"
SECTION_FILES: dict[str, tuple[str, type[Any]]] = {
    "actor_kinds": ("actor_kinds.yaml", ActorKindEntry),
    "event_types": ("event_types.yaml", EventTypeEntry),
    "attack_types": ("attack_types.yaml", CodedTypeEntry),
    "weapon_types": ("weapon_types.yaml", CodedTypeEntry),
    "target_types": ("target_types.yaml", CodedTypeEntry),
    "figure_kinds": ("figure_kinds.yaml", FigureKindEntry),
    "claim_statuses": ("claim_statuses.yaml", ClaimStatusEntry),
    "source_kinds": ("source_kinds.yaml", SourceKindEntry),
}
"""Every vocabulary section except actors: section name -> (file name, entry class)."""

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a look) in a vocabulary file."""

    file: str
    entry: str | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}: {self.entry}" if self.entry else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Located(Generic[E]):
    """An entry and the file (relative to the data folder) it was read from."""

    file: str
    entry: E


@dataclass(frozen=True, slots=True)
class ParsedFiles:
    """Every entry read from a data folder, grouped by section, with the problems met on the way."""

    root: Path
    actors: tuple[Located[ActorEntry], ...]
    sections: dict[str, tuple[Located[Any], ...]]
    problems: tuple[Problem, ...]


try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover  (PyYAML built without libyaml)
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _StrictLoader(_BaseLoader):
    """Safe YAML loader (libyaml-backed when available) that refuses duplicate mapping keys.

    PyYAML keeps the last of two equal keys without a word, which would silently drop a
    whole alias list when an entry says `aliases:` twice.
    """


def _construct_strict_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_strict_mapping)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; malformed YAML raises `yaml.YAMLError` with its line."""
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_StrictLoader)  # a safe loader: no arbitrary objects


# ----------------------------------------------------------------------------- value checks


def _check_str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    if not value.strip() or value != value.strip():
        return None
    return value


_FIELD_SPECS: dict[type[Any], tuple[tuple[str, Any, bool], ...]] = {}


def _field_specs(cls: type[Any]) -> tuple[tuple[str, Any, bool], ...]:
    """(name, annotation, required) for each field of an entry class, computed once per class."""
    specs = _FIELD_SPECS.get(cls)
    if specs is None:
        hints = typing.get_type_hints(cls)
        specs = tuple(
            (
                field.name,
                hints[field.name],
                field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING,
            )
            for field in dataclasses.fields(cls)
        )
        _FIELD_SPECS[cls] = specs
    return specs


def _describe(annotation: Any) -> str:
    if typing.get_origin(annotation) in (types.UnionType, typing.Union):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _describe(inner[0]) + " or null"
    if typing.get_origin(annotation) is tuple:
        return "a list of non-empty strings"
    names = {str: "a non-empty string without surrounding spaces", int: "an integer", bool: "true or false"}
    return names.get(annotation, str(annotation))


def _coerce(value: object, annotation: Any) -> tuple[bool, object]:
    """Check `value` against a field annotation; return (ok, value converted for the dataclass)."""
    if typing.get_origin(annotation) in (types.UnionType, typing.Union):
        if value is None:
            return True, None
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _coerce(value, inner[0])
    if typing.get_origin(annotation) is tuple:
        if not isinstance(value, list):
            return False, value
        items = [_check_str(item) for item in value]
        if any(item is None for item in items):
            return False, value
        return True, tuple(typing.cast(list[str], items))
    if annotation is str:
        checked = _check_str(value)
        return checked is not None, checked
    if annotation is bool:
        return isinstance(value, bool), value
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool), value
    raise TypeError(f"unsupported field annotation {annotation!r}")  # a bug in entries.py, not in data


def build_entry(cls: type[E], raw: object, *, file: str, index: int, problems: list[Problem]) -> E | None:
    """Turn one YAML mapping into an entry of `cls`, or record why it cannot be."""
    label = f"entry #{index + 1}"
    if not isinstance(raw, dict):
        problems.append(Problem(file, label, f"must be a mapping of fields, not {type(raw).__name__}"))
        return None
    raw_id = raw.get("id")
    entry_name = raw_id if isinstance(raw_id, str) and raw_id else label
    specs = _field_specs(typing.cast(type[Any], cls))
    known = {name for name, _, _ in specs}
    unknown = sorted(str(key) for key in raw if key not in known)
    ok = True
    if unknown:
        problems.append(Problem(file, entry_name, f"unknown field(s): {', '.join(unknown)}"))
        ok = False
    values: dict[str, object] = {}
    for name, annotation, required in specs:
        if name not in raw:
            if required:
                problems.append(Problem(file, entry_name, f"missing required field {name!r}"))
                ok = False
            continue
        good, converted = _coerce(raw[name], annotation)
        if not good:
            shown = repr(raw[name])
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            problems.append(Problem(file, entry_name, f"field {name!r} must be {_describe(annotation)}, got {shown}"))
            ok = False
        values[name] = converted
    if not ok:
        return None
    return cls(**values)


# ----------------------------------------------------------------------------- files


def _read_entries(root: Path, relative: str, cls: type[E], problems: list[Problem]) -> tuple[Located[E], ...]:
    path = root / relative
    try:
        document = read_yaml(path)
    except FileNotFoundError:
        problems.append(Problem(relative, None, "file not found"))
        return ()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"line {mark.line + 1}: " if mark is not None else ""
        reason = error.problem or error.context or "malformed YAML"
        problems.append(Problem(relative, None, f"{line}{reason}"))
        return ()
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
        problems.append(Problem(relative, None, f"cannot be read: {error}"))
        return ()
    if document is None:
        return ()
    if not isinstance(document, list):
        problems.append(Problem(relative, None, "must be a list of entries at the top level"))
        return ()
    located: list[Located[E]] = []
    for index, raw in enumerate(document):
        entry = build_entry(cls, raw, file=relative, index=index, problems=problems)
        if entry is not None:
            located.append(Located(relative, entry))
    return tuple(located)


def actor_files(root: Path) -> list[str]:
    """The actor files of a data folder: `actors.yaml` and/or every `actors/*.yaml`, sorted."""
    found = [ACTOR_FILE] if (root / ACTOR_FILE).is_file() else []
    folder = root / ACTOR_DIR
    if folder.is_dir():
        found.extend(f"{ACTOR_DIR}/{path.name}" for path in sorted(folder.glob("*.yaml")))
    return found


def parse_files(root: Path, *, on_file: Callable[[str], None] | None = None) -> ParsedFiles:
    """Read every vocabulary file under `root`; problems are collected, never raised."""
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(str(root), None, "vocabulary folder not found"))
        return ParsedFiles(root, (), {name: () for name in SECTION_FILES}, tuple(problems))
    sections: dict[str, tuple[Located[Any], ...]] = {}
    for name, (file_name, cls) in SECTION_FILES.items():
        if on_file is not None:
            on_file(file_name)
        sections[name] = _read_entries(root, file_name, cls, problems)
    actors: list[Located[ActorEntry]] = []
    files = actor_files(root)
    if not files:
        problems.append(Problem(f"{ACTOR_FILE} or {ACTOR_DIR}/*.yaml", None, "no actor file found"))
    for relative in files:
        if on_file is not None:
            on_file(relative)
        actors.extend(_read_entries(root, relative, ActorEntry, problems))
    return ParsedFiles(root, tuple(actors), sections, tuple(problems))
