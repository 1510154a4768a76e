"""Markdown and HTML briefings: what happened, each source, disagreements, citations, attributions as attributions."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any, ClassVar

from rashomon.export import export
from rashomon.store import Store
from tests.export.scene import build_export_scene


def briefing(store: Store, format: str, **options: Any) -> str:
    out = io.StringIO()
    export(store, out, format=format, **options)
    return out.getvalue()


def test_markdown_briefing_of_one_event_cites_each_source(store: Store) -> None:
    event_id = build_export_scene(store)
    text = briefing(store, "markdown", event=event_id)
    for heading in ("### What happened", "### What each source says", "### Where they disagree"):
        assert heading in text
    assert text.count("\n## ") == 1, "one event"
    assert "Reports put the number killed at 5 to 7; the ucdp rule gives 5 [1] [2] [3]." in text
    assert "- Jaish al-Adl claimed responsibility [1]." in text
    assert "- A senior commander blamed Israel [2]." in text
    assert "- Israel denied involvement [3]." in text
    assert "**[2]** Ambush report border-2. State \\<TV\\> Monitor, 2023-05-11" in text, "report text is escaped"
    assert 'Killed: 5 ("five", attributed to The provincial governor; border-1, 2023-05-10)' in text
    assert "Killed: 5 (The provincial governor) [1]; 7 (state television) [2]" in text
    cited = {int(n) for n in re.findall(r"(?<!\*)\[(\d+)\](?!\*)", text)}
    listed = {int(n) for n in re.findall(r"\*\*\[(\d+)\]\*\*", text)}
    assert cited <= listed == {1, 2, 3}, "every citation points at a listed source"


def test_briefing_never_states_an_alleged_perpetrator_as_fact(store: Store) -> None:
    build_export_scene(store)
    text = briefing(store, "markdown")
    assert text.count("\n## ") == 4
    for phrase in ("Israel carried out", "Israel was responsible", "carried out by Israel", "perpetrated by"):
        assert phrase not in text
    assert "Israel was blamed [1]." in text, "the market scene's unattributed accusation"
    assert "No report names who carried it out." in text, "the checkpoint has no attribution"


def test_html_briefing_is_well_formed_and_escaped(store: Store) -> None:
    build_export_scene(store)
    text = briefing(store, "html", country="IR")
    assert "<script" not in text and "State &lt;TV&gt; Monitor" in text

    class Balance(HTMLParser):
        void: ClassVar[set[str]] = {"meta", "br", "hr", "img", "link", "input"}

        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag not in self.void:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>"
            self.stack.pop()

    parser = Balance()
    parser.feed(text)
    assert parser.stack == []
    assert text.count("<article") == 1
    assert "A senior commander blamed Israel [2]." in text
