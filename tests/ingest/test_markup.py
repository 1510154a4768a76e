"""Plain text from HTML with block boundaries kept as newlines."""

from __future__ import annotations

from rashomon.ingest.markup import markup_to_text


def test_markup_to_text_keeps_paragraphs_apart() -> None:
    html = "<p>First sentence.</p><p>Second   sentence<br>after a break.</p><ul><li>item</li></ul>"
    assert markup_to_text(html) == "First sentence.\nSecond sentence\nafter a break.\nitem"


def test_markup_to_text_drops_scripts_and_styles() -> None:
    html = "<div><script>var x = 1;</script><style>p {}</style><p>Visible &amp; kept</p></div>"
    assert markup_to_text(html) == "Visible & kept"


def test_markup_to_text_page_drops_chrome_only_when_asked() -> None:
    html = "<html><body><nav>Home</nav><p>Story</p><footer>Legal</footer></body></html>"
    assert markup_to_text(html, page=True) == "Story"
    assert markup_to_text(html) == "Home\nStory\nLegal"


def test_markup_to_text_survives_garbage() -> None:
    assert markup_to_text("") == ""
    assert markup_to_text("<<<>>>") in ("", "<<<>>>")
    assert markup_to_text("plain words") == "plain words"
