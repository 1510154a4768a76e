"""Extract stage: the extraction lexicon (`data/lexicon.yaml`) as validated, typed objects.

The rules in this package read every word list from here, so the vocabulary can be reviewed
and extended without touching code. Loading is lazy and cached; a malformed file raises
`VocabularyError` naming the entry.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rashomon.errors import VocabularyError

SENSES = frozenset({"attack", "strike", "killing", "claim", "arrest", "battle", "reference"})
ATTACK_TYPES = frozenset(
    {
        "Assassination",
        "Armed Assault",
        "Bombing/Explosion",
        "Hijacking",
        "Hostage Taking (Barricade Incident)",
        "Hostage Taking (Kidnapping)",
        "Facility/Infrastructure Attack",
        "Unarmed Assault",
        "Unknown",
    }
)
WEAPONS = frozenset(
    {
        "Biological",
        "Chemical",
        "Radiological",
        "Nuclear",
        "Firearms",
        "Explosives",
        "Fake Weapons",
        "Incendiary",
        "Melee",
        "Vehicle",
        "Sabotage Equipment",
        "Other",
        "Unknown",
    }
)


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """A word or phrase that may name an event, with what it says about the event."""

    words: tuple[str, ...]
    sense: str | None  # None for cues, which only add attributes
    attack_type: str | None = None
    weapon: str | None = None
    suicide: bool | None = None
    pos: str | None = None
    ambiguous: bool = False
    needs_object: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CasualtyWords:
    verbs: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.verbs | self.nouns | self.adjectives


@dataclass(frozen=True, slots=True)
class Lexicon:
    triggers: tuple[TriggerEntry, ...]
    cues: tuple[TriggerEntry, ...]
    military_strike_modifiers: frozenset[str]
    non_factual_governors: frozenset[str]
    non_factual_modifiers: frozenset[str]
    non_factual_auxiliaries: frozenset[str]
    generic_quantifiers: frozenset[str]
    casualties: dict[str, CasualtyWords]
    attacker_nouns: frozenset[str]
    person_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_phrases: tuple[str, ...]
    hedges: tuple[str, ...]
    perpetrator_roles: dict[str, tuple[str, ...]]

    @property
    def max_phrase_words(self) -> int:
        return max(len(e.words) for e in (*self.triggers, *self.cues))


def _words_set(values: Any, where: str) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise VocabularyError(f"lexicon: {where} must be a list of strings")
    return frozenset(v.lower() for v in values)


def _entry(raw: Any, where: str, *, cue: bool) -> TriggerEntry:
    if not isinstance(raw, dict) or not isinstance(raw.get("words"), str):
        raise VocabularyError(f"lexicon: {where}: each entry needs a `words` string")
    sense = raw.get("sense")
    if cue and sense is not None:
        raise VocabularyError(f"lexicon: {where} {raw['words']!r}: cues have no sense")
    if not cue and sense not in SENSES:
        raise VocabularyError(f"lexicon: {where} {raw['words']!r}: unknown sense {sense!r}")
    attack_type, weapon = raw.get("attack_type"), raw.get("weapon")
    if attack_type is not None and attack_type not in ATTACK_TYPES:
        raise VocabularyError(f"lexicon: {where} {raw['words']!r}: {attack_type!r} is not a GTD attack type")
    if weapon is not None and weapon not in WEAPONS:
        raise VocabularyError(f"lexicon: {where} {raw['words']!r}: {weapon!r} is not a GTD weapon type")
    return TriggerEntry(
        words=tuple(raw["words"].lower().split()),
        sense=sense,
        attack_type=attack_type,
        weapon=weapon,
        suicide=raw.get("suicide"),
        pos=raw.get("pos"),
        ambiguous=bool(raw.get("ambiguous", False)),
        needs_object=frozenset(w.lower() for w in raw.get("needs_object", [])),
    )


def parse_lexicon(data: Any) -> Lexicon:
    """Validate the loaded YAML and build the Lexicon."""
    if not isinstance(data, dict) or data.get("version") != 1:
        raise VocabularyError("lexicon: expected a mapping with `version: 1`")
    triggers = tuple(_entry(raw, "triggers", cue=False) for raw in data.get("triggers", []))
    cues = tuple(_entry(raw, "cues", cue=True) for raw in data.get("cues", []))
    seen: set[tuple[tuple[str, ...], str | None]] = set()
    for entry in triggers:
        key = (entry.words, entry.pos)
        if key in seen:
            raise VocabularyError(f"lexicon: trigger {' '.join(entry.words)!r} is listed twice")
        seen.add(key)
    casualties = {
        kind: CasualtyWords(
            verbs=_words_set(words.get("verbs", []), f"casualties.{kind}.verbs"),
            nouns=_words_set(words.get("nouns", []), f"casualties.{kind}.nouns"),
            adjectives=_words_set(words.get("adjectives", []), f"casualties.{kind}.adjectives"),
        )
        for kind, words in data.get("casualties", {}).items()
    }
    for needed in ("killed", "injured", "casualties", "kidnapped", "arrested"):
        if needed not in casualties:
            raise VocabularyError(f"lexicon: casualties.{needed} is missing")
    non_factual = data.get("non_factual", {})
    roles = data.get("perpetrator_roles", {})
    perpetrator_roles = {
        status: tuple(str(p).lower() for p in (*spec.get("phrases", []), *spec.get("verbs", [])))
        for status, spec in roles.items()
    }
    for status in ("claimed", "attributed", "suspected", "accused", "denied"):
        if status not in perpetrator_roles:
            raise VocabularyError(f"lexicon: perpetrator_roles.{status} is missing")
    return Lexicon(
        triggers=triggers,
        cues=cues,
        military_strike_modifiers=_words_set(data.get("military_strike_modifiers", []), "military_strike_modifiers"),
        non_factual_governors=_words_set(non_factual.get("governors", []), "non_factual.governors"),
        non_factual_modifiers=_words_set(non_factual.get("modifiers", []), "non_factual.modifiers"),
        non_factual_auxiliaries=_words_set(non_factual.get("auxiliaries", []), "non_factual.auxiliaries"),
        generic_quantifiers=_words_set(data.get("generic", {}).get("quantifiers", []), "generic.quantifiers"),
        casualties=casualties,
        attacker_nouns=_words_set(data.get("attacker_nouns", []), "attacker_nouns"),
        person_nouns=_words_set(data.get("person_nouns", []), "person_nouns"),
        reporting_verbs=_words_set(data.get("reporting", {}).get("verbs", []), "reporting.verbs"),
        reporting_phrases=tuple(p.lower() for p in data.get("reporting", {}).get("phrases", [])),
        hedges=tuple(sorted((h.lower() for h in data.get("hedges", [])), key=len, reverse=True)),
        perpetrator_roles=perpetrator_roles,
    )


@functools.cache
def load_lexicon(path: Path | None = None) -> Lexicon:
    """The packaged lexicon, or one at an explicit path."""
    try:
        if path is None:
            text = resources.files("rashomon.extract").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as error:
        raise VocabularyError(f"lexicon: cannot read {path or 'data/lexicon.yaml'}: {error}") from error
    return parse_lexicon(data)
