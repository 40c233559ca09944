"""CSV and TSV tables with a header row naming the fields ``id, source, url, published, title, text``.

Named ``tabular`` so that it does not shadow the standard library's ``csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sitroom.errors import InputError
from sitroom.ingest.common import decode_text, one_line
from sitroom.ingest.jsonl import record_document
from sitroom.model import Document


def _read_table(data: bytes, origin: str, delimiter: str, url: str | None) -> Iterator[Document | InputError]:
    text = decode_text(data, origin)
    # The input is already within the byte limit, so a cell as long as the whole input is allowed
    # (the csv module's default of 131,072 characters would cut a long report and the rows after it).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return
    except csv.Error as error:
        raise InputError(f"{origin}:1", f"bad header row: {one_line(error)}") from error
    if "text" not in header:
        raise InputError(
            origin, f"no 'text' column in the header row (found: {', '.join(header) or 'nothing'})"
        )
    end_of_last_row = reader.line_num
    while True:
        where = f"{origin}:{end_of_last_row + 1}"
        try:
            row = next(reader)
        except StopIteration:
            if end_of_last_row == 1:
                raise InputError(origin, "no rows after the header row") from None
            return
        except csv.Error as error:
            yield InputError(where, f"bad CSV row: {one_line(error)}")
            end_of_last_row = reader.line_num
            continue
        end_of_last_row = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield InputError(where, f"{len(row)} cells but the header names {len(header)}")
            continue
        record = {name: cell for name, cell in zip(header, row, strict=False) if name and cell != ""}
        yield record_document(record, where, origin, url=url)


def read_csv(data: bytes, origin: str, *, url: str | None = None) -> Iterator[Document | InputError]:
    """Yield a Document (or an InputError naming ``file:line``) for every row of a CSV table."""
    yield from _read_table(data, origin, ",", url)


def read_tsv(data: bytes, origin: str, *, url: str | None = None) -> Iterator[Document | InputError]:
    """Yield a Document (or an InputError naming ``file:line``) for every row of a TSV table."""
    yield from _read_table(data, origin, "\t", url)
