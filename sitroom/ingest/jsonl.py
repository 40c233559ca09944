"""JSON Lines: one report per line with fields ``id, source, url, published, title, text``.

A bad line is reported as ``file:line`` and the other lines are still read; extra fields,
``id`` included, are kept as metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from sitroom.config import MAX_JSON_DEPTH
from sitroom.errors import InputError
from sitroom.ingest.common import HEADLINE, clean_text, decode_bom, document_from_fields, is_binary, one_line
from sitroom.model import Document


def record_document(
    record: Mapping[str, Any], where: str, origin: str, *, url: str | None = None
) -> Document | InputError:
    """Return the Document of one record (keys lower case), or an InputError naming ``where``.

    A record with a title and no text is its headline: the title is the text, and metadata
    ``text_kind`` says "headline". ``url`` is used when the record names none.
    """
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        return InputError(where, f"'text' is {type(text).__name__}, not a string")
    fields = {key: value for key, value in record.items() if key != "text"}
    cleaned = clean_text(text or "")
    if not cleaned:
        title = record.get("title")
        headline = one_line(title) if isinstance(title, str) else ""
        if not headline:
            return InputError(
                where, "no 'text' field" if text is None else "'text' is empty and there is no 'title'"
            )
        cleaned, fields["text_kind"] = headline, HEADLINE
    return document_from_fields(cleaned, fields, origin, url=url)


def nesting_depth(value: object) -> int:
    """Return how deep objects and lists nest in a parsed JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def read_jsonl(data: bytes, origin: str, *, url: str | None = None) -> Iterator[Document | InputError]:
    """Yield a Document (or an InputError) for every non-blank line, in order.

    JSON Lines is UTF-8 by definition, so each line is decoded on its own and a line with
    bad bytes is one error, not the whole file.
    """
    marked = decode_bom(data, origin)
    if marked is not None:
        data = marked.encode("utf-8")
    elif is_binary(data):
        raise InputError(origin, "binary file, not a text report")
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError as error:
            yield InputError(where, f"not UTF-8 text (bad byte at column {error.start + 1})")
            continue
        try:
            record = json.loads(line)
        except RecursionError:
            yield InputError(where, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
            continue
        except json.JSONDecodeError as error:
            yield InputError(where, f"not JSON ({one_line(error.msg)} at column {error.colno})")
            continue
        except ValueError as error:  # a number too long to convert (Python's int digit limit)
            yield InputError(where, f"not readable JSON ({one_line(str(error))})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, f"not a JSON object (a {type(record).__name__})")
            continue
        if nesting_depth(record) > MAX_JSON_DEPTH:
            yield InputError(where, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
            continue
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            yield InputError(where, "invalid \\u escape (a lone surrogate, not a character)")
            continue
        fields = {str(key).lower(): value for key, value in record.items()}
        yield record_document(fields, where, origin, url=url)
