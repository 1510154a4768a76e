"""Ingest stage: plain text from HTML, keeping one line per block element.

Consumes HTML (a page or a fragment from a feed entry), produces text. Used for feed entries,
whose content is a fragment with no boilerplate, and as the fallback when trafilatura finds no
article in a page. lxml's own `text_content()` glues paragraphs together ("...said.The next"),
which would merge sentences for every later stage, so block boundaries become newlines here.
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped,unused-ignore]
from lxml import html as lxml_html  # type: ignore[import-untyped,unused-ignore]

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
# Dropped only from whole pages (the fallback path): they are boilerplate around an article.
PAGE_CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "button")


def markup_to_text(markup: str, *, page: bool = False) -> str:
    """Text of `markup`, one line per block, spaces collapsed, blank lines dropped.

    With `page`, navigation, headers, footers, asides and forms are removed first. Returns ""
    when the markup holds no text or cannot be parsed at all.
    """
    if not markup.strip():
        return ""
    try:
        root = lxml_html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    dropped = INVISIBLE_TAGS + (PAGE_CHROME_TAGS if page else ())
    etree.strip_elements(root, *dropped, with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    raw_text = root.text_content()
    lines = (" ".join(line.split()) for line in raw_text.split("\n"))
    return "\n".join(line for line in lines if line)
