"""Extract stage: the dateline and headline of a report, where and when its story is.

Consumes the document text, the places found in it and the facts of the sentences before its
first event word; produces the dateline's places (never an event's place in its own right:
they say where the report was filed) and, for the main account, the place and date those
lines give when its own sentences give none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from rashomon.extract.finish import Provenance, SentenceNotes
from rashomon.extract.frames import SentenceFacts
from rashomon.extract.places import PlaceFound, places_compatible, specificity
from rashomon.extract.when import DateFound
from rashomon.model.records import Account, EventDate, Place, PlacePrecision
from rashomon.model.types.date_find import find_dates

_DATELINE_END = re.compile(r"\s[-–—]\s|:\s|\)\s[-–—]")


def dateline_places(text: str, places: Sequence[PlaceFound]) -> list[PlaceFound]:
    """The places of a dateline ("BANGKOK, Thailand, 17 August 2015: ...", "27 January 2018 - Kabul,
    Afghanistan."): where the reporter files the story, usually where its main event is."""
    offset = 0
    for line in text.splitlines(keepends=True)[:4]:
        head = line[:100]
        end = _DATELINE_END.search(head)
        if end is not None and end.start() <= 80:
            segment = (offset, offset + end.start())
        elif len(line.strip()) <= 80 and find_dates(line):
            segment = (offset, offset + len(line))
        else:
            offset += len(line)
            continue
        inside = [p for p in places if segment[0] <= p.start and p.end <= segment[1]]
        if inside:
            return inside
        offset += len(line)
    return []


def with_dateline(
    account: Account, dateline: PlaceFound, provenance: Provenance, notes: dict[int, SentenceNotes]
) -> Account:
    """The main account takes the dateline's place when it has none, when its own is a vaguer place
    the dateline agrees with, or when its own is only a country other than the dateline's. A
    dateline city in the same country as the account's own city is where the reporter files from
    ("TEHRAN - ... twin bombings in Kerman"), so the account's city stands."""
    own = account.place
    if own is not None:
        if places_compatible(own, dateline.place):
            if specificity(own) >= specificity(dateline.place):
                return account
        elif own.country == dateline.place.country or own.precision is not PlacePrecision.COUNTRY:
            return account
    sentence = next((n for n in notes.values() if n.start <= dateline.start and dateline.end <= n.end), None)
    if sentence is None:
        return account
    return replace(
        account, place=replace(dateline.place, evidence=provenance.evidence(dateline.start, dateline.end, sentence))
    )


class Lead:
    """The dateline and headline before a report's first event word: where and when its story is.

    News reports put the place and date of the main event there ("27 January 2018 - Kabul,
    Afghanistan.", "MOGADISHU, Oct 30 -"); the main account takes them when its own
    sentences give none (date basis "context").
    """

    def __init__(self) -> None:
        self.dates: list[tuple[DateFound, SentenceNotes]] = []
        self.places: list[tuple[PlaceFound, SentenceNotes]] = []

    def add(self, facts: SentenceFacts, notes: SentenceNotes) -> None:
        self.dates.extend((d, notes) for d in facts.dates if d.value is not None and not d.relative)
        self.places.extend((p, notes) for p in facts.places)

    def date(self, provenance: Provenance, published: dt.date | None) -> EventDate | None:
        """The lead's date; when it is the publication date (a dated byline), only as an upper bound."""
        if not self.dates:
            return None
        found, notes = min(self.dates, key=lambda item: item[0].value.end - item[0].value.start if item[0].value else 0)
        value = found.value
        if value is None:
            return None
        evidence = provenance.evidence(found.start, found.end, notes)
        basis = "publication" if published is not None and value.start == value.end == published else "context"
        return EventDate(value.start, value.end, value.precision, found.text, basis, evidence)

    def place(self, provenance: Provenance) -> Place | None:
        if not self.places:
            return None
        found, notes = max(self.places, key=lambda item: specificity(item[0].place))
        return replace(found.place, evidence=provenance.evidence(found.start, found.end, notes))
