"""Extract stage: the offline geocoder. Every place a document names, located and disambiguated.

Consumes an `Analysis` (tokens, sentences, NER entities) and the gazetteer; produces
`PlaceFound`s in text order whose spans are exact offsets into the analysed text.

Finding mentions: spans the NER labels GPE, LOC or FAC are searched for gazetteer names
(longest first, so "Sistan and Baluchestan province" beats "Sistan"); ORG, NORP and PERSON
spans count only when the whole span is a known place (small models call "Ahvaz" an ORG and
"Kerman" a NORP); then capitalised token n-grams outside any entity are looked up, because
small models miss many places. Actor vocabulary matches, dates and the like are skipped, as
are words of a person's name (next to a PERSON span or after a title) and place words inside
a longer proper name ("Balochistan Liberation Army"). The word lists of `places_extra.yaml`
(`text:`) say which words are never places alone, which need a locative cue (or a list of
places: "Niger, Chad and Cameroon"), which are cues, titles, name particles and site words.
The choice between candidates is made for the whole document at once in `geocode_context`.

Speed: gazetteer lookups are LRU-cached per name, so a document costs a few milliseconds once
the index is warm; the fuzzy fallback loads one country's curated names on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from rashomon.analyse.analysis import Analysis, Entity, Token
from rashomon.extract.gazetteer import (
    ADMIN_SUFFIXES,
    CITY_SUFFIXES,
    DISTRICT_SUFFIXES,
    Candidate,
    Gazetteer,
    NameMatch,
    PlaceKind,
    fold,
    load_gazetteer,
    split_kind_word,
)
from rashomon.extract.geocode_context import ADMIN_KINDS, STRONG_LABELS, Mention, resolve
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
_KIND_WORDS = frozenset(w for w in (*ADMIN_SUFFIXES, *DISTRICT_SUFFIXES, *CITY_SUFFIXES) if " " not in w)
_OF_KINDS = {
    **{w: frozenset({PlaceKind.CITY}) for w in CITY_SUFFIXES},
    **{w: ADMIN_KINDS for w in ADMIN_SUFFIXES if " " not in w},
    **{w: frozenset({PlaceKind.DISTRICT}) for w in DISTRICT_SUFFIXES},
}  # "the city of X", "the province of X"
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_FUZZY_MIN_LENGTH = 6
_DASHES = frozenset({"-", "–", "—"})
_NAMED_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION})


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


class _Finder:
    """Mention finding for one document: entity spans first, then capitalised n-grams."""

    def __init__(self, geocoder: Geocoder, analysis: Analysis) -> None:
        self.geo = geocoder
        self.analysis = analysis
        self.text = analysis.text
        self.tokens = analysis.tokens
        self.blocked = bytearray(len(self.tokens))
        self.person = bytearray(len(self.tokens))  # inside a PERSON span
        self.used = bytearray(len(self.tokens))  # inside a mention already found
        self.sentence_of = [0] * len(self.tokens)
        self.sentence_end = [len(self.tokens)] * len(self.tokens)
        for index, sentence in enumerate(analysis.sentences):
            for i in range(sentence.token_start, min(sentence.token_end, len(self.tokens))):
                self.sentence_of[i] = index
                self.sentence_end[i] = sentence.token_end
        self.lower_words = frozenset(t.text for t in self.tokens if t.text.isalpha() and t.text.islower())
        self.found: list[Mention] = []
        self.headlines: dict[int, bool] = {}
        self.unmatched: list[Entity] = []  # GPE/LOC spans with no gazetteer name: tried fuzzily at the end

    def find(self) -> list[Mention]:
        for entity in self.analysis.entities:
            if entity.label == "PERSON":
                self.person[entity.token_start : entity.token_end] = b"\x01" * (entity.token_end - entity.token_start)
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

    # ---- token predicates ------------------------------------------------------------------

    def _cap(self, i: int) -> bool:
        text = self.tokens[i].text
        return text[:1].isupper() and text[:1].isalpha()

    def _particle(self, i: int) -> bool:
        return self.tokens[i].text.lower() in self.geo.particles

    def _tail_word(self, i: int) -> bool:
        """A kind or site word that may end a name ("Kerman province", "Imam Reza shrine")."""
        word = self.tokens[i].text.lower()
        return word in _KIND_WORDS or word in self.geo.site_words

    def _attached(self, i: int) -> bool:
        """A hyphen or apostrophe inside a word ("Dasht-e", "Martyrs'"), not a dash between words."""
        if i == 0:
            return False
        token, previous = self.tokens[i], self.tokens[i - 1]
        if token.text not in ("-", "‐", "'", "’") or token.start != previous.end:
            return False
        return token.text in ("'", "’") or (i + 1 < len(self.tokens) and self.tokens[i + 1].start == token.end)

    def _starts_name(self, i: int, limit: int) -> bool:
        if i > 1 and self._hyphen(i - 1) and self._particle(i - 2):
            return False  # "Adl" of "al-Adl" is no name of its own (but "Iraq" of "Iran-Iraq" is)
        if self._cap(i):
            return True  # "al-Raqqa", "el-Fasher": an article joined by a hyphen
        return self._particle(i) and i + 2 < limit and self.tokens[i + 1].text == "-" and self._cap(i + 2)

    # ---- scanning --------------------------------------------------------------------------

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

    def _name_word(self, k: int) -> bool:
        """A capitalised word that belongs to a proper name (not "North", "Mosque", "Indian")."""
        word = self.tokens[k].text
        return self._cap(k) and not self.geo.gazetteer.never_alone(fold(word)) and not self._tail_word(k)

    def _joined(self, k: int) -> bool:
        """Tokens k and k + 1 are words of one name: only spaces between them."""
        gap = self.text[self.tokens[k].end : self.tokens[k + 1].start]
        return gap.isspace() and "\n" not in gap

    def _next_to_name(self, i: int, j: int, lo: int, hi: int, *, adjacent: bool = True) -> bool:
        """Whether tokens i..j sit inside a longer proper name between lo and hi: a name word right
        before or after (when `adjacent`), or one beyond a particle ("Stade de France", "the Line of
        Control"); "and" joins two names ("Sistan and Baluchestan" is found whole before this runs)."""

        def linked(k: int, step: int) -> bool:  # a particle at k, then a name word beyond it
            beyond = k + step
            return (
                lo <= beyond < hi and _lower(self.tokens, k) in self.geo.name_links
                and self._joined(min(k, beyond)) and self._name_word(beyond)
            )  # fmt: skip

        k = i - 1
        if k >= lo and self._joined(k) and ((adjacent and self._name_word(k)) or linked(k, -1)):
            return True
        return j < hi and self._joined(j - 1) and ((adjacent and self._name_word(j)) or linked(j, 1))

    def _in_longer_name(self, i: int, j: int, lo: int, hi: int) -> bool:
        """A smaller place inside a longer name the NER found counts only when it is a sizeable place
        that names where the rest is ("London Marathon", "Kabul University"); in headlines, where
        every word is capitalised, the test says nothing."""
        if self._headline(self.sentence_of[i]) or not self._next_to_name(i, j, lo, hi):
            return False
        candidates = self.geo.candidates(self.text[self.tokens[i].start : self.tokens[j - 1].end])
        return not _significant(candidates)

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
            word = _lower(self.tokens, end)
            if (
                word in _KIND_WORDS
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

    # ---- one candidate span ----------------------------------------------------------------

    def _try(self, i: int, j: int, label: str, *, fuzzy: bool = False) -> Mention | None:
        tokens = self.tokens
        if any(self.used[i:j]):
            return None
        text = self.text[tokens[i].start : tokens[j - 1].end]
        candidates = self.geo.candidates(text)
        key = fold(text)
        if not candidates and fuzzy and (self._prefix_cue(i)[0] or split_kind_word(key)[1]):
            candidates = self._fuzzy(text, key)
        if text.isupper() and text.isalpha() and len(text) <= 4:  # "UN", "US", "DRC": no town codes
            candidates = tuple(c for c in candidates if c.kind not in (PlaceKind.CITY, PlaceKind.DISTRICT))
        if key in self.geo.actor_keys or len(key.replace(" ", "")) <= 2:  # "Nato", "Is", "Un": no towns
            candidates = tuple(c for c in candidates if c.kind in _NAMED_KINDS)
        if not candidates:
            return None
        base, kinds = split_kind_word(key)
        if self.geo.is_word_blocked(base):
            return None
        if kinds and PlaceKind.CITY not in kinds:
            allowed = kinds | {PlaceKind.CITY} if PlaceKind.DISTRICT in kinds else kinds
            if not any(c.kind in allowed for c in candidates):
                return None  # "Khorasan Province" is no Turkish town called Horasan
        end = j
        last = tokens[j - 1].text
        if j - i > 1 and last.islower() and last in CITY_SUFFIXES:
            end = j - 1  # "Kerman city's": the name is "Kerman"
        cued, prefix_kinds = self._prefix_cue(i)
        kinds = kinds or prefix_kinds
        cued = cued or bool(kinds)
        needs_cue = self.geo.gazetteer.needs_cue(base) and not cued and label not in ("GPE", "LOC")
        if not self._strong(label) and not self._plausible_alone(i, j, _significant(candidates), cued):
            return None
        span_end = tokens[end - 1].end
        self.used[i:j] = b"\x01" * (j - i)
        return Mention(
            start=tokens[i].start, end=span_end, text=self.text[tokens[i].start : span_end], key=base,
            candidates=candidates, sentence=self.sentence_of[i], kinds=kinds, label=label, cued=cued,
            needs_cue=needs_cue,
        )  # fmt: skip

    @staticmethod
    def _strong(label: str) -> bool:
        return label in STRONG_LABELS

    def _prefix_cue(self, i: int) -> tuple[bool, frozenset[PlaceKind]]:
        """A locative word before the name ("in", "near", "northern"), or "the city of"."""
        k = i - 1
        if k >= 0 and _lower(self.tokens, k) == "the":
            k -= 1
        if k < 0 or self.sentence_of[k] != self.sentence_of[i]:
            return False, frozenset()
        word = _lower(self.tokens, k)
        if word == "of" and k >= 1:
            kinds = _OF_KINDS.get(_lower(self.tokens, k - 1))
            if kinds:
                return True, kinds
        return word in self.geo.cues, frozenset()

    def _plausible_alone(self, i: int, j: int, significant: bool, cued: bool) -> bool:
        """A capitalised n-gram no model tagged as a place: not a title's or a person's name, nor a
        word of a longer proper name ("Hamid Karzai", "Balochistan Liberation Army"). In headlines,
        where every word is capitalised, only a sizeable place or one after a cue counts."""
        tokens = self.tokens
        sentence = self.sentence_of[i]
        headline = self._headline(sentence)
        if headline and not (significant or cued):
            return False
        before, after = i - 1, j
        if before >= 0 and self.sentence_of[before] == sentence and not self.blocked[before]:
            word = fold(tokens[before].text)
            if self.person[before] or word in self.geo.titles:
                return False
            if not headline and self._cap(before) and not self.geo.gazetteer.never_alone(word):
                return False  # "Ali Haji Adan" is a minister, not Aden
        if after < len(tokens) and self.sentence_of[after] == sentence and not self.blocked[after]:
            if self.person[after] and tokens[after].start - tokens[after - 1].end <= 1:
                return False
            word = fold(tokens[after].text)
            longer_name = not headline and self._cap(after) and not self.geo.gazetteer.never_alone(word)
            if longer_name and not (significant and word in self.geo.titles):  # "Kerman Governor", not "Supreme Leader"
                return False
        if not (headline or significant) and self._next_to_name(
            i, j, self.analysis.sentences[sentence].token_start, self.sentence_end[i], adjacent=False
        ):
            return False  # "the Stade de France" is no town called Stade
        single = tokens[i].text
        # "Kill" in a song title while the text also says "kill"
        return cued or not (j - i == 1 and not single.isupper() and single.lower() in self.lower_words)

    def _headline(self, sentence: int) -> bool:
        """Title case: three in four longer words after the first capitalised ("Blast Hits Kabul Mosque")."""
        cached = self.headlines.get(sentence)
        if cached is None and sentence >= len(self.analysis.sentences):
            return False
        if cached is None:
            span = self.analysis.sentences[sentence]
            words = [
                t.text for t in self.tokens[span.token_start : span.token_end] if t.text.isalpha() and len(t.text) > 3
            ]
            rest = words[1:]
            cached = len(rest) >= 3 and sum(w[0].isupper() for w in rest) >= 0.75 * len(rest)
            self.headlines[sentence] = cached
        return cached

    def _fuzzy(self, text: str, key: str) -> tuple[Candidate, ...]:
        """A GPE/LOC the index lacks: a close spelling inside the countries the document names."""
        if len(key.replace(" ", "")) < _FUZZY_MIN_LENGTH or self.geo.is_word_blocked(key):
            return ()
        countries = self._named_countries()
        if not countries:
            return ()
        from rapidfuzz import fuzz

        found = self.geo.gazetteer.fuzzy(text, countries=countries[:2])
        return tuple(c for c in found if fuzz.ratio(key, fold(c.name)) >= 75)

    def _named_countries(self) -> list[str]:
        """Countries the document names, most often first (for the fuzzy fallback)."""
        counts: dict[str, int] = {}
        for mention in self.found:
            if mention.strong and mention.candidates and mention.candidates[0].kind is PlaceKind.COUNTRY:
                code = mention.candidates[0].country or ""
                counts[code] = counts.get(code, 0) + 1
        return sorted(counts, key=lambda c: -counts[c])


def _lower(tokens: Sequence[Token], i: int) -> str:
    return tokens[i].text.lower()


def _significant(candidates: Sequence[Candidate]) -> bool:
    """A name of a country, a province or a sizeable city: worth believing inside a capitalised run."""
    return any(
        c.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION)
        or (c.population >= 100_000 and c.match is not NameMatch.ALTERNATE)
        for c in candidates
    )
