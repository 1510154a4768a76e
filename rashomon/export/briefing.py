"""Export: a briefing for analysts, in Markdown or HTML, for one event (`--event`) or a query.

For each event: what happened (kind, date, place, the figures under the rule asked for and
their spread), what each source says (its figures with speaker and words, its attributions,
its date and place), where the sources disagree, and the linked dataset records, every
statement followed by the number of the source it comes from. Attributions stay attributions:
the briefing writes "X claimed responsibility" or "Police blamed Y", never that Y did it.

The text is built here as plain data (`Brief`) and laid out by the Jinja2 templates in
`templates/` (HTML autoescaped, Markdown escaped by the `md` filter); events are rendered and
written one at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from rashomon.export.common import ExportItem, count_documents, export_items, prepare
from rashomon.export.json_export import ExportSummary
from rashomon.export.wording import (
    attribution_sentences,
    capitalised,
    citation,
    date_text,
    event_claims,
    figure_claim_text,
    figure_headline,
    where_text,
)
from rashomon.resolve.claims import place_text
from rashomon.store import Store

TEMPLATES = Path(__file__).with_name("templates")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")
_CITATION = re.compile(r"\\\[(\d+)\\\]")


@dataclass(frozen=True, slots=True)
class Source:
    number: int
    citation: str
    says: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """One event's briefing as sentences; `[n]` in a sentence cites `sources[n - 1]`."""

    id: str
    title: str
    happened: tuple[str, ...]
    sources: tuple[Source, ...]
    disagreements: tuple[str, ...]
    references: tuple[str, ...]


def markdown_escape(text: object) -> str:
    """Text with Markdown's special characters escaped, except citation marks like [2]."""
    return _CITATION.sub(r"[\1]", _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)))


def _figures_sentence(item: ExportItem, kind: str, rule: str, cite: Callable[[str], str]) -> str | None:
    view = item.view
    claims = event_claims(view, kind)
    if not claims:
        return None
    found = figure_headline(view, kind, rule)
    values = sorted({c.number for c in claims if c.number is not None})
    label = kind.replace("_", " ")
    sources = " ".join(dict.fromkeys(cite(c.document_id) for c in claims))
    spread = f"{values[0]} to {values[-1]}" if len(values) > 1 else (str(values[0]) if values else "no number")
    chosen = f"; the {rule} rule gives {found.best}" if found.best is not None else ""
    return f"Reports put the number {label} at {spread}{chosen} {sources}."


def brief(item: ExportItem, rule: str) -> Brief:
    """The briefing of one event (see the module docstring)."""
    view = item.view
    event = view.event
    numbers = {document.id: n for n, document in enumerate(view.documents, start=1)}

    def cite(document_id: str) -> str:
        return f"[{numbers[document_id]}]" if document_id in numbers else f"[{document_id}]"

    opening = capitalised(event.kind.value.replace("_", " "))
    when = f" on {date_text(view)}" if event.date else " on an unknown date"
    where = f" in {where_text(view)}" if event.place else ""
    kind = f" ({event.attack_type}{', suicide attack' if event.suicide else ''})" if event.attack_type else ""
    happened = [f"{opening}{when}{where}{kind}, reported by {len(view.documents)} source(s)."]
    happened += [s for k in ("killed", "injured") if (s := _figures_sentence(item, k, rule, cite))]
    attributions = attribution_sentences(view)
    happened += [f"{capitalised(text)} {cite(claim.document_id)}." for text, claim in attributions]
    happened += [f"Reports describe the perpetrators as {p.name}." for p in view.perpetrators if p.actor_id is None]
    if not attributions:
        happened.append("No report names who carried it out.")
    sources = []
    for document in view.documents:
        says: list[str] = []
        for account in view.accounts:
            if account.account.document_id != document.id:
                continue
            if account.account.summary:
                says.append(f"Says: “{' '.join(account.account.summary.split())}”")
            if account.account.date is not None:
                says.append(f"Date: {account.account.date.iso()} (“{account.account.date.text}”)")
            if account.account.place is not None:
                says.append(f"Place: {place_text(account.account.place)}")
        for figure in view.figures:
            for claim in figure.claims:
                if claim.document_id == document.id:
                    says.append(f"{capitalised(figure.kind.replace('_', ' '))}: {figure_claim_text(claim)}")
        says += [capitalised(text) for text, claim in attributions if claim.document_id == document.id]
        sources.append(Source(numbers[document.id], citation(document), tuple(dict.fromkeys(says))))
    disagreements = []
    for conflict in view.conflicts:
        claims = "; ".join(
            f"{c.value} ({c.attributed_to or 'no speaker named'}) {cite(c.document_id)}" for c in conflict.claims
        )
        note = f" {capitalised(conflict.conflict.note.rstrip('.'))}." if conflict.conflict.note else ""
        disagreements.append(
            f"{capitalised(conflict.conflict.attribute)}: {claims or ', '.join(conflict.conflict.values)}.{note}"
        )
    references = tuple(
        f"{link.record.dataset.upper()} {link.record.ref_id}: {link.record.summary or 'no summary'} "
        f"(linked by {', '.join(link.features)}; score {link.score:.2f})"
        for link in item.references
    )
    return Brief(event.id, event.title or event.id, tuple(happened), tuple(sources), tuple(disagreements), references)


def _environment(markdown: bool) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]) if not markdown else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_escape
    return environment


def _export(store: Store, out: TextIO, options: dict[str, Any], *, markdown: bool) -> ExportSummary:
    parsed = prepare(store, options)
    rule = parsed.rule()
    template = _environment(markdown).get_template("briefing.md" if markdown else "briefing.html")
    macros: Any = template.module
    scope = "one event" if parsed.event else ("a query" if parsed.filtered else "every event")
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out.write(str(macros.head(scope=scope, rule=rule, generated=generated)))
    events = 0
    actors: set[str] = set()
    for item in export_items(store, parsed, detail=True):
        out.write(str(macros.event(brief=brief(item, rule))))
        actors.update(p.actor_id for p in item.view.perpetrators if p.actor_id)
        events += 1
    out.write(str(macros.foot(events=events)))
    return ExportSummary("markdown" if markdown else "html", count_documents(store, parsed), len(actors), events)


def export_markdown(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write a Markdown briefing of the events asked for; options as `ExportOptions` takes them."""
    return _export(store, out, options, markdown=True)


def export_html(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write an HTML briefing of the events asked for; options as `ExportOptions` takes them."""
    return _export(store, out, options, markdown=False)
