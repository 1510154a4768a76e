"""Extract stage: one event word, several coordinated places, several events.

Consumes the places that `frames` attached to one event word; says whether they name several
events: "airstrikes on targets in Idlib and Erbil" are two strikes (GTD and ACLED code one
event per location), and so is "a ward in Kabul and a funeral in Kuz Kunar were attacked".
Places that can be one event's ("Kabul, Afghanistan") never split, and neither do places
merely listed in one sentence ("from Kabul, they struck Jalalabad"): only places joined by
"and"/"or" where each says where something happened ("in", "at", "over"), not whose people
were hurt ("visitors from China and Hong Kong", "citizens of Russia and Belgium").

`split_by_place` makes one frame per group. A figure nearer one place than the others in the tree
("downed an airliner over Sinai, killing 224, and bombed churches in Tanta and Alexandria")
is that event's; one told of all ("killing 56 people" after both) counts the events together,
and `finish` stores it as an aggregate claim, never one event's toll.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rashomon.analyse.analysis import Token
from rashomon.extract.places import PlaceFound, places_compatible
from rashomon.extract.syntax import Tree

if TYPE_CHECKING:  # frames imports this module; a split copies a frame without naming its class
    from rashomon.extract.frames import Frame


def split_by_place(tree: Tree, frame: Frame) -> list[Frame]:
    """The frame, or one copy per coordinated place group ("strikes in Idlib and Erbil")."""
    if frame.definite or frame.modifier_places:
        return [frame]  # "the Kerman and Shiraz attacks" refers back to events already told
    groups = coordinated_place_groups(tree, frame.places)
    if groups is None:
        return [frame]
    owners = {f.start: figure_owner(tree, f.start, f.end, groups) for f in frame.figures}
    return [
        replace(
            frame,
            places=group,
            triggers=[*frame.triggers],
            dates=[*frame.dates],
            roles=[*frame.roles],
            figures=[f for f in frame.figures if owners[f.start] in (None, k)],
            cues=[*frame.cues],
            shared_figures={f.start for f in frame.figures if owners[f.start] is None},
        )
        for k, group in enumerate(groups)
    ]


def coordinated_place_groups(tree: Tree, places: Sequence[PlaceFound]) -> list[list[PlaceFound]] | None:
    """The places grouped into events when they are coordinated and cannot be one place, else None."""
    if len(places) < 2:
        return None
    groups: list[list[PlaceFound]] = []
    for place in (p for p in places if _locative(tree, p)):
        group = next((g for g in groups if all(places_compatible(place.place, q.place) for q in g)), None)
        if group is None:
            groups.append([place])
        else:
            group.append(place)
    if len(groups) < 2 or not _coordinated(tree, groups):
        return None
    return groups


def _coordinated(tree: Tree, groups: list[list[PlaceFound]]) -> bool:
    """Every group is joined to another by a `conj` link."""
    heads = [[h for p in group if (h := tree.span_head(p.start, p.end)) is not None] for group in groups]
    for k, group in enumerate(heads):
        others = [h for j, g in enumerate(heads) if j != k for h in g]
        if not any(_conjoined(tree, a, b) or _conjoined(tree, b, a) for a in group for b in others):
            return False
    return True


def _conjoined(tree: Tree, a: Token, b: Token) -> bool:
    """`b` sits in a conjunct of a phrase on `a`'s path to the root."""
    above_a = {t.i for t in tree.path_to_root(a)}
    for node in tree.path_to_root(b):
        if node.i in above_a:
            return False
        if node.dep == "conj" and node.head in above_a:
            return True
    return False


_LOCATIVE = frozenset({"in", "at", "on", "near", "outside", "inside", "over", "into", "across", "around", "along"})


def _locative(tree: Tree, place: PlaceFound) -> bool:
    """The place is the object of a preposition of place, directly or as a conjunct or apposition."""
    node = tree.span_head(place.start, place.end)
    for _ in range(4):
        parent = tree.head(node) if node is not None else None
        if node is None or parent is None:
            return False
        if node.dep in ("conj", "appos", "compound"):
            node = parent
            continue
        return node.dep == "pobj" and parent.lemma.lower() in _LOCATIVE
    return False


def figure_owner(tree: Tree, start: int, end: int, groups: Sequence[Sequence[PlaceFound]]) -> int | None:
    """The group a figure is told of: the one clearly nearest in the tree, else None (all of them)."""
    head = tree.span_head(start, end)
    if head is None:
        return None
    distances = []
    for group in groups:
        heads = [h for p in group if (h := tree.span_head(p.start, p.end)) is not None]
        distances.append(min((tree.distance(head, h) for h in heads), default=99))
    best = min(distances)
    if distances.count(best) > 1 or sorted(distances)[1] - best < 2:
        return None
    return distances.index(best)
