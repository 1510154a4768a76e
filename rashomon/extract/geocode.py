"""Extract stage: the offline geocoder. Every place a document names, located and disambiguated.

Consumes an `Analysis` (tokens, sentences, NER entities) and the gazetteer; produces
`PlaceFound`s in text order whose spans are exact offsets into the analysed text.

Finding mentions: spans the NER labels GPE, LOC or FAC are searched for gazetteer names
(longest first, so "Sistan and Baluchestan province" beats "Sistan"); ORG, NORP and PERSON
spans count only when the whole span is a known place (small models call "Ahvaz" an ORG and
"Kerman" a NORP); then capitalised token n-grams outside any entity are looked up, because
small models miss many places. Actor vocabulary matches, dates and the like are skipped.
Whether one span is a place mention, judged by the words around it (a person's name, a
longer proper name, a locative cue, a headline), is decided in `geocode_spans`; towns the
gazetteer lacks are added by `geocode_towns`. The choice between candidates is made for the
whole document at once in `geocode_context`.

Speed: gazetteer lookups are LRU-cached per name, so a document costs a few milliseconds once
the index is warm; the fuzzy fallback loads one country's curated names on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from rashomon.analyse.analysis import Analysis, Entity
from rashomon.extract.gazetteer import Gazetteer
from rashomon.extract.gazetteer_cache import load_gazetteer
from rashomon.extract.gazetteer_names import CITY_SUFFIXES, fold
from rashomon.extract.gazetteer_records import Candidate
from rashomon.extract.geocode_context import resolve
from rashomon.extract.geocode_mentions import STRONG_LABELS, Mention
from rashomon.extract.geocode_spans import KIND_WORDS, SpanJudge, lower_word
from rashomon.extract.geocode_towns import unknown_towns
from rashomon.extract.places import PlaceFound
from rashomon.model.vocab import load_vocabulary

WEAK_LABELS = frozenset({"ORG", "NORP", "PERSON"})
SKIP_LABELS = frozenset(
    {
        "ACTOR",
        "PERSON",
        "ORG",
        "NORP",
        "DATE",
        "TIME",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
        "PRODUCT",
    }
)  # fmt: skip  (EVENT spans are searched like plain text: "the Kerman bombing")
MAX_TOKENS = 8  # "Beirut-Rafic Hariri International Airport" is six tokens
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_DASHES = frozenset({"-", "–", "—"})


class Geocoder:
    """Finds and geocodes the place mentions of documents. Build once; thread-safe for reading."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, actor_names: Iterable[str] | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        if actor_names is None:
            actor_names = (name for actor in load_vocabulary().actors for name in actor.names)
        # "Nato", "IS", "Hamas": an actor's name is never a town, whatever GeoNames says
        self.actor_keys = frozenset(fold(name) for name in actor_names)
        extras = self.gazetteer.extras
        self.cues = extras.cues
        self.titles = extras.titles
        self.particles = extras.particles
        self.site_words = extras.site_words
        self.not_places = extras.not_places
        self.name_links = extras.name_links
        self.candidates = functools.lru_cache(maxsize=100_000)(self._candidates)

    def _candidates(self, text: str) -> tuple[Candidate, ...]:
        return tuple(self.gazetteer.candidates(text))

    def places(self, analysis: Analysis) -> list[PlaceFound]:
        """Every place mention of the document in text order, each geocoded with the document as context."""
        mentions = _Finder(self, analysis).find()
        places = resolve(mentions, analysis.text)
        return [PlaceFound(m.start, m.end, m.text, p) for m, p in zip(mentions, places, strict=True) if p is not None]

    def is_word_blocked(self, key: str) -> bool:
        """Whether every word of a folded name is one that is never a place alone ("Islamic State")."""
        words = key.split()
        return not words or all(self.gazetteer.never_alone(w) or w in self.particles for w in words)


class _Finder(SpanJudge):
    """Mention finding for one document: entity spans first, then capitalised n-grams."""

    def __init__(self, geocoder: Geocoder, analysis: Analysis) -> None:
        super().__init__(geocoder, analysis)
        self.unmatched: list[Entity] = []  # GPE/LOC spans with no gazetteer name: tried fuzzily at the end

    def find(self) -> list[Mention]:
        for entity in self.analysis.entities:
            if entity.label == "PERSON":
                self.person[entity.token_start : entity.token_end] = b"\x01" * (entity.token_end - entity.token_start)
        self._joined_names()
        for entity in self.analysis.entities:
            if entity.label in STRONG_LABELS:
                before = len(self.found)
                self._scan(*self._whole_words(entity.token_start, entity.token_end), entity.label)
                if len(self.found) == before and entity.label != "FAC":
                    self.unmatched.append(entity)
            elif entity.label in WEAK_LABELS:
                self._whole(entity)
            if entity.label in SKIP_LABELS or entity.label in STRONG_LABELS:
                self._block(entity.token_start, self._date_end(entity) if entity.label == "DATE" else entity.token_end)
        for sentence in self.analysis.sentences:
            self._scan(sentence.token_start, sentence.token_end, "")
        for entity in self.unmatched:
            self._whole(entity, fuzzy=True)
        self.found.sort(key=lambda m: m.start)
        self.found.extend(unknown_towns(self))
        return sorted(self.found, key=lambda m: m.start)

    def _joined_names(self) -> None:
        """ "Sistan and Baluchistan province", "Jammu and Kashmir": one place whose name holds an
        "and", found before the model's entities cut it in two (each half may be another place)."""
        tokens = self.tokens
        for k, token in enumerate(tokens):
            if token.text != "and" or k == 0 or k + 1 >= len(tokens) or not (self._cap(k - 1) and self._cap(k + 1)):
                continue
            if self.sentence_of[k - 1] != self.sentence_of[k + 1]:
                continue
            stop = k + 1
            while stop < len(tokens) and stop - k <= 3 and self._cap(stop):
                stop += 1
            if stop < len(tokens) and lower_word(tokens, stop) in KIND_WORDS:
                stop += 1  # "... province"
            for start in (k - 1, k - 2):
                if start < 0 or not self._cap(start) or self.sentence_of[start] != self.sentence_of[k]:
                    continue
                mention = next(
                    (m for end in range(stop, k + 1, -1) if (m := self._try(start, end, "GPE")) is not None), None
                )
                if mention is not None:
                    self.found.append(mention)
                    self._block(start, stop)
                    break

    def _date_end(self, entity: Entity) -> int:
        """A dateline the model read as one date ("27 January 2018 - Kabul"): the name is no date."""
        for k in range(entity.token_start + 1, entity.token_end - 1):
            name = self.tokens[k + 1].text
            dash = self.tokens[k].text in _DASHES and self._cap(k + 1) and not name.isupper()
            if dash and not self.geo.gazetteer.never_alone(fold(name)):
                return k
        return entity.token_end

    def _whole_words(self, start: int, end: int) -> tuple[int, int]:
        """Widen an entity the model cut inside a hyphenated name ("Mazar" of "Mazar-i-Sharif")."""
        while end + 1 < len(self.tokens) and self._hyphen(end) and not self.blocked[end + 1]:
            end += 2
        while start >= 2 and self._hyphen(start - 1) and not self.blocked[start - 2]:
            start -= 2
        return start, end

    def _hyphen(self, i: int) -> bool:
        return self.tokens[i].text in ("-", "‐") and self._attached(i)

    def _block(self, start: int, end: int) -> None:
        self.blocked[start:end] = b"\x01" * (end - start)

    # ---- scanning --------------------------------------------------------------------------

    def _starts_name(self, i: int, limit: int) -> bool:
        if i > 1 and self._hyphen(i - 1) and self._particle(i - 2):
            return False  # "Adl" of "al-Adl" is no name of its own (but "Iraq" of "Iran-Iraq" is)
        if self._cap(i):
            return True  # "al-Raqqa", "el-Fasher": an article joined by a hyphen
        return self._particle(i) and i + 2 < limit and self.tokens[i + 1].text == "-" and self._cap(i + 2)

    def _run_end(self, i: int, limit: int, label: str) -> int:
        j = i
        while j < limit and j - i < MAX_TOKENS and not (self.blocked[j] and not label):
            token = self.tokens[j]
            if j > i and (
                "\n" in self.text[self.tokens[j - 1].end : token.start] or token.text in _POSSESSIVES - {"'", "’"}
            ):
                break
            if self._tail_word(j) and j > i:
                return j + 1
            if not (self._cap(j) or self._particle(j) or token.text.isdigit() or (j > i and self._attached(j))):
                break
            j += 1
        tail_limit = self.sentence_end[i] if i < len(self.sentence_end) else len(self.tokens)
        if label and j == limit and j < tail_limit and not self.blocked[j] and self._tail_word(j):
            return j + 1  # the entity "Kerman" followed by "province"
        return j

    def _scan(self, start: int, end: int, label: str) -> None:
        i = start
        while i < end:
            if (self.blocked[i] and not label) or not self._starts_name(i, end):
                i += 1
                continue
            stop = self._run_end(i, end, label)
            for j in range(stop, i, -1):
                last = self.tokens[j - 1].text
                if not (self._cap(j - 1) or self._tail_word(j - 1) or last.isdigit()):
                    continue
                if fold(self.text[self.tokens[i].start : self.tokens[j - 1].end]) in self.geo.not_places:
                    self._block(i, j)  # "Latin America" holds no "America"
                    i = j
                    break
                if label and self._in_longer_name(i, j, start, end):
                    continue  # "Bastille Day", "Tudun Biri", "the Line of Control": no "Day", "Biri", "Line"
                mention = self._try(i, j, label)
                if mention is not None:
                    self.found.append(mention)
                    self._block(i, j)
                    i = j
                    break
            else:
                i += 1

    def _whole(self, entity: Entity, *, fuzzy: bool = False) -> None:
        """An ORG, NORP or PERSON span counts only when all of it is a place ("Ahvaz", "Idlib Governorate")."""
        start, end = entity.token_start, entity.token_end
        while start < end and (
            self.tokens[start].text.lower() == "the" or self.tokens[start].text.lower() in self.geo.cues
        ):
            start += 1
        while end > start and self.tokens[end - 1].text in _POSSESSIVES:
            end -= 1
        if start >= end or not self._cap(start):
            return
        if end < len(self.tokens) and self.sentence_of[end] == self.sentence_of[start] and not self.blocked[end]:
            word = lower_word(self.tokens, end)
            if (
                word in KIND_WORDS
                and word not in CITY_SUFFIXES
                and self.geo.candidates(self.text[self.tokens[start].start : self.tokens[end].end])
            ):
                end += 1  # the ORG "Tillabéri" followed by "region"
        mention = self._try(start, end, entity.label, fuzzy=fuzzy)
        if mention is None and entity.label == "ORG":
            heads = [k for k in range(start + 1, end) if self.tokens[k].text in _POSSESSIVES]
            if heads:  # "Iran's Revolutionary Guards"
                mention = self._try(start, heads[0], entity.label)
        if mention is not None:
            self.found.append(mention)
