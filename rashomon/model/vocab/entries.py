"""Model: the shape of every vocabulary file, declared once as frozen dataclasses.

The loader reads each YAML entry into one of these classes and checks it against the
field annotations (see `rashomon.model.vocab.loading`), so the dataclass *is* the schema:
adding a field here is all it takes for the loader, the JSON dump and the docs page to
know about it. Fields without a default are required in the YAML; empty strings are
refused everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from rashomon.model.records import Actor


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A group, state, state body or outlet that reports name as perpetrator, target, claimant or channel."""

    id: str
    name: str
    kind: str
    description: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    countries: tuple[str, ...] = ()
    gtd_name: str | None = None
    acled_name: str | None = None
    ambiguous_aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias (ambiguous ones excluded)."""
        return (self.name, *self.aliases)

    def to_actor(self) -> Actor:
        """The stage record for this entry: what `resolve` and the store keep."""
        return Actor(
            id=self.id,
            name=self.name,
            kind=self.kind,
            aliases=tuple(dict.fromkeys((*self.aliases, *self.ambiguous_aliases))),
            parent_id=self.parent,
            country=self.countries[0] if self.countries else None,
            description=self.description,
        )


@dataclass(frozen=True, slots=True)
class ActorKindEntry:
    """A kind of actor, with whether it can be a perpetrator and how outside datasets code it."""

    id: str
    label: str
    description: str
    can_perpetrate: bool
    acled_inter: int | None = None  # ACLED actor type 1-8
    stix_type: str | None = None  # STIX 2.1 object an actor of this kind exports to
    stix_threat_actor_type: str | None = None  # threat-actor-type-ov value, for threat-actor exports


@dataclass(frozen=True, slots=True)
class EventTypeEntry:
    """A node of the event-type hierarchy; the roots are exactly `EventKind`."""

    id: str
    label: str
    description: str
    parent: str | None = None
    abstract: bool = False
    suicide: bool | None = None  # True when the type implies GTD suicide=1
    gtd_attacktype: str | None = None  # exact GTD attack-type label
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover_event: str | None = None
    plover_mode: str | None = None
    stix_type: str | None = None
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CodedTypeEntry:
    """A GTD code list entry (attack, weapon or target type) with its exact GTD label and cue words."""

    id: str
    label: str
    gtd_code: int
    description: str
    cues: tuple[str, ...] = ()
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover_event: str | None = None
    plover_mode: str | None = None
    stix_type: str | None = None
    stix_value: str | None = None  # an open-vocabulary value, e.g. an industry sector for targets


@dataclass(frozen=True, slots=True)
class FigureKindEntry:
    """What a figure counts (`FigureKind`), its unit and the fields outside datasets keep it in."""

    id: str
    label: str
    description: str
    unit: str
    cues: tuple[str, ...] = ()
    gtd_field: str | None = None
    acled_field: str | None = None
    ucdp_field: str | None = None
    plover_field: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimStatusEntry:
    """How a report ties an actor to an event (`PerpetratorStatus`), with cue phrases."""

    id: str
    label: str
    description: str
    cues: tuple[str, ...] = ()
    gtd_field: str | None = None
    stix_relationship: str | None = None


@dataclass(frozen=True, slots=True)
class SourceKindEntry:
    """Who a reported statement comes from (an official, a claim channel, a witness...)."""

    id: str
    label: str
    description: str
    cues: tuple[str, ...] = ()
    stix_type: str | None = None


Entry = (
    ActorEntry | ActorKindEntry | EventTypeEntry | CodedTypeEntry | FigureKindEntry | ClaimStatusEntry | SourceKindEntry
)
"""Any vocabulary entry."""
