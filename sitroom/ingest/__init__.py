"""Reading reports in every common format into Documents.

``read_inputs`` takes what the user names (files, directories, URLs, ``-`` for standard
input) and yields a Document per report, or an InputError per input or line that cannot be
read; one bad input never stops the batch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from sitroom.config import DEFAULT_MAX_BYTES
from sitroom.errors import InputError
from sitroom.ingest.registry import READERS, SUFFIXES, Reader, looks_like_feed, sniff_format
from sitroom.ingest.url import is_url, read_url
from sitroom.model import Document

__all__ = ["READERS", "SUFFIXES", "Reader", "read_inputs", "read_path", "read_stdin"]

_WHITESPACE = b"\xef\xbb\xbf \t\r\n\f\v"


def _over_limit(size: int, max_bytes: int) -> str:
    return f"file is {size} bytes, over the limit of {max_bytes} (set --max-bytes)"


def _read_with(reader: Reader, data: bytes, origin: str) -> Iterator[Document | InputError]:
    try:
        yield from reader(data, origin)
    except InputError as error:
        yield error


def _format_of(path: Path, data: bytes) -> str | InputError:
    if looks_like_feed(data):
        return "feed"
    suffix = path.suffix.lower()
    if not suffix:
        return sniff_format(data)
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        return InputError(str(path), f"unknown format '{suffix}' (known: {known})")
    return SUFFIXES[suffix]


def _read_directory(directory: Path, max_bytes: int) -> Iterator[Document | InputError]:
    files: list[Path] = []
    for root, dirnames, filenames in os.walk(directory):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        files.extend(Path(root) / name for name in filenames if not name.startswith("."))
    if not files:
        yield InputError(str(directory), "directory has no files")
    for path in sorted(files):
        yield from read_path(path, max_bytes=max_bytes)


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """Yield the Documents of one file, read by the reader its suffix (or feed content) calls for.

    A directory is read recursively in sorted order, hidden files and directories skipped.
    """
    origin = str(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        yield InputError(origin, "no such file or directory")
        return
    except OSError as error:
        yield InputError(origin, error.strerror or type(error).__name__)
        return
    if path.is_dir():
        yield from _read_directory(path, max_bytes)
        return
    if not path.is_file():
        yield InputError(origin, "not a regular file")
        return
    if status.st_size > max_bytes:
        yield InputError(origin, _over_limit(status.st_size, max_bytes))
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield InputError(origin, error.strerror or type(error).__name__)
        return
    if not data.strip(_WHITESPACE):
        yield InputError(origin, "empty file")
        return
    format_name = _format_of(path, data)
    if isinstance(format_name, InputError):
        yield format_name
        return
    yield from _read_with(READERS[format_name], data, origin)


def read_stdin(
    stream: TextIO | BinaryIO | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """Yield the Documents of standard input (or ``stream``), its format sniffed from the content."""
    source = stream if stream is not None else sys.stdin.buffer
    content = source.read(max_bytes + 1)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if len(data) > max_bytes:
        yield InputError("-", f"input is over the limit of {max_bytes} bytes (set --max-bytes)")
        return
    if not data.strip(_WHITESPACE):
        yield InputError("-", "empty input")
        return
    yield from _read_with(READERS[sniff_format(data)], data, "-")


def read_inputs(
    inputs: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    stdin: TextIO | BinaryIO | None = None,
    timeout: float = 20.0,
) -> Iterator[Document | InputError]:
    """Yield a Document for every report found in the inputs (paths, directories, URLs, "-"),
    or an InputError for each input or line that cannot be read; never raise for one bad input.
    """
    for name in inputs:
        if name == "-":
            yield from read_stdin(stdin, max_bytes=max_bytes)
        elif is_url(name):
            yield from read_url(name, max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)
        else:
            yield from read_path(Path(name).expanduser(), max_bytes=max_bytes)
