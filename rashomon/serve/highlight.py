"""Serve stage: a document's text as safe HTML with its evidence spans highlighted.

Consumes the text exactly as analysed and character spans pointing into it (claims, their
sentences, places, dates, actors); produces `Markup` in which every character of the report
went through `markupsafe.escape`: reports are untrusted, and the only tags in the output are
the ones written here. Spans may overlap (two claims in one sentence): the text is cut at
every span boundary and each piece is wrapped in the marks covering it, so tags always nest.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to highlight. `css` names what it is (claim kind); `label` becomes its tooltip."""

    start: int
    end: int
    css: str
    label: str = ""
    anchor: str | None = None  # an element id placed at the start, for links to this span
    sentence: bool = False  # a whole evidence sentence: drawn as a background, not a mark


def _clip(marks: Iterable[Mark], size: int) -> list[Mark]:
    kept = []
    for mark in marks:
        start, end = max(0, mark.start), min(size, mark.end)
        if start < end:
            kept.append(Mark(start, end, mark.css, mark.label, mark.anchor, mark.sentence))
    return kept


def highlight(text: str, marks: Sequence[Mark]) -> Markup:
    """The text, escaped, with `<mark>` around claim spans and `<span>` around evidence sentences."""
    marks = _clip(marks, len(text))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    anchors: dict[int, list[str]] = {}
    for mark in marks:
        if mark.anchor:
            anchors.setdefault(mark.start, []).append(mark.anchor)
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        for anchor in anchors.pop(start, []):
            out.append(f'<span class="anchor" id="{escape(anchor)}"></span>')
        piece = str(escape(text[start:end]))
        covering = [m for m in marks if m.start <= start and end <= m.end]
        spans = [m for m in covering if not m.sentence]
        sentences = [m for m in covering if m.sentence]
        if spans:
            classes = " ".join(dict.fromkeys(m.css for m in spans))
            label = "; ".join(dict.fromkeys(m.label for m in spans if m.label))
            piece = f'<mark class="{escape(classes)}" title="{escape(label)}">{piece}</mark>'
        if sentences:
            classes = " ".join(dict.fromkeys(m.css for m in sentences))
            piece = f'<span class="{escape(classes)}">{piece}</span>'
        out.append(piece)
    return Markup("".join(out))  # every piece above went through escape()


def excerpt(text: str, start: int, end: int, *, context: int = 80) -> tuple[str, str, str]:
    """(before, span, after) around a span, cut at word boundaries, for one-line evidence displays."""
    start, end = max(0, start), min(len(text), end)
    left = max(0, start - context)
    right = min(len(text), end + context)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    before = ("…" if left > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return before, text[start:end], after
