"""Extract stage: gather a document's frames into accounts, one per event it speaks of.

Consumes frames in document order; produces `Draft`s that `finish.py` turns into Accounts.
This is within-document coreference of events:

- a definite mention with a place ("the Kerman attack", "the attack on Kerman") refers to
  the account at that place;
- a definite mention without one ("the attack", "the incident") and a sentence that only
  adds figures ("In addition, 284 were injured") refer to the account in focus: the one
  mentioned in the last few sentences, else the document's main account;
- an indefinite mention joins an earlier account only when date and place agree closely
  (same day or same city); otherwise it is a new event (a list of past attacks gives one
  account per item).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rashomon.extract.figures import FigureFinding
from rashomon.extract.frames import Frame, SideFrame
from rashomon.extract.perpetrators import RoleFinding
from rashomon.extract.places import places_compatible
from rashomon.extract.when import dates_compatible

FOCUS_SENTENCES = 3


@dataclass
class Draft:
    """An account being gathered: its frames, and the claims and arrests about it."""

    number: int
    frames: list[Frame] = field(default_factory=list)
    sides: list[SideFrame] = field(default_factory=list)
    loose_figures: list[tuple[int, FigureFinding]] = field(default_factory=list)
    loose_roles: list[tuple[int, RoleFinding]] = field(default_factory=list)

    @property
    def first_sentence(self) -> int:
        return self.frames[0].sentence_index

    @property
    def last_sentence(self) -> int:
        return max(f.sentence_index for f in self.frames)

    @property
    def dates(self) -> list:  # type: ignore[type-arg]
        return [d for f in self.frames for d in f.dates]

    @property
    def places(self) -> list:  # type: ignore[type-arg]
        return [p for f in self.frames for p in (*f.places, *f.modifier_places)]

    def accepts(self, frame: Frame) -> bool:
        """No date or place of the frame contradicts this account."""
        return all(dates_compatible(a, b) for a in self.dates for b in frame.dates) and all(
            places_compatible(a.place, b.place) for a in self.places for b in (*frame.places, *frame.modifier_places)
        )

    def agrees_closely(self, frame: Frame) -> bool:
        """Same day, or same city or province: enough to say two indefinite mentions are one event."""
        same_day = any(
            a.value and b.value and a.value.start == b.value.start and a.value.end == b.value.end
            for a in self.dates
            for b in frame.dates
        )
        same_place = any(
            (a.place.city and a.place.city == b.place.city) or (a.place.admin1 and a.place.admin1 == b.place.admin1)
            for a in self.places
            for b in (*frame.places, *frame.modifier_places)
        )
        if frame.dates and self.dates and frame.places and self.places:
            return same_day and same_place
        return same_day or same_place


class AccountGatherer:
    """Links each frame of a document to a new or an earlier account."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.focus: Draft | None = None

    def add(self, frame: Frame) -> Draft:
        draft = self._link(frame)
        if draft is None:
            draft = Draft(len(self.drafts))
            self.drafts.append(draft)
        draft.frames.append(frame)
        self.focus = draft
        return draft

    def add_side(self, side: SideFrame, target: Draft | None) -> None:
        draft = target or self._in_focus(side.sentence_index)
        if draft is not None:
            draft.sides.append(side)

    def add_loose_figures(self, sentence_index: int, figures: list[FigureFinding]) -> None:
        """Figures in a sentence that names no event belong to the event in focus."""
        draft = self._in_focus(sentence_index, window=2)
        if draft is not None:
            draft.loose_figures.extend((sentence_index, f) for f in figures)

    def add_loose_roles(self, sentence_index: int, roles: list[RoleFinding]) -> None:
        """Roles in a sentence that names no event ("India blamed JeM.") concern the event in focus."""
        draft = self._in_focus(sentence_index, window=2)
        if draft is not None:
            draft.loose_roles.extend((sentence_index, r) for r in roles)

    def drafts_named(self, frame: Frame) -> list[Draft]:
        """The accounts a frame names one by one by place ("both the Manchester and the London
        Bridge attacks"): for each of its place words, the latest account at that place."""
        named: list[Draft] = []
        places = [*frame.modifier_places, *(frame.places if frame.definite and frame.plural else ())]
        for modifier in places:
            at_place = [
                d
                for d in self.drafts
                if d.places
                and _same_class(d, frame)
                and any(p.place.city is not None and p.place.city == modifier.place.city for p in d.places)
            ]
            if at_place:
                chosen = max(at_place, key=lambda d: (d.last_sentence, len(d.frames)))
                if all(chosen is not other for other in named):
                    named.append(chosen)
        return named

    def main(self) -> Draft | None:
        """The document's main account: the most mentioned, earliest on ties."""
        if not self.drafts:
            return None
        return max(self.drafts, key=lambda d: (len({f.sentence_index for f in d.frames}), -d.number))

    # linking -----------------------------------------------------------------------------

    def _link(self, frame: Frame) -> Draft | None:
        if frame.modifier_places:
            named = [
                d
                for d in self.drafts
                if any(places_compatible(p.place, m.place) for p in d.places for m in frame.modifier_places)
                and d.places
                and d.accepts(_named_part(frame))
                and _same_class(d, frame)
            ]
            if named:
                # "the Kerman attack, which IS claimed from Idlib": the place that names the event
                # says which it is; places of other things in the sentence are not its places
                frame.places = _named_part(frame).places
                # the account at that very town before one merely in its country ("the attack in
                # Kerman" is the Kerman bombing, not a strike told since with only "Iran")
                return max(named, key=lambda d: (_same_town(d, frame), d.last_sentence, len(d.frames)))
            # no account names that place yet: a definite mention may still be the one in focus
            # ("On 3 January two explosions ..." then "the attack on Kerman")
        own_date = any(d.value is not None and not d.relative for d in frame.dates)
        if (frame.definite or frame.sense == "reference") and not own_date:
            focus = self._echoed(frame) or self._in_focus(frame.sentence_index)
            for candidate in (focus, self.main()):
                if candidate is not None and candidate.accepts(frame) and _same_class(candidate, frame):
                    return candidate
            if frame.sense == "reference" and not frame.has_anchor:
                return focus
            return None
        if not frame.has_anchor:
            focus = self._in_focus(frame.sentence_index, window=1)
            if focus is not None and focus.accepts(frame) and _same_class(focus, frame):
                return focus
            return None
        matches = [d for d in self.drafts if d.accepts(frame) and d.agrees_closely(frame) and _same_class(d, frame)]
        if matches:
            return max(matches, key=lambda d: d.last_sentence)
        return None

    def _echoed(self, frame: Frame) -> Draft | None:
        """Of the accounts told in the last few sentences, the one a definite mention echoes:
        "the suicide attack" after a sentence telling of a suicide attack and a drone strike."""
        recent = [
            d
            for d in self.drafts
            if frame.sentence_index - d.last_sentence <= FOCUS_SENTENCES and d.accepts(frame) and _same_class(d, frame)
        ]
        scored = [(_echo(d, frame), d) for d in recent]
        best = max((score for score, _ in scored), default=0)
        if best == 0:
            return None
        return max((d for score, d in scored if score == best), key=lambda d: (d.last_sentence, len(d.frames)))

    def _in_focus(self, sentence_index: int, *, window: int = FOCUS_SENTENCES) -> Draft | None:
        if self.focus is not None and sentence_index - self.focus.last_sentence <= window:
            return self.focus
        return self.main()


def _same_class(draft: Draft, frame: Frame) -> bool:
    """Battles and clashes are kept apart from attacks and strikes; attacks and strikes may mix,
    because reports call one state strike both "missile attacks" and "the bombing"."""
    senses = {f.sense for f in draft.frames} - {"killing", "reference"}
    if frame.sense in ("killing", "reference") or not senses:
        return True
    return (frame.sense == "battle") == ("battle" in senses and len(senses) == 1)


def _same_town(draft: Draft, frame: Frame) -> bool:
    return any(
        p.place.city is not None and p.place.city == m.place.city
        for p in draft.places
        for m in (*frame.modifier_places, *frame.places)
    )


def _echo(draft: Draft, frame: Frame) -> int:
    """How much a mention repeats an account's own words: the same event phrase ("suicide
    attack") counts most, then the same sense (an attack, not a strike)."""
    words = {t.entry.words for t in frame.triggers if t.sense not in ("reference", "killing")}
    own = {t.entry.words for f in draft.frames for t in f.triggers}
    senses = {f.sense for f in draft.frames}
    return 2 * len(words & own) + (1 if frame.sense in senses and frame.sense not in ("reference", "killing") else 0)


def _named_part(frame: Frame) -> Frame:
    """A definite mention reduced to the places that agree with the place naming it ("the Kerman attack")."""
    places = [p for p in frame.places if all(places_compatible(p.place, m.place) for m in frame.modifier_places)]
    return replace(frame, places=places) if len(places) != len(frame.places) else frame
