"""Resolve stage: analyst merges and splits, keyed so that they survive re-extraction.

Consumes `AnalystDecision`s and the current accounts; produces must-link groups and
cannot-link pairs for the clustering, and the keys that no longer match any account.

Account ids change when a document is extracted again, so a decision names accounts by a
stable key, `"<document_id>@<anchor_start>-<anchor_end>"`: the document and the span of the
account's first mention. After re-extraction a key maps to the current account of the same
document whose mentions overlap that span most (ties: the nearest anchor); a key that
overlaps nothing maps to nothing and is reported, never silently dropped.

- a *merge* lists the keys of every account of the merged events: they must share one event;
- a *split* lists the keys of the accounts moved out, then, each prefixed with `!`, the keys
  of the accounts they were split from: the two sides must not share an event, and each side
  stays together, so a replay gives the two events the analyst saw (a claim of responsibility
  left on one side stays there instead of standing alone).

Decisions apply in the order they were made, so a later merge undoes an earlier split of the
same accounts and vice versa.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rashomon.errors import RashomonError
from rashomon.model.records import Account, AnalystDecision
from rashomon.resolve.views import UnmappedKey


class DecisionError(RashomonError):
    """An analyst decision that cannot be made as asked (too few events, an account not in the event...)."""


MERGE = "merge"
SPLIT = "split"
APART = "!"


def account_key(document_id: str, anchor: tuple[int, int]) -> str:
    """The stable key of an account: its document and the span of its first mention."""
    return f"{document_id}@{anchor[0]}-{anchor[1]}"


def parse_key(key: str) -> tuple[str, int, int] | None:
    """(document id, start, end) of a key, or None when it is not a key."""
    document_id, at, span = key.removeprefix(APART).rpartition("@")
    start, dash, end = span.partition("-")
    if not at or not dash or not start.isdigit() or not end.isdigit():
        return None
    return document_id, int(start), int(end)


@dataclass(frozen=True, slots=True)
class AnchoredAccount:
    """An account's id, document, anchor span and mention spans: what key mapping compares."""

    account_id: str
    document_id: str
    anchor: tuple[int, int]
    spans: tuple[tuple[int, int], ...]

    @property
    def key(self) -> str:
        return account_key(self.document_id, self.anchor)


def anchored(account: Account, anchor: tuple[int, int]) -> AnchoredAccount:
    spans = tuple((m.start, m.end) for m in account.mentions) or (anchor,)
    return AnchoredAccount(account.id, account.document_id, anchor, spans)


class KeyIndex:
    """Maps stable keys to the accounts now in the store."""

    def __init__(self, accounts: Iterable[AnchoredAccount]) -> None:
        self._by_document: dict[str, list[AnchoredAccount]] = defaultdict(list)
        for account in accounts:
            self._by_document[account.document_id].append(account)

    def lookup(self, key: str) -> str | None:
        """The account a key means now: most mention overlap with its span, then the nearest anchor."""
        parsed = parse_key(key)
        if parsed is None:
            return None
        document_id, start, end = parsed
        best: tuple[int, int, str] | None = None
        for account in self._by_document.get(document_id, ()):
            if start == end:
                overlap = 1 if account.anchor == (start, end) else 0
            else:
                overlap = sum(max(0, min(end, b) - max(start, a)) for a, b in account.spans)
            if overlap <= 0:
                continue
            distance = abs(account.anchor[0] - start) + abs(account.anchor[1] - end)
            rank = (-overlap, distance, account.account_id)
            if best is None or rank < best:
                best = rank
        return best[2] if best is not None else None


@dataclass(slots=True)
class Constraints:
    """What the analysts decided, in terms of today's account ids."""

    must: list[frozenset[str]] = field(default_factory=list)  # groups that must share one event
    cannot: set[frozenset[str]] = field(default_factory=set)  # pairs that must not
    decided_by: dict[str, tuple[str, str]] = field(default_factory=dict)  # account id -> (analyst, decision id)
    unmapped: list[UnmappedKey] = field(default_factory=list)
    applied: int = 0

    def forbids(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.cannot


def constraints_from(decisions: Sequence[AnalystDecision], index: KeyIndex) -> Constraints:
    """Replay the decisions in order over today's accounts (see the module docstring)."""
    result = Constraints()
    must: set[frozenset[str]] = set()
    for decision in sorted(decisions, key=lambda d: (d.made_at, d.id)):
        together: list[str] = []
        apart: list[str] = []
        for key in decision.account_keys:
            found = index.lookup(key)
            if found is None:
                result.unmapped.append(UnmappedKey(decision.id, key, "no account of that document overlaps the span"))
                continue
            (apart if key.startswith(APART) else together).append(found)
        together = list(dict.fromkeys(together))
        apart = [account for account in dict.fromkeys(apart) if account not in together]
        if decision.action == SPLIT:
            for a in together:
                for b in apart:
                    must.discard(frozenset((a, b)))
                    result.cannot.add(frozenset((a, b)))
            sides = (together, apart)
        elif decision.action == MERGE:
            sides = (together, [])
        else:
            continue
        for side in sides:
            for position, a in enumerate(side):
                for b in side[position + 1 :]:
                    must.add(frozenset((a, b)))
                    result.cannot.discard(frozenset((a, b)))
        for account in (*together, *apart):
            result.decided_by[account] = (decision.analyst, decision.id)
        if together:
            result.applied += 1
    result.must = _groups(must, result.cannot)
    return result


def _groups(pairs: Iterable[frozenset[str]], cannot: set[frozenset[str]]) -> list[frozenset[str]]:
    """Connected groups of must-link pairs, never joining two groups a cannot-link pair separates."""
    members: dict[str, set[str]] = {}
    for pair in sorted(pairs, key=sorted):
        a, b = sorted(pair)
        group_a = members.get(a, {a})
        group_b = members.get(b, {b})
        if group_a is group_b:
            continue
        if any(frozenset((x, y)) in cannot for x in group_a for y in group_b):
            continue
        joined = group_a | group_b
        for member in joined:
            members[member] = joined
    unique = {id(group): group for group in members.values()}
    return sorted((frozenset(group) for group in unique.values()), key=sorted)


def decision_pairs(constraints: Constraints) -> Mapping[str, frozenset[str]]:
    """Account id -> its must-link group, for accounts an analyst placed."""
    return {account: group for group in constraints.must for account in group}
