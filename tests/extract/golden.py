"""Golden files: what the extractor says about chosen dev fixture reports, as stable JSON.

Why: a rule change that shifts one figure, offset or perpetrator in a real-sized report should
show up as a readable diff to review, not pass unnoticed. `project` keeps every claim the
extractor makes with the exact text at its span, and leaves out what churns without meaning
(account ids, extractor version, confidence).

Regenerate after an intended change, then review the diff before committing:

    python -m tests.extract.golden --write
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.analyse.pipeline import analyse_texts
from rashomon.extract.document import DocumentExtractor
from rashomon.ingest.base import normalise_text
from rashomon.ingest.dates import find_dateline
from rashomon.model.records import Account, EventDate, Evidence, FigureClaim, PerpetratorClaim, Place
from rashomon.model.vocab import load_vocabulary
from rashomon.settings import DEFAULT_MODEL

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dev"
GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = "python -m tests.extract.golden --write"

#: Varied reports: a rising toll and a claim of responsibility (02), a long review listing many
#: attacks (03), a toll with the attacker among the dead (06), a review with cross-border strikes
#: (11), a hostage siege (16), a massacre claimed in a video (21), a mosque attack with a sub-count
#: of children (26), coordinated suicide bombings with a hedged figure (29), an air strike (33),
#: a revised toll (36).
NAMES: tuple[str, ...] = (
    "dev_02", "dev_03", "dev_06", "dev_11", "dev_16", "dev_21", "dev_26", "dev_29", "dev_33", "dev_36",
)  # fmt: skip

Json = dict[str, Any]


def fixture_names() -> list[str]:
    """Every dev fixture report, by document id (the file stem)."""
    return sorted(path.stem for path in FIXTURES.glob("dev_*.txt"))


def fixture_text(name: str) -> str:
    """The report's text exactly as ingest stores it, so offsets match a real run."""
    return normalise_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


@functools.cache
def _gold_documents() -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = json.loads((FIXTURES / "dev.gold.json").read_text(encoding="utf-8"))[
        "documents"
    ]
    return documents


def published(name: str, text: str) -> dt.date | None:
    """The publication date the corpus states, else the dateline's (as ingest does), else None."""
    stated = _gold_documents().get(name, {}).get("published")
    if stated:
        return dt.date.fromisoformat(stated)
    return find_dateline(text)


def real_publication(name: str) -> dt.date | None:
    """The date the report really came out: stated, or inferred by the corpus authors from the event."""
    entry = _gold_documents().get(name, {})
    stated = entry.get("published") or entry.get("published_inferred")
    return dt.date.fromisoformat(stated) if stated else None


@functools.cache
def _extractor() -> tuple[DocumentExtractor, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    vocabulary = load_vocabulary()
    extractor = DocumentExtractor(vocabulary=vocabulary)
    return extractor, tuple(vocabulary.alias_patterns()), tuple(vocabulary.ambiguous_alias_patterns())


@dataclass(frozen=True, slots=True)
class Run:
    """One text through the analyser and the extractor: what came out, and the sentences it saw."""

    text: str
    published: dt.date | None
    accounts: tuple[Account, ...]
    sentences: tuple[tuple[int, int], ...]


def extract_text(name: str, text: str, when: dt.date | None) -> Run:
    """The accounts of one text through the real analyser and extractor, as the pipeline runs them."""
    extractor, patterns, ambiguous = _extractor()
    analysis = next(analyse_texts([(name, text)], model=DEFAULT_MODEL, patterns=patterns, ambiguous=ambiguous))
    sentences = tuple((s.start, s.end) for s in analysis.sentences)
    return Run(text, when, extractor.extract(analysis, published=when), sentences)


@functools.cache
def extract_fixture(name: str) -> Run:
    """One dev fixture with the publication date ingest would give it (cached: several tests read it)."""
    text = fixture_text(name)
    return extract_text(name, text, published(name, text))


def _span(text: str, evidence: Evidence | None) -> Json | None:
    if evidence is None:
        return None
    return {
        "start": evidence.start,
        "end": evidence.end,
        "text": text[evidence.start : evidence.end],
        "sentence_start": evidence.sentence_start,
        "sentence_end": evidence.sentence_end,
    }


def _date(text: str, date: EventDate | None) -> Json | None:
    if date is None:
        return None
    return {
        "start": date.start.isoformat(),
        "end": date.end.isoformat(),
        "precision": date.precision.value,
        "words": date.text,
        "basis": date.basis,
        "evidence": _span(text, date.evidence),
    }


def _place(text: str, place: Place | None) -> Json | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "site": place.site,
        "city": place.city,
        "admin1": place.admin1,
        "country": place.country,
        "precision": place.precision.value,
        "evidence": _span(text, place.evidence),
    }


def _perpetrator(text: str, claim: PerpetratorClaim) -> Json:
    return {
        "name": claim.name,
        "actor_id": claim.actor_id,
        "status": claim.status.value,
        "speaker": claim.attributed_to,
        "hedge": claim.hedge,
        "evidence": _span(text, claim.evidence),
    }


def _figure(text: str, claim: FigureClaim) -> Json:
    quantity = claim.quantity
    return {
        "kind": claim.kind.value,
        "value": quantity.value,
        "low": quantity.low,
        "high": quantity.high,
        "qualifier": quantity.qualifier.value,
        "scope": claim.scope.value,
        "speaker": claim.attributed_to,
        "hedge": claim.hedge,
        "evidence": _span(text, claim.evidence),
    }


def project(text: str, accounts: Sequence[Account]) -> list[Json]:
    """A JSON-able view of the accounts in extractor order; offsets come with the words they cover."""
    return [
        {
            "kind": account.kind.value,
            "attack_type": account.attack_type,
            "weapon": account.weapon,
            "suicide": account.suicide,
            "date": _date(text, account.date),
            "place": _place(text, account.place),
            "perpetrators": [_perpetrator(text, claim) for claim in account.perpetrators],
            "figures": [_figure(text, claim) for claim in account.figures],
        }
        for account in accounts
    ]


def golden(name: str) -> Json:
    """The golden record of one fixture: its publication date and its accounts."""
    run = extract_fixture(name)
    when = run.published.isoformat() if run.published else None
    return {"document": name, "published": when, "accounts": project(run.text, run.accounts)}


def render(record: Json) -> str:
    """The golden file's text: indented, keys in a fixed order, non-ASCII kept readable."""
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.json"


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or check) the golden files of `NAMES`, or of the names given."""
    parser = argparse.ArgumentParser(prog="python -m tests.extract.golden", description="Write or check golden files.")
    parser.add_argument("names", nargs="*", help=f"fixture ids (default: {' '.join(NAMES)})")
    parser.add_argument("--write", action="store_true", help="rewrite the golden files instead of checking them")
    options = parser.parse_args(argv)
    names = options.names or list(NAMES)
    stale = []
    for name in names:
        expected = render(golden(name))
        path = golden_path(name)
        if options.write:
            GOLDEN.mkdir(exist_ok=True)
            path.write_text(expected, encoding="utf-8")
            print(f"wrote {path}")
        elif not path.exists() or path.read_text(encoding="utf-8") != expected:
            stale.append(name)
    if stale:
        print(f"out of date: {' '.join(stale)}; run {REGENERATE}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
