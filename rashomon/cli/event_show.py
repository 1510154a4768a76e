"""Rich rendering of events, claims and conflicts for `rashomon events`, `event` and `conflicts`.

Only presentation lives here: every value comes from the views the store loads. Report text
(names, speakers, sentences, titles) is escaped before it reaches Rich, so square brackets in
a report never turn into markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from rashomon.resolve.assemble import POSITIVE_STATUS_NAMES
from rashomon.resolve.claims import place_text
from rashomon.resolve.figures import RULES
from rashomon.resolve.views import ClaimView, ConflictView, EventView, FigureView, Headline, Revision

NONE = "-"
_SENTENCE_WIDTH = 160


def _e(text: object) -> str:
    return escape(str(text)) if text is not None and text != "" else NONE


def headline_text(found: Headline | None) -> str:
    """ "89 (84-103)", "89", "84-103" for the range rule, "-" without figures."""
    if found is None or (found.best is None and found.low is None):
        return NONE
    if found.best is None:
        return f"{found.low}-{found.high}"
    if found.low is None or found.high is None or found.low == found.high == found.best:
        return str(found.best)
    return f"{found.best} ({found.low}-{found.high})"


def date_text(view: EventView) -> str:
    date = view.event.date
    return date.iso() if date is not None else NONE


def where_text(view: EventView) -> str:
    place = view.event.place
    return place_text(place) if place is not None else NONE


def perpetrators_text(view: EventView) -> str:
    names = [p.name for p in view.perpetrators if p.actor_id and POSITIVE_STATUS_NAMES & set(p.statuses)]
    return ", ".join(names) if names else NONE


def events_table(views: Sequence[EventView], rule: str) -> Table:
    table = Table()
    table.add_column("id", no_wrap=True, min_width=max((len(view.event.id) for view in views), default=2))
    table.add_column("date", no_wrap=True)
    for name in ("place", "kind", "attack type", f"killed ({rule})", "perpetrators", "docs"):
        table.add_column(name)
    for view in views:
        event = view.event
        table.add_row(
            event.id,
            date_text(view),
            escape(where_text(view)),
            event.kind.value,
            _e(event.attack_type),
            headline_text(view.headline("killed", rule)),
            escape(perpetrators_text(view)),
            str(len(view.documents)),
        )
    return table


def _sentence(claim: ClaimView) -> str:
    text = " ".join((claim.sentence or "").split())
    if len(text) > _SENTENCE_WIDTH:
        text = text[: _SENTENCE_WIDTH - 1] + "…"
    return _e(text)


def _span(claim: ClaimView) -> str:
    return f"{claim.evidence.start}-{claim.evidence.end}" if claim.evidence else NONE


def claims_table(claims: Sequence[ClaimView], *, figures: bool = True) -> Table:
    """Every claim with its document, publication date, span, speaker, hedge and evidence sentence."""
    columns = ["value", "as written", "document", "published", "span", "speaker", "hedge"]
    columns += ["scope", "credible"] if figures else ["status"]
    table = Table(*columns, "sentence")
    for claim in claims:
        row = [
            _e(claim.value),
            _e(claim.text),
            _e(claim.document_id),
            claim.published.isoformat() if claim.published else NONE,
            _span(claim),
            _e(claim.attributed_to),
            _e(claim.hedge),
        ]
        if figures:
            row += [_e(claim.scope), "yes" if claim.credible else f"no: {escape(claim.note or '')}"]
        else:
            row += [_e(claim.status)]
        table.add_row(*row, _sentence(claim))
    return table


def evolution_text(steps: Sequence[Revision]) -> str:
    """The figure over report time: "84 (a, 2024-01-04) -> up 89 (b, 2024-01-06)"."""
    parts = []
    for step in steps:
        when = step.published.isoformat() if step.published else "undated"
        change = "" if step.change == "first" else f"{step.change} "
        speaker = f", {step.attributed_to}" if step.attributed_to else ""
        parts.append(f"{change}{step.value} ({step.document_id}, {when}{speaker})")
    return escape(" -> ".join(parts)) if parts else NONE


def _figure(console: Console, figure: FigureView) -> None:
    console.print(f"\n[bold]{escape(figure.kind)}[/bold]")
    for rule in RULES:
        found = figure.headline(rule)
        if found is not None:
            console.print(f"  {rule:>5}: {headline_text(found):<14} {escape(found.explanation)}", highlight=False)
    console.print(f"  over report time: {evolution_text(figure.evolution)}", highlight=False)
    console.print(claims_table(figure.claims))


def show_event(console: Console, view: EventView) -> None:
    """Everything about one event: fields, perpetrators, figures and their claims, sources, accounts."""
    event = view.event
    console.print(f"[bold]{escape(event.title or event.id)}[/bold]  [dim]{event.id}[/dim]")
    suicide = NONE if event.suicide is None else ("yes" if event.suicide else "no")
    precision = f" ({event.date.precision.value})" if event.date else ""
    console.print(
        f"kind {event.kind.value} · date {date_text(view)}{precision} · place {escape(where_text(view))} · "
        f"attack type {_e(event.attack_type)} · suicide {suicide}",
        highlight=False,
    )
    if view.perpetrators:
        table = Table("actor", "id", "statuses", "documents", title="Perpetrators and other actors named")
        for p in view.perpetrators:
            table.add_row(escape(p.name), _e(p.actor_id), ", ".join(p.statuses), str(p.documents))
        console.print(table)
        console.print(claims_table([c for p in view.perpetrators for c in p.claims], figures=False))
    for figure in view.figures:
        _figure(console, figure)
    sources = Table("document", "title", "published", "publisher", "source", title="Sources")
    for document in view.documents:
        sources.add_row(
            escape(document.id),
            _e(document.title),
            document.published.isoformat() if document.published else NONE,
            _e(document.publisher),
            _e(document.url or document.source),
        )
    console.print(sources)
    accounts = Table("account", "document", "key", "kind", "joined by", "score", "decided by", title="Accounts")
    for account in view.accounts:
        accounts.add_row(
            escape(account.account.id),
            escape(account.account.document_id),
            escape(account.key),
            account.account.kind.value,
            escape(", ".join(account.reason.features)),
            f"{account.reason.score:.2f}",
            escape(account.reason.decided_by),
        )
    console.print(accounts)
    for conflict in view.conflicts:
        values = ", ".join(conflict.conflict.values)
        note = f" ({conflict.conflict.note})" if conflict.conflict.note else ""
        console.print(f"[yellow]conflict[/yellow] {escape(conflict.conflict.attribute)}: {escape(values + note)}")
    for decision in view.decisions:
        console.print(
            f"[cyan]decision[/cyan] {decision.id} {decision.action} by {escape(decision.analyst)} "
            f"on {decision.made_at:%Y-%m-%d %H:%M}: {escape(decision.reason)}",
            highlight=False,
        )
    for remark in view.notes:
        console.print(
            f"[cyan]note[/cyan] {escape(remark.analyst)} on {remark.made_at:%Y-%m-%d}: {escape(remark.text)}",
            highlight=False,
        )


def show_conflicts(console: Console, conflicts: Sequence[ConflictView]) -> None:
    """Each conflict with every claim (value, document, publication date, speaker, hedge) and its evolution."""
    if not conflicts:
        console.print("No conflicts: the accounts of every event agree (or no event has two accounts).")
        return
    for view in conflicts:
        conflict = view.conflict
        console.print(
            f"\n[bold]{conflict.event_id}[/bold] [yellow]{escape(conflict.attribute)}[/yellow]: "
            f"{escape(', '.join(conflict.values))}",
            highlight=False,
        )
        if conflict.note:
            console.print(f"  {escape(conflict.note)}", highlight=False)
        if view.evolution:
            console.print(f"  over report time: {evolution_text(view.evolution)}", highlight=False)
        is_figure = any(claim.number is not None for claim in view.claims)
        console.print(claims_table(view.claims, figures=is_figure))
