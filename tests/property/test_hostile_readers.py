"""Every reader survives hostile input: it yields Documents or InputErrors, never an uncaught exception."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import InputError
from sitroom.ingest import read_path
from sitroom.model import Document, document_id

# Any Unicode, control characters included (surrogates cannot be written as UTF-8).
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
CONTROL = st.text(st.characters(max_codepoint=0x9F, categories=["Cc"]), min_size=1, max_size=40)
LONG_LINE = st.builds(
    lambda piece, times: piece * times, st.text(min_size=1, max_size=5), st.integers(1000, 60_000)
)
HOSTILE = st.one_of(
    ANY_TEXT, CONTROL, LONG_LINE, st.builds("".join, st.lists(st.one_of(ANY_TEXT, CONTROL), max_size=6))
)
TAGS = st.sampled_from(["div", "p", "span", "article", "b", "table", "li", "script", "style", "a"])
SUFFIXES = [".txt", ".md", ".html", ".xml", ".jsonl", ".csv"]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def nested_html(tag: str, depth: int, inner: str, closed: bool) -> str:
    """Return ``inner`` inside ``depth`` nested ``tag`` elements (left unclosed when not ``closed``)."""
    opening = f"<{tag}>" * depth
    return f"<html><body>{opening}{inner}{f'</{tag}>' * depth if closed else ''}</body></html>"


def feed(title: str, body: str) -> str:
    """Return an RSS feed of one item whose title and description are the given text, escaped."""
    from xml.sax.saxutils import escape

    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>{escape(title)}</title><description>{escape(body)}</description></item>"
        "</channel></rss>"
    )


def table(title: str, body: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "text"])
    writer.writerow([title, body])
    return out.getvalue()


def read_all(suffix: str, content: str | bytes) -> list[Document | InputError]:
    """Write ``content`` to a file with ``suffix`` and read it; any other exception fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        items = list(read_path(path))
    for item in items:
        assert isinstance(item, Document | InputError)
        if isinstance(item, Document):
            assert item.id == document_id(item.text)
        else:
            assert str(item).startswith(str(path))
    return items


@SETTINGS
@given(suffix=st.sampled_from(SUFFIXES), content=HOSTILE)
def test_any_text_in_any_format_is_read_or_refused_with_an_input_error(suffix: str, content: str) -> None:
    read_all(suffix, content)


@SETTINGS
@given(suffix=st.sampled_from(SUFFIXES), content=st.binary(max_size=2000))
def test_any_bytes_in_any_format_are_read_or_refused_with_an_input_error(suffix: str, content: bytes) -> None:
    read_all(suffix, content)


@settings(max_examples=30, deadline=None)
@given(tag=TAGS, depth=st.integers(1, 5000), inner=HOSTILE, closed=st.booleans())
def test_deeply_nested_html_is_read_or_refused_with_an_input_error(
    tag: str, depth: int, inner: str, closed: bool
) -> None:
    read_all(".html", nested_html(tag, depth, inner, closed))


@SETTINGS
@given(title=HOSTILE, body=HOSTILE)
def test_hostile_fields_in_feeds_jsonl_and_csv_are_read_or_refused(title: str, body: str) -> None:
    read_all(".xml", feed(title, body))
    read_all(".jsonl", json.dumps({"title": title, "text": body}) + "\n" + body + "\n")
    read_all(".csv", table(title, body))


def test_a_report_nested_two_hundred_deep_with_control_characters_keeps_its_text() -> None:
    inner = "<p>Shelling hit\x07 Kharkiv on Monday, killing three civilians, officials said.</p>"

    (document,) = read_all(".html", nested_html("div", 200, inner, closed=True))

    assert isinstance(document, Document)
    assert "Kharkiv on Monday" in document.text


def test_a_jsonl_number_too_long_for_python_is_refused_with_an_input_error() -> None:
    (item,) = read_all(".jsonl", '{"text": "Shelling in Kyiv.", "count": ' + "1" * 5000 + "}\n")

    assert isinstance(item, InputError)


def test_a_file_without_suffix_holding_a_huge_number_is_read_or_refused_not_crashed() -> None:
    items = read_all("", '{"text": "Shelling in Kyiv."}\n' + "1" * 5000 + "\n")

    assert items
