"""Extract stage: one analysed document in, its accounts (one per event it speaks of) out.

Consumes an `Analysis` (sentences, tokens, entities from `analyse`) and the document's
publication date; produces `Account`s whose every value carries evidence (document, span,
sentence, extractor and version). The work per sentence:

1. the finders locate triggers and cues (`triggers`), dates (`when`), places (`geocode`),
   actor mentions (`mentions`), number phrases and which of them are casualty figures
   (`figures`), the actors' roles (`perpetrators`), the speaker and hedge (`attribution`);
2. `frames` turns those into event frames and side frames (claims, arrests);
3. `accounts` links each frame to a new or an earlier account of the document; `anaphora`
   gives "the group" of a later sentence the group named last, and `dateline` keeps the
   dateline's place and date for the main account only.

Then `finish` makes each gathered draft an Account, resolving relative dates ("a day
after") against the date of the account in focus when the words were written, else the
nearest explicit date before them, else the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rashomon.analyse.analysis import Analysis, Sentence, Token
from rashomon.extract.accounts import AccountGatherer, Draft
from rashomon.extract.anaphora import give_same_place, last_group, resolve_group_anaphora
from rashomon.extract.attribution import find_hedge, find_speaker
from rashomon.extract.consolidate import consolidate
from rashomon.extract.dateline import Lead, dateline_places, with_dateline
from rashomon.extract.demonym_places import demonym_places
from rashomon.extract.figures import FigureReader, QuantitySpan
from rashomon.extract.finish import Provenance, SentenceNotes, finish, publication_fallback
from rashomon.extract.frames import Frame, SentenceFacts, build_frames
from rashomon.extract.geocode import Geocoder
from rashomon.extract.lexicon import Lexicon, load_lexicon
from rashomon.extract.mentions import MentionFinder, capital_acts
from rashomon.extract.perpetrators import ActorMention, RoleReader
from rashomon.extract.places import PlaceFound, specificity
from rashomon.extract.side_records import relink, side_records
from rashomon.extract.triggers import find_triggers
from rashomon.extract.unnamed_forces import unnamed_state_roles
from rashomon.extract.when import DateFound, in_context_year, inverted_text, sentence_dates
from rashomon.model.records import Account, PlacePrecision
from rashomon.model.types.date import DatePrecision, DateRange
from rashomon.model.types.date_relative import shift
from rashomon.model.types.figure import find_quantities
from rashomon.model.vocab import Vocabulary, load_vocabulary

EXTRACTOR = "rashomon.rules"
EXTRACTOR_VERSION = "1"
CONTEXT_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class _DatedSentence:
    index: int
    dates: tuple[DateFound, ...]


class DocumentExtractor:
    """Turns analysed documents into accounts. Build once; `extract` is called per document."""

    name = EXTRACTOR
    version = EXTRACTOR_VERSION

    def __init__(
        self,
        *,
        lexicon: Lexicon | None = None,
        vocabulary: Vocabulary | None = None,
        geocoder: Geocoder | None = None,
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.vocabulary = vocabulary or load_vocabulary()
        self.geocoder = geocoder or Geocoder()
        self.figures = FigureReader(self.lexicon)
        self.roles = RoleReader(self.lexicon)
        self.mentions = MentionFinder(self.vocabulary, is_capital=self.geocoder.gazetteer.is_capital)

    def extract(self, analysis: Analysis, *, published: dt.date | None = None) -> tuple[Account, ...]:
        """Every account of the document, in text order of their first mention."""
        text = analysis.text
        places_by_sentence: dict[int, list[PlaceFound]] = {}
        found_places = self.geocoder.places(analysis)
        filed_from = dateline_places(text, found_places)
        dateline = max(filed_from, key=lambda p: (specificity(p.place), -p.start)) if filed_from else None
        for place in found_places:
            if place not in filed_from:  # where the story is filed from, not where its events are
                places_by_sentence.setdefault(analysis.sentence_index(place.start), []).append(place)
        gatherer = AccountGatherer()
        notes: dict[int, SentenceNotes] = {}
        dated: list[_DatedSentence] = []
        lead = Lead()
        scene: list[DateFound] = []
        group_in_focus: ActorMention | None = None
        reference = published
        context_dates: list[tuple[int, tuple[DateFound, ...]]] = []
        # inverted date span -> the event it counts from (None: the time of writing)
        reference_points: dict[tuple[int, int], Draft | None] = {}
        for index, sentence in enumerate(analysis.sentences):
            facts, sentence_notes, mentions = self._facts(
                analysis, index, sentence, places_by_sentence.get(index, []), reference
            )
            # a year-less date is read against the full dates of the last few sentences
            recent = [d for i, found in context_dates if index - i <= CONTEXT_SENTENCES for d in found]
            facts = replace(facts, dates=in_context_year(facts.dates, recent, published=published))
            context_dates.append((index, tuple(facts.dates)))
            facts = resolve_group_anaphora(facts, group_in_focus)
            group_in_focus = last_group(mentions, group_in_focus)
            notes[index] = sentence_notes
            explicit = [d for d in facts.dates if d.value is not None and not d.relative]
            if explicit:
                dated.append(_DatedSentence(index, tuple(facts.dates)))
            if published is None:
                reference = _latest(reference, explicit)
            frames, sides = build_frames(facts, self.lexicon)
            give_same_place(frames, facts.tokens, text, gatherer.drafts)
            demonym_places(frames, facts.tokens, facts.places, self.mentions.demonyms, self.geocoder.gazetteer)
            if not gatherer.drafts and not frames:
                lead.add(facts, sentence_notes)
            if frames and scene and not frames[0].dates and not frames[0].definite:
                # "On the afternoon of 14 February, a convoy was travelling ... A bomber drove into it"
                frames[0].dates.extend(scene)
            scene = [d for d in explicit if d.value is not None] if not frames and not sides else []
            attached: set[int] = set()
            by_frame: dict[int, Draft] = {}
            # accounts each frame names place by place, before the frame itself joins one of them
            named = {id(frame): gatherer.drafts_named(frame) for frame in frames}
            focus_before = gatherer.focus
            for frame in frames:
                draft = gatherer.add(frame)
                by_frame[id(frame)] = draft
                attached.update(f.start for f in frame.figures)
            _note_reference_points(frames, by_frame, focus_before, facts.tokens, reference_points)
            for side in sides:
                target = by_frame.get(id(side.about)) if side.about is not None else None
                several = named.get(id(side.about), []) if side.about is not None else []
                if len(several) > 1 and not side.figures:
                    for draft in several:  # "X claimed both the Manchester and the London Bridge attacks"
                        gatherer.add_side(side, draft)
                else:
                    gatherer.add_side(side, target)
                attached.update(f.start for f in side.figures)
            loose = [f for f in facts.figures if f.start not in attached]
            if loose and not frames:
                gatherer.add_loose_figures(index, loose)
            if facts.roles and not frames and not sides:
                gatherer.add_loose_roles(index, list(facts.roles))
        provenance = Provenance(analysis.document_id, self.name, self.version)
        main = gatherer.main()
        main_fallback = lead.date(provenance, published) or publication_fallback(published)
        finished: list[tuple[Account, Draft, _RelativeDates]] = []
        main_account: Account | None = None
        for draft in gatherer.drafts:
            resolver = _RelativeDates(draft, dated, published, reference, reference_points)
            account = finish(
                draft,
                provenance=provenance,
                sentences=notes,
                text=text,
                resolve_relative=resolver,
                fallback_date=main_fallback if draft is main else None,
            )
            if account is not None and draft is main and account.place is None:
                account = replace(account, place=lead.place(provenance))
            if account is not None and draft is main and dateline is not None:
                account = with_dateline(account, dateline, provenance, notes)
            if account is not None:
                finished.append((account, draft, resolver))
                if draft is main:
                    main_account = account
        finished.sort(key=lambda item: _first_mention(item[0]))
        accounts = _unique_ids([account for account, _, _ in finished])
        main_id = next((a.id for a, (b, _, _) in zip(accounts, finished, strict=True) if b is main_account), None)
        # claims of responsibility and arrests, each linked to the account of its event
        records = [
            record
            for account, (_, draft, resolver) in zip(accounts, finished, strict=True)
            for record in side_records(
                account, draft, provenance=provenance, sentences=notes, text=text, resolve_relative=resolver
            )
        ]
        kept = consolidate(accounts, main_id)
        taken = {a.id for a in kept}
        linked = [r for r in relink(records, kept, {a.id: a for a in accounts}) if r.id not in taken]
        return tuple(sorted([*kept, *_unique_ids(linked)], key=_first_mention))

    def _facts(
        self,
        analysis: Analysis,
        index: int,
        sentence: Sentence,
        places: Sequence[PlaceFound],
        reference: dt.date | None,
    ) -> tuple[SentenceFacts, SentenceNotes, list[ActorMention]]:
        text = analysis.text
        tokens = analysis.sentence_tokens(sentence)
        sentence_text = text[sentence.start : sentence.end]
        spans = [
            QuantitySpan(sentence.start + q.start, sentence.start + q.end, q.quantity)
            for q in find_quantities(sentence_text)
        ]
        mentions = self.mentions.sentence_mentions(analysis, sentence, places)
        dates = [
            d for d in sentence_dates(text, sentence.start, sentence.end, reference=reference) if _dates_event(d, text)
        ]
        triggers = find_triggers(tokens, self.lexicon)
        trigger_tokens = {t.token for t in triggers}
        strike_tokens = {t.token for t in triggers if t.sense == "strike"}  # "a US drone strike": the striker
        facts = SentenceFacts(
            index=index,
            start=sentence.start,
            end=sentence.end,
            tokens=tokens,
            triggers=triggers,
            cues=find_triggers(tokens, self.lexicon, cues=True),
            dates=dates,
            places=[
                p
                for p in places
                if not (
                    _acts(tokens, p, trigger_tokens, strike_tokens) or capital_acts(tokens, p, self.mentions.is_capital)
                )
            ],
            roles=[
                *self.roles.read(tokens, mentions),
                *unnamed_state_roles(tokens, triggers, places, mentions),
            ],
            figures=self.figures.read(tokens, spans, sentence_text) if spans else [],
        )
        speaker = find_speaker(tokens, text, self.lexicon)
        notes = SentenceNotes(sentence.start, sentence.end, speaker, find_hedge(sentence_text, self.lexicon))
        return facts, notes, mentions


class _RelativeDates:
    """Resolves a relative date of one draft: "a day after" counts from the event it is relative to.

    The anchor is the nearest explicit date before the words (the event they refer back to),
    else the draft's own explicit date, else the publication date.
    """

    def __init__(
        self,
        draft: Draft,
        dated: Sequence[_DatedSentence],
        published: dt.date | None,
        latest: dt.date | None,
        reference_points: Mapping[tuple[int, int], Draft | None],
    ) -> None:
        self.draft = draft
        self.dated = dated
        self.published = published
        self.latest = latest
        self.reference_points = reference_points

    def __call__(self, found: DateFound) -> DateRange | None:
        if found.inverted:
            # "It came a day after <this event>": counted back from the date of the event "it" is
            # (or, when that account gives no date of its own, from the last date told before)
            key = (found.start, found.end)
            point = self.reference_points.get(key)
            own = [d.value for d in point.dates if d.value is not None and not d.relative] if point else []
            writing = key in self.reference_points and point is None and self.published is not None
            now = DateRange(self.published, self.published, DatePrecision.DAY) if writing and self.published else None
            anchor = own[0] if own else (now or self._anchor(found))
            value = shift(anchor, inverted_text(found.text), reference=self.published) if anchor else None
        else:
            anchor = self._anchor(found)
            if anchor is None:
                return None
            value = shift(anchor, found.text, reference=self.published)
        if value is not None and self.latest is not None and value.start > self.latest:
            return None  # a report does not date its events after itself
        return value

    def _anchor(self, found: DateFound) -> DateRange | None:
        before = [
            d.value
            for item in self.dated
            for d in item.dates
            if d.value is not None and not d.relative and d.end <= found.start
        ]
        if before:
            return before[-1]
        own: list[DateRange] = [d.value for d in self.draft.dates if d.value is not None and not d.relative]
        if own:
            return own[0]
        if self.published is not None:
            return DateRange(self.published, self.published, DatePrecision.DAY)
        return None


_HAPPENING = frozenset({"come", "happen", "occur", "take", "follow", "start", "begin", "unfold", "strike", "hit"})


def _note_reference_points(
    frames: Sequence[Frame],
    by_frame: Mapping[int, Draft],
    focus_before: Draft | None,
    tokens: Sequence[Token],
    points: dict[tuple[int, int], Draft | None],
) -> None:
    """For each inverted date of the sentence, what it counts from: the account another frame of
    the sentence joined ("The Kerman bombings, a day after the assassination ..."); else the
    account in focus when the sentence says that event happened ("It came a day after ..."); else
    the time of writing ("Four years after his assassination, his legacy lives on")."""
    others = [by_frame[id(f)] for f in frames if not any(d.inverted for d in f.dates)]
    root = next((t for t in tokens if t.dep == "ROOT"), None)
    happened = root is not None and (
        root.lemma.lower() in _HAPPENING
        or any(t.head == root.i and t.dep == "nsubj" and t.lemma.lower() in ("it", "this", "that") for t in tokens)
    )
    for frame in frames:
        for found in frame.dates:
            if not found.inverted:
                continue
            point = others[0] if others else (focus_before if happened else None)
            if point is not by_frame[id(frame)]:
                points[(found.start, found.end)] = point


def _latest(reference: dt.date | None, explicit: Sequence[DateFound]) -> dt.date | None:
    """Without a publication date, the latest date given in full so far stands in for it.

    Reports seldom name dates after their own, so "on 3 January" after "on 4 January 2024" is
    read in 2024, whatever older years ("the 1979 revolution") the text also cites; a year-less
    date before any full one (a wire dateline) stays unresolved rather than guessed. Only a date
    to the day stands in: "in 1998" would read "on Thursday" as the last Thursday of 1998.
    """
    days = [
        found.value.end for found in explicit if found.value is not None and found.value.precision is DatePrecision.DAY
    ]
    return max([*days, *([reference] if reference else [])], default=None)


_BOUNDING_RELATIONS = frozenset({"since", "until", "by", "before", "after"})
"""Absolute dates these words introduce bound a period ("since 1979"); they never date the event."""


_BOUND_BEFORE = re.compile(
    r"\b(?:since|until|till|before|after|by|ahead\s+of|prior\s+to)\s+(?:the|its|their|his|her|a)?\s*$", re.I
)


def _dates_event(found: DateFound, text: str) -> bool:
    """False for a date that bounds a period ("since 1979", "since the 1979 revolution")."""
    if found.relative:
        return True
    if found.relation in _BOUNDING_RELATIONS:
        return False
    return not _BOUND_BEFORE.search(text, max(0, found.start - 24), found.start)


def _acts(tokens: Sequence[Token], place: PlaceFound, triggers: set[int], strikes: set[int]) -> bool:
    """A country that is a subject or a possessor acts ("Iran struck", "Iran's response"): an actor, not a place."""
    if place.place.precision is not PlacePrecision.COUNTRY:
        return False
    inside = [t for t in tokens if t.start >= place.start and t.end <= place.end]
    indices = {t.i for t in inside}
    heads = [t for t in inside if t.head not in indices or t.head == t.i]
    if any(t.dep in ("nsubj", "poss") for t in heads):
        return True
    # "a US gunship", "a US drone strike": a country modifying a thing or a strike says whose it is
    by_index = {t.i: t for t in tokens}
    return any(
        t.dep in ("compound", "amod", "nmod")
        and (owner := by_index.get(t.head)) is not None
        and owner.pos in ("NOUN", "PROPN")
        and (owner.i not in triggers or owner.i in strikes)
        for t in heads
    )


def _first_mention(account: Account) -> int:
    return account.mentions[0].start if account.mentions else 0


def _unique_ids(accounts: Sequence[Account]) -> list[Account]:
    """Account ids are `document#offset`; two accounts anchored at one offset get a suffix."""
    seen: dict[str, int] = {}
    unique = []
    for account in accounts:
        count = seen.get(account.id, 0)
        seen[account.id] = count + 1
        unique.append(account if count == 0 else replace(account, id=f"{account.id}.{count}"))
    return unique
