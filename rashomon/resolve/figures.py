"""Resolve stage: headline figures as views over claims, one documented rule each.

Consumes the claims of one figure attribute of one event (`ClaimView`s); produces a frozen
`Headline(best, low, high, rule, explanation, chosen_claims)`. Nothing here is stored as the
truth: every claim stays in the database, and each rule is a pure function of them, so the
same event can be exported under GTD, ACLED or UCDP conventions and the answer traced back.

Only claims about the event itself count: sub-counts (scope `part`, "12 of them Afghans")
and totals over several events (scope `aggregate`) never make a headline. Claims relayed from
the perpetrator are left out (see `rashomon.resolve.claims`) unless nothing else exists.

Rules (after the codebooks summarised in research/anchors.md sections 0-2):

- `gtd`: the figure of the most recent credible source by publication date; several figures
  of that date: the majority among them, else the lowest; no publication dates at all: the
  majority figure across documents, else the lowest. GTD records one number, so `low`/`high`
  give the range of the other credible figures, which GTD would mention in its notes.
- `acled`: the most conservative (lowest) credible figure; vague words already carry ACLED's
  readings in the quantity ("dozens" = 12). `high` is the highest credible figure, for context.
- `ucdp`: `low` the lowest credible lower bound, `high` the highest credible upper bound (or
  value when the words set no upper bound), `best` the median of the distinct credible values,
  the lower of the two middle values when their number is even, so `best` is always a figure
  some source gave. UCDP's own best estimate is an analyst's judgement; this median is our
  stated operationalisation of it.
- `range`: the lowest and highest value stated, by anyone; no single best figure.

`ucdp` is the default for exports: it is the only rule that keeps the spread of reports
(low/high) beside a central figure, and its median is not moved by one outlying report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from rashomon.errors import ConfigError
from rashomon.model.records import FigureScope
from rashomon.resolve.views import ClaimView, Headline

GTD = "gtd"
ACLED = "acled"
UCDP = "ucdp"
RANGE = "range"
RULES = (GTD, ACLED, UCDP, RANGE)
DEFAULT_RULE = UCDP


def headline_claims(claims: Sequence[ClaimView]) -> list[ClaimView]:
    """Claims that may make a headline: about this event (not a sub-count or a total), with a number."""
    return [c for c in claims if c.number is not None and (c.scope or FigureScope.EVENT.value) == FigureScope.EVENT]


def _credible(claims: Sequence[ClaimView]) -> tuple[list[ClaimView], str]:
    usable = headline_claims(claims)
    credible = [c for c in usable if c.credible]
    if credible or not usable:
        left_out = len(usable) - len(credible)
        note = f" {left_out} figure(s) relayed from the perpetrator left out." if left_out else ""
        return credible, note
    return usable, " Only figures relayed from the perpetrator exist; they are used."


def _value(claim: ClaimView) -> int:
    return claim.number if claim.number is not None else 0


def _cite(claims: Sequence[ClaimView]) -> str:
    by_value: dict[int, list[str]] = defaultdict(list)
    for claim in claims:
        if claim.document_id not in by_value[_value(claim)]:
            by_value[_value(claim)].append(claim.document_id)
    return "; ".join(f"{value} ({', '.join(docs)})" for value, docs in sorted(by_value.items()))


def _empty(rule: str) -> Headline:
    return Headline(None, None, None, rule, "No figure was reported.")


def _majority(claims: Sequence[ClaimView]) -> int | None:
    """The value stated by the most documents, when one value leads alone."""
    documents: dict[int, set[str]] = defaultdict(set)
    for claim in claims:
        documents[_value(claim)].add(claim.document_id)
    ranked = sorted(documents.items(), key=lambda item: -len(item[1]))
    if len(ranked) == 1 or (ranked and len(ranked[0][1]) > len(ranked[1][1])):
        return ranked[0][0]
    return None


def gtd(claims: Sequence[ClaimView]) -> Headline:
    """GTD: the most recent credible source, else the majority, else the lowest (module docstring)."""
    pool, note = _credible(claims)
    if not pool:
        return _empty(GTD)
    values = [_value(c) for c in pool]
    dated = [c for c in pool if c.published is not None]
    if dated:
        latest = max(c.published for c in dated if c.published is not None)
        newest = [c for c in dated if c.published == latest]
        chosen_value = _majority(newest)
        if chosen_value is None:
            chosen_value = min(_value(c) for c in newest)
            why = f"The most recent sources ({latest.isoformat()}) disagree with no majority: the lowest of theirs."
        else:
            why = f"The most recent credible source ({latest.isoformat()})."
    else:
        chosen_value = _majority(pool)
        if chosen_value is None:
            chosen_value = min(values)
            why = "No source has a publication date and no figure has a majority: the lowest."
        else:
            why = "No source has a publication date: the figure most documents give."
    chosen = tuple(c for c in pool if _value(c) == chosen_value)
    others = [c for c in pool if _value(c) != chosen_value]
    if others:
        why += f" Other figures: {_cite(others)}."
    return Headline(chosen_value, min(values), max(values), GTD, why + note, chosen)


def acled(claims: Sequence[ClaimView]) -> Headline:
    """ACLED: the most conservative (lowest) credible figure."""
    pool, note = _credible(claims)
    if not pool:
        return _empty(ACLED)
    values = [_value(c) for c in pool]
    best = min(values)
    chosen = tuple(c for c in pool if _value(c) == best)
    why = "The most conservative (lowest) credible figure."
    if len(set(values)) > 1:
        why += f" Figures reported: {_cite(pool)}."
    return Headline(best, best, max(values), ACLED, why + note, chosen)


def ucdp(claims: Sequence[ClaimView]) -> Headline:
    """UCDP-style low/best/high: lowest lower bound, median of distinct values, highest upper bound."""
    pool, note = _credible(claims)
    if not pool:
        return _empty(UCDP)
    distinct = sorted({_value(c) for c in pool})
    best = distinct[(len(distinct) - 1) // 2]
    low = min(min(c.low if c.low is not None else _value(c), _value(c)) for c in pool)
    high = max(max(c.high if c.high is not None else _value(c), _value(c)) for c in pool)
    low, high = min(low, best), max(high, best)
    chosen = tuple(c for c in pool if _value(c) == best or _value(c) in (distinct[0], distinct[-1]))
    why = (
        f"Best: the median of {len(distinct)} distinct credible figure(s) (the lower middle one when even); "
        f"low: the lowest lower bound; high: the highest upper bound. Figures: {_cite(pool)}."
    )
    return Headline(best, low, high, UCDP, why + note, chosen)


def range_rule(claims: Sequence[ClaimView]) -> Headline:
    """The span of every figure stated about the event, by anyone; no single best."""
    pool = headline_claims(claims)
    if not pool:
        return _empty(RANGE)
    values = [_value(c) for c in pool]
    low, high = min(values), max(values)
    chosen = tuple(c for c in pool if _value(c) in (low, high))
    return Headline(None, low, high, RANGE, f"Lowest and highest figure stated: {_cite(pool)}.", chosen)


RULE_FUNCTIONS: Mapping[str, Callable[[Sequence[ClaimView]], Headline]] = {
    GTD: gtd,
    ACLED: acled,
    UCDP: ucdp,
    RANGE: range_rule,
}


def headline(claims: Sequence[ClaimView], rule: str = DEFAULT_RULE) -> Headline:
    """The headline of one attribute under one rule; an unknown rule raises ConfigError naming the rules."""
    try:
        function = RULE_FUNCTIONS[rule]
    except KeyError:
        raise ConfigError(f"unknown figure rule {rule!r}; choose one of {', '.join(RULES)}") from None
    return function(claims)


def check_rule(rule: str) -> str:
    """The rule name, or ConfigError when there is no such rule."""
    if rule not in RULE_FUNCTIONS:
        raise ConfigError(f"unknown figure rule {rule!r}; choose one of {', '.join(RULES)}")
    return rule


def headlines(claims: Sequence[ClaimView]) -> tuple[Headline, ...]:
    """The headline under every rule, in `RULES` order."""
    return tuple(RULE_FUNCTIONS[rule](claims) for rule in RULES)
