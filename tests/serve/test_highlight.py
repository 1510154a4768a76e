"""Highlighting evidence spans in untrusted text: escaping, nesting, anchors."""

from __future__ import annotations

import re

from rashomon.serve.highlight import Mark, excerpt, highlight


def test_highlight_escapes_everything_from_the_text() -> None:
    text = 'He said <script>alert("x")</script> & left'
    html = str(highlight(text, [Mark(8, 16, "hl", label='"><b>')]))
    assert "<script>" not in html
    assert '<mark class="hl" title="&#34;&gt;&lt;b&gt;">&lt;script&gt;</mark>' in html
    assert "&amp; left" in html


def test_highlight_without_marks_is_the_escaped_text() -> None:
    assert str(highlight("a < b", [])) == "a &lt; b"
    assert str(highlight("", [Mark(0, 3, "hl")])) == ""


def test_highlight_overlapping_marks_nest_properly() -> None:
    text = "Police said 12 people died and 30 were hurt."
    marks = [
        Mark(0, len(text), "evidence-sentence", sentence=True),
        Mark(12, 21, "hl hl-killed", "killed: 12"),
        Mark(12, 14, "hl hl-figure", "figure"),
    ]
    html = str(highlight(text, marks))
    # every opened tag is closed before the next piece starts
    pieces = re.findall(r"<(/?)(span|mark)\b", html)
    depth = 0
    for closing, _ in pieces:
        depth += -1 if closing else 1
        assert depth >= 0
    assert depth == 0
    assert '<mark class="hl hl-killed hl hl-figure" title="killed: 12; figure">12</mark>' in html
    assert re.sub(r"<[^>]+>", "", html) == text


def test_highlight_places_anchors_at_span_starts() -> None:
    html = str(highlight("one two three", [Mark(4, 7, "hl", anchor="claim-3")]))
    assert html == 'one <span class="anchor" id="claim-3"></span><mark class="hl" title="">two</mark> three'


def test_highlight_clips_spans_outside_the_text() -> None:
    html = str(highlight("short", [Mark(3, 50, "hl"), Mark(60, 70, "hl", anchor="gone")]))
    assert html == 'sho<mark class="hl" title="">rt</mark>'


def test_excerpt_cuts_at_words() -> None:
    text = "The first words here. Then 14 people were killed in the square. More text follows it."
    before, words, after = excerpt(text, text.index("14"), text.index("14") + 2, context=15)
    assert words == "14"
    assert before.startswith("…") and not before.startswith("… ")
    assert after.endswith("…")
    assert excerpt("just this", 0, 4) == ("", "just", " this")
