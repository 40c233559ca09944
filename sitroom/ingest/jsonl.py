"""JSON Lines: one report per line with fields ``id, source, url, published, title, text``.

A bad line is reported as ``file:line`` and the other lines are still read; extra fields,
``id`` included, are kept as metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from sitroom.errors import InputError
from sitroom.ingest.common import UTF8_BOM, clean_text, document_from_fields, is_binary, one_line
from sitroom.model import Document


def record_document(
    record: Mapping[str, Any], where: str, origin: str, *, url: str | None = None
) -> Document | InputError:
    """Return the Document of one record (keys lower case), or an InputError naming ``where``.

    ``url`` is used when the record names none.
    """
    text = record.get("text")
    if text is None:
        return InputError(where, "no 'text' field")
    if not isinstance(text, str):
        return InputError(where, f"'text' is {type(text).__name__}, not a string")
    cleaned = clean_text(text)
    if not cleaned:
        return InputError(where, "'text' is empty")
    fields = {key: value for key, value in record.items() if key != "text"}
    return document_from_fields(cleaned, fields, origin, url=url)


def read_jsonl(data: bytes, origin: str, *, url: str | None = None) -> Iterator[Document | InputError]:
    """Yield a Document (or an InputError) for every non-blank line, in order.

    JSON Lines is UTF-8 by definition, so each line is decoded on its own and a line with
    bad bytes is one error, not the whole file.
    """
    if is_binary(data):
        raise InputError(origin, "binary file, not a text report")
    for number, raw_line in enumerate(data.removeprefix(UTF8_BOM).split(b"\n"), start=1):
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
        except json.JSONDecodeError as error:
            yield InputError(where, f"not JSON ({one_line(error.msg)} at column {error.colno})")
            continue
        except ValueError as error:  # a number too long to convert (Python's int digit limit)
            yield InputError(where, f"not readable JSON ({one_line(str(error))})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, f"not a JSON object (a {type(record).__name__})")
            continue
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            yield InputError(where, "invalid \\u escape (a lone surrogate, not a character)")
            continue
        fields = {str(key).lower(): value for key, value in record.items()}
        yield record_document(fields, where, origin, url=url)
