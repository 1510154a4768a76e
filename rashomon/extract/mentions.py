"""Extract stage: the actors a sentence names, ready for the role reader.

Consumes one sentence of an `Analysis`, the places found in it and the actor vocabulary;
produces `ActorMention`s of three sorts:

- vocabulary matches (ACTOR entities set by the analyse stage's actor ruler), with the
  actor's kind from the vocabulary;
- states named as countries ("Iran blamed Israel", "Pakistan struck back"), kind `state`;
- a national capital standing for its state as the subject of a deed or a statement
  ("Tehran launched airstrikes", "Islamabad recalled its ambassador"), kind `state`;
- demonyms next to a force or strike word ("Israeli involvement", "an American drone
  strike", "Pakistani forces"), read as that state. A demonym alone ("77 Iranians") names
  people, never a state.

Organisation names the NER found that are not in the vocabulary become mentions without an
actor id when they look like an armed group (their words say "front", "brigade", "army"...),
so resolve can discover groups the vocabulary lacks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import yaml

from rashomon.analyse.analysis import Analysis, Entity, Sentence, Token
from rashomon.extract.perpetrators import ActorMention
from rashomon.extract.places import PlaceFound
from rashomon.model.records import PlacePrecision
from rashomon.model.vocab import Vocabulary

DEMONYMS_PATH = Path(__file__).parent / "data" / "demonyms.yaml"
ACTOR_LABEL = "ACTOR"
# Words after a demonym that make it a state's act or body, not a nationality.
_STATE_NOUNS = frozenset(
    {
        "involvement", "role", "hand", "strike", "strikes", "airstrike", "airstrikes", "drone", "missile", "missiles",
        "force", "forces", "army", "military", "troops", "jets", "warplanes", "aircraft", "navy", "intelligence",
        "agents", "government", "authorities", "officials", "regime", "security", "police", "border", "artillery",
        "raid", "raids", "operation", "operations", "attack", "attacks", "retaliation", "bombardment", "shelling",
        "fighter", "helicopter", "helicopters", "soldiers", "guards", "services", "state", "complicity",
    }
)  # fmt: skip
# Words in an unknown organisation's name that mark it as an armed group.
_GROUP_WORDS = frozenset(
    {
        "front", "brigade", "brigades", "army", "movement", "liberation", "jihad", "mujahideen", "militia", "battalion",
        "battalions", "legion", "jamaat", "jama'at", "tehreek", "tehrik", "lashkar", "jaish", "harakat", "ansar",
        "kataib", "kata'ib", "forces", "resistance", "guerrillas", "rebels", "insurgents", "commandos",
    }
)  # fmt: skip


@functools.cache
def load_demonyms(path: Path = DEMONYMS_PATH) -> Mapping[str, str]:
    """Lower-cased demonym -> ISO 3166-1 alpha-2 code."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    demonyms: dict[str, str] = {}
    for code, words in data.items():
        for word in words or ():
            demonyms.setdefault(str(word).lower(), str(code))
    return demonyms


@functools.cache
def country_name(code: str) -> str | None:
    """The everyday English name of a country ("Iran", not "Iran, Islamic Republic of")."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name).split(",")[0]


class MentionFinder:
    """Finds actor mentions in the sentences of one document."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        demonyms: Mapping[str, str] | None = None,
        *,
        is_capital: Callable[[int | None], bool] = lambda geonameid: False,
    ) -> None:
        self.vocabulary = vocabulary
        self.demonyms = load_demonyms() if demonyms is None else demonyms
        self.is_capital = is_capital

    def sentence_mentions(
        self, analysis: Analysis, sentence: Sentence, places: Sequence[PlaceFound]
    ) -> list[ActorMention]:
        tokens = analysis.sentence_tokens(sentence)
        entities = analysis.entities_in(sentence.start, sentence.end)
        mentions = [m for m in (self._from_entity(e) for e in entities) if m is not None]
        taken = [(m.start, m.end) for m in mentions]
        for place in places:
            stands_for_state = place.place.precision is PlacePrecision.COUNTRY or capital_acts(
                tokens, place, self.is_capital
            )
            if stands_for_state and not _overlaps(taken, place.start, place.end):
                mention = self._from_place(tokens, place)
                if mention is not None:
                    mentions.append(mention)
                    taken.append((mention.start, mention.end))
        for k, token in enumerate(tokens):
            code = self.demonyms.get(token.text.lower())
            if code is None or _overlaps(taken, token.start, token.end):
                continue
            following = tokens[k + 1 : k + 4]
            if any(t.lemma.lower() in _STATE_NOUNS or t.text.lower() in _STATE_NOUNS for t in following[:3]):
                name = country_name(code) or token.text  # "a French air strike": France struck
                mentions.append(ActorMention(token.start, token.end, name, None, "state", token.i, token.i + 1))
                taken.append((token.start, token.end))
        return sorted(mentions, key=lambda m: m.start)

    def _from_entity(self, entity: Entity) -> ActorMention | None:
        if entity.label == ACTOR_LABEL and entity.actor_id:
            kind = self.vocabulary.actor(entity.actor_id).kind if self.vocabulary.has_actor(entity.actor_id) else None
            return ActorMention(
                entity.start, entity.end, entity.text, entity.actor_id, kind, entity.token_start, entity.token_end
            )
        if entity.label == "ORG":
            words = {w.strip(".,'’").lower() for w in entity.text.split()}
            if words & _GROUP_WORDS and len(entity.text) <= 80:
                known = self.vocabulary.actor_by_alias(entity.text)
                return ActorMention(
                    entity.start,
                    entity.end,
                    entity.text,
                    known.id if known is not None else None,
                    known.kind if known is not None else "armed_group",
                    entity.token_start,
                    entity.token_end,
                )
        return None

    def _from_place(self, tokens: Sequence[Token], place: PlaceFound) -> ActorMention | None:
        inside = [t for t in tokens if t.start >= place.start and t.end <= place.end]
        if not inside:
            return None
        name = (
            country_name(place.place.country) if place.place.country else None
        ) or place.text  # "US" -> United States
        return ActorMention(place.start, place.end, name, None, "state", inside[0].i, inside[-1].i + 1)


def _overlaps(taken: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and a < end for a, b in taken)


# Verbs whose subject, when it is a capital, is the state: deeds, statements, diplomacy.
_STATE_VERBS = frozenset(
    {
        "launch", "strike", "carry", "conduct", "bomb", "attack", "hit", "fire", "target", "retaliate", "respond",
        "accuse", "blame", "say", "claim", "deny", "warn", "threaten", "vow", "recall", "condemn", "announce",
        "order", "send", "deploy", "expel", "summon", "demand", "reject", "insist", "allege",
    }
)  # fmt: skip


def capital_acts(tokens: Sequence[Token], place: PlaceFound, is_capital: Callable[[int | None], bool]) -> bool:
    """A capital as the subject of a state's deed or statement ("Tehran launched airstrikes");
    `is_capital` answers from the gazetteer's index by GeoNames id."""
    if place.place.precision is not PlacePrecision.CITY or not is_capital(place.place.geonameid):
        return False
    by_index = {t.i: t for t in tokens}
    inside = [t for t in tokens if t.start >= place.start and t.end <= place.end]
    indices = {t.i for t in inside}
    for token in inside:
        verb = by_index.get(token.head)
        if token.head in indices or verb is None or token.dep != "nsubj":
            continue
        if verb.lemma.lower() in _STATE_VERBS:
            return True
    return False
