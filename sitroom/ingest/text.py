"""Plain text and Markdown reports, with an optional header block or YAML front matter.

A header block is ``Key: value`` lines at the top, ended by a blank line::
    Title: Missile strike on Kramatorsk
    Source: Kyiv Independent
    Published: 2023-06-27 21:40

    A Russian missile struck a restaurant ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from sitroom.config import MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_DEPTH
from sitroom.errors import InputError
from sitroom.ingest.common import KNOWN_FIELDS, clean_text, decode_text, document_from_fields, one_line
from sitroom.model import Document

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,30}):[ \t]*(.*)$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_MAX_TITLE = 200


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Return the ``Key: value`` header block at the top of a text (keys lower case) and the body.

    A block counts as a header only when every line is ``Key: value`` and one key is a known
    field, so a first line like "Update: five killed in Bakhmut" stays part of the report.
    """
    block, separator, body = text.partition("\n\n")
    if not separator:
        return {}, text
    fields: dict[str, str] = {}
    for line in block.split("\n"):
        match = _HEADER_LINE.match(line.strip())
        if match is None:
            return {}, text
        fields[match[1].strip().lower().replace(" ", "_").replace("-", "_")] = match[2].strip()
    if not fields.keys() & set(KNOWN_FIELDS):
        return {}, text
    return fields, body


def _front_matter_loader() -> type:
    """Return a safe YAML loader class that refuses aliases (``*name``, so no alias bomb can
    expand) and nesting deeper than MAX_FRONT_MATTER_DEPTH (so none can exhaust the stack).
    """

    class FrontMatterLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            mark = self.peek_event().start_mark
            if self.check_event(yaml.AliasEvent):
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
            if self.depth >= MAX_FRONT_MATTER_DEPTH:
                problem = f"nested deeper than {MAX_FRONT_MATTER_DEPTH} levels"
                raise yaml.composer.ComposerError(None, None, problem, mark)
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return FrontMatterLoader


def split_front_matter(text: str, origin: str) -> tuple[dict[str, Any], str]:
    """Return the YAML front matter between ``---`` lines (keys lower case) and the body.

    Raises InputError when the front matter is not valid YAML or not a mapping, is over
    MAX_FRONT_MATTER_BYTES, nests deeper than MAX_FRONT_MATTER_DEPTH, or uses aliases
    (the YAML form of a billion laughs).
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text

    front = match[1] or ""
    size = len(front.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise InputError(
            origin, f"YAML front matter is {size} bytes, over the limit of {MAX_FRONT_MATTER_BYTES}"
        )
    try:
        loaded = yaml.load(front, Loader=_front_matter_loader())
    except yaml.MarkedYAMLError as error:
        line = f" (line {error.problem_mark.line + 2})" if error.problem_mark else ""
        raise InputError(origin, f"bad YAML front matter: {one_line(error.problem)}{line}") from None
    except yaml.YAMLError as error:
        raise InputError(origin, f"bad YAML front matter: {one_line(error)}") from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise InputError(origin, "bad YAML front matter: expected 'key: value' lines")
    return {str(key).lower(): value for key, value in loaded.items()}, text[match.end() :]


def _first_line_title(body: str) -> str | None:
    first, _, rest = body.partition("\n")
    title = first.strip().lstrip("#").strip()
    if not rest.strip() or not title or len(title) > _MAX_TITLE:
        return None
    return title


def _read(text: str, fields: dict[str, Any], origin: str, url: str | None) -> Iterator[Document]:
    body = clean_text(text)
    if not body:
        raise InputError(origin, "no text after the header")
    if not fields.get("title"):
        fields["title"] = _first_line_title(body)
    yield document_from_fields(body, fields, origin, url=url)


def read_text(data: bytes, origin: str, *, url: str | None = None) -> Iterator[Document | InputError]:
    """Yield the one Document of a plain text report, reading its header block if it has one."""
    fields, body = split_header(clean_text(decode_text(data, origin)))
    yield from _read(body, dict(fields), origin, url)


def read_markdown(data: bytes, origin: str, *, url: str | None = None) -> Iterator[Document | InputError]:
    """Yield the one Document of a Markdown report; YAML front matter or a header block is metadata.

    The body stays as written, markup included.
    """
    text = clean_text(decode_text(data, origin))
    fields, body = split_front_matter(text, origin)
    if not fields:
        header, body = split_header(body)
        fields = dict(header)
    yield from _read(body, fields, origin, url)
