"""RSS and Atom feeds: one Document per item, refused when the XML declares entities."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from sitroom.errors import InputError
from sitroom.ingest.common import (
    HEADLINE,
    clean_text,
    decode_text,
    document_from_fields,
    one_line,
    parse_date,
)
from sitroom.ingest.html import visible_text
from sitroom.model import Document

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITIES_REFUSED = "XML declares entities (refused: possible entity-expansion attack)"


def refuse_entities(data: bytes, origin: str) -> None:
    """Raise InputError when the XML declares entities (billion laughs, external entities).

    XML that defusedxml cannot parse for another reason is left to feedparser, which
    recovers from many broken feeds; such XML is still refused if it declares an entity.
    """

    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InputError(origin, _ENTITIES_REFUSED) from error
    except defusedxml.ElementTree.ParseError as error:
        if _ENTITY_DECLARATION.search(data):
            raise InputError(origin, _ENTITIES_REFUSED) from error


def _item_date(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        parsed = parse_date(entry.get(key))
        if parsed is not None:
            return parsed
        struct = entry.get(f"{key}_parsed")
        if struct is not None:
            return datetime.fromtimestamp(calendar.timegm(struct), UTC)
    return None


def _item_body(entry: Any) -> str:
    contents = entry.get("content") or []
    markup = contents[0].get("value", "") if contents else entry.get("summary", "")
    return visible_text(markup) if markup.strip() else ""


def read_feed(data: bytes, origin: str, *, url: str | None = None) -> Iterator[Document | InputError]:
    """Yield a Document for each item of an RSS or Atom feed: title, blank line, item text.

    ``url`` is the feed's address, kept in metadata; each Document's url is its item link.
    """
    decode_text(data, origin)  # binary or undecodable input is refused before XML parsing
    refuse_entities(data, origin)

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.bozo:
            raise InputError(origin, f"malformed feed XML: {one_line(parsed.bozo_exception)}")
        raise InputError(origin, "feed has no items")
    channel = parsed.feed
    for number, entry in enumerate(parsed.entries, start=1):
        title = clean_text(visible_text(entry.get("title", ""))) if entry.get("title") else ""
        body = clean_text(_item_body(entry))
        text = clean_text(f"{title}\n\n{body}") if body != title else title
        if not text:
            yield InputError(f"{origin} item {number}", "no title or text")
            continue
        fields: dict[str, Any] = {
            "title": title or None,
            "source": (entry.get("source") or {}).get("title") or channel.get("title"),
            "url": entry.get("link"),
            "published": _item_date(entry),
            "language": channel.get("language"),
        }
        if not body or body == title:
            fields["text_kind"] = HEADLINE
        if entry.get("id"):
            fields["guid"] = entry["id"]
        if entry.get("author"):
            fields["author"] = entry["author"]
        if url:
            fields["feed_url"] = url
        yield document_from_fields(text, fields, origin)
