"""Extract stage: decide which numbers in a sentence are casualty figures, and of what.

Consumes a sentence's tokens and the number phrases `find_quantities` found in it; produces
`FigureFinding`s: the quantity, what it counts (killed, injured, casualties, kidnapped,
arrested), whether it counts attackers, and its scope (the event's toll, a part of another
figure, or a total over several events).

Two readings are tried in order. The parse: the number's noun and that noun's governor
("89 people ... were killed", "killed 22 people", "the deaths of 56 people", "the toll rose
to 103"). Then a window: a casualty verb just before the number ("killing 94", "injuring
over 40 more") or a casualty word just after it ("over a hundred fatalities", "284
individuals were injured"). A number that is neither is not a figure (attackers, missiles,
claims, years).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.analyse.analysis import Token
from rashomon.extract.lexicon import Lexicon
from rashomon.model.records import FigureKind, FigureScope
from rashomon.model.types.figure import Quantity

_INCLUDING = ("including", "among them", "among whom", "of whom", "of them", "among the dead", "among the victims")
_TOTALS = ("in total", "altogether", "combined", "in all", "overall", "total of", "cumulative")
_STOP_WORDS = frozenset({";", ":", "(", ")", "—", "–", "but", "while", "whereas", "after", "before", "when"})
# What a number counts when it is not people: events, weapons, vehicles ("nine missiles", "three attacks").
_COUNTED_THINGS = frozenset(
    {
        "attack", "bombing", "strike", "airstrike", "explosion", "blast", "incident", "operation", "raid", "assault",
        "shooting", "ambush", "bomb", "missile", "rocket", "drone", "vehicle", "car", "truck", "shell", "mortar",
        "round", "grenade", "device", "plot", "suicide", "claim", "day", "week", "month", "year", "hour", "minute",
    }
)  # fmt: skip
_TOLL_VERBS = frozenset(
    {"rise", "climb", "reach", "stand", "increase", "jump", "hit", "put", "raise", "revise", "lower"}
)
_KIND_BY_NAME = {
    "killed": FigureKind.KILLED,
    "injured": FigureKind.INJURED,
    "casualties": FigureKind.CASUALTIES,
    "kidnapped": FigureKind.KIDNAPPED,
    "arrested": FigureKind.ARRESTED,
}


@dataclass(frozen=True, slots=True)
class QuantitySpan:
    """A number phrase in the document: offsets and the parsed quantity."""

    start: int
    end: int
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class FigureFinding:
    start: int
    end: int
    quantity: Quantity
    kind: FigureKind
    scope: FigureScope
    counts_attackers: bool


def _lower(token: Token) -> tuple[str, str]:
    return token.lemma.lower(), token.text.lower()


class FigureReader:
    """Classifies the number phrases of one sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.verb_kind: dict[str, str] = {}
        self.noun_kind: dict[str, str] = {}
        for name, words in lexicon.casualties.items():
            for word in words.verbs | words.adjectives:
                self.verb_kind.setdefault(word.split()[0], name)
            for word in words.nouns:
                self.noun_kind.setdefault(word.split()[-1], name)

    def read(self, tokens: Sequence[Token], spans: Sequence[QuantitySpan], text: str) -> list[FigureFinding]:
        """Every casualty figure among `spans`, the number phrases of the sentence `tokens` cover."""
        findings = []
        sentence_start = tokens[0].start if tokens else 0
        lowered = text.lower()
        for index, span in enumerate(spans):
            span_tokens = [t for t in tokens if t.start >= span.start and t.end <= span.end] or [
                t for t in tokens if t.start < span.end and t.end > span.start
            ]
            if not span_tokens:
                continue
            if self._counts_events(tokens, span_tokens):
                continue
            kind = (
                self._by_parse(tokens, span_tokens)
                or self._by_window(tokens, span_tokens, spans, index)
                or self._by_clause(tokens, span_tokens)
            )
            if kind is None:
                continue
            figure_kind = _KIND_BY_NAME[kind]
            attackers = self._counts_attackers(tokens, span_tokens)
            if attackers and figure_kind is FigureKind.KILLED:
                figure_kind = FigureKind.ATTACKERS_KILLED
            scope = self._scope(lowered, span.start - sentence_start, spans, index, sentence_start)
            findings.append(FigureFinding(span.start, span.end, span.quantity, figure_kind, scope, attackers))
        return findings

    # readings --------------------------------------------------------------------------------

    def _by_parse(self, tokens: Sequence[Token], span_tokens: list[Token]) -> str | None:
        by_index = {t.i: t for t in tokens}
        number = span_tokens[-1]
        noun = by_index.get(number.head, number) if number.dep in ("nummod", "quantmod", "compound") else number
        lemma, lower = _lower(noun)
        if noun is not number and (lemma in self.noun_kind or lower in self.noun_kind):
            return self.noun_kind.get(lemma) or self.noun_kind.get(lower)
        governor = by_index.get(noun.head)
        if governor is None or governor.i == noun.i:
            return None
        g_lemma, g_lower = _lower(governor)
        if g_lemma == "leave":  # "left 20 dead", "left more than 300 wounded": the word after the number says
            after = self._word_after(tokens, number)
            if after is not None:
                return after
        if noun.dep in ("nsubjpass", "nsubj", "dobj", "attr") and governor.pos in ("VERB", "AUX", "ADJ"):
            kind = self.verb_kind.get(g_lemma) or self.verb_kind.get(g_lower)
            if kind and not (
                noun.dep == "nsubj"
                and kind in ("killed", "injured", "kidnapped", "arrested")
                and governor.pos == "VERB"
                and _is_active_transitive(tokens, governor)
            ):
                return kind
        if noun.dep == "pobj" and g_lemma == "of":
            owner = by_index.get(governor.head)
            if owner is not None:
                o_lemma, o_lower = _lower(owner)
                if owner.pos == "NOUN":
                    return self.noun_kind.get(o_lemma) or self.noun_kind.get(o_lower)
        if noun.dep == "pobj" and g_lemma in ("to", "at"):
            verb = by_index.get(governor.head)
            if verb is not None and (_lower(verb)[0] in _TOLL_VERBS or _lower(verb)[0] == "toll"):
                subject = next((t for t in tokens if t.head == verb.i and t.dep in ("nsubj", "dobj")), None)
                if subject is not None and _lower(subject)[0] in ("toll", "tally", "number", "count"):
                    return "killed" if not _mentions_injured(tokens, subject) else "injured"
        return None

    def _by_window(
        self, tokens: Sequence[Token], span_tokens: list[Token], spans: Sequence[QuantitySpan], index: int
    ) -> str | None:
        first, last = span_tokens[0], span_tokens[-1]
        position = {t.i: k for k, t in enumerate(tokens)}
        k_first, k_last = position[first.i], position[last.i]
        left = tokens[max(0, k_first - 4) : k_first]
        kill_left = [self.verb_kind.get(_lower(t)[0]) for t in left if t.pos in ("VERB", "NOUN", "ADJ")]
        kill_left = [k for k in kill_left if k]
        if "killed" in kill_left and "injured" in kill_left:
            return "casualties"
        if left:
            near = left[-1] if left[-1].pos not in ("DET", "ADP") else (left[-2] if len(left) > 1 else left[-1])
            kind = self.verb_kind.get(_lower(near)[0]) if near.pos in ("VERB",) else None
            if kind is None and _lower(near)[0] == "of" and len(left) > 1:
                kind = self.noun_kind.get(_lower(left[-2])[0])
            if kind is None and _lower(near)[0] in ("to", "at") and any(_lower(t)[0] == "toll" for t in left):
                kind = "killed"
            if kind is None and _lower(left[-1])[0] in ("to", "at"):
                kind = self._risen_count(tokens, position[left[-1].i])
            if kind:
                return kind
        next_start = spans[index + 1].start if index + 1 < len(spans) else None
        for token in tokens[k_last + 1 : k_last + 7]:
            if next_start is not None and token.start >= next_start:
                break
            lemma, lower = _lower(token)
            if lower in _STOP_WORDS or token.text in _STOP_WORDS:
                break
            kind = self.noun_kind.get(lemma) or self.noun_kind.get(lower)
            if kind and token.pos in ("NOUN", "ADJ", "VERB", "PROPN"):
                return kind
            kind = self.verb_kind.get(lemma) or self.verb_kind.get(lower)
            if kind and token.pos in ("VERB", "ADJ", "AUX"):
                return kind
            if token.pos == "VERB" and lemma not in ("be", "have", "get", "leave", "remain"):
                break
        return None

    def _word_after(self, tokens: Sequence[Token], number: Token) -> str | None:
        position = {t.i: k for k, t in enumerate(tokens)}
        for token in tokens[position[number.i] + 1 : position[number.i] + 3]:
            lemma, lower = _lower(token)
            kind = self.noun_kind.get(lower) or self.noun_kind.get(lemma) or self.verb_kind.get(lower)
            if kind is not None:
                return kind
        return None

    def _counts_events(self, tokens: Sequence[Token], span_tokens: list[Token]) -> bool:
        """ "three attacks were claimed", "nine missiles": a number of events or weapons, not of people."""
        position = {t.i: k for k, t in enumerate(tokens)}
        k = position[span_tokens[-1].i]
        following = tokens[k + 1 : k + 3]
        nouns = [t for t in following if t.pos in ("NOUN", "PROPN")][:1]
        return bool(nouns) and _lower(nouns[0])[0] in _COUNTED_THINGS

    def _by_clause(self, tokens: Sequence[Token], span_tokens: list[Token]) -> str | None:
        """ "89 people, including 77 Iranians and 12 Afghans, were killed": a count of people whose
        verb comes after an aside the parser misread; the clause's passive casualty verb decides."""
        position = {t.i: k for k, t in enumerate(tokens)}
        k = position[span_tokens[-1].i]
        if k + 1 >= len(tokens):
            return None
        noun = tokens[k + 1]
        people = _lower(noun)[0] in self.lexicon.person_nouns or noun.tag == "NNPS"
        if not people:
            return None
        for token in tokens[k + 2 : k + 25]:
            if token.text in (";", ".", ":", "?", "!"):
                return None
            lemma, lower = _lower(token)
            kind = self.verb_kind.get(lemma) or self.verb_kind.get(lower)
            if (
                token.pos == "VERB"
                and kind
                and token.tag in ("VBN", "VBD")
                and not _is_active_transitive(tokens, token)
            ):
                return kind
        return None

    def _risen_count(self, tokens: Sequence[Token], k_to: int) -> str | None:
        """ "The number of people killed in the attacks has risen to 290": what the risen count counts."""
        verbs = [t for t in tokens[max(0, k_to - 2) : k_to] if _lower(t)[0] in _TOLL_VERBS]
        if not verbs:
            return None
        before = tokens[max(0, k_to - 25) : k_to]
        counters = [k for k, t in enumerate(before) if _lower(t)[0] in ("number", "toll", "tally", "count", "figure")]
        if not counters:
            return None
        for token in before[counters[0] + 1 :]:
            lemma, lower = _lower(token)
            kind = self.noun_kind.get(lemma) or self.noun_kind.get(lower) or self.verb_kind.get(lower)
            if kind in ("killed", "injured"):
                return kind
        return "killed" if _lower(before[counters[0]])[0] == "toll" else None

    def _counts_attackers(self, tokens: Sequence[Token], span_tokens: list[Token]) -> bool:
        """ "three gunmen were killed", "three of the attackers" count attackers, not victims."""
        position = {t.i: k for k, t in enumerate(tokens)}
        k = position[span_tokens[-1].i]
        for token in tokens[k + 1 : k + 5]:
            lemma, lower = _lower(token)
            if lemma in self.lexicon.attacker_nouns or lower in self.lexicon.attacker_nouns:
                return True
            if token.pos == "NOUN" and lemma not in ("other",):
                return False
        return False

    def _new_clause(self, words: str) -> bool:
        """A casualty verb after the marker starts a figure of its own: "killing 22 people, many of
        them children, and injuring more than 100" (100 is no part of the 22)."""
        for word in re.findall(r"[a-z]+", words)[1:]:
            stem = word[:-3] if word.endswith("ing") else word[:-2] if word.endswith("ed") else word
            if {word, stem, stem + "e"} & self.verb_kind.keys():  # killing, injuring, wounded
                return True
        return False

    def _scope(
        self, lowered: str, offset: int, spans: Sequence[QuantitySpan], index: int, sentence_start: int
    ) -> FigureScope:
        before = lowered[max(0, offset - 60) : offset]
        for marker in _INCLUDING:
            at = before.rfind(marker)
            if at >= 0 and not any(c in before[at:] for c in ".;)") and index > 0 and not self._new_clause(before[at:]):
                # a total stated before the marker: "89 people, including 77 Iranians and 12 Afghans"
                marker_at = offset - len(before) + at
                if any(span.end - sentence_start <= marker_at for span in spans[:index]):
                    return FigureScope.PART
        if any(marker in before[-25:] for marker in _TOTALS):
            return FigureScope.AGGREGATE
        return FigureScope.EVENT


def _is_active_transitive(tokens: Sequence[Token], verb: Token) -> bool:
    """ "Gunmen killed two" is active with an object: the subject is the killer, not the killed."""
    return any(t.head == verb.i and t.dep == "dobj" for t in tokens)


def _mentions_injured(tokens: Sequence[Token], subject: Token) -> bool:
    return any(t.head == subject.i and _lower(t)[0] in ("injury", "injured", "wounded") for t in tokens)
