"""Model: the loaded vocabulary, with lookups by id, by GTD label and by alias.

Consumes the checked entries from `loading` and `checks`; produces a `Vocabulary` that every
stage can ask "which actor is 'ISIS–K'?", "what are the ancestors of this province?",
"which GTD attack type is `suicide_bombing`?". It is immutable and built once per data
folder by `load_vocabulary` (cached).

Alias lookup compares folded names (`fold_name`). An alias listed under `ambiguous_aliases`
never answers `actor_by_alias` on its own: "IS", "Hezbollah al-Nujaba"'s "Nujaba" or a
capital city used for its government need context, which only the extractor has; it can
get the candidates from `actors_by_alias`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Generic, TypeVar

from rashomon.errors import NotFound
from rashomon.model.records import EventKind
from rashomon.model.vocab.entries import (
    ActorEntry,
    ActorKindEntry,
    ClaimStatusEntry,
    CodedTypeEntry,
    EventTypeEntry,
    FigureKindEntry,
    SourceKindEntry,
)
from rashomon.model.vocab.folding import fold_name

# Words reports put after a group's name ("the Islamic State group", "Houthi rebels"); when a
# name is not found as written, it is looked up again without one of these at its end.
GENERIC_SUFFIXES = (
    "group",
    "terrorist group",
    "militant group",
    "armed group",
    "terror group",
    "jihadist group",
    "militants",
    "militant",
    "fighters",
    "rebels",
    "insurgents",
    "militia",
    "militias",
    "movement",
    "organisation",
    "organization",
    "network",
    "terrorists",
    "jihadists",
    "extremists",
    "forces",
    "government",
    "regime",
)
_SUFFIX_WORDS = tuple(sorted((suffix.split() for suffix in GENERIC_SUFFIXES), key=len, reverse=True))

T = TypeVar("T", ActorKindEntry, EventTypeEntry, CodedTypeEntry, FigureKindEntry, ClaimStatusEntry, SourceKindEntry)


@dataclass(frozen=True, slots=True)
class Section(Generic[T]):
    """One vocabulary file's entries, in file order, with lookup by id and by label."""

    name: str
    entries: tuple[T, ...]
    _by_key: Mapping[str, T] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys: dict[str, T] = {}
        for entry in self.entries:
            keys.setdefault(fold_name(entry.label), entry)
        for entry in self.entries:
            keys[entry.id] = entry
        object.__setattr__(self, "_by_key", MappingProxyType(keys))

    def __iter__(self) -> Iterator[T]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.find(key) is not None

    def find(self, key: str) -> T | None:
        """The entry with this id, or with this label (compared folded)."""
        return self._by_key.get(key) or self._by_key.get(fold_name(key))

    def get(self, key: str) -> T:
        """Like `find`, but an unknown key raises `NotFound`."""
        entry = self.find(key)
        if entry is None:
            raise NotFound(f"no {self.name} entry {key!r}")
        return entry

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(entry.id for entry in self.entries)


def _lookup_keys(text: str) -> Iterator[str]:
    """Folded forms of a name to try, best first: as written, then without a generic suffix."""
    stripped = text.strip()
    for possessive in ("'s", "’s", "'", "’"):
        if stripped.endswith(possessive):
            stripped = stripped[: -len(possessive)]
            break
    folded = fold_name(stripped)
    if not folded:
        return
    candidates = [folded]
    words = folded.split()
    for suffix in _SUFFIX_WORDS:
        if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
            candidates.append(" ".join(words[: -len(suffix)]))
    for candidate in candidates:
        yield candidate
        if candidate.startswith("al "):
            yield candidate[3:]
        else:
            yield "al " + candidate


class Vocabulary:
    """Every vocabulary, checked, with its indexes. Build it with `load_vocabulary`."""

    def __init__(
        self,
        *,
        actors: tuple[ActorEntry, ...],
        actor_kinds: tuple[ActorKindEntry, ...],
        event_types: tuple[EventTypeEntry, ...],
        attack_types: tuple[CodedTypeEntry, ...],
        weapon_types: tuple[CodedTypeEntry, ...],
        target_types: tuple[CodedTypeEntry, ...],
        figure_kinds: tuple[FigureKindEntry, ...],
        claim_statuses: tuple[ClaimStatusEntry, ...],
        source_kinds: tuple[SourceKindEntry, ...],
    ) -> None:
        self.actors = actors
        self.actor_kinds = Section("actor kind", actor_kinds)
        self.event_types = Section("event type", event_types)
        self.attack_types = Section("attack type", attack_types)
        self.weapon_types = Section("weapon type", weapon_types)
        self.target_types = Section("target type", target_types)
        self.figure_kinds = Section("figure kind", figure_kinds)
        self.claim_statuses = Section("claim status", claim_statuses)
        self.source_kinds = Section("source kind", source_kinds)
        self._actors: Mapping[str, ActorEntry] = MappingProxyType({actor.id: actor for actor in actors})
        children: dict[str, list[str]] = defaultdict(list)
        firm: dict[str, str] = {}
        ambiguous: dict[str, list[str]] = defaultdict(list)
        for actor in actors:
            if actor.parent is not None:
                children[actor.parent].append(actor.id)
            unsure = {fold_name(alias) for alias in actor.ambiguous_aliases}
            for folded in unsure:
                ambiguous[folded].append(actor.id)
            for alias in actor.names:
                folded = fold_name(alias)
                if folded not in unsure:
                    firm.setdefault(folded, actor.id)
        self._children = MappingProxyType({key: tuple(value) for key, value in children.items()})
        self._firm: Mapping[str, str] = MappingProxyType(firm)
        self._ambiguous = MappingProxyType({key: tuple(value) for key, value in ambiguous.items()})

    def __repr__(self) -> str:
        return f"<Vocabulary: {len(self.actors)} actors, {len(self.event_types)} event types>"

    # ------------------------------------------------------------------ actors

    def actor(self, actor_id: str) -> ActorEntry:
        """The actor with this id; an unknown id raises `NotFound`."""
        try:
            return self._actors[actor_id]
        except KeyError:
            raise NotFound(f"no actor with id {actor_id!r}") from None

    def has_actor(self, actor_id: str) -> bool:
        return actor_id in self._actors

    def actors_of_kind(self, kind: str) -> tuple[ActorEntry, ...]:
        return tuple(actor for actor in self.actors if actor.kind == kind)

    def ancestors(self, actor_id: str) -> tuple[ActorEntry, ...]:
        """Parent, grandparent... of an actor, nearest first (ISKP → Islamic State)."""
        chain: list[ActorEntry] = []
        current = self.actor(actor_id).parent
        while current is not None:
            parent = self.actor(current)
            chain.append(parent)
            current = parent.parent
        return tuple(chain)

    def descendants(self, actor_id: str) -> tuple[ActorEntry, ...]:
        """Every actor below this one (branches, provinces, wings), breadth first."""
        self.actor(actor_id)
        found: list[ActorEntry] = []
        queue = list(self._children.get(actor_id, ()))
        while queue:
            child = self._actors[queue.pop(0)]
            found.append(child)
            queue.extend(self._children.get(child.id, ()))
        return tuple(found)

    def can_perpetrate(self, actor_id: str) -> bool:
        """False for kinds that only carry or report claims (media outlets): never a perpetrator."""
        kind = self.actor_kinds.find(self.actor(actor_id).kind)
        return kind is None or kind.can_perpetrate

    def actor_by_alias(self, text: str) -> ActorEntry | None:
        """The one actor a name means on its own, or None (unknown, or ambiguous without context).

        "ISIS–K", "Isis-k", "the Islamic State group", "ISKP's" all find the same entry.
        """
        for key in _lookup_keys(text):
            actor_id = self._firm.get(key)
            if actor_id is not None:
                return self._actors[actor_id]
        return None

    def actors_by_alias(self, text: str) -> tuple[ActorEntry, ...]:
        """Every actor a name may mean, firm match first, then those listing it as ambiguous."""
        for key in _lookup_keys(text):
            ids = [self._firm[key]] if key in self._firm else []
            ids += [actor_id for actor_id in self._ambiguous.get(key, ()) if actor_id not in ids]
            if ids:
                return tuple(self._actors[actor_id] for actor_id in ids)
        return ()

    @property
    def alias_index(self) -> Mapping[str, str]:
        """Folded alias → actor id, for every unambiguous name and alias."""
        return self._firm

    def alias_patterns(self) -> Iterator[tuple[str, str]]:
        """(alias as written, actor id) for every unambiguous name and alias, for building a matcher."""
        seen: set[tuple[str, str]] = set()
        for actor in self.actors:
            unsure = {fold_name(alias) for alias in actor.ambiguous_aliases}
            for alias in actor.names:
                pair = (alias, actor.id)
                if fold_name(alias) not in unsure and pair not in seen:
                    seen.add(pair)
                    yield pair

    def ambiguous_alias_patterns(self) -> Iterator[tuple[str, str]]:
        """(alias as written, actor id) for aliases that need context before they can be trusted."""
        for actor in self.actors:
            for alias in actor.ambiguous_aliases:
                yield alias, actor.id

    # ------------------------------------------------------------------ event types

    def event_type_ancestors(self, type_id: str) -> tuple[EventTypeEntry, ...]:
        """Parent, grandparent... of an event type, nearest first; the last is an `EventKind` root."""
        chain: list[EventTypeEntry] = []
        current = self.event_types.get(type_id).parent
        while current is not None:
            parent = self.event_types.get(current)
            chain.append(parent)
            current = parent.parent
        return tuple(chain)

    def event_kind(self, type_id: str) -> EventKind:
        """The `EventKind` an event type falls under (its root)."""
        chain = (self.event_types.get(type_id), *self.event_type_ancestors(type_id))
        return EventKind(chain[-1].id)
