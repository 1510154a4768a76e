"""Extract stage: whether a span of a document is a place mention, judged by the words around it.

Consumes one document's tokens, sentences and NER spans, and a span the finder (`geocode.py`)
proposes; produces a `Mention` with its gazetteer candidates and cues, or nothing. Words of a
person's name (next to a PERSON span or after a title) and place words inside a longer proper
name ("Balochistan Liberation Army", "Stade de France") are no mentions; a name that is also a
common word needs a locative cue; in headlines, where every word is capitalised, only a
sizeable place or one after a cue counts. The word lists of `places_extra.yaml` (`text:`) say
which words are never places alone, which need a locative cue (or a list of places: "Niger,
Chad and Cameroon"), which are cues, titles, name particles and site words. A GPE or LOC span
the index lacks may match a close spelling in the countries the document names.

`SpanJudge` holds the per-document token state and these tests; the finder extends it with
the scanning, and `geocode_towns` uses its token predicates too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rashomon.analyse.analysis import Analysis, Token
from rashomon.extract.gazetteer_names import ADMIN_SUFFIXES, CITY_SUFFIXES, DISTRICT_SUFFIXES, fold, split_kind_word
from rashomon.extract.gazetteer_records import Candidate, NameMatch, PlaceKind
from rashomon.extract.geocode_mentions import ADMIN_KINDS, STRONG_LABELS, Mention

if TYPE_CHECKING:
    from rashomon.extract.geocode import Geocoder

KIND_WORDS = frozenset(w for w in (*ADMIN_SUFFIXES, *DISTRICT_SUFFIXES, *CITY_SUFFIXES) if " " not in w)
_OF_KINDS = {
    **{w: frozenset({PlaceKind.CITY}) for w in CITY_SUFFIXES},
    **{w: ADMIN_KINDS for w in ADMIN_SUFFIXES if " " not in w},
    **{w: frozenset({PlaceKind.DISTRICT}) for w in DISTRICT_SUFFIXES},
}  # "the city of X", "the province of X"
_FUZZY_MIN_LENGTH = 6
_NAMED_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION})


class SpanJudge:
    """One document's token state and the tests that decide whether a span is a place mention."""

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

    # ---- token predicates ------------------------------------------------------------------

    def _cap(self, i: int) -> bool:
        text = self.tokens[i].text
        return text[:1].isupper() and text[:1].isalpha()

    def _particle(self, i: int) -> bool:
        return self.tokens[i].text.lower() in self.geo.particles

    def _tail_word(self, i: int) -> bool:
        """A kind or site word that may end a name ("Kerman province", "Imam Reza shrine")."""
        word = self.tokens[i].text.lower()
        return word in KIND_WORDS or word in self.geo.site_words

    def _attached(self, i: int) -> bool:
        """A hyphen or apostrophe inside a word ("Dasht-e", "Martyrs'"), not a dash between words."""
        if i == 0:
            return False
        token, previous = self.tokens[i], self.tokens[i - 1]
        if token.text not in ("-", "‐", "'", "’") or token.start != previous.end:
            return False
        return token.text in ("'", "’") or (i + 1 < len(self.tokens) and self.tokens[i + 1].start == token.end)

    # ---- longer names around a span --------------------------------------------------------

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
                lo <= beyond < hi and lower_word(self.tokens, k) in self.geo.name_links
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
        if k >= 0 and lower_word(self.tokens, k) == "the":
            k -= 1
        if k < 0 or self.sentence_of[k] != self.sentence_of[i]:
            return False, frozenset()
        word = lower_word(self.tokens, k)
        if word == "of" and k >= 1:
            kinds = _OF_KINDS.get(lower_word(self.tokens, k - 1))
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


def lower_word(tokens: Sequence[Token], i: int) -> str:
    """The text of token i in lower case."""
    return tokens[i].text.lower()


def _significant(candidates: Sequence[Candidate]) -> bool:
    """A name of a country, a province or a sizeable city: worth believing inside a capitalised run."""
    return any(
        c.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION)
        or (c.population >= 100_000 and c.match is not NameMatch.ALTERNATE)
        for c in candidates
    )
