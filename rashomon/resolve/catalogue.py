"""Resolve stage: the known actors, with lookups by name, kind and parent chain.

Consumes `Actor` records (from the vocabulary, or from the store when reading events back)
and produces an `ActorCatalogue` that answers "which known actor is this name?" the strict
way first (folded alias), then by transliteration skeleton, then fuzzily with guards. A name
that could be two known actors is answered with None rather than a guess: one alias must
never silently mean two groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources

import yaml
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from rashomon.errors import VocabularyError
from rashomon.model.records import Actor
from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.names import FUZZY_WHOLE, MIN_FUZZY, MIN_SKELETON, similar_names, skeleton

PERSON = "person"
GROUP = "group"
UNKNOWN = "unknown"
# Coarse classes for the merge guard: a person never merges with anything in the group class.
_PERSON_KINDS = frozenset({"person"})


def kind_class(kind: str) -> str:
    """person, group or unknown: the level at which the person-vs-group guard compares kinds."""
    if kind in _PERSON_KINDS:
        return PERSON
    if kind == UNKNOWN:
        return UNKNOWN
    return GROUP


def kinds_compatible(a: str, b: str) -> bool:
    """False only for a person against a group; an unknown kind is compatible with both."""
    classes = {kind_class(a), kind_class(b)}
    return classes != {PERSON, GROUP}


@cache
def actor_words() -> Mapping[str, frozenset[str]]:
    """The word lists in `data/actor_words.yaml`, folded, checked for shape."""
    text = resources.files("rashomon.resolve").joinpath("data/actor_words.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    wanted = ("group_words", "generic_words", "self_references")
    if not isinstance(data, dict) or any(not isinstance(data.get(key), list) for key in wanted):
        raise VocabularyError(f"resolve/data/actor_words.yaml: needs lists {', '.join(wanted)}")
    words: dict[str, frozenset[str]] = {}
    for key in wanted:
        if not all(isinstance(item, str) and item.strip() for item in data[key]):
            raise VocabularyError(f"resolve/data/actor_words.yaml: {key}: every item must be a non-empty string")
        words[key] = frozenset(fold_name(item) for item in data[key])
    return words


def guess_kind(name: str) -> str | None:
    """What an unknown name probably is: armed_group, person, unknown; None for a description.

    A name written without any capital letter ("unidentified gunmen") describes an actor
    rather than naming one, so it never becomes an actor of its own.
    """
    if not any(c.isupper() for c in name):
        return None
    words = actor_words()
    tokens = fold_name(name).split()
    if not tokens or all(token in words["generic_words"] for token in tokens):
        return None
    if any(token in words["group_words"] for token in tokens):
        return "armed_group"
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 8 and all(c.isupper() for c in letters):
        return "armed_group"  # an acronym
    capitalised = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    if 2 <= len(capitalised) <= 4 and len(tokens) <= 6:
        return "person"
    return UNKNOWN


class ActorCatalogue:
    """Known actors by id, with name lookups and the parent chain (province -> Islamic State)."""

    def __init__(
        self,
        actors: Iterable[Actor],
        *,
        ambiguous: Iterable[str] = (),
        exact_lookup: Callable[[str], str | None] | None = None,
    ) -> None:
        """`ambiguous`: folded aliases that must not answer alone; `exact_lookup`: a richer exact matcher."""
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            self._actors.setdefault(actor.id, actor)
        unsure = set(ambiguous)
        owners: dict[str, set[str]] = defaultdict(set)
        skeletons: dict[str, set[str]] = defaultdict(set)
        for actor in self._actors.values():
            for alias in (actor.name, *actor.aliases):
                folded = fold_name(alias)
                if not folded or folded in unsure:
                    continue
                owners[folded].add(actor.id)
                key = skeleton(alias)
                if len(key) >= MIN_SKELETON:
                    skeletons[key].add(actor.id)
        self._firm = {folded: next(iter(ids)) for folded, ids in owners.items() if len(ids) == 1}
        self._skeletons = {key: frozenset(ids) for key, ids in skeletons.items()}
        self._fuzzy_keys = [key for key in self._skeletons if len(key) >= MIN_FUZZY]
        self._exact_lookup = exact_lookup
        self._lineage: dict[str, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    @property
    def actors(self) -> tuple[Actor, ...]:
        return tuple(self._actors.values())

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """Parent, grandparent... nearest first; stops at an unknown parent or a loop."""
        chain: list[str] = []
        actor = self._actors.get(actor_id)
        while actor is not None and actor.parent_id is not None and actor.parent_id not in chain:
            if actor.parent_id == actor_id:
                break
            chain.append(actor.parent_id)
            actor = self._actors.get(actor.parent_id)
        return tuple(chain)

    def lineage(self, actor_id: str) -> frozenset[str]:
        """The actor and all its ancestors: two actors are related when one is in the other's lineage."""
        found = self._lineage.get(actor_id)
        if found is None:
            found = frozenset((actor_id, *self.ancestors(actor_id)))
            self._lineage[actor_id] = found
        return found

    def related(self, a: str, b: str) -> bool:
        """True when the actors are one, or one is a parent (grandparent...) of the other."""
        return a == b or a in self.lineage(b) or b in self.lineage(a)

    def exact(self, name: str) -> str | None:
        """The actor whose name or alias folds equal to `name`, when exactly one does."""
        if self._exact_lookup is not None:
            found = self._exact_lookup(name)
            if found is not None:
                return found
        return self._firm.get(fold_name(name))

    def find(self, name: str, *, kind: str = UNKNOWN) -> str | None:
        """The one known actor `name` means: folded alias, then skeleton, then guarded fuzzy match.

        A skeleton or fuzzy match that fits two known actors equally answers None.
        """
        found = self.exact(name)
        if found is not None:
            return found
        key = skeleton(name)
        ids = self._skeletons.get(key)
        if ids is not None:
            return next(iter(ids)) if len(ids) == 1 else None
        if len(key) < MIN_FUZZY or not self._fuzzy_keys:
            return None
        hits = process.extract(
            key, self._fuzzy_keys, scorer=JaroWinkler.normalized_similarity, score_cutoff=FUZZY_WHOLE - 0.03, limit=8
        )
        best: dict[str, float] = {}
        for candidate, _score, _index in hits:
            for actor_id in self._skeletons[candidate]:
                actor = self._actors[actor_id]
                if not kinds_compatible(kind, actor.kind):
                    continue
                score = max(similar_names(name, alias) for alias in (actor.name, *actor.aliases))
                if score >= FUZZY_WHOLE:
                    best[actor_id] = max(score, best.get(actor_id, 0.0))
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        if len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - 0.01 and not self.related(ranked[0][0], ranked[1][0]):
            return None  # two distinct known actors fit equally well: never guess between them
        return ranked[0][0]
