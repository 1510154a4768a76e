"""Extract stage: what an event word says was attacked, and its GTD target type.

Consumes one sentence's dependency tree and an event frame; produces the target phrase ("the
police headquarters in Rask", "a Shiite shrine") and, from the cue words of the target-type
vocabulary (`rashomon/model/data/target_types.yaml`), its GTD type. The target is the object
of the event word ("attacked the shrine", "bombed a mosque"), the subject of a passive one ("a
school was attacked"), the object of "on", "at", "against" after it ("an attack on a
convoy") or of a "targeting" clause under it.

A cue inside the phrase decides the type, the longest cue first ("police station" before
"station"); several people nouns (worshippers, villagers, mourners) are private citizens. A
phrase without a cue keeps its words and no type: GTD's "Unknown" is for the analyst to set.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rashomon.analyse.analysis import Token
from rashomon.extract.syntax import Tree
from rashomon.model.vocab import load_vocabulary

_PREPOSITIONS = frozenset({"on", "at", "against", "inside", "outside", "into"})
_TARGETING = frozenset({"target", "hit", "strike"})
_DOING = frozenset({"target", "hit", "strike", "rock", "rip", "tear", "destroy", "damage", "devastate"})
_NOT_TARGETS = frozenset({"DATE", "TIME", "GPE", "LOC", "NORP", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"})
_STOP_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "prep"})
_MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class Target:
    start: int
    end: int
    text: str
    target_type: str | None


@functools.cache
def _cues() -> Mapping[tuple[str, ...], str]:
    """Cue words (as word tuples) -> GTD target-type label."""
    cues: dict[tuple[str, ...], str] = {}
    for entry in load_vocabulary().target_types:
        for cue in entry.cues:
            cues.setdefault(tuple(cue.lower().split()), entry.label)
    return cues


def find_target(
    tree: Tree, triggers: Sequence[int], killing: Sequence[int] = (), spans: Sequence[tuple[int, int]] = ()
) -> Target | None:
    """The first target phrase any of the frame's event words governs.

    `killing` are the frame's killing verbs: what they take is a victim, a target only when the
    words say who ("two policemen", a named person), never a bare count ("13 people"). `spans`
    are the event words' character spans: "fire" of "opened fire" is no target.
    """
    inside = set(triggers)
    for index in triggers:
        head = tree.by_index.get(index)
        if head is None:
            continue
        heads = [head]
        verb = tree.head(head)
        if head.dep == "nsubj" and verb is not None and verb.lemma.lower() in _DOING:
            heads.append(verb)  # "twin explosions targeted the ceremony", "a blast ripped through a market"
        for noun in (n for h in heads for n in _target_heads(tree, h)):
            if noun.i in inside or noun.ent_type in _NOT_TARGETS or any(a <= noun.start < b for a, b in spans):
                continue
            words = _phrase(tree, noun)
            if not words:
                continue
            kind = _type_of(words)
            if index in killing and kind is None and noun.ent_type != "PERSON":
                continue
            return Target(words[0].start, words[-1].end, _spelled(words), kind)
    return None


def _target_heads(tree: Tree, head: Token) -> list[Token]:
    found: list[Token] = []
    for child in tree.children.get(head.i, []):
        if child.dep == "dobj" or (child.dep == "nsubjpass" and head.pos == "VERB"):
            found.append(child)
        elif child.dep == "prep" and child.lemma.lower() in _PREPOSITIONS:
            found.extend(c for c in tree.children.get(child.i, []) if c.dep == "pobj")
        elif child.dep in ("advcl", "xcomp") and child.lemma.lower() in _TARGETING:
            found.extend(c for c in tree.children.get(child.i, []) if c.dep == "dobj")
    return [t for t in found if t.pos in ("NOUN", "PROPN")]


def _phrase(tree: Tree, noun: Token) -> list[Token]:
    """The noun with its modifiers, and a "of"/"in" phrase after it, without clauses or lists."""
    words = [noun]
    stack = [noun]
    while stack:
        node = stack.pop()
        for child in tree.children.get(node.i, []):
            keep = child.dep not in _STOP_DEPS or (
                child.dep == "prep" and node is noun and child.lemma.lower() in ("of", "in", "near")
            )
            if keep:
                words.append(child)
                stack.append(child)
    words.sort(key=lambda t: t.i)
    # a contiguous run around the noun, at most a few words: the evidence must read as a phrase
    run = [t for t in words if abs(t.i - noun.i) <= _MAX_WORDS]
    while run and run[0].dep in ("det", "poss") and run[0].pos != "PROPN" and len(run) > 1 and run[0].i < noun.i:
        if run[0].text.lower() not in ("the", "a", "an"):
            break
        run = run[1:]
    contiguous = [run[0]] if run else []
    for token in run[1:]:
        if token.i != contiguous[-1].i + 1:
            break
        contiguous.append(token)
    return contiguous if any(t.i == noun.i for t in contiguous) else [noun]


def _spelled(words: Sequence[Token]) -> str:
    """The phrase as written, from its tokens' offsets (one space where the text had any gap)."""
    out = words[0].text
    for before, token in itertools.pairwise(words):
        out += ("" if token.start == before.end else " ") + token.text
    return out


def _type_of(words: Sequence[Token]) -> str | None:
    cues = _cues()
    forms = [(t.text.lower(), t.lemma.lower()) for t in words]
    longest = max((len(k) for k in cues), default=1)
    for size in range(longest, 0, -1):
        for k in range(len(forms) - size + 1):
            window = forms[k : k + size]
            for variant in (tuple(w for w, _ in window), tuple(lemma for _, lemma in window)):
                label = cues.get(variant)
                if label is not None:
                    return label
    return None
