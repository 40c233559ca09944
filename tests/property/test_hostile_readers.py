"""Every reader survives hostile input: it yields Documents or InputErrors, never an uncaught exception.

The hostile files are generated here (empty, binary, truncated, wrong encodings, huge lines,
deep nesting, entity and alias bombs, bad dates); every error is one line naming the input,
and the good files of the same batch are still read and, through the CLI, stored.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import InputError
from sitroom.ingest import read_inputs, read_path, read_stdin
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
            assert "\n" not in str(item) and "Traceback" not in str(item)
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


REPORT = "Russian drones struck grain silos in Izmail overnight, the regional governor said."
VALID = {
    ".txt": f"Title: Silos hit\nPublished: 2023-07-24\n\n{REPORT}\n",
    ".md": f"---\ntitle: Silos hit\npublished: 2023-07-24\n---\n{REPORT}\n",
    ".html": f"<html><head><title>Silos hit</title></head><body><p>{REPORT}</p></body></html>",
    ".xml": feed("Silos hit", REPORT),
    ".jsonl": json.dumps({"title": "Silos hit", "published": "2023-07-24", "text": REPORT}) + "\n",
    ".csv": table("Silos hit", REPORT),
}
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
    + ']><rss version="2.0"><channel><title>&i;</title><item><title>&i;</title></item></channel></rss>'
)
ALIAS_BOMB = (
    "---\na: &a [x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 8)}]\n" for n in range(8))
    + "---\n"
    + REPORT
)
# One generated hostile file per case: (name, suffix, content).
HOSTILE_FILES = [
    ("empty", ".txt", b""),
    ("blank", ".jsonl", b" \n\t\r\n"),
    ("png", ".txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
    ("pdf-as-html", ".html", b"%PDF-1.7\n" + bytes(range(256)) * 8),
    ("zeros", ".csv", b"\x00" * 4096),
    ("utf16-no-bom", ".txt", REPORT.encode("utf-16-le")),
    ("bad-utf8-jsonl", ".jsonl", b'{"text": "caf\xe9 in Kyiv"}\n'),
    ("lone-surrogate", ".jsonl", b'{"text": "\\ud800 Kyiv"}\n'),
    ("truncated-json", ".jsonl", VALID[".jsonl"][:30].encode()),
    ("truncated-feed", ".xml", VALID[".xml"][:70].encode()),
    ("broken-front-matter", ".md", b"---\ntitle: [Silos\n---\nShelling hit Izmail.\n"),
    ("deep-json", ".jsonl", ('{"text": "x", "a": ' + "[" * 3000 + "]" * 3000 + "}").encode()),
    ("deep-yaml", ".md", ("---\na: " + "[" * 3000 + "]" * 3000 + "\n---\n" + REPORT).encode()),
    ("alias-bomb", ".md", ALIAS_BOMB.encode()),
    ("billion-laughs", ".xml", BILLION_LAUGHS.encode()),
    ("external-entity", ".xml", b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     b'<rss version="2.0"><channel><item><title>&x;</title></item></channel></rss>'),
    ("header-only-csv", ".csv", b"title,text\n"),
    ("no-text-column", ".csv", b"title,body\nSilos,hit\n"),
    ("feed-without-items", ".xml", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "suffix", "content"), HOSTILE_FILES, ids=[case[0] for case in HOSTILE_FILES]
)
def test_each_generated_hostile_file_is_one_line_errors_and_never_a_crash(
    name: str, suffix: str, content: bytes
) -> None:
    started = time.perf_counter()
    items = read_all(suffix, content)
    assert time.perf_counter() - started < 10
    assert all(isinstance(item, InputError) for item in items), (name, items)
    assert items


@pytest.mark.parametrize("suffix", sorted(VALID))
def test_a_valid_report_cut_at_any_byte_is_read_or_refused(suffix: str) -> None:
    data = VALID[suffix].encode()
    for cut in range(0, len(data), 7):
        read_all(suffix, data[:cut])


@SETTINGS
@given(suffix=st.sampled_from(sorted(VALID)), date=HOSTILE)
def test_any_published_date_is_read_or_kept_as_given(suffix: str, date: str) -> None:
    content = VALID[suffix].replace("2023-07-24", date.replace("\n", " ").replace('"', "'"))
    if suffix == ".xml":
        content = content.replace("<item>", f"<item><pubDate>{date}</pubDate>")
    for item in read_all(suffix, content):
        if isinstance(item, Document) and item.published is not None:
            assert item.published.tzinfo is not None


@SETTINGS
@given(
    codec=st.sampled_from(["utf-16", "utf-32", "cp1251", "cp1252", "latin-1", "koi8-r", "shift_jis"]),
    text=ANY_TEXT,
)
def test_any_text_in_any_encoding_is_read_or_refused(codec: str, text: str) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode(codec, errors="replace")
    for suffix in (".txt", ".csv", ".jsonl"):
        read_all(suffix, data)


@SETTINGS
@given(content=st.one_of(HOSTILE, st.binary(max_size=2000).map(lambda b: b.decode("latin-1"))))
def test_anything_on_standard_input_is_read_or_refused_naming_stdin(content: str) -> None:
    for item in read_stdin(io.BytesIO(content.encode("utf-8"))):
        assert isinstance(item, Document | InputError)
        if isinstance(item, InputError):
            assert str(item).startswith("-") and "\n" not in str(item)


def test_hostile_files_between_good_ones_leave_every_good_one_read(tmp_path: Path) -> None:
    names = []
    for number, (name, suffix, content) in enumerate(HOSTILE_FILES):
        good = tmp_path / f"{number:02}-good.txt"
        good.write_text(f"Report {number}: {REPORT}")
        bad = tmp_path / f"{number:02}-{name}{suffix}"
        bad.write_bytes(content)
        names += [str(good), str(bad)]

    items = list(read_inputs(names))

    assert sorted(d.text for d in items if isinstance(d, Document)) == sorted(
        f"Report {n}: {REPORT}" for n in range(len(HOSTILE_FILES))
    )
    assert {str(e).split(": ")[0].split(":")[0] for e in items if isinstance(e, InputError)} == set(
        names[1::2]
    )


def run_cli(*args: str, stdin: bytes = b"", db: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    command = [sys.executable, "-m", "sitroom", "ingest", *args, "--no-extract", "--db", str(db)]
    return subprocess.run(command, input=stdin, capture_output=True, env=env, timeout=120, check=False)


def stored_texts(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return sorted(row[0] for row in connection.execute("SELECT text FROM documents"))


def test_cli_stores_the_good_files_and_names_each_hostile_one_on_one_line(tmp_path: Path) -> None:
    chosen = {"png", "deep-json", "alias-bomb", "billion-laughs", "utf16-no-bom"}
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-first.txt").write_text(f"First. {REPORT}")
    for name, suffix, content in HOSTILE_FILES:
        if name in chosen:
            (folder / f"b-{name}{suffix}").write_bytes(content)
    (folder / "c-last.jsonl").write_text(json.dumps({"title": "Last", "text": f"Last. {REPORT}"}) + "\n")
    db = tmp_path / "news.db"

    result = run_cli(str(folder), db=db)

    assert result.returncode == 2, result.stderr
    lines = result.stderr.decode().splitlines()
    assert len(lines) == len(chosen), lines
    assert all(line.startswith(f"sitroom: {folder / 'b-'}") for line in lines)
    assert "Traceback" not in result.stderr.decode()
    assert stored_texts(db) == [f"First. {REPORT}", f"Last. {REPORT}"]


def test_cli_reads_json_lines_on_stdin_with_a_deep_and_a_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": f"One. {REPORT}"}),
        '{"text": "deep", "a": ' + "[" * 800 + "]" * 800 + "}",
        "{broken",
        json.dumps({"title": "Silos burn in Izmail", "text": ""}),
    ]
    db = tmp_path / "news.db"

    result = run_cli("-", stdin=("\n".join(lines) + "\n").encode(), db=db)

    assert result.returncode == 2, result.stderr
    errors = result.stderr.decode().splitlines()
    assert errors[0] == "sitroom: -:2: JSON nested deeper than 64 levels"
    assert errors[1].startswith("sitroom: -:3: not JSON")
    assert len(errors) == 2
    assert stored_texts(db) == [f"One. {REPORT}", "Silos burn in Izmail"]
