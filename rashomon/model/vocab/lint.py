"""Model: warnings about vocabulary entries that are legal but likely to cause wrong matches.

Consumes a `ParsedFiles`; produces `Problem`s of severity "warning", shown by
`rashomon vocab check` and never raised by `load_vocabulary`:

- a group, militia, body or outlet with no alias (reports rarely use only the canonical name);
- an unambiguous alias that is a common English word ("Base", "Order", "Resistance"): the
  matcher would fire on ordinary prose, so the alias belongs under `ambiguous_aliases`
  (aliases written in capitals, "US", are exempt: a case-sensitive matcher tells them apart);
- an alias written twice in one entry, exactly (spelling variants that fold alike are wanted:
  a matcher that does not fold still needs "al-Qaeda" and "al Qaeda" both);
- a cue phrase given to two entries of the same list (it cannot decide between them);
- a state security body or outlet with no country, an armed group with none either.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

from rashomon.model.vocab.folding import fold_name
from rashomon.model.vocab.loading import DATA_DIR, Located, ParsedFiles, Problem

COMMON_WORDS_FILE = DATA_DIR / "common_words.txt"
KINDS_WITHOUT_ALIASES_OK = frozenset({"state"})


@cache
def common_words() -> frozenset[str]:
    """Common English words (folded) that must not be unambiguous aliases."""
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold_name(line) for line in lines if line.strip() and not line.startswith("#"))


def _warn(item: Located[Any], message: str) -> Problem:
    return Problem(item.file, item.entry.id, message, severity="warning")


def lint_actors(parsed: ParsedFiles) -> list[Problem]:
    words = common_words()
    problems: list[Problem] = []
    for item in parsed.actors:
        actor = item.entry
        if not actor.aliases and actor.kind not in KINDS_WITHOUT_ALIASES_OK:
            problems.append(_warn(item, "no aliases"))
        if not actor.countries and actor.kind != "international_organisation":
            problems.append(_warn(item, "no countries"))
        unsure = {fold_name(alias) for alias in actor.ambiguous_aliases}
        seen: set[str] = set()
        for alias in (*actor.names, *actor.ambiguous_aliases):
            if alias in seen:
                problems.append(_warn(item, f"alias {alias!r} is written twice"))
            seen.add(alias)
            folded = fold_name(alias)
            if folded in words and folded not in unsure and not alias.isupper():
                problems.append(_warn(item, f"alias {alias!r} is a common English word: list it as ambiguous"))
    return problems


def lint_cues(parsed: ParsedFiles) -> list[Problem]:
    """A cue shared by two entries of one list cannot choose between them."""
    problems: list[Problem] = []
    for section, located in parsed.sections.items():
        owners: dict[str, list[Located[Any]]] = defaultdict(list)
        for item in located:
            for cue in getattr(item.entry, "cues", ()):
                owners[fold_name(cue)].append(item)
        for cue, items in owners.items():
            ids = sorted({item.entry.id for item in items})
            if len(ids) > 1 and section != "event_types":  # event types nest: a parent may share cues
                problems.append(_warn(items[-1], f"cue {cue!r} is shared by {', '.join(ids)} in {section}"))
    return problems


def lint_all(parsed: ParsedFiles) -> list[Problem]:
    return lint_actors(parsed) + lint_cues(parsed)
