"""Extract stage: turn a gathered draft into an `Account` with evidence on every value.

Consumes a `Draft` (frames, claims and arrests about one event), the document and what was
learnt per sentence (speaker, hedge); produces the Account. Choices made here:

- the date is the most precise date that agrees with the earliest one given for the event;
  relative dates ("the same day in 2020") are resolved against the event in focus before it;
- the place is the most specific place, in the country most of its places lie in, that agrees
  with the first one named there;
- the kind is `strike` when the event is a strike by a state or its forces (or an air,
  drone or missile strike with no other actor), `other` for battles, else `attack`;
- the attack type follows GTD's precedence (hijacking, hostage taking, assassination,
  bombing, armed assault, facility attack); no method words means no attack type;
- suicide is true with a suicide cue, false when a method is described without one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rashomon.extract.accounts import Draft
from rashomon.extract.attribution import Speaker
from rashomon.extract.frames import Frame
from rashomon.extract.places import PlaceFound, places_compatible, specificity
from rashomon.extract.when import DateFound, ranges_overlap
from rashomon.model.records import (
    Account,
    DatePrecision,
    EventDate,
    EventKind,
    Evidence,
    FigureClaim,
    FigureKind,
    FigureScope,
    PerpetratorClaim,
    PerpetratorStatus,
    Place,
)
from rashomon.model.types.date import DateRange

ATTACK_TYPE_PRECEDENCE = (
    "Hijacking",
    "Hostage Taking (Barricade Incident)",
    "Hostage Taking (Kidnapping)",
    "Assassination",
    "Bombing/Explosion",
    "Armed Assault",
    "Facility/Infrastructure Attack",
    "Unarmed Assault",
)
STATE_KINDS = frozenset({"state", "state_security_body"})


@dataclass(frozen=True, slots=True)
class SentenceNotes:
    start: int
    end: int
    speaker: Speaker | None
    hedge: str | None


@dataclass(frozen=True, slots=True)
class Provenance:
    document_id: str
    extractor: str
    version: str

    def evidence(self, start: int, end: int, sentence: SentenceNotes, confidence: float = 1.0) -> Evidence:
        return Evidence(
            self.document_id,
            start,
            end,
            min(sentence.start, start),
            max(sentence.end, end),
            self.extractor,
            self.version,
            confidence,
        )


Resolver = Callable[[DateFound], DateRange | None]


def finish(
    draft: Draft,
    *,
    provenance: Provenance,
    sentences: Mapping[int, SentenceNotes],
    text: str,
    resolve_relative: Resolver,
    fallback_date: EventDate | None = None,
) -> Account | None:
    """The Account for a draft, or None when it names no date or place (nothing to place it by)."""
    frames = draft.frames
    date = _choose_date(frames, resolve_relative, provenance, sentences) or fallback_date
    place = _choose_place(frames, provenance, sentences)
    if date is None and place is None:
        return None
    perpetrators = _perpetrators(draft, provenance, sentences)
    figures = _figures(draft, provenance, sentences)
    attack_type, weapon, suicide = _method(frames)
    target = next((f.target for f in frames if f.target is not None), None)
    first = frames[0]
    summary = text[first.sentence_start : first.sentence_end].strip()
    mentions = tuple(
        provenance.evidence(t.start, t.end, sentences[f.sentence_index]) for f in frames for t in f.triggers
    )
    return Account(
        id=f"{provenance.document_id}#{mentions[0].start}",
        document_id=provenance.document_id,
        kind=_kind(draft),
        extractor=provenance.extractor,
        version=provenance.version,
        attack_type=attack_type,
        weapon=weapon,
        suicide=suicide,
        target=target.text if target else None,
        target_type=target.target_type if target else None,
        date=date,
        place=place,
        perpetrators=perpetrators,
        figures=figures,
        mentions=tuple(sorted(set(mentions), key=lambda e: e.start)),
        summary=summary[:400],
    )


def _choose_date(
    frames: Sequence[Frame], resolve_relative: Resolver, provenance: Provenance, sentences: Mapping[int, SentenceNotes]
) -> EventDate | None:
    candidates: list[tuple[DateFound, DateRange, str, int]] = []
    for frame in frames:
        for found in frame.dates:
            value = found.value if not found.relative else resolve_relative(found)
            if value is not None:
                candidates.append((found, value, "relative" if found.relative else "explicit", frame.sentence_index))
    if not candidates:
        return None
    first = _nearest_to_trigger(frames[0], candidates)
    agreeing = [c for c in candidates if ranges_overlap(c[1], first)]
    found, value, basis, sentence_index = min(agreeing, key=lambda c: ((c[1].end - c[1].start), candidates.index(c)))
    evidence = provenance.evidence(found.start, found.end, sentences[sentence_index])
    return EventDate(value.start, value.end, value.precision, found.text, basis, evidence)


def _nearest_to_trigger(frame: Frame, candidates: Sequence[tuple[DateFound, DateRange, str, int]]) -> DateRange:
    """Of dates that disagree, the event's is the one told nearest its words, before them first
    ("captured in a raid on 18 March 2016, and four days later, on 22 March, they blew up ...")."""
    own = [c for c in candidates if any(c[0] is d for d in frame.dates)]
    if not own or not frame.triggers:
        return candidates[0][1]
    at = frame.triggers[0].start
    before = [c for c in own if c[0].end <= at]
    if before:
        return max(before, key=lambda c: c[0].end)[1]
    return min(own, key=lambda c: c[0].start - at)[1]


def _choose_place(
    frames: Sequence[Frame], provenance: Provenance, sentences: Mapping[int, SentenceNotes]
) -> Place | None:
    found: list[tuple[PlaceFound, int]] = [
        (p, f.sentence_index) for f in frames for p in (*f.places, *f.modifier_places)
    ]
    if not found:
        return None
    # the country most of the event's places lie in (ties: the first named), then its most
    # specific place that agrees with the first one named there
    countries = [p.place.country for p, _ in found if p.place.country]
    country = max(countries, key=lambda c: (countries.count(c), -countries.index(c))) if countries else None
    local = [(p, i) for p, i in found if country is None or p.place.country in (country, None)]
    first = local[0][0].place
    agreeing = [(p, i) for p, i in local if places_compatible(p.place, first)]
    best, sentence_index = max(agreeing, key=lambda item: (specificity(item[0].place), -found.index(item)))
    evidence = provenance.evidence(best.start, best.end, sentences[sentence_index])
    place = best.place
    return Place(
        name=place.name,
        country=place.country,
        precision=place.precision,
        city=place.city,
        admin1=place.admin1,
        site=place.site,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        evidence=evidence,
    )


def _perpetrators(
    draft: Draft, provenance: Provenance, sentences: Mapping[int, SentenceNotes]
) -> tuple[PerpetratorClaim, ...]:
    claims: list[PerpetratorClaim] = []
    seen: set[tuple[str, str, int]] = set()
    roles = [(f.sentence_index, r) for f in draft.frames for r in f.roles]
    roles += [(s.sentence_index, r) for s in draft.sides for r in s.roles]
    roles += draft.loose_roles
    for sentence_index, role in roles:
        mention = role.mention
        key = (mention.actor_id or mention.text.lower(), role.status.value, mention.start)
        if key in seen:
            continue
        seen.add(key)
        notes = sentences[sentence_index]
        claims.append(
            PerpetratorClaim(
                name=mention.text,
                actor_id=mention.actor_id,
                status=role.status,
                evidence=provenance.evidence(mention.start, mention.end, notes),
                attributed_to=notes.speaker.text if notes.speaker else None,
                hedge=notes.hedge,
            )
        )
    return tuple(claims)


def _figures(draft: Draft, provenance: Provenance, sentences: Mapping[int, SentenceNotes]) -> tuple[FigureClaim, ...]:
    items = [(f.sentence_index, fig, fig.start in f.shared_figures) for f in draft.frames for fig in f.figures]
    items += [(i, fig, False) for i, fig in draft.loose_figures]
    items += [(s.sentence_index, fig, False) for s in draft.sides for fig in s.figures]
    claims: list[FigureClaim] = []
    seen: set[int] = set()
    for sentence_index, figure, split in items:
        if figure.start in seen:
            continue
        seen.add(figure.start)
        notes = sentences[sentence_index]
        scope = FigureScope.AGGREGATE if split else figure.scope
        claims.append(
            FigureClaim(
                kind=figure.kind,
                quantity=figure.quantity,
                evidence=provenance.evidence(figure.start, figure.end, notes),
                scope=scope,
                attributed_to=notes.speaker.text if notes.speaker else None,
                hedge=notes.hedge,
            )
        )
    return tuple(sorted(claims, key=lambda c: c.evidence.start))


def _method(frames: Sequence[Frame]) -> tuple[str | None, str | None, bool | None]:
    entries = [t.entry for f in frames for t in f.triggers] + [c for f in frames for c in f.cues]
    types = {e.attack_type for e in entries if e.attack_type and e.attack_type != "Assassination"}
    # "an assassination" names the event only as a frame's own word: joined in from an aside
    # ("mourning the assassination of ...") it is another event, and would outrank every method
    if any(f.triggers and f.triggers[0].entry.attack_type == "Assassination" for f in frames):
        types.add("Assassination")
    attack_type = next((t for t in ATTACK_TYPE_PRECEDENCE if t in types), None)
    weapons = [e.weapon for e in entries if e.weapon]
    # the most named weapon; on a tie the first named (a set's order would change from run to run)
    weapon = max(weapons, key=lambda w: (weapons.count(w), -weapons.index(w))) if weapons else None
    if attack_type == "Bombing/Explosion" and "Explosives" in weapons:
        weapon = "Explosives"
    suicide: bool | None = True if any(e.suicide for e in entries) else (False if attack_type else None)
    return attack_type, weapon, suicide


def _kind(draft: Draft) -> EventKind:
    senses = {f.sense for f in draft.frames}
    if "battle" in senses and senses <= {"battle", "reference", "killing"}:
        return EventKind.OTHER
    roles = [r for f in draft.frames for r in f.roles]
    doers = [r for r in roles if r.status in (PerpetratorStatus.ATTRIBUTED, PerpetratorStatus.CLAIMED)]
    if doers and all(r.mention.kind in STATE_KINDS for r in doers):
        return EventKind.STRIKE
    if "strike" in senses and not doers:
        return EventKind.STRIKE
    return EventKind.ATTACK


def publication_fallback(published: dt.date | None) -> EventDate | None:
    """The publication date as a last resort for a document's main event (basis: publication)."""
    if published is None:
        return None
    return EventDate(published, published, DatePrecision.DAY, "", "publication", None)


def figure_kinds() -> tuple[FigureKind, ...]:
    return tuple(FigureKind)
