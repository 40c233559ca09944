"""What every reader shares: decoding bytes to text, cleaning text, parsing dates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from email.utils import parsedate_to_datetime
from typing import Any

import dateparser
from charset_normalizer import from_bytes

from sitroom.errors import InputError
from sitroom.ingest.outlets import outlet_name
from sitroom.model import Document

# The fields a report may carry besides its text, in every format that names fields.
KNOWN_FIELDS = ("title", "source", "url", "published", "language")
# Metadata ``text_kind`` of a report that is only its headline (a feed item with no summary).
HEADLINE = "headline"
# Signatures of common binary formats (PNG, JPEG, GIF, PDF, ZIP/DOCX, gzip, ELF, SQLite).
BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF",
    b"SQLite format 3\x00",
)  # fmt: skip
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x0B, 0x1B} | {0x7F}
_SAMPLE = 8192
# RFC 822 dates as feeds and e-mail write them: "Tue, 27 Jun 2023 21:40:00 +0300". email.utils
# also accepts looser strings and misreads them ("June 27, 2023 9:40 pm" as 09:40), so only these.
_RFC822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\b")
UTF8_BOM = b"\xef\xbb\xbf"
# Byte order marks and their codecs, UTF-32 first: its little-endian mark starts with UTF-16's.
BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (UTF8_BOM, "utf-8"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)  # fmt: skip
# Among guesses that fit equally well, the encodings of Western news text win, in this order.
PREFERRED_ENCODINGS = ("utf_8", "cp1252", "latin_1")


def clean_text(text: str) -> str:
    """Return text in NFC with ``\\r\\n`` and ``\\r`` as ``\\n``, stripped: what offsets index into."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def one_line(message: object) -> str:
    """Return a message with its whitespace collapsed, so an error prints on one line."""
    return " ".join(str(message).split())


def is_binary(data: bytes) -> bool:
    """Return True when the bytes start like a binary format or are mostly control bytes."""
    if data.startswith(BINARY_MAGIC):
        return True
    sample = data[:_SAMPLE]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > len(sample) * 0.1


def decode_bom(data: bytes, origin: str) -> str | None:
    """Return the text of bytes that start with a UTF-8, UTF-16 or UTF-32 byte order mark, else None.

    Raises InputError when the bytes after the mark are not valid in its encoding, or decode
    to mostly control characters (binary data that happens to start like a mark).
    """
    for bom, codec in BOMS:
        if not data.startswith(bom):
            continue
        try:
            text = data[len(bom) :].decode(codec)
        except UnicodeDecodeError as error:
            problem = f"starts with a {codec} byte order mark but has a bad byte at {error.start + len(bom)}"
            raise InputError(origin, f"cannot decode text ({problem})") from None
        if is_binary(text[:_SAMPLE].encode("utf-8")):
            raise InputError(origin, "binary file, not a text report")
        return text
    return None


def decode_text(data: bytes, origin: str) -> str:
    """Return the bytes as text: by their byte order mark, else UTF-8, else the best guess of
    charset_normalizer, cp1252 or Latin-1 preferred among guesses that fit equally well.

    Raises InputError for binary data or bytes no encoding fits.
    """
    marked = decode_bom(data, origin)
    if marked is not None:
        return marked
    if is_binary(data):
        raise InputError(origin, "binary file, not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(
            origin, f"cannot decode text (not UTF-8 at byte {first_bad}, and no other encoding fits)"
        )
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    for encoding in PREFERRED_ENCODINGS:
        if any(encoding in match.could_be_from_charset for match in tied):
            return data.decode(encoding)
    return str(best)


def parse_date(value: object) -> datetime | None:
    """Return a timezone-aware datetime for an ISO 8601, RFC 822 or free-form date; naive is UTC.

    Returns None for an empty value or one no parser understands.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    text = str(value).strip()
    if not text:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = _parse_rfc822(text) or _parse_free_form(text)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_rfc822(text: str) -> datetime | None:
    if not _RFC822.match(text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _parse_free_form(text: str) -> datetime | None:
    # Only strings with a digit: dateparser reads bare words ("may", "march on") as dates.
    if not re.search(r"\d", text):
        return None

    return dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})


def jsonable(value: Any) -> Any:
    """Return a value with dates as ISO strings, so metadata can be written as JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def _optional_str(value: object) -> str | None:
    if value is None:
        return None
    text = one_line(value)
    return text or None


def document_from_fields(
    text: str, fields: Mapping[str, Any], origin: str, *, url: str | None = None
) -> Document:
    """Make a Document from cleaned text and named fields; unknown fields go to metadata.

    ``fields`` keys are lower case; ``url`` is used when the fields name none. The source is
    the outlet's name when its domain, the item's or the feed's URL is in the outlets lexicon.
    """
    published_raw = fields.get("published")
    published = parse_date(published_raw)
    metadata = {key: jsonable(value) for key, value in fields.items() if key not in KNOWN_FIELDS}
    if published_raw not in (None, "") and published is None:
        metadata["published"] = jsonable(published_raw)  # kept as given: no parser understood it
    item_url = _optional_str(fields.get("url")) or url
    source = outlet_name(
        _optional_str(fields.get("source")), item_url, fields.get("feed"), fields.get("feed_url")
    )
    return Document.from_text(
        text,
        title=_optional_str(fields.get("title")),
        source=source,
        url=item_url,
        published=published,
        language=_optional_str(fields.get("language")),
        origin=origin,
        metadata=metadata,
    )
