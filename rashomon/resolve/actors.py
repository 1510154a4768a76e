"""Resolve stage: one actor per real group or person across documents.

Consumes the perpetrator claims of every account and the known actors (an `ActorCatalogue`
built from the vocabulary); produces an `ActorResolution`: every actor, known or discovered,
the names reports wrote it as, and the actor each claim means.

A claim the extractor already tied to a vocabulary id keeps it. Other names are looked up in
the catalogue (alias, transliteration skeleton, guarded fuzzy match). Names still unknown
become *discovered* actors (id `x-<slug>`), merged with each other when they are spellings of
one name (`rashomon.resolve.names`) and of compatible kinds: a person never merges with a group.
Names written without a capital letter ("unidentified gunmen") describe, they do not name, so
they never become actors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from rashomon.model.records import Actor, PerpetratorClaim
from rashomon.model.vocab import Vocabulary
from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.catalogue import GROUP, PERSON, UNKNOWN, ActorCatalogue, guess_kind, kind_class
from rashomon.resolve.names import FUZZY_WHOLE, MIN_FUZZY, MIN_SKELETON, same_name, skeleton, slug

VOCABULARY = "vocabulary"
DISCOVERED = "discovered"


@dataclass(frozen=True, slots=True)
class ActorResolution:
    """Every actor (known and discovered) and the actor each perpetrator name means."""

    actors: tuple[Actor, ...]  # known actors first, then discovered; aliases include names seen
    origins: Mapping[str, str]  # actor id -> "vocabulary" or "discovered"
    names: Mapping[str, str]  # folded name -> actor id, for claims the extractor left without an id
    catalogue: ActorCatalogue  # over all actors, for parent chains

    def actor_of(self, claim: PerpetratorClaim) -> str | None:
        """The actor a claim means: the extractor's id when known, else the resolved name."""
        if claim.actor_id is not None and claim.actor_id in self.catalogue:
            return claim.actor_id
        return self.names.get(fold_name(claim.name))


def catalogue_from_vocabulary(vocabulary: Vocabulary) -> ActorCatalogue:
    """Known actors from the vocabulary; its ambiguous aliases never answer a lookup alone."""
    ambiguous = {fold_name(alias) for entry in vocabulary.actors for alias in entry.ambiguous_aliases}

    def exact(name: str) -> str | None:
        entry = vocabulary.actor_by_alias(name)
        return entry.id if entry is not None else None

    return ActorCatalogue((entry.to_actor() for entry in vocabulary.actors), ambiguous=ambiguous, exact_lookup=exact)


@dataclass(slots=True)
class _Name:
    folded: str
    surfaces: Counter[str]
    kind: str

    @property
    def written(self) -> str:
        """The spelling reports use most (then the longest, then alphabetical)."""
        return sorted(self.surfaces.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))[0][0]


def resolve_actors(claims: Iterable[PerpetratorClaim], catalogue: ActorCatalogue) -> ActorResolution:
    """Resolve every perpetrator name to one actor; see the module docstring for the order of rules."""
    unresolved: dict[str, _Name] = {}
    for claim in claims:
        if claim.actor_id is not None and claim.actor_id in catalogue:
            continue
        folded = fold_name(claim.name)
        if not folded:
            continue
        entry = unresolved.get(folded)
        if entry is None:
            kind = guess_kind(claim.name)
            if kind is None:
                continue
            entry = unresolved[folded] = _Name(folded, Counter(), kind)
        entry.surfaces[claim.name] += 1
    names: dict[str, str] = {}
    variants: dict[str, list[str]] = defaultdict(list)
    leftovers: list[_Name] = []
    for folded in sorted(unresolved):
        entry = unresolved[folded]
        found = catalogue.find(entry.written, kind=entry.kind)
        if found is None:
            leftovers.append(entry)
            continue
        names[folded] = found
        variants[found].extend(entry.surfaces)
    discovered = _discover(leftovers, catalogue)
    for actor, members in discovered:
        for member in members:
            names[member.folded] = actor.id
    known = [_with_variants(actor, variants.get(actor.id, ())) for actor in catalogue.actors]
    everything = [*known, *(actor for actor, _ in discovered)]
    origins = {actor.id: VOCABULARY for actor in known} | {actor.id: DISCOVERED for actor, _ in discovered}
    return ActorResolution(
        actors=tuple(everything),
        origins=origins,
        names=names,
        catalogue=ActorCatalogue(everything),
    )


def _with_variants(actor: Actor, seen: Iterable[str]) -> Actor:
    """The actor with the spellings reports used added to its aliases (once per folded form)."""
    have = {fold_name(alias) for alias in (actor.name, *actor.aliases)}
    extra: list[str] = []
    for name in sorted(seen):
        folded = fold_name(name)
        if folded not in have:
            have.add(folded)
            extra.append(name)
    return replace(actor, aliases=(*actor.aliases, *extra)) if extra else actor


class _Groups:
    """Union-find over unknown names that refuses to put a person and a group in one set."""

    def __init__(self, names: list[_Name]) -> None:
        self.parent = list(range(len(names)))
        self.classes = [{kind_class(name.kind)} - {UNKNOWN} for name in names]

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        if a == b:
            return
        merged = self.classes[a] | self.classes[b]
        if {PERSON, GROUP} <= merged:
            return
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.classes[a] = merged


def _discover(names: list[_Name], catalogue: ActorCatalogue) -> list[tuple[Actor, list[_Name]]]:
    """Group unknown names that are spellings of one name; one discovered actor per group."""
    groups = _Groups(names)
    keys = [skeleton(name.written) for name in names]
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        by_key[key if len(key) >= MIN_SKELETON else "=" + names[index].folded].append(index)
    for same_key in by_key.values():
        for other in same_key[1:]:
            groups.join(same_key[0], other)
    # Fuzzy pass over distinct skeletons, blocked by first letter (transliterations keep it).
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in by_key:
        if len(key) >= MIN_FUZZY and not key.startswith("="):
            blocks[key[0]].append(key)
    for block in blocks.values():
        for position, key in enumerate(block):
            hits = process.extract(
                key, block[position + 1 :], scorer=JaroWinkler.normalized_similarity, score_cutoff=FUZZY_WHOLE - 0.03
            )
            for other_key, _score, _index in hits:
                a, b = by_key[key][0], by_key[other_key][0]
                if same_name(names[a].written, names[b].written):
                    groups.join(a, b)
    grouped: dict[int, list[_Name]] = defaultdict(list)
    for index, name in enumerate(names):
        grouped[groups.root(index)].append(name)
    found: list[tuple[Actor, list[_Name]]] = []
    taken = {actor.id for actor in catalogue.actors}
    for group in sorted(grouped.values(), key=_canonical):
        canonical = _canonical(group)
        actor_id = _unique_id("x-" + slug(canonical), taken)
        classes = {kind_class(name.kind) for name in group} - {UNKNOWN}
        kind = "person" if PERSON in classes else "armed_group" if GROUP in classes else UNKNOWN
        surfaces = sorted({surface for name in group for surface in name.surfaces} - {canonical})
        actor = _with_variants(Actor(id=actor_id, name=canonical, kind=kind), surfaces)
        found.append((actor, group))
    return found


def _canonical(group: list[_Name]) -> str:
    totals: Counter[str] = Counter()
    for name in group:
        totals.update(name.surfaces)
    return sorted(totals.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))[0][0]


def _unique_id(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{number}"
        number += 1
    taken.add(candidate)
    return candidate
