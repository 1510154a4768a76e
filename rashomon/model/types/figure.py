"""Value type for reported figures: "at least 25", "nearly 100", "dozens", "Eighty-four".

A figure is stored as a typed range, never as a string: `value` is the single number a
report's words point at (the number written, or the conventional reading of a vague word),
`low`/`high` bound what the words allow, and `qualifier` says which words did it.
The parser lives here (not in `extract`) so that every stage reads figures the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
