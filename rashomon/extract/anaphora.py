"""Extract stage: what "the group" and "it" refer to, across a document's sentences.

Consumes each sentence's facts and actor mentions in order; produces the same facts with a
role added where a sentence speaks of an armed group only by a noun or pronoun ("The group
claimed responsibility", "the militants carried out the attack"): the role goes to the armed
group the document named last, with that mention as its evidence span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rashomon.analyse.analysis import Token
from rashomon.extract.frames import SentenceFacts
from rashomon.extract.perpetrators import ActorMention, RoleFinding
from rashomon.model.records import PerpetratorStatus

_GROUP_ANAPHORS = frozenset({"group", "it", "they", "militant", "organisation", "organization", "outfit", "movement"})
_GROUP_KINDS = frozenset({"armed_group", "militia"})
_GROUP_NOUN_ANAPHORS = frozenset({"group", "militant", "organisation", "organization", "outfit", "movement"})
_DEED_VERBS = frozenset({"carry", "conduct", "perpetrate", "stage", "mount", "launch", "attack", "bomb", "storm"})


def _children(tokens: Sequence[Token], token: Token) -> list[Token]:
    return [t for t in tokens if t.head == token.i and t.i != token.i]


def last_group(mentions: Sequence[ActorMention], previous: ActorMention | None) -> ActorMention | None:
    """The armed group named last so far: what "the group" in a later sentence refers to."""
    named = [m for m in mentions if m.actor_id and m.kind in _GROUP_KINDS]
    return named[-1] if named else previous


def resolve_group_anaphora(facts: SentenceFacts, group: ActorMention | None) -> SentenceFacts:
    """ "The group claimed responsibility": the claim is the last named group's, with its own span."""
    if group is None or any(r.status is PerpetratorStatus.CLAIMED for r in facts.roles):
        return facts
    for trigger in facts.triggers:
        if trigger.sense != "claim":
            continue
        subject = next((t for t in facts.tokens if t.head == trigger.token and t.dep == "nsubj"), None)
        if subject is not None and subject.lemma.lower() in _GROUP_ANAPHORS:
            role = RoleFinding(group, PerpetratorStatus.CLAIMED, trigger.token)
            return replace(facts, roles=(*facts.roles, role))
    if facts.roles:
        return facts
    by_index = {t.i: t for t in facts.tokens}
    for token in facts.tokens:
        # "The group was also behind the siege", "the militants carried out the attack"
        head = by_index.get(token.head)
        if token.dep != "nsubj" or head is None or token.lemma.lower() not in _GROUP_NOUN_ANAPHORS:
            continue
        if not any(c.text.lower() == "the" for c in _children(facts.tokens, token)):
            continue
        behind = head.lemma.lower() == "be" and any(
            t.head == head.i and t.lemma.lower() in ("behind", "responsible") for t in facts.tokens
        )
        if behind or head.lemma.lower() in _DEED_VERBS:
            return replace(facts, roles=(*facts.roles, RoleFinding(group, PerpetratorStatus.ATTRIBUTED, head.i)))
    return facts
