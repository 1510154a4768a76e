"""Extract stage: what "the group" and "it" refer to, across a document's sentences.

Consumes each sentence's facts and actor mentions in order; produces the same facts with a
role added where a sentence speaks of an armed group only by a noun or pronoun ("The group
claimed responsibility", "the militants carried out the attack"): the role goes to the armed
group the document named last, with that mention as its evidence span. A frame at "the same
shrine" gets the town or site of the account told last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rashomon.analyse.analysis import Token
from rashomon.extract.accounts import Draft
from rashomon.extract.frames import Frame, SentenceFacts
from rashomon.extract.perpetrators import ActorMention, RoleFinding
from rashomon.extract.places import PlaceFound, specificity
from rashomon.model.records import PerpetratorStatus, Place, PlacePrecision

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


_SAME_PLACE_NOUNS = frozenset(
    {
        "shrine", "mosque", "church", "temple", "synagogue", "city", "town", "village", "market", "school",
        "hotel", "place", "site", "area", "location", "camp", "base", "building", "hospital", "checkpoint",
        "station", "square", "street", "district", "neighbourhood", "neighborhood", "compound", "venue",
    }
)  # fmt: skip


def same_place_span(tokens: Sequence[Token]) -> tuple[int, int] | None:
    """The span of "the same shrine", "this town": a place named only as one told before."""
    by_index = {t.i: t for t in tokens}
    for token in tokens:
        head = by_index.get(token.head)
        if head is None or head.lemma.lower() not in _SAME_PLACE_NOUNS:
            continue
        if token.lemma.lower() != "same" and not (token.dep == "det" and token.text.lower() in ("this", "that")):
            continue
        words = [t for t in tokens if t.head == head.i and t.i < head.i] + [head]
        return min(t.start for t in words), head.end
    return None


def place_told_before(drafts: Sequence[Draft]) -> Place | None:
    """The most specific town or site of the latest account that names one."""
    for draft in reversed(drafts):
        local = [p.place for p in draft.places if p.place.precision in (PlacePrecision.CITY, PlacePrecision.SITE)]
        if local:
            best: Place = max(local, key=specificity)
            return best
    return None


def give_same_place(frames: Sequence[Frame], tokens: Sequence[Token], text: str, drafts: Sequence[Draft]) -> None:
    """ "Another attack struck the same shrine": a frame with no place of its own is at the place
    the document told last, with the words "the same shrine" as the evidence span."""
    span = same_place_span(tokens)
    if span is None:
        return
    earlier = place_told_before(drafts)
    if earlier is None:
        return
    for frame in frames:
        if not frame.places and not frame.modifier_places:
            frame.places.append(PlaceFound(span[0], span[1], text[span[0] : span[1]], earlier))
