"""Extract stage: fold a document's loose references into the accounts they refer to.

Consumes the accounts `finish` made for one document; produces fewer, fuller accounts.
Reports name one event many times ("the Kerman incident", "Iran's response", "the attack")
and the sentence-level gatherer cannot always tell a new event from a reference back. An
account that gives no date of its own is a reference, not an event record:

- it joins the account of the same document whose place it agrees with (same city, or a
  place inside the other's province or country) and whose class it shares (attacks and
  strikes mix, battles stay apart): the nearest one before it, else the main account;
- with no such account it is kept when it names a city or a site, or a country together with
  victims or a state's strike (a dateless but concrete incident); everything vaguer ("attacks
  in Iran", "its operations in Syria") is not an event record and is dropped.

Two accounts that both give a date are one event told twice when the dates overlap ("in
January 2024" and "on 3 January") and the city is the same; the finer date is kept.

What joins keeps its evidence: the figures, perpetrators and mention spans move over unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rashomon.extract.places import places_compatible
from rashomon.model.records import Account, EventKind, FigureKind, PlacePrecision

_OWN_DATE_BASES = frozenset({"explicit", "relative"})
_CONCRETE = frozenset({PlacePrecision.CITY, PlacePrecision.SITE})


def _has_own_date(account: Account) -> bool:
    return account.date is not None and account.date.basis in _OWN_DATE_BASES


def _same_class(a: Account, b: Account) -> bool:
    return (a.kind is EventKind.OTHER) == (b.kind is EventKind.OTHER)


def _agrees(reference: Account, target: Account) -> bool:
    if reference.place is None:
        return True
    if target.place is None:
        # a placeless account told in the same sentence takes the reference's place ("the attack
        # on Mumbai that began on 26 November, when gunmen attacked a station")
        return bool({m.sentence_start for m in reference.mentions} & {m.sentence_start for m in target.mentions})
    return places_compatible(reference.place, target.place)


def _absorb(target: Account, reference: Account) -> Account:
    figures = {(f.kind, f.evidence.start): f for f in target.figures}
    for figure in reference.figures:
        figures.setdefault((figure.kind, figure.evidence.start), figure)
    perpetrators = {(p.name, p.status, p.evidence.start): p for p in target.perpetrators}
    for claim in reference.perpetrators:
        perpetrators.setdefault((claim.name, claim.status, claim.evidence.start), claim)
    mentions = sorted(set(target.mentions) | set(reference.mentions), key=lambda e: (e.start, e.end))
    return replace(
        target,
        figures=tuple(sorted(figures.values(), key=lambda f: f.evidence.start)),
        perpetrators=tuple(sorted(perpetrators.values(), key=lambda p: p.evidence.start)),
        mentions=tuple(mentions),
        attack_type=target.attack_type or reference.attack_type,
        weapon=target.weapon or reference.weapon,
        suicide=target.suicide if target.suicide is not None else reference.suicide,
        place=target.place or reference.place,
    )


def consolidate(accounts: Sequence[Account], main_id: str | None) -> list[Account]:
    """The accounts after references joined what they refer to (see the module docstring)."""
    anchored = [a for a in accounts if _has_own_date(a) or a.id == main_id]
    if not anchored:
        anchored = [a for a in accounts if a.place is not None and a.place.precision in _CONCRETE][:1]
    kept: dict[str, Account] = {a.id: a for a in anchored}
    order = [a.id for a in accounts]
    for account in accounts:
        if account.id in kept:
            continue
        position = order.index(account.id)
        candidates = [
            kept[i] for i in order if i in kept and _same_class(kept[i], account) and _agrees(account, kept[i])
        ]
        if candidates:
            main = next((c for c in candidates if c.id == main_id), None)
            earlier = [c for c in candidates if order.index(c.id) < position]
            # a reference points back to the event just told; the main one when none was
            target = earlier[-1] if earlier else (main or candidates[0])
            kept[target.id] = _absorb(target, account)
            continue
        if _worth_keeping(account):
            kept[account.id] = account
    return _join_repeats([kept[i] for i in order if i in kept])


def _same_event(a: Account, b: Account) -> bool:
    """One report telling one event twice: overlapping dates ("in January 2024", "on 3 January") in one city."""
    if a.date is None or b.date is None or a.place is None or b.place is None or not _same_class(a, b):
        return False
    overlap = a.date.start <= b.date.end and b.date.start <= a.date.end
    same_city = bool(a.place.city) and a.place.city == b.place.city and a.place.country == b.place.country
    return overlap and same_city


def _join_repeats(accounts: list[Account]) -> list[Account]:
    joined: list[Account] = []
    for account in accounts:
        twin = next((i for i, other in enumerate(joined) if _same_event(other, account)), None)
        if twin is None:
            joined.append(account)
            continue
        first = joined[twin]
        merged = _absorb(first, account)
        if account.date is not None and first.date is not None:
            finer = (
                account.date
                if (account.date.end - account.date.start) < (first.date.end - first.date.start)
                else first.date
            )
            merged = replace(merged, date=finer)
        joined[twin] = merged
    return joined


def _worth_keeping(account: Account) -> bool:
    """A reference that joined nothing is kept when it says where (or what happened) concretely."""
    if account.place is None:
        return False
    if account.place.precision in _CONCRETE:
        return True
    # only a country: worth an event record when it counts victims or is a state's strike (a group
    # or a method alone is how analyses speak of a group's activity in a country, not of one event)
    if account.kind is EventKind.STRIKE and account.perpetrators:
        return True  # "Pakistan struck back inside Iran": a state's strike on a country is one act
    return any(f.kind in (FigureKind.KILLED, FigureKind.INJURED) for f in account.figures)
