"""Value type for reported figures: "at least 25", "nearly 100", "dozens", "Eighty-four".

Consumed by `extract` (casualty figures), `resolve` (comparing figures across reports) and
`store`; produces `Quantity` values and, from running text, `QuantityMatch` spans. A figure is a
typed range, never a string: `value` is the single number a report's words point at, `low`/`high`
bound what the words allow (None: no bound), and `qualifier` says which words did it. The parser
lives here (not in `extract`) so that every stage reads figures the same way.

Conventions (the reference for analysts). `value` is always the number as written, or the
conventional reading of a vague word, so that a table of values reads like the reports:

==================================  =========  ========  ========  ============
phrase                              value      low       high      qualifier
==================================  =========  ========  ========  ============
89 / Eighty-four / 1,200 / 2.5 mn   n          n         n         EXACT
a dozen / two dozen / half a dozen  12/24/6    same      same      EXACT
one / a single / a lone             1          1         1         EXACT
no one / nobody / none / not one    0          0         0         EXACT
at least / no fewer than / N or     n          n         None      AT_LEAST
more / N-plus / N+ / a minimum of
more than / over / above / in       n          n+1       None      MORE_THAN
excess of / upwards of
nearly / almost / close to / just   n          n-m       n         NEARLY
under / just shy of / approaching
about / around / approximately /    n          n-m       n+m       ABOUT
some / roughly / an estimated /
circa / ~ / N or so
N-odd / N odd                       n          n         n+m       ABOUT
up to / as many as / at most / no   n          None      n         UP_TO
more than / N or fewer
fewer than / less than / under /    n          None      n-1       FEWER_THAN
below
30 to 40 / 30-40 / between 30 and   30         30        40        RANGE
40 / 30 or 40 / two to three
hundred (200..300)
tens (of)                           10         10        99        VAGUE
dozens (of)                         12         12        99        VAGUE
scores of                           20         20        199       VAGUE
hundreds / thousands / millions     100/1e3/…  same      10x-1     VAGUE
tens / hundreds of thousands        1e4 / 1e5  same      10x-1     VAGUE
several / a few / a couple of /     2 x unit   2 x unit  10x-1     VAGUE
many + dozen/hundred/thousand
==================================  =========  ========  ========  ============

- m, the margin of "nearly" and "about", is a tenth of n rounded up, at least 1.
- "nearly 100" is 100, not 99 or 90: the writer chose the number 100 and the analyst compares
  it with other reports' numbers; "nearly" only says the truth is a little below (low = 90).
- "more than 300" is 300 and "fewer than 10" is 10, for the same reason; the strict bound is in
  low (301) or high (9). So `value` may sit just outside `low..high` for those two.
- A range keeps its lower bound as `value`: the conservative reading, as ACLED and the GTD do
  when sources differ. A scale word on the upper end applies to both ("two to three hundred").
- Vague words follow ACLED's coding of reported fatalities: "tens" 10, "dozens" 12, "hundreds"
  100, and so on: the most conservative number the word allows. "scores" is 20. "several
  dozen", "a few hundred" are two of the unit. The upper bound is one order of magnitude up.
- "a dozen" is an exact number word like "twelve"; "about a dozen" is ABOUT 12.
- "several", "a few", "many" alone are not figures; a decimal without a scale word ("2.5") and a
  number with a leading zero ("07") are not counts.

`find_quantities` finds figures in running text and skips numbers that are not counts: years
and date parts, ordinals, times, percentages, money, ages, distances, weights and durations,
citation markers, identifiers ("No. 113", "Article 5", "F-16", "COVID-19", "G7"), phone
numbers. Counts of people or things ("two suicide bombers") are kept: the extractor decides
what they count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rashomon.model.types.date import MONTH
from rashomon.model.types.numbers import NUMBER, SCALES, is_year_like, names_an_identifier, parse_number, year_counts


class Qualifier(StrEnum):
    EXACT = "exact"  # "89"
    AT_LEAST = "at_least"  # "at least 25", "no fewer than 25"
    MORE_THAN = "more_than"  # "over 40", "more than 300"
    ABOUT = "about"  # "about 30", "around 30", "some 30", "roughly 30"
    NEARLY = "nearly"  # "nearly 100", "almost 100", "close to 100"
    UP_TO = "up_to"  # "up to 50", "as many as 50"
    FEWER_THAN = "fewer_than"  # "fewer than 10", "under 10"
    RANGE = "range"  # "30 to 40", "between 30 and 40"
    VAGUE = "vague"  # "dozens", "scores", "hundreds"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as a report states it: best single value, the bounds the words allow, and why."""

    value: int
    low: int | None
    high: int | None
    qualifier: Qualifier
    text: str

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("a figure cannot be negative")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} above high {self.high}")


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A figure found in text: `text[start:end]` is the whole phrase, qualifier included."""

    start: int
    end: int
    quantity: Quantity


QUALIFIERS: dict[str, Qualifier] = {
    **dict.fromkeys(["at least", "no fewer than", "no less than", "not less than", "not fewer than", "a minimum of",
                     "minimum of", "at a minimum", "at minimum"], Qualifier.AT_LEAST),
    **dict.fromkeys(["more than", "over", "above", "in excess of", "upwards of", "upward of", "well over", "well above",
                     "just over", "just above", "slightly more than", "slightly over", "a little over",
                     "a little more than", "greater than", "exceeding", "well in excess of"], Qualifier.MORE_THAN),
    **dict.fromkeys(["nearly", "almost", "close to", "just under", "just below", "just shy of", "shy of",
                     "just short of", "approaching", "nigh on", "not quite", "slightly under", "slightly fewer than",
                     "slightly less than", "a little under", "very nearly", "just fewer than", "just less than"],
                    Qualifier.NEARLY),
    **dict.fromkeys(["about", "around", "approximately", "approx.", "approx", "some", "roughly", "an estimated",
                     "estimated", "est.", "circa", "ca.", "c.", "~", "≈", "in the region of", "in the order of",
                     "on the order of", "more or less", "give or take", "an approximate", "approximate",
                     "round about", "somewhere around", "somewhere near", "perhaps"], Qualifier.ABOUT),
    **dict.fromkeys(["up to", "as many as", "as much as", "as high as", "a maximum of", "maximum of", "at most",
                     "at the most", "no more than", "not more than", "not exceeding", "at maximum"], Qualifier.UP_TO),
    **dict.fromkeys(["fewer than", "less than", "under", "below"], Qualifier.FEWER_THAN),
}  # fmt: skip
_SUFFIXES: dict[str, Qualifier] = {
    "or more": Qualifier.AT_LEAST, "plus": Qualifier.AT_LEAST, "+": Qualifier.AT_LEAST, "or so": Qualifier.ABOUT,
    "odd": Qualifier.ABOUT, "or fewer": Qualifier.UP_TO, "or less": Qualifier.UP_TO,
}  # fmt: skip
#: Conventional value and order of magnitude of vague words (ACLED: tens 10, dozens 12, hundreds 100).
VAGUE_WORDS: dict[str, tuple[int, int]] = {
    "ten": (10, 10), "dozen": (12, 10), "score": (20, 20), "hundred": (100, 100), "thousand": (1_000, 1_000),
    "million": (1_000_000, 1_000_000),
}  # fmt: skip


def _alternatives(words: list[str]) -> str:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = r"\s+".join(re.escape(w) for w in word.split())
        parts.append(escaped + (r"\b" if word[-1].isalnum() else ""))
    return "|".join(parts)


_VAGUE = (
    r"(?:(?:tens|dozens|scores|hundreds)\s+of\s+(?:thousands|millions)"
    r"|(?:several|a\s+few|a\s+couple\s+of|many)\s+(?:dozen|hundred|thousand|million)s?"
    r"|dozens|hundreds|thousands|millions|(?:tens|scores)(?=\s+of\b|\s*$))\b"
)
_ZERO = r"(?:no[\s-]one|nobody|none|not\s+(?:a\s+single|one))\b"
_ONE = r"a\s+(?:single|lone)\b"
_CORE = rf"(?:{_ZERO}|{_ONE}|{_VAGUE}|{NUMBER}|dozen\b)"
_PATTERN = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_alternatives(list(QUALIFIERS))})\s*)?"
    rf"(?:(?P<between>between)\s+(?P<a>{_CORE})\s+and\s+(?P<b>{_CORE})"
    rf"|(?P<n1>{_CORE})(?:(?P<sep>\s*[-–]\s*|\s+(?:to|or)\s+)(?P<n2>{_CORE}))?)"
    r"(?P<suffix>\s+or\s+(?:more|so|fewer|less)\b|[-\s]odd\b|-plus\b|\s*\+(?![\d+]))?",
    re.IGNORECASE,
)

_UNITS = (
    r"years?|yrs?|months?|weeks?|wks?|days?|nights?|hours?|hrs?|minutes?|mins?|seconds?|secs?|decades?|centur(?:y|ies)|"
    r"km|kms|kilomet(?:re|er)s?|miles?|mi|met(?:re|er)s?|m|cm|mm|centimet(?:re|er)s?|millimet(?:re|er)s?|kg|kgs|"
    r"kilos?|kilograms?|grams?|g|tonnes?|tons?|lbs?|pounds?|litres?|liters?|hectares?|ha|acres?|feet|foot|ft|"
    r"inch(?:es)?|yards?|yds?|sq|square|cubic|degrees?|°|knots?|mph|kph|mw|kw|gw|kwh|calibre|caliber|times|fold|"
    r"points?|storeys?|stories|floors|percent|per\s*cent|pc|percentage|dollars?|usd|euros?|eur|sterling|rials?|"
    r"riyals?|tomans?|rupees?|afghanis?|dinars?|dirhams?|yuan|renminbi|yen|francs?|naira|shillings?|cents?|pence|"
    r"liras?|lira|pesos?|rubles?|roubles?|hryvnias?|birr|cedis?|taka|kyats?|bitcoins?"
)
_AFTER_NOT_COUNT = re.compile(
    rf"(?:\w|['’]s\b|[-–][a-z]|[:/.]\d|\s*[%‰]|(?:\s+of)?[\s-]*(?:{_UNITS})\b|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|"
    r"gmt\b|utc\b|h\b|local\s+time)|\s+(?:another|by\s+one)\b|[\s-]+(?:hundredth|thousandth|millionth)\b)",
    re.IGNORECASE,
)
_BEFORE_NOT_COUNT = re.compile(r"(?:[\w$€£¥₹#@+]|[A-Za-z\d][-/:.–]|\(\d+\)\s*|\bone\s+by\s+)$", re.IGNORECASE)
_DIGITS_BEFORE = re.compile(r"(\d+)[ \u00a0]$")
_DIGITS_AFTER = re.compile(r"[ \u00a0](\d+)")
_MONTH_AFTER = re.compile(rf"(?:\s+of)?\s+{MONTH}", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"{MONTH}\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_DATE_PREP_BEFORE = re.compile(r"\b(?:in|since|until|by|from|during|of)\s+$", re.IGNORECASE)


def _margin(n: int) -> int:
    return max(1, -(-n // 10))


def _core(phrase: str) -> tuple[int, int, int | None, bool] | None:
    """(value, low, high, vague) of one number phrase without qualifiers."""
    words = " ".join(phrase.lower().replace("-", " ").split())
    if re.fullmatch(_ZERO, words) or words == "no one":
        return 0, 0, 0, False
    if re.fullmatch(_ONE, words):
        return 1, 1, 1, False
    if words == "dozen":
        return 12, 12, 12, False
    if re.fullmatch(_VAGUE, words):
        parts = words.split()
        unit, magnitude = VAGUE_WORDS[parts[-1].rstrip("s")]
        if parts[0] in ("tens", "dozens", "scores", "hundreds") and len(parts) == 3:  # "tens of thousands"
            first, first_magnitude = VAGUE_WORDS[parts[0].rstrip("s")]
            return first * unit, first * unit, 10 * first_magnitude * unit - 1, True
        count = 2 if len(parts) > 1 else 1  # "several hundred", "a few dozen": two of the unit
        return count * unit, count * unit, 10 * magnitude - 1, True
    value = parse_number(phrase)
    return None if value is None else (value, value, value, False)


def _quantity(match: re.Match[str], text: str) -> Quantity | None:
    qualifier = QUALIFIERS.get(" ".join((match["qual"] or "").lower().split()))
    first, second = (match["a"], match["b"]) if match["between"] else (match["n1"], match["n2"])
    lo = _core(first)
    if lo is None:
        return None
    if second is not None:
        hi = _core(second)
        if hi is None:
            return None
        low, high = lo[1], hi[2] if hi[2] is not None else hi[0]
        second_words = second.lower().replace("-", " ").split()
        last_word = second_words[-1]
        if (
            len(second_words) == 2  # "three hundred", not "twelve thousand five hundred"
            and last_word in SCALES
            and not any(w in SCALES for w in first.lower().split())
            and low * SCALES[last_word] <= high
        ):
            low *= SCALES[last_word]  # "two to three hundred": the scale word counts for both ends
        low, high = min(low, high), max(low, high)
        return Quantity(low, low, high, Qualifier.RANGE, text)
    n, _, _, vague = lo
    suffix = " ".join((match["suffix"] or "").lower().replace("-", " ").split())
    if qualifier is None and suffix:
        qualifier = _SUFFIXES[suffix]
        if suffix == "odd":
            return Quantity(n, n, n + _margin(n), qualifier, text)
    if qualifier is None:
        return Quantity(n, lo[1], lo[2], Qualifier.VAGUE if vague else Qualifier.EXACT, text)
    m = _margin(n)
    bounds: dict[Qualifier, tuple[int | None, int | None]] = {
        Qualifier.AT_LEAST: (n, None),
        Qualifier.MORE_THAN: (n + 1, None),
        Qualifier.NEARLY: (max(0, n - m), n),
        Qualifier.ABOUT: (max(0, n - m), n + m),
        Qualifier.UP_TO: (None, n),
        Qualifier.FEWER_THAN: (None, max(0, n - 1)),
    }
    low_bound, high_bound = bounds[qualifier]
    return Quantity(n, low_bound, high_bound, qualifier, text)


def parse_quantity(text: str) -> Quantity | None:
    """Read one number phrase ("at least 25", "over a hundred", "dozens", "30 to 40"), or None
    when it is not a count. `Quantity.text` is `text` exactly as given."""
    phrase = text.strip()
    match = _PATTERN.fullmatch(phrase.removesuffix(" of") if phrase.endswith(("s of", "S OF")) else phrase)
    return None if match is None else _quantity(match, text)


def _number_parts(match: re.Match[str]) -> list[str]:
    return [p for p in (match["a"], match["b"], match["n1"], match["n2"]) if p is not None]


def _not_a_count(text: str, match: re.Match[str]) -> bool:
    """True when the words around the match show it is not a count (see the module docstring)."""
    start, end = match.start(), match.end()
    core_start = match.start("between") if match["between"] else match.start("n1")
    core_end = match.end("b") if match["between"] else match.end("n2") if match["n2"] else match.end("n1")
    window = text[max(0, start - 24) : start]
    if _BEFORE_NOT_COUNT.search(window) or _AFTER_NOT_COUNT.match(text, end):
        return True
    if start > 0 and end < len(text) and text[start - 1] in "[(" and text[end] in "])":
        return True  # citation markers and bracketed labels: "[24]", "(3)"
    if (before := _DIGITS_BEFORE.search(window)) and not is_year_like(before[1]):
        return True  # "+98 21 1234 5678": groups of a phone number
    if (after := _DIGITS_AFTER.match(text, end)) and not is_year_like(after[1]):
        return True
    if not match["qual"] and names_an_identifier(text, start):
        return True
    parts = _number_parts(match)
    values = [parse_number(p) for p in parts]
    if (values[-1] or 99) <= 31 and _MONTH_AFTER.match(text, core_end):
        return True  # "3 January", "3 to 5 January"
    if not match["qual"] and (values[0] or 99) <= 31 and _MONTH_BEFORE.search(window):
        return True  # "January 3"
    if match["sep"] and "-" in match["sep"] and len(parts[0]) == 3 and len(parts[-1]) == 4 and parts[-1].isdigit():
        return True  # "555-1234"
    for part in parts:
        if is_year_like(part):
            counted = bool(match["qual"]) and not _DATE_PREP_BEFORE.search(window)
            if not (counted or year_counts(text, core_start, core_end)):
                return True
    return False


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every figure in `text`, in order, with offsets covering the qualifier ("at least 25")."""
    found: list[QuantityMatch] = []
    for match in _PATTERN.finditer(text):
        if _not_a_count(text, match):
            continue
        start, end = match.start(), match.end()
        if match["n2"] and match["sep"].strip().lower() == "to" and _FROM_BEFORE.search(text, max(0, start - 8), start):
            for part in ("n1", "n2"):  # "rose from 30 to 40": two figures, not a range
                quantity = parse_quantity(text[match.start(part) : match.end(part)])
                if quantity is not None:
                    found.append(QuantityMatch(match.start(part), match.end(part), quantity))
            continue
        quantity = _quantity(match, text[start:end])
        if quantity is not None:
            found.append(QuantityMatch(start, end, quantity))
    return found
