"""The readers by format name, the formats by file suffix, and sniffing a format from content."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from sitroom.errors import InputError
from sitroom.ingest.common import UTF8_BOM
from sitroom.ingest.feed import read_feed
from sitroom.ingest.html import read_html
from sitroom.ingest.jsonl import read_jsonl
from sitroom.ingest.tabular import read_csv, read_tsv
from sitroom.ingest.text import read_markdown, read_text
from sitroom.model import Document


class Reader(Protocol):
    """A reader: the bytes of one input and where they came from, to Documents and InputErrors.

    It yields an InputError for a bad part (a line, an item) and raises one when nothing
    of the input can be read.
    """

    def __call__(
        self, data: bytes, origin: str, *, url: str | None = None
    ) -> Iterator[Document | InputError]: ...


READERS: dict[str, Reader] = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "feed": read_feed,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "tsv": read_tsv,
}
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}

_HEAD = 2048
_LEADING = b"\xef\xbb\xbf \t\r\n"
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """Return True when the bytes start like an RSS, RDF or Atom document."""
    head = data[:_HEAD].lstrip(_LEADING)
    if not head.startswith(b"<"):
        return False
    feed = _FEED_ROOT.search(head)
    html = _HTML_START.search(head)
    return feed is not None and (html is None or feed.start() < html.start())


def looks_like_html(data: bytes) -> bool:
    """Return True when the bytes start like an HTML page."""
    head = data[:_HEAD].lstrip(_LEADING)
    return head.startswith(b"<") and _HTML_START.search(head) is not None


def looks_like_jsonl(data: bytes) -> bool:
    """Return True when the first non-blank line and at least half of all are ``{...}`` lines.

    Lines are not parsed here: a bad line (broken, too deep) is the JSON Lines reader's to
    report, so one bad line does not turn a stream of records into one text document.
    """
    lines = [line.strip() for line in data.removeprefix(UTF8_BOM).split(b"\n") if line.strip()]
    if not lines or not lines[0].startswith(b"{"):
        return False
    objects = sum(1 for line in lines if line.startswith(b"{") and line.endswith(b"}"))
    return objects * 2 >= len(lines)


def sniff_format(data: bytes) -> str:
    """Return the format name of content with no file name: jsonl, feed, html, markdown or text."""
    if looks_like_jsonl(data):
        return "jsonl"
    if looks_like_feed(data):
        return "feed"
    if looks_like_html(data):
        return "html"
    if data.lstrip(_LEADING).startswith(b"---"):
        return "markdown"  # YAML front matter
    return "text"
