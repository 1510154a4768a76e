"""Extract stage: how a sentence ties actors to an event (claimed, attributed, suspected...).

Consumes a sentence's tokens, the actor mentions found in it (vocabulary matches, states
named as countries or capitals, demonyms next to a strike or an accusation) and the lexicon;
produces a status per mention, or none when the actor is only mentioned (a target, a
speaker, a victim). The parse decides: the subject of "claimed responsibility" claimed it,
the subject of an attack verb or the agent of a passive one is attributed, "suspected X
militants" or "linked to X" is suspected, the object of "blamed" or "hinted at X's
involvement" is accused, the subject of "denied" denied. A modifier of an attacker noun
("five Islamic State attackers", "an ISKP suicide bomber") stands for that noun.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rashomon.analyse.analysis import Token
from rashomon.extract.lexicon import Lexicon
from rashomon.model.records import PerpetratorStatus

_CLAIM_VERBS = frozenset({"claim", "take", "admit", "accept", "assume"})
_CLAIM_OBJECTS = frozenset({"responsibility", "credit", "attack", "bombing", "assault", "operation", "blast"})
_ATTRIBUTED_VERBS = frozenset(
    {
        "carry", "conduct", "perpetrate", "launch", "execute", "stage", "mount", "orchestrate", "commit", "attack",
        "bomb", "kill", "target", "strike", "fire", "shell", "storm", "ambush", "kidnap", "abduct", "assassinate",
        "hit", "raid", "detonate", "blow", "plant", "massacre", "murder", "behead", "shoot", "explode", "hijack",
        "besiege", "overrun", "pound", "bombard", "retaliate", "enter", "open", "set", "torch", "stab", "ram",
        "slaughter", "gun", "wound", "injure", "seize", "capture", "lead", "mastermind", "plan", "organise", "place",
        "organize", "send", "dispatch",
    }
)  # fmt: skip
_ACCUSING_VERBS = frozenset({"blame", "accuse", "hint", "allege", "suspect", "implicate", "finger"})
_ACCUSING_NOUNS = frozenset({"conspiracy", "accusation", "allegation", "claim", "suggestion", "speculation"})
_SUSPECT_VERBS = frozenset({"link", "tie", "connect", "associate", "attribute"})
_INVOLVEMENT = frozenset({"involvement", "role", "hand", "complicity", "responsibility", "participation"})
_CONFIRMING = frozenset({"confirm", "prove", "establish", "verify", "show", "find", "identify"})
# Nouns for a deed: "a US air strike", "Iran's missile attack", "an ISKP bombing" name its author.
_DEED_NOUNS = frozenset(
    {
        "strike", "airstrike", "attack", "bombing", "raid", "shelling", "bombardment", "assault", "offensive",
        "operation", "ambush", "massacre", "drone", "missile", "rocket", "incursion", "invasion", "shooting",
    }
)  # fmt: skip
_CONVICTING = frozenset({"convict", "sentence", "jail", "imprison", "find"})
_GROUP_NOUNS = frozenset(
    {
        "member", "members", "militant", "fighter", "cell", "operative", "affiliate", "unit", "wing", "group",
        "organisation", "organization", "outfit", "faction", "movement", "network",
        # a state's forces stand for the state: "Indian Air Force jets struck", "Pakistani troops raided"
        "jet", "jets", "warplane", "warplanes", "aircraft", "helicopter", "helicopters", "gunship", "gunships",
        "troops", "troop", "forces", "force", "soldiers", "army", "military", "navy", "commandos", "artillery",
    }
)  # fmt: skip  # "the militant group Jundallah said it carried out ...": the group stands for its name


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a sentence: a vocabulary entry, a state, or a name the NER found."""

    start: int
    end: int
    text: str
    actor_id: str | None
    kind: str | None  # vocabulary actor kind; "state" for countries
    token_start: int
    token_end: int  # exclusive, document token indices


@dataclass(frozen=True, slots=True)
class RoleFinding:
    mention: ActorMention
    status: PerpetratorStatus
    verb: int  # token index of the word that gave the role


class RoleReader:
    """Reads the perpetrator status of each actor mention in one sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.attacker_nouns = lexicon.attacker_nouns | _GROUP_NOUNS

    def read(self, tokens: Sequence[Token], mentions: Sequence[ActorMention]) -> list[RoleFinding]:
        by_index = {t.i: t for t in tokens}
        children: dict[int, list[Token]] = {}
        for token in tokens:
            if token.head != token.i:
                children.setdefault(token.head, []).append(token)
        findings = []
        for mention in mentions:
            if mention.kind == "media_outlet":
                continue  # a claim channel relays a claim; it never perpetrates
            head = _mention_head(by_index, mention)
            if head is None:
                continue
            found = self._status(by_index, children, head)
            if found is not None:
                findings.append(RoleFinding(mention, found[0], found[1]))
        return findings

    def _status(
        self, by_index: dict[int, Token], children: dict[int, list[Token]], head: Token
    ) -> tuple[PerpetratorStatus, int] | None:
        node = head
        if node.dep in ("aux", "auxpass") and not any(c.dep == "nsubj" for c in children.get(node.head, [])):
            # "In June 2017, IS claimed an attack": the parser reads the group's initials as the verb "is"
            node = replace(node, dep="nsubj")
        if _has_child_lemma(children, node, {"suspected", "suspect", "alleged"}):
            return PerpetratorStatus.SUSPECTED, node.i
        # "five Islamic State attackers", "an ISKP suicide bomber", "Tajik ISKP members"
        governor = by_index.get(node.head)
        if (
            node.dep in ("compound", "amod", "nmod", "poss", "npadvmod", "appos")
            and governor is not None
            and _lemma(governor) in self.attacker_nouns
        ):
            node = governor
            if _has_child_lemma(children, node, {"suspected", "suspect", "alleged"}):
                return PerpetratorStatus.SUSPECTED, node.i
        elif (
            node.dep == "pobj"
            and governor is not None
            and _lemma(governor) in ("from", "of", "with")
            and (noun := by_index.get(governor.head)) is not None
            and _lemma(noun) in self.attacker_nouns
        ):
            # "gunmen from X stormed", "fighters of X attacked": X stands where its attackers stand
            node = noun
        elif (
            node.dep in ("poss", "amod", "compound", "nmod")
            and governor is not None
            and _lemma(governor) in _DEED_NOUNS
        ):
            return PerpetratorStatus.ATTRIBUTED, governor.i
        elif node.dep in ("poss", "amod", "compound") and governor is not None and _lemma(governor) in _INVOLVEMENT:
            return self._involvement(by_index, governor)
        elif (
            node.dep == "pobj"
            and governor is not None
            and _lemma(governor) == "of"
            and (owner := by_index.get(governor.head)) is not None
            and _lemma(owner) in _INVOLVEMENT | {"hallmark", "hallmarks", "work"}
        ):
            if _lemma(owner) in ("hallmark", "hallmarks"):
                return PerpetratorStatus.SUSPECTED, owner.i
            return self._involvement(by_index, owner)
        return self._by_governor(by_index, children, node)

    def _by_governor(
        self, by_index: dict[int, Token], children: dict[int, list[Token]], node: Token
    ) -> tuple[PerpetratorStatus, int] | None:
        governor = by_index.get(node.head)
        if governor is None or governor.i == node.i:
            return None
        lemma = _lemma(governor)
        if node.dep in ("nsubj", "nsubjpass") and node.dep == "nsubj":
            if lemma in _CLAIM_VERBS and (
                _has_child_lemma(children, governor, _CLAIM_OBJECTS)
                or any(_has_child_lemma(children, c, _CLAIM_OBJECTS) for c in children.get(governor.i, []))
            ):  # "claimed the attack", "claimed both the Kano and the Jos attacks"
                return PerpetratorStatus.CLAIMED, governor.i
            if lemma == "deny" or (
                lemma in ("reject", "refute") and _has_child_lemma(children, governor, _INVOLVEMENT)
            ):
                return PerpetratorStatus.DENIED, governor.i
            if lemma in _ATTRIBUTED_VERBS and not _negated(children, governor):
                return PerpetratorStatus.ATTRIBUTED, governor.i
            if lemma in self.lexicon.reporting_verbs or lemma in ("admit", "acknowledge", "confirm", "announce"):
                own = self._own_deed(children, governor)
                if own is not None:
                    return PerpetratorStatus.CLAIMED, own
            for conjunct in children.get(governor.i, []):
                # "X fighters rounded up farmers and killed them": the subject is shared by the conjunct
                if (
                    conjunct.dep == "conj"
                    and conjunct.pos == "VERB"
                    and _lemma(conjunct) in _ATTRIBUTED_VERBS
                    and not any(c.dep in ("nsubj", "nsubjpass") for c in children.get(conjunct.i, []))
                ):
                    return PerpetratorStatus.ATTRIBUTED, conjunct.i
            if lemma == "be" and _has_child_lemma(children, governor, {"behind", "responsible"}):
                return PerpetratorStatus.ATTRIBUTED, governor.i
        if node.dep == "nsubjpass" and lemma in _CONVICTING and _has_child_lemma(children, governor, {"over", "for"}):
            return PerpetratorStatus.ATTRIBUTED, governor.i  # "members of X were convicted over the bombings"
        if node.dep == "nsubjpass" and lemma in _SUSPECT_VERBS:
            return PerpetratorStatus.SUSPECTED, governor.i
        if node.dep in ("dobj", "pobj") and lemma in _ACCUSING_VERBS:
            return PerpetratorStatus.ACCUSED, governor.i
        if node.dep == "pobj" and lemma in ("by",):
            verb = by_index.get(governor.head)
            if verb is not None:
                verb_lemma = _lemma(verb)
                if verb_lemma in _CLAIM_VERBS:
                    return PerpetratorStatus.CLAIMED, verb.i
                if verb_lemma in _ATTRIBUTED_VERBS or verb.pos == "NOUN":
                    return PerpetratorStatus.ATTRIBUTED, verb.i
        if node.dep == "pobj" and lemma in ("to", "with"):
            verb = by_index.get(governor.head)
            if verb is not None and _lemma(verb) in _SUSPECT_VERBS | {"affiliate"}:
                return PerpetratorStatus.SUSPECTED, verb.i
            if verb is not None and _lemma(verb) in ("attribute", "blame"):
                return PerpetratorStatus.SUSPECTED, verb.i
        owner = by_index.get(governor.head)
        if (
            node.dep == "pobj"
            and lemma in ("at", "about", "of", "on")
            and owner is not None
            and _lemma(owner) in _ACCUSING_VERBS | _ACCUSING_NOUNS
        ):
            return PerpetratorStatus.ACCUSED, owner.i
        if node.dep == "conj":
            first = by_index.get(node.head)
            if first is not None and first.i != node.i:
                return self._by_governor(by_index, children, first)
        return None

    def _own_deed(self, children: dict[int, list[Token]], verb: Token) -> int | None:
        """ "X said it had carried out the attack": an actor saying it did the deed claims it."""
        for clause in children.get(verb.i, []):
            if clause.dep not in ("ccomp", "xcomp") or _negated(children, clause):
                continue
            lemma = _lemma(clause)
            subject = next((c for c in children.get(clause.i, []) if c.dep in ("nsubj", "nsubjpass")), None)
            pronoun = subject is not None and (
                subject.text.lower() in ("it", "we", "they")
                # "one of its soldiers", "our brothers"
                or any(t.text.lower() in ("its", "their", "our") for t in _below(children, subject, depth=3))
            )
            if (subject is None or pronoun) and (
                lemma in _ATTRIBUTED_VERBS | _OWN_DEEDS
                or (lemma in _CLAIM_VERBS and _has_child_lemma(children, clause, _CLAIM_OBJECTS))
                or (lemma == "be" and _has_child_lemma(children, clause, {"behind", "responsible"}))
            ):
                return clause.i
        return None

    def _involvement(self, by_index: dict[int, Token], noun: Token) -> tuple[PerpetratorStatus, int] | None:
        """ "X's involvement": confirmed is attributed, hinted or alleged is accused, else suspected."""
        node = noun
        for _ in range(4):
            governor = by_index.get(node.head)
            if governor is None or governor.i == node.i:
                break
            lemma = _lemma(governor)
            if lemma in _CONFIRMING:
                return PerpetratorStatus.ATTRIBUTED, governor.i
            if lemma in _ACCUSING_VERBS | _ACCUSING_NOUNS:
                return PerpetratorStatus.ACCUSED, governor.i
            if lemma == "deny":
                return PerpetratorStatus.DENIED, governor.i
            node = governor
        return PerpetratorStatus.SUSPECTED, noun.i


_OWN_DEEDS = frozenset({"direct", "place", "set", "plant", "send"})
"""Verbs by which a group tells its own deed ("one of its soldiers had placed explosives")."""


def _below(children: dict[int, list[Token]], token: Token, *, depth: int) -> list[Token]:
    """The tokens under `token` down to `depth` levels."""
    found: list[Token] = []
    level = [token]
    for _ in range(depth):
        level = [c for t in level for c in children.get(t.i, [])]
        found.extend(level)
    return found


def _lemma(token: Token) -> str:
    return token.lemma.lower()


def _mention_head(by_index: dict[int, Token], mention: ActorMention) -> Token | None:
    """The token of the mention whose head lies outside it."""
    inside = range(mention.token_start, mention.token_end)
    for i in inside:
        token = by_index.get(i)
        if token is not None and (token.head not in inside or token.head == token.i):
            return token
    return by_index.get(mention.token_end - 1)


def _has_child_lemma(children: dict[int, list[Token]], token: Token, lemmas: set[str] | frozenset[str]) -> bool:
    return any(_lemma(child) in lemmas or child.text.lower() in lemmas for child in children.get(token.i, []))


def _negated(children: dict[int, list[Token]], token: Token) -> bool:
    return any(child.dep == "neg" for child in children.get(token.i, []))
