"""Export: the sentences every format writes about an event's attributions, figures and sources.

Attributions stay attributions: each sentence says who tied an actor to the event and how
("al-Shabaab claimed responsibility", "Police blamed X", "X denied involvement"); no sentence
here states an alleged perpetrator as fact. Figures are written with the rule that chose the
headline and every other figure with its words, speaker, document and date, so a reader of
any format can trace a number back to the report that gave it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.model.records import EventKind, FigureKind, FigureScope
from rashomon.resolve.claims import place_text
from rashomon.resolve.figures import headline
from rashomon.resolve.views import ClaimView, DocumentInfo, EventView, Headline, PerpetratorView

_KIND_WORDS = {EventKind.ATTACK: "the attack", EventKind.STRIKE: "the strike"}


def kind_word(view: EventView) -> str:
    """How sentences name the event: "the attack", "the strike" or "the event"."""
    return _KIND_WORDS.get(view.event.kind, "the event")


def _hedged(sentence: str, hedge: str | None) -> str:
    return f"{sentence} ({hedge})" if hedge else sentence


def attribution_sentence(actor: str, claim: ClaimView, what: str = "the attack") -> str:
    """One perpetrator claim as an attribution: who said what about whom (no trailing period)."""
    speaker = claim.attributed_to
    status = claim.status or ""
    if status == "claimed":
        sentence = f"{actor} claimed responsibility" + (f", according to {speaker}" if speaker else "")
    elif status == "attributed":
        sentence = f"{speaker} attributed {what} to {actor}" if speaker else f"a report attributed {what} to {actor}"
    elif status == "suspected":
        sentence = f"{speaker} said {actor} was suspected" if speaker else f"{actor} was named as a suspect"
    elif status == "accused":
        sentence = f"{speaker} blamed {actor}" if speaker else f"{actor} was blamed"
    elif status == "denied":
        sentence = f"{actor} denied involvement" + (f", according to {speaker}" if speaker else "")
    else:
        sentence = f"{actor} was named in connection with {what}"
    return _hedged(sentence, claim.hedge)


def capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def attribution_sentences(
    view: EventView, perpetrators: Sequence[PerpetratorView] | None = None
) -> list[tuple[str, ClaimView]]:
    """Every perpetrator claim of the event (or of `perpetrators`) as (sentence, claim), strongest tie first."""
    what = kind_word(view)
    chosen = view.perpetrators if perpetrators is None else perpetrators
    return [(attribution_sentence(p.name, claim, what), claim) for p in chosen for claim in p.claims]


def source_label(claim: ClaimView) -> str:
    """Where a claim comes from, short: "wire-1, 2021-03-03"."""
    return f"{claim.document_id}, {claim.published.isoformat()}" if claim.published else claim.document_id


def figure_claim_text(claim: ClaimView) -> str:
    """One figure with its words, speaker and source: '12 ("at least 12", Police; wire-1, 2021-03-03)'."""
    value = claim.number if claim.number is not None else claim.value
    parts = []
    if claim.text and claim.text != str(value):
        parts.append(f'"{claim.text}"')
    parts.append(f"attributed to {claim.attributed_to}" if claim.attributed_to else "no speaker named")
    if claim.hedge:
        parts.append(claim.hedge)
    if not claim.credible:
        parts.append("relayed from the perpetrator")
    return f"{value} ({', '.join(parts)}; {source_label(claim)})"


def event_claims(view: EventView, kind: str) -> tuple[ClaimView, ...]:
    """The figure claims about the event itself (no sub-counts or totals over several events)."""
    figure = view.figure(kind)
    if figure is None:
        return ()
    return tuple(c for c in figure.claims if (c.scope or FigureScope.EVENT.value) == FigureScope.EVENT.value)


def figure_headline(view: EventView, kind: str, rule: str) -> Headline:
    """The headline of one figure kind under `rule` (computed from the claims, as the JSON export does)."""
    figure = view.figure(kind)
    return headline(figure.claims if figure is not None else (), rule)


def figure_note(view: EventView, kind: str, rule: str) -> str | None:
    """The headline, its rule and the other figures with their sources, as one note; None without claims."""
    claims = event_claims(view, kind)
    if not claims:
        return None
    found = figure_headline(view, kind, rule)
    label = kind.replace("_", " ")
    explanation = found.explanation.rstrip(".")
    if found.best is not None:
        head = f"{capitalised(label)}: {found.best} under the {rule} rule ({explanation})."
    elif found.low is not None:
        head = f"{capitalised(label)}: {found.low} to {found.high} under the {rule} rule ({explanation})."
    else:
        head = f"{capitalised(label)}: no figure under the {rule} rule ({explanation})."
    chosen = [c for c in found.chosen_claims if found.best is not None and c.number == found.best]
    if chosen:
        head += f" From {'; '.join(figure_claim_text(c) for c in chosen)}."
    taken = {id(c) for c in chosen}
    others = [c for c in claims if id(c) not in taken]
    if not others:
        return head
    return f"{head} Other {label} figures: {'; '.join(figure_claim_text(c) for c in others)}."


def figure_notes(view: EventView, rule: str, kinds: Sequence[str] | None = None) -> list[str]:
    """Notes for every figure kind the event has (killed and injured first)."""
    order = [FigureKind.KILLED.value, FigureKind.INJURED.value]
    present = [figure.kind for figure in view.figures]
    wanted = kinds if kinds is not None else order + [kind for kind in present if kind not in order]
    return [note for kind in wanted if (note := figure_note(view, kind, rule)) is not None]


def citation(document: DocumentInfo) -> str:
    """A document as a citation: "Title. Publisher, 2021-03-03. URL" (the id when nothing else is known)."""
    parts = [document.title or document.id]
    published = document.published.isoformat() if document.published else None
    by = ", ".join(part for part in (document.publisher, published) if part)
    if by:
        parts.append(by)
    if document.url or document.source:
        parts.append(document.url or document.source or "")
    return ". ".join(part.rstrip(".") for part in parts) + f" [{document.id}]"


def where_text(view: EventView) -> str | None:
    return place_text(view.event.place) if view.event.place is not None else None


def date_text(view: EventView) -> str | None:
    return view.event.date.iso() if view.event.date is not None else None
