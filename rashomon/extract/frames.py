"""Extract stage: read one sentence into event frames.

Consumes an analysed sentence plus what the finders located in it (triggers, dates, places,
actor roles, casualty figures, speaker, hedge); produces `Frame`s: one per event the sentence
speaks of, each with the arguments that the dependency tree attaches to it.

A sentence can speak of several events ("Since the attack on Kerman, Iran struck targets in
Idlib") and one event can be named by several words ("two suicide bombers detonated their
vests ... the Kerman attack"). Each argument goes to the nearest event word in the tree;
event words without anchors of their own join the nearest one that has them; words with
incompatible anchors (different places or dates) stay apart. A frame is dropped when its
event is hypothetical ("planned to bomb"), negated, or generic ("attacks on mosques").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rashomon.analyse.analysis import Token
from rashomon.extract.factuality import tells_event
from rashomon.extract.figures import FigureFinding
from rashomon.extract.lexicon import Lexicon, TriggerEntry
from rashomon.extract.perpetrators import RoleFinding
from rashomon.extract.place_split import split_by_place
from rashomon.extract.places import PlaceFound, places_compatible
from rashomon.extract.syntax import Tree
from rashomon.extract.targets import Target, find_target
from rashomon.extract.triggers import Trigger
from rashomon.extract.when import DateFound, dates_compatible, referred_to
from rashomon.model.records import PlacePrecision

EVENT_SENSES = frozenset({"attack", "strike", "killing", "battle", "reference"})
_SIDE_VERBS = frozenset(
    {
        "claim", "say", "tell", "report", "announce", "confirm", "state", "publish", "release", "circulate", "share",
        "arrest", "detain", "apprehend", "identify", "disclose", "reveal", "issue", "meet", "visit", "vow", "pledge",
        "warn", "name", "unveil", "add", "note", "write", "post", "declare", "accuse", "blame", "launch campaign",
        "attend", "hold", "commemorate", "mourn", "bury", "execute", "sentence", "convict", "charge", "deny",
    }
)  # fmt: skip
_TOWN_PRECISIONS = frozenset({PlacePrecision.CITY, PlacePrecision.SITE})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "same"})
_SINGULARISERS = frozenset({"twin", "two", "double", "simultaneous", "coordinated", "triple", "three", "multiple"})


@dataclass
class Frame:
    """One event a sentence (or a part of it) speaks of, with its attached arguments."""

    sentence_index: int
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    triggers: list[Trigger]
    sense: str
    definite: bool = False
    plural: bool = False
    dates: list[DateFound] = field(default_factory=list)
    places: list[PlaceFound] = field(default_factory=list)
    modifier_places: list[PlaceFound] = field(default_factory=list)
    roles: list[RoleFinding] = field(default_factory=list)
    figures: list[FigureFinding] = field(default_factory=list)
    cues: list[TriggerEntry] = field(default_factory=list)
    shared_figures: set[int] = field(default_factory=set)  # starts of figures counting several events
    possessed: bool = False  # "its operations", "their attacks"
    target: Target | None = None  # what the event word says was attacked

    @property
    def has_anchor(self) -> bool:
        return bool(self.dates or self.places)


@dataclass(frozen=True, slots=True)
class SideFrame:
    """A claim of responsibility or an arrest, with what it is about."""

    sentence_index: int
    trigger: Trigger
    dates: tuple[DateFound, ...]
    roles: tuple[RoleFinding, ...]
    figures: tuple[FigureFinding, ...]
    about: Frame | None


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """Everything the finders located in one sentence."""

    index: int
    start: int
    end: int
    tokens: Sequence[Token]
    triggers: Sequence[Trigger]
    cues: Sequence[Trigger]
    dates: Sequence[DateFound]
    places: Sequence[PlaceFound]
    roles: Sequence[RoleFinding]
    figures: Sequence[FigureFinding]


def build_frames(facts: SentenceFacts, lexicon: Lexicon) -> tuple[list[Frame], list[SideFrame]]:
    """The event frames and side frames (claims, arrests) of one sentence."""
    tree = Tree(facts.tokens)
    event_triggers = [
        t
        for t in facts.triggers
        if t.sense in EVENT_SENSES and tells_event(tree, t, lexicon, facts.tokens, facts.roles)
    ]
    side_triggers = [t for t in facts.triggers if t.sense in ("claim", "arrest")]
    frames = [_frame_for(facts, tree, t) for t in event_triggers]
    anchors: list[tuple[Token, Frame | Trigger]] = []
    for frame in frames:
        token = tree.by_index.get(frame.triggers[0].token)
        if token is not None:
            anchors.append((token, frame))
    for trigger in side_triggers:
        token = tree.by_index.get(trigger.token)
        if token is not None:
            anchors.append((token, trigger))
    trigger_tokens = {t.token for t in facts.triggers}
    side_anchor_tokens = [
        t
        for t in facts.tokens
        if t.pos == "VERB"
        and t.lemma.lower() in _SIDE_VERBS
        and t.i not in trigger_tokens
        and not any(child.i in trigger_tokens for child in tree.children.get(t.i, []))
    ]  # "executed a suicide attack" governs the attack: not a side verb
    side_dates: dict[int, list[DateFound]] = {}
    for date in facts.dates:
        # "two days before the attack" dates something else by the attack: never the attack itself
        anchor_of = {id(f) for f in frames if date.relative and any(0 <= t.start - date.end <= 25 for t in f.triggers)}
        # "the funeral after the explosion on 5 January": an event named as a point of reference
        # ("after the explosion") is not what the sentence dates
        anchor_of |= {id(f) for f in frames if _reference_point(tree, f)}
        if _dates_other_noun(tree, date, trigger_tokens):
            continue  # "the 1979 revolution", "a ceremony on 5 January": the date belongs to that noun
        referred = [f for f in frames if date.relative and referred_to(tree, date, [t.token for t in f.triggers])]
        if referred:
            # "It came a day after bombers had killed 43 in Beirut": the event after "after" is
            # the point of reference, a day *before* the one the sentence is about
            for frame in referred:
                frame.dates.append(replace(date, inverted=True))
            continue
        usable = [a for a in anchors if id(a[1]) not in anchor_of]
        target = _nearest(tree, date.start, date.end, usable, extra=side_anchor_tokens)
        if isinstance(target, Frame):
            target.dates.append(date)
        elif isinstance(target, Trigger):
            side_dates.setdefault(id(target), []).append(date)
    subject_places: list[tuple[Frame, PlaceFound]] = []
    for place in facts.places:
        target = _nearest(tree, place.start, place.end, [a for a in anchors if isinstance(a[1], Frame)])
        if isinstance(target, Frame) and _describes_subject(tree, place, target):
            subject_places.append((target, place))
        elif isinstance(target, Frame):
            if _modifies(tree, place, target):
                target.modifier_places.append(place)
            else:
                target.places.append(place)
    for target, place in subject_places:
        # "a resident of Nice drove a lorry into the crowd": with no other place, the attacker's
        # town is the best the sentence gives (a town only: "a man from Tajikistan" is no place)
        if not (target.places or target.modifier_places) and place.place.precision in _TOWN_PRECISIONS:
            target.places.append(place)
    side_roles: dict[int, list[RoleFinding]] = {}
    for role in facts.roles:
        governor = tree.by_index.get(role.verb)
        target = _nearest_token(tree, governor, anchors) if governor is not None else None
        if isinstance(target, Frame):
            target.roles.append(role)
        elif isinstance(target, Trigger):
            side_roles.setdefault(id(target), []).append(role)
    side_figures: dict[int, list[FigureFinding]] = {}
    for figure in facts.figures:
        target = _nearest(tree, figure.start, figure.end, anchors)
        if isinstance(target, Frame):
            target.figures.append(figure)
        elif isinstance(target, Trigger):
            side_figures.setdefault(id(target), []).append(figure)
    for cue in facts.cues:
        target = _nearest(tree, cue.start, cue.end, [a for a in anchors if isinstance(a[1], Frame)])
        if isinstance(target, Frame):
            target.cues.append(cue.entry)
    merged = [copy for frame in _merge_frames(tree, frames) for copy in split_by_place(tree, frame)]
    for frame in merged:
        killing = [t.token for t in frame.triggers if t.sense == "killing"]
        spans = [(t.start, t.end) for t in frame.triggers]
        frame.target = find_target(tree, [t.token for t in frame.triggers], killing, spans)
    sides = []
    for trigger in side_triggers:
        about = _nearest(tree, trigger.start, trigger.end, [(tree.by_index[f.triggers[0].token], f) for f in merged])
        if isinstance(about, Frame) and not about.dates and not about.definite and trigger.sense == "claim":
            # "In June 2017, IS claimed an attack on ...": the date the sentence gives is the attack's
            about.dates.extend(side_dates.get(id(trigger), []))
        sides.append(
            SideFrame(
                facts.index,
                trigger,
                tuple(side_dates.get(id(trigger), [])),
                tuple(side_roles.get(id(trigger), [])),
                tuple(side_figures.get(id(trigger), [])),
                about if isinstance(about, Frame) else None,
            )
        )
    return [f for f in merged if _keep(f)], sides


def _frame_for(facts: SentenceFacts, tree: Tree, trigger: Trigger) -> Frame:
    token = tree.by_index[trigger.token]
    children = tree.children.get(token.i, [])
    definite = token.pos in ("NOUN", "PROPN") and any(
        c.dep in ("det", "poss") and c.text.lower() in _DEFINITE for c in children
    )
    plural = token.tag in ("NNS", "NNPS") and not any(c.text.lower() in _SINGULARISERS for c in children)
    possessed = any(c.dep == "poss" and c.text.lower() in ("its", "their", "his", "her", "our") for c in children)
    return Frame(
        sentence_index=facts.index,
        start=facts.start,
        end=facts.end,
        sentence_start=facts.start,
        sentence_end=facts.end,
        triggers=[trigger],
        sense=trigger.sense or "attack",
        definite=definite,
        plural=plural,
        possessed=possessed,
    )


_TIME_NOUNS = frozenset(
    {
        "morning", "evening", "night", "day", "afternoon", "week", "month", "year", "dawn", "hour", "weekend",
        "time", "midnight", "noon", "dusk", "eve", "beginning", "end", "start", "middle", "weekday", "date",
    }
)  # fmt: skip


def _dates_other_noun(tree: Tree, date: DateFound, triggers: set[int]) -> bool:
    """The date hangs from a noun that is no event word ("the war of 1971", "a funeral on 5 January")."""
    head = tree.span_head(date.start, date.end)
    node = tree.head(head) if head is not None else None
    for _ in range(3):
        if node is None or node.i in triggers or node.pos in ("VERB", "AUX"):
            return False
        if node.pos in ("NOUN", "PROPN") and node.lemma.lower() not in _TIME_NOUNS:
            return True
        node = tree.head(node)
    return False


def _describes_subject(tree: Tree, place: PlaceFound, frame: Frame) -> bool:
    """A place inside a subject's words describes who acts, not where ("a man from Tajikistan
    attacked", "IS-K, a group that operates in Afghanistan, claimed the attack"); a place that
    is itself the subject ("Kerman was rocked by the attack") or inside a passive subject ("a
    ward in Kabul was attacked") is where it happened."""
    head = tree.span_head(place.start, place.end)
    trigger = tree.by_index.get(frame.triggers[0].token)
    if head is None or trigger is None:
        return False
    on_trigger_path = {t.i for t in tree.path_to_root(trigger)}
    path = tree.path_to_root(head)
    for node in path[1:]:
        if node.i in on_trigger_path:
            return False
        if node.dep == "nsubjpass":
            return False  # "a ward in Kabul was attacked": the patient's place is the event's
        if node.dep == "nsubj":
            return node.lemma.lower() not in _PLACE_NOUNS
    return False


_PLACE_NOUNS = frozenset(
    {"city", "town", "village", "province", "capital", "region", "district", "area", "state", "country", "county"}
)


_REFERENCE_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until", "ahead", "prior", "like"})


def _reference_point(tree: Tree, frame: Frame) -> bool:
    """Every trigger of the frame is the object of "after", "since", "following"... (a time reference)."""
    for trigger in frame.triggers:
        token = tree.by_index.get(trigger.token)
        parent = tree.head(token) if token is not None else None
        if token is None or parent is None or token.dep != "pobj":
            return False
        if parent.lemma.lower() not in _REFERENCE_PREPOSITIONS and parent.text.lower() not in _REFERENCE_PREPOSITIONS:
            return False
    return bool(frame.triggers)


def _keep(frame: Frame) -> bool:
    """A plural, anchorless mention ("attacks on mosques") is generic, not an event; so is a plural
    owned by an actor ("its external operations", "their attacks"), whatever date frames it. One
    named by its place ("the Kerman bombings") refers to an event told before, and is kept."""
    if frame.plural and frame.possessed and not frame.figures:
        return False
    return not (frame.plural and not frame.has_anchor and not frame.figures and not frame.modifier_places)


def _nearest(
    tree: Tree,
    start: int,
    end: int,
    anchors: Sequence[tuple[Token, Frame | Trigger]],
    *,
    extra: Sequence[Token] = (),
) -> Frame | Trigger | None:
    head = tree.span_head(start, end)
    if head is None:
        return None
    return _nearest_token(tree, head, anchors, extra=extra)


def _nearest_token(
    tree: Tree,
    head: Token,
    anchors: Sequence[tuple[Token, Frame | Trigger]],
    *,
    extra: Sequence[Token] = (),
) -> Frame | Trigger | None:
    """The anchor closest in the tree (ties: closest in the text); a side verb closer than all wins None."""
    best: tuple[int, int] | None = None
    chosen: Frame | Trigger | None = None
    for token, target in anchors:
        key = (tree.distance(head, token), abs(head.i - token.i))
        if best is None or key < best:
            best, chosen = key, target
    for token in extra:
        if best is not None and tree.distance(head, token) < best[0] and not isinstance(chosen, Trigger):
            if any(a[0].i == token.i for a in anchors):
                continue
            return None
    return chosen


def _modifies(tree: Tree, place: PlaceFound, frame: Frame) -> bool:
    """ "the Kerman attack", "the attack on Kerman": a place that names which event is meant."""
    head = tree.span_head(place.start, place.end)
    trigger = tree.by_index.get(frame.triggers[0].token)
    if head is None or trigger is None or not frame.definite:
        return False
    if head.head == trigger.i and head.dep in ("compound", "amod", "nmod", "npadvmod", "poss"):
        return True
    parent = tree.head(head)
    return parent is not None and parent.head == trigger.i and parent.lemma.lower() in ("on", "in", "at")


def _merge_frames(tree: Tree, frames: list[Frame]) -> list[Frame]:
    """Join frames of one event: anchorless frames join the nearest frame, compatible anchors merge."""
    anchored = [f for f in frames if f.has_anchor or f.modifier_places]
    loose = [f for f in frames if not (f.has_anchor or f.modifier_places)]
    groups: list[Frame] = []
    for frame in anchored:
        same = next((g for g in groups if _compatible(g, frame)), None)
        if same is None:
            groups.append(frame)
        else:
            _absorb(same, frame)
    if not groups:
        if not loose:
            return []
        groups.append(loose.pop(0))
    for frame in loose:
        token = tree.by_index[frame.triggers[0].token]
        nearest = min(groups, key=lambda g: tree.distance(token, tree.by_index[g.triggers[0].token]))
        _absorb(nearest, frame)
    return groups


def _compatible(a: Frame, b: Frame) -> bool:
    if a.definite != b.definite and (a.modifier_places or b.modifier_places):
        return False
    dates_ok = all(dates_compatible(x, y) for x in a.dates for y in b.dates)
    # "the Kerman bombings, a day after the assassination ... in Beirut": the place naming one
    # event and the place of the other keep them apart
    places_a, places_b = (*a.places, *a.modifier_places), (*b.places, *b.modifier_places)
    places_ok = all(places_compatible(x.place, y.place) for x in places_a for y in places_b)
    return dates_ok and places_ok


def _absorb(into: Frame, other: Frame) -> None:
    into.triggers.extend(other.triggers)
    into.dates.extend(other.dates)
    into.places.extend(other.places)
    into.modifier_places.extend(other.modifier_places)
    into.roles.extend(other.roles)
    into.figures.extend(other.figures)
    into.cues.extend(other.cues)
    into.plural = into.plural and other.plural
    into.definite = into.definite and other.definite
    if into.sense in ("reference", "killing") and other.sense not in ("reference", "killing"):
        into.sense = other.sense
    elif into.sense == "battle" and other.sense in ("attack", "strike"):
        into.sense = other.sense  # "during fighting for the city, a gunship struck a hospital": the strike
