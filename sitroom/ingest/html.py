"""HTML pages: the main text by trafilatura, with title, date, site name, URL and author.

Pages where trafilatura finds no main text (short, broken or unusual markup) fall back to
all visible text, so a readable page is never lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document as ExtractedPage

from sitroom.errors import InputError
from sitroom.ingest.common import clean_text, decode_text, document_from_fields, parse_date
from sitroom.model import Document

_INVISIBLE = ("script", "style", "noscript", "template", "head")
_BLOCKS = (
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
    "blockquote", "pre", "header", "footer", "table", "ul", "ol", "dt", "dd", "figcaption",
)  # fmt: skip
# Meta tags that carry the full publication timestamp (trafilatura keeps only the day).
_PUBLISHED_XPATH = (
    "//meta[@property='article:published_time' or @name='article:published_time' "
    "or @itemprop='datePublished' or @name='pubdate' or @name='date']/@content"
)


def parse_html(markup: str) -> HtmlElement | None:
    """Return the lxml tree of an HTML document, or None when there is nothing to parse."""
    # Bytes, because lxml refuses str input that carries an XML encoding declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except lxml.etree.ParserError:
        return None


def visible_text(markup: str) -> str:
    """Return the text a browser would show for HTML markup (a page or a fragment), one block a line."""
    tree = parse_html(markup)
    if tree is None:
        return ""
    lxml.etree.strip_elements(tree, *_INVISIBLE, with_tail=False)
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _page_fields(tree: HtmlElement | None) -> dict[str, Any]:
    if tree is None:
        return {}
    title = tree.findtext(".//title")
    published = next((parse_date(value) for value in tree.xpath(_PUBLISHED_XPATH) if parse_date(value)), None)
    return {"title": title, "published": published, "language": tree.get("lang")}


def read_html(data: bytes, origin: str, *, url: str | None = None) -> Iterator[Document | InputError]:
    """Yield the one Document of an HTML page; ``url`` (where it was fetched) overrides the page's own."""
    markup = decode_text(data, origin)
    tree = parse_html(markup)
    page = _page_fields(tree)
    # Reader comments under an article are not part of the report.
    result = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    extracted: dict[str, Any] = result.as_dict() if isinstance(result, ExtractedPage) else {}
    text = clean_text(extracted.get("text") or "")
    if not text:
        text = clean_text(visible_text(markup))
    if not text:
        raise InputError(origin, "no readable text")
    fields: dict[str, Any] = {
        "title": extracted.get("title") or page.get("title"),
        "source": extracted.get("sitename"),
        "url": url or extracted.get("url"),
        "published": page.get("published") or extracted.get("date"),
        "language": page.get("language") or extracted.get("language"),
    }
    for extra in ("author", "description"):
        if extracted.get(extra):
            fields[extra] = extracted[extra]
    yield document_from_fields(text, fields, origin)
