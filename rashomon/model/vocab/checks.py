"""Model: rules that span entries and files; errors stop loading, warnings only show in `vocab check`.

Consumes a `ParsedFiles` and produces `Problem`s. Errors (the vocabulary is wrong and
loading it would give wrong answers):

- ids are slugs and unique within their section; labels (actor names) unique after folding;
- parents exist in the same section and never loop back;
- actor kinds come from `actor_kinds.yaml`; countries are ISO 3166-1 alpha-2 codes;
- no folded alias belongs to two actors unless *every* actor claiming it lists it under
  `ambiguous_aliases` (one alias must never silently mean two groups);
- the event-type roots are exactly `EventKind`; figure kinds are exactly `FigureKind`;
  claim statuses exactly `PerpetratorStatus`; attack, weapon and target types are exactly
  the GTD code lists, label for label;
- mappings to GTD, ACLED, PLOVER and STIX name values those code lists contain.

Warnings are in `lint.py`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

import pycountry

from rashomon.model.records import EventKind, FigureKind, PerpetratorStatus
from rashomon.model.vocab.entries import ActorEntry, CodedTypeEntry, EventTypeEntry
from rashomon.model.vocab.external import (
    ACLED_EVENT_TYPES,
    ACLED_INTER_CODES,
    EXTRA_COUNTRY_CODES,
    GTD_ATTACK_TYPES,
    GTD_TARGET_TYPES,
    GTD_WEAPON_TYPES,
    PLOVER_MODES,
    STIX_THREAT_ACTOR_TYPES,
    STIX_TYPES,
)
from rashomon.model.vocab.folding import fold_name
from rashomon.model.vocab.loading import Located, ParsedFiles, Problem

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ALPHA_2 = frozenset(country.alpha_2 for country in pycountry.countries) | frozenset(EXTRA_COUNTRY_CODES)

GTD_CODE_LISTS: Mapping[str, Mapping[int, str]] = {
    "attack_types": GTD_ATTACK_TYPES,
    "weapon_types": GTD_WEAPON_TYPES,
    "target_types": GTD_TARGET_TYPES,
}


def _label_of(entry: Any) -> str:
    return str(entry.name if isinstance(entry, ActorEntry) else entry.label)


def check_ids_and_labels(section: str, located: Iterable[Located[Any]]) -> list[Problem]:
    """Slug ids, unique ids, unique folded labels within one section."""
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    labels: dict[str, str] = {}
    for item in located:
        entry = item.entry
        if not SLUG.match(entry.id):
            problems.append(Problem(item.file, entry.id, "id must be a lowercase slug (a-z, 0-9, '-' or '_')"))
        if entry.id in ids:
            problems.append(Problem(item.file, entry.id, f"duplicate id (first in {ids[entry.id]})"))
        ids.setdefault(entry.id, item.file)
        folded = fold_name(_label_of(entry))
        if not folded:
            problems.append(Problem(item.file, entry.id, "label has no letters or digits"))
        elif folded in labels and labels[folded] != entry.id:
            problems.append(Problem(item.file, entry.id, f"{section} label collides with {labels[folded]!r}"))
        labels.setdefault(folded, entry.id)
    return problems


def check_hierarchy(located: Iterable[Located[Any]]) -> list[Problem]:
    """Every parent exists in the same section; following parents never comes back."""
    items = list(located)
    parents: dict[str, str | None] = {item.entry.id: item.entry.parent for item in items}
    problems: list[Problem] = []
    for item in items:
        entry = item.entry
        if entry.parent is not None and entry.parent not in parents:
            problems.append(Problem(item.file, entry.id, f"parent {entry.parent!r} does not exist"))
            continue
        seen = {entry.id}
        current = entry.parent
        while current is not None and current in parents:
            if current in seen:
                problems.append(Problem(item.file, entry.id, f"parent chain loops back through {current!r}"))
                break
            seen.add(current)
            current = parents[current]
    return problems


def check_actors(parsed: ParsedFiles) -> list[Problem]:
    """Kinds, countries and the alias rules of the actor table."""
    problems: list[Problem] = []
    kinds = {item.entry.id for item in parsed.sections.get("actor_kinds", ())}
    claims: dict[str, list[tuple[Located[ActorEntry], bool]]] = defaultdict(list)
    for item in parsed.actors:
        actor = item.entry
        if kinds and actor.kind not in kinds:
            problems.append(Problem(item.file, actor.id, f"kind {actor.kind!r} is not in actor_kinds.yaml"))
        for code in actor.countries:
            if code not in ALPHA_2:
                problems.append(Problem(item.file, actor.id, f"country {code!r} is not an ISO 3166-1 alpha-2 code"))
        ambiguous = {fold_name(alias) for alias in actor.ambiguous_aliases}
        for alias in actor.aliases:
            if fold_name(alias) in ambiguous:
                problems.append(Problem(item.file, actor.id, f"alias {alias!r} is also listed as ambiguous"))
        per_actor: dict[str, bool] = {}
        for alias in actor.names:
            folded = fold_name(alias)
            if not folded:
                problems.append(Problem(item.file, actor.id, f"alias {alias!r} has no letters or digits"))
                continue
            per_actor.setdefault(folded, folded in ambiguous)
        for folded in ambiguous:
            if folded:
                per_actor[folded] = True
            else:
                problems.append(Problem(item.file, actor.id, "an ambiguous alias has no letters or digits"))
        for folded, is_ambiguous in per_actor.items():
            claims[folded].append((item, is_ambiguous))
    for folded, claimants in claims.items():
        if len(claimants) < 2:
            continue
        firm = [item for item, is_ambiguous in claimants if not is_ambiguous]
        if not firm:
            continue
        others = ", ".join(sorted(item.entry.id for item, _ in claimants))
        for item in firm:
            problems.append(
                Problem(
                    item.file,
                    item.entry.id,
                    f"alias {folded!r} is claimed by {others}; list it under ambiguous_aliases of each",
                )
            )
    return problems


def _check_exact_ids(section: str, located: tuple[Located[Any], ...], enum: type[StrEnum]) -> list[Problem]:
    file = next((item.file for item in located), f"{section}.yaml")
    ids = {item.entry.id for item in located}
    wanted = {member.value for member in enum}
    problems = [Problem(file, value, f"missing: {enum.__name__} has {value!r}") for value in sorted(wanted - ids)]
    problems += [Problem(file, value, f"not a {enum.__name__} value") for value in sorted(ids - wanted)]
    return problems


def _check_mappings(item: Located[Any]) -> list[Problem]:
    """ACLED, PLOVER and STIX values of an event type or coded type exist in those code lists."""
    entry = item.entry
    problems: list[Problem] = []
    acled_type, acled_sub = entry.acled_event_type, entry.acled_sub_event_type
    if acled_type is not None and acled_type not in ACLED_EVENT_TYPES:
        problems.append(Problem(item.file, entry.id, f"unknown ACLED event type {acled_type!r}"))
    elif acled_sub is not None and (acled_type is None or acled_sub not in ACLED_EVENT_TYPES[acled_type]):
        problems.append(Problem(item.file, entry.id, f"ACLED sub-event type {acled_sub!r} not under {acled_type!r}"))
    event, mode = entry.plover_event, entry.plover_mode
    if event is not None and event not in PLOVER_MODES:
        problems.append(Problem(item.file, entry.id, f"unknown PLOVER event {event!r}"))
    elif mode is not None and (event is None or mode not in PLOVER_MODES[event]):
        problems.append(Problem(item.file, entry.id, f"PLOVER mode {mode!r} is not a mode of {event!r}"))
    if entry.stix_type is not None and entry.stix_type not in STIX_TYPES:
        problems.append(Problem(item.file, entry.id, f"unknown STIX object type {entry.stix_type!r}"))
    return problems


def check_event_types(parsed: ParsedFiles) -> list[Problem]:
    located: tuple[Located[EventTypeEntry], ...] = parsed.sections.get("event_types", ())
    problems: list[Problem] = []
    roots = tuple(item for item in located if item.entry.parent is None)
    problems += _check_exact_ids("event_types", roots, EventKind)
    gtd_labels = {item.entry.label for item in parsed.sections.get("attack_types", ())}
    for item in located:
        problems += _check_mappings(item)
        if item.entry.gtd_attacktype is not None and item.entry.gtd_attacktype not in gtd_labels:
            problems.append(
                Problem(item.file, item.entry.id, f"gtd_attacktype {item.entry.gtd_attacktype!r} is not a GTD label")
            )
    return problems


def check_coded_types(parsed: ParsedFiles) -> list[Problem]:
    """Attack, weapon and target types are exactly the GTD code lists, code for code."""
    problems: list[Problem] = []
    for section, code_list in GTD_CODE_LISTS.items():
        located: tuple[Located[CodedTypeEntry], ...] = parsed.sections.get(section, ())
        file = f"{section}.yaml"
        seen: set[int] = set()
        for item in located:
            problems += _check_mappings(item)
            expected = code_list.get(item.entry.gtd_code)
            if expected is None:
                problems.append(Problem(file, item.entry.id, f"GTD has no {section} code {item.entry.gtd_code}"))
            elif item.entry.label != expected:
                problems.append(
                    Problem(file, item.entry.id, f"GTD code {item.entry.gtd_code} is labelled {expected!r} exactly")
                )
            seen.add(item.entry.gtd_code)
        for code in sorted(set(code_list) - seen):
            problems.append(Problem(file, None, f"missing GTD code {code} ({code_list[code]!r})"))
    return problems


def check_actor_kinds(parsed: ParsedFiles) -> list[Problem]:
    problems: list[Problem] = []
    for item in parsed.sections.get("actor_kinds", ()):
        entry = item.entry
        if entry.acled_inter is not None and entry.acled_inter not in ACLED_INTER_CODES:
            problems.append(Problem(item.file, entry.id, f"ACLED inter code {entry.acled_inter} does not exist"))
        if entry.stix_type is not None and entry.stix_type not in STIX_TYPES:
            problems.append(Problem(item.file, entry.id, f"unknown STIX object type {entry.stix_type!r}"))
        threat_type = entry.stix_threat_actor_type
        if threat_type is not None and threat_type not in STIX_THREAT_ACTOR_TYPES:
            problems.append(Problem(item.file, entry.id, f"unknown STIX threat-actor type {threat_type!r}"))
    return problems


def check_all(parsed: ParsedFiles) -> list[Problem]:
    """Every error rule, over everything that could be read."""
    problems = list(parsed.problems)
    problems += check_ids_and_labels("actor", parsed.actors)
    problems += check_hierarchy(parsed.actors)
    problems += check_actors(parsed)
    for section, located in parsed.sections.items():
        problems += check_ids_and_labels(section, located)
    problems += check_hierarchy(parsed.sections.get("event_types", ()))
    problems += check_event_types(parsed)
    problems += check_coded_types(parsed)
    problems += check_actor_kinds(parsed)
    problems += _check_exact_ids("figure_kinds", parsed.sections.get("figure_kinds", ()), FigureKind)
    problems += _check_exact_ids("claim_statuses", parsed.sections.get("claim_statuses", ()), PerpetratorStatus)
    return problems
