"""Value types: numbers as reports write them ("1,200", "2.5 million", "two hundred and eighty-four").

Consumed by `figure` (casualty figures) and `date` (day numbers, "two days ago"); produces plain
ints and the regular-expression pieces both of them build on, so that a number means the same
thing wherever it is read. Spelled-out numbers are converted by text2num (`text_to_num`); this
module decides which words form one number ("a hundred", "two dozen", "half a dozen") and hands
text2num only sequences it can read. It also holds the two context tests shared by figures and
dates: "is this number an identifier" ("Resolution 2254", "Highway 1") and "does this year-like
number count people" ("2000 people").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from text_to_num import text2num

SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 10**9,
}

_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TENS_WORDS = "twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
_TEEN_WORDS = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_SCALE_WORDS = "hundred|thousand|million|billion"

#: One to ninety-nine in words ("seven", "seventeen", "seventy-seven", "seventy seven").
SMALL_WORD = rf"(?:(?:{_TENS_WORDS})(?:[-\s](?:{_UNIT_WORDS})\b)?|{_TEEN_WORDS}|zero|{_UNIT_WORDS}|ten)\b"

#: A whole number in words: "eighty-four", "a hundred", "two hundred and eighty-four thousand".
#: "and" is only allowed after a scale word, so "killed twenty and injured thirty" stays two numbers.
WORD_NUMBER = (
    rf"(?:{SMALL_WORD}|an?(?=[\s-]+(?:{_SCALE_WORDS}|dozen)\b))"
    rf"(?:[\s-]+(?:{_SCALE_WORDS})\b(?:(?:\s+and)?[\s-]+{SMALL_WORD})?)*"
)

#: A number in digits: "84", "1,200", "1 200" (space, no-break or thin space), "2.5"; then an
#: optional scale word ("2.5 million", "3bn").
DIGIT_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
    rf"(?:\s*(?:{_SCALE_WORDS}|bn)\b)?"
)

#: Any exact number: digits or words, optionally counted in dozens ("two dozen", "a dozen").
NUMBER = rf"(?:half\s+a\s+dozen|a\s+half[\s-]dozen|(?:{DIGIT_NUMBER}|{WORD_NUMBER})(?:[\s-]+dozen\b)?)"

_NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)
_DIGITS_RE = re.compile(r"^(?P<int>[\d,\u00a0\u202f\u2009 ]+)(?:\.(?P<frac>\d+))?\s*(?P<scale>[a-z]+)?$", re.IGNORECASE)
_GROUPED_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)$")
_SPACES_RE = re.compile(r"[\s-]+")


def parse_number(text: str) -> int | None:
    """The integer an exact number phrase denotes, or None when it is not a whole count.

    Decimals need a scale word ("2.5 million"); a bare "2.5" or a number with a leading zero
    ("03", "0900") is not a count. "a dozen" is 12, "half a dozen" 6, "two dozen" 24.
    """
    phrase = _SPACES_RE.sub(" ", text.strip().lower())
    if not phrase or _NUMBER_RE.fullmatch(phrase) is None:
        return None
    if phrase in ("half a dozen", "a half dozen"):
        return 6
    multiplier = 1
    if phrase.endswith(" dozen"):
        multiplier, phrase = 12, phrase.removesuffix(" dozen")
    value = _digits_to_int(phrase) if phrase[0].isdigit() else _words_to_int(phrase)
    return None if value is None else value * multiplier


def _digits_to_int(phrase: str) -> int | None:
    match = _DIGITS_RE.match(phrase)
    if match is None:
        return None
    whole, fraction, scale = match["int"].strip(), match["frac"], match["scale"]
    if _GROUPED_RE.match(whole) is None or (len(whole) > 1 and whole[0] == "0"):
        return None
    if scale is not None and scale not in SCALES:
        return None
    if fraction is not None and scale is None:
        return None
    digits = re.sub(r"\D", "", whole)
    try:
        amount = Decimal(f"{digits}.{fraction}" if fraction else digits) * SCALES.get(scale or "", 1)
    except InvalidOperation:
        return None
    return int(amount) if amount == amount.to_integral_value() else None


@lru_cache(maxsize=4096)
def _words_to_int(phrase: str) -> int | None:
    if phrase in ("a", "an"):  # "a dozen"
        return 1
    if phrase.startswith(("a ", "an ")):  # "a hundred" reads as "one hundred"; text2num rejects "a"
        phrase = "one " + phrase.split(" ", 1)[1]
    try:
        return int(text2num(phrase, "en"))
    except ValueError:
        return None


# --- context shared by figures and dates ----------------------------------------------------

#: Words after which a number names a thing rather than counting ("Resolution 2254", "No. 113",
#: "Highway 1", "Flight 752", "aged 24", "Rs 500"). Matched against the text just before a number.
IDENTIFIER_BEFORE = re.compile(
    r"(?<![\w-])(?:no|nos|number|num|issue|issues|article|art|arts|resolution|res|highway|hwy|route|road|rd|"
    r"chapter|ch|section|sec|page|pages|p|pp|vol|volume|verse|verses|surah|sura|quran|koran|flight|apartment|apt|"
    r"room|building|bldg|block|unit|platform|gate|phase|episode|season|paragraph|para|clause|figure|fig|"
    r"table|exhibit|grade|category|stage|version|model|channel|exit|junction|zone|district|sector|ward|camp|"
    r"checkpoint|terminal|hall|floor|box|lot|plot|track|bay|pier|berth|runway|lane|avenue|ave|street|st|"
    r"tower|level|line|part|act|item|step|class|precinct|regiment|battalion|brigade|squadron|protocol|directive|decree|annex|appendix|"
    r"footnote|schedule|tel|phone|fax|ext|postcode|zip|aged|age|ages|rank|ranked|size|boeing|airbus|"
    r"tupolev|antonov|ilyushin|rs|inr|pkr|usd|eur|gbp|afn|irr|us\$|\$|€|£|¥|₹|#)\.?\s*$",
    re.IGNORECASE,
)

#: Nouns that show a year-like number counts people or things ("2000 people", "1500 troops").
COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:people|persons|civilians|soldiers|troops|fighters|militants|insurgents|rebels|"
    r"police|policemen|officers|children|women|men|families|refugees|migrants|prisoners|detainees|hostages|"
    r"casualties|deaths|dead|bodies|victims|killed|wounded|injured|members|workers|students|residents|"
    r"pilgrims|worshippers|protesters|demonstrators|villagers|suspects|personnel|guards)\b",
    re.IGNORECASE,
)

YEAR_LIKE = re.compile(r"^(?:1[89]\d\d|20\d\d)$")


def is_year_like(digits: str) -> bool:
    """A bare four-digit number from 1800 to 2099: read as a year unless its context counts."""
    return YEAR_LIKE.match(digits) is not None


_YEAR_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|in|of|since|by|until|till|from|during|this|that|its|their|his|her|our|early|late|mid)"
    r"|['’]s|-|\b(?:1[89]\d\d|20\d\d)\s*(?:,|and|or|to|-|–))\s*$",
    re.IGNORECASE,
)


_DAY_OR_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s*$",
    re.IGNORECASE,
)


def year_counts(text: str, start: int, end: int) -> bool:
    """True when a year-like number at `start:end` counts people ("2000 people", "1500 armed men").

    It must be followed by a count noun and not preceded by words that introduce years
    ("the 2014 deaths", "in 2020 soldiers..."): a report writes large counts with a separator.
    """
    if COUNT_NOUN_AFTER.match(text, end) is None:
        return False
    if _DAY_OR_MONTH_BEFORE.search(text, max(0, start - 24), start):
        return False  # "on 3 January 2024 killed 12", "in March 2019 its fighters": the year of a date
    return _YEAR_DETERMINER_BEFORE.search(text, max(0, start - 16), start) is None


def names_an_identifier(text: str, start: int) -> bool:
    """True when the words right before `start` make the number a name ("Article 5", "No. 113")."""
    return IDENTIFIER_BEFORE.search(text, max(0, start - 24), start) is not None
