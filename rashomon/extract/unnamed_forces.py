"""Extract stage: "an air force jet bombed a camp in Rann": an unnamed state force is that state's.

Consumes one sentence's tokens, its event words, its places and the actors it names; produces
an `attributed` role for the state of the place when the doer of a strike or attack is a state
force the sentence names only by its kind ("an air force jet", "an army drone", "the
military"), with the force's words as the evidence span. A report on a strike in Nigeria that
says "an air force jet" means Nigeria's; GTD and ACLED code it so.

Nothing is inferred when the sentence names another state or a state body (the owner is read
from it: "Turkish jets", see `mentions`), when its towns lie in more than one country (a
cross-border strike), or when it names no town at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.analyse.analysis import Token
from rashomon.extract.mentions import country_name
from rashomon.extract.perpetrators import ActorMention, RoleFinding
from rashomon.extract.places import PlaceFound
from rashomon.extract.triggers import Trigger
from rashomon.model.records import PerpetratorStatus, PlacePrecision

_FORCES = frozenset(
    {
        "jet", "warplane", "aircraft", "drone", "helicopter", "gunship", "army", "military", "troops", "troop",
        "soldier", "soldiers", "force", "forces", "artillery", "airforce",
    }
)  # fmt: skip
_STATE_KINDS = frozenset({"state", "state_security_body"})
_TOWNS = frozenset({PlacePrecision.CITY, PlacePrecision.SITE, PlacePrecision.ADMIN1})


def unnamed_state_roles(
    tokens: Sequence[Token],
    triggers: Sequence[Trigger],
    places: Sequence[PlaceFound],
    mentions: Sequence[ActorMention],
) -> list[RoleFinding]:
    """The state role an unnamed state force gives (see the module docstring), if any."""
    countries = {p.place.country for p in places if p.place.country and p.place.precision in _TOWNS}
    if len(countries) != 1:
        return []
    (code,) = countries
    name = country_name(code)
    if any(m.kind in _STATE_KINDS and m.text != name for m in mentions):
        return []  # another state named ("Bama, Nigeria" names only the place's own)
    deeds = {t.token for t in triggers if t.sense in ("attack", "strike", "killing")}
    children: dict[int, list[Token]] = {}
    for token in tokens:
        children.setdefault(token.head, []).append(token)
    for token in tokens:
        if token.dep != "nsubj" or token.head not in deeds or token.lemma.lower() not in _FORCES:
            continue
        words = sorted([token, *(c for c in children.get(token.i, []) if c.i < token.i)], key=lambda t: t.i)
        if any(w.ent_type in ("NORP", "GPE", "ORG") for w in words):
            continue  # "Turkish jets", "NATO aircraft": an owner named, not unnamed
        first = next((w for w in words if w.dep != "det"), token)
        mention = ActorMention(first.start, token.end, name or code, None, "state", first.i, token.i + 1)
        return [RoleFinding(mention, PerpetratorStatus.ATTRIBUTED, token.head)]
    return []
