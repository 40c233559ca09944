"""Inputs built to exhaust the stack, memory or time: refused in one line, the rest of the batch read."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

from sitroom.config import MAX_FRONT_MATTER_BYTES, MAX_JSON_DEPTH
from sitroom.errors import InputError
from sitroom.ingest import read_inputs, read_path, read_stdin
from sitroom.model import Document

FIRST = "Drones struck an oil depot in Novorossiysk overnight, the port authority said."
LAST = "Ukraine's navy said it repelled an attack on a grain ship near Odesa."


def deep_json(levels: int) -> str:
    """A record whose metadata nests ``levels`` lists deep."""
    return '{"text": "Nested.", "extra": ' + "[" * levels + "]" * levels + "}"


def alias_bomb(levels: int) -> str:
    """YAML front matter whose aliases expand nine-fold per level (9**levels items)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "---\n" + "\n".join(lines) + "\n---\n" + FIRST + "\n"


def texts(results: list[Document | InputError]) -> list[str]:
    return [r.text for r in results if isinstance(r, Document)]


def errors(results: list[Document | InputError]) -> list[str]:
    found = [str(r) for r in results if isinstance(r, InputError)]
    assert all("\n" not in error for error in found)
    return found


def test_json_nested_600_deep_in_a_file_is_one_error_and_the_batch_around_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(FIRST)
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": LAST}) + "\n" + deep_json(600) + "\n")
    (tmp_path / "c.jsonl").write_text(deep_json(5000) + "\n")
    (tmp_path / "d.txt").write_text("A ceasefire in Sumy held for a second day.")

    results = list(read_inputs([str(tmp_path / n) for n in ("a.txt", "b.jsonl", "c.jsonl", "d.txt")]))

    assert texts(results) == [FIRST, LAST, "A ceasefire in Sumy held for a second day."]
    assert errors(results) == [
        f"{tmp_path / 'b.jsonl'}:2: JSON nested deeper than {MAX_JSON_DEPTH} levels",
        f"{tmp_path / 'c.jsonl'}:1: JSON nested deeper than {MAX_JSON_DEPTH} levels",
    ]


def test_json_nested_just_within_the_limit_is_read() -> None:
    record = (
        '{"text": "' + FIRST + '", "extra": ' + "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1) + "}"
    )
    (document,) = read_stdin(io.BytesIO(record.encode()))
    assert isinstance(document, Document) and document.text == FIRST


def test_json_nested_600_deep_on_stdin_is_one_error_and_other_lines_are_read() -> None:
    data = "\n".join([json.dumps({"text": FIRST}), deep_json(600), json.dumps({"text": LAST})]) + "\n"
    results = list(read_stdin(io.BytesIO(data.encode())))
    assert texts(results) == [FIRST, LAST]
    assert errors(results) == [f"-:2: JSON nested deeper than {MAX_JSON_DEPTH} levels"]


def test_json_lines_on_stdin_with_a_bad_line_are_records_not_one_text_document() -> None:
    data = (
        json.dumps({"title": "Depot", "text": FIRST})
        + "\n{not json at all\n"
        + json.dumps({"text": LAST})
        + "\n"
    )
    results = list(read_stdin(io.BytesIO(data.encode())))
    assert texts(results) == [FIRST, LAST]
    (error,) = errors(results)
    assert error.startswith("-:2: not JSON")


def test_prose_starting_with_a_brace_line_on_stdin_stays_text() -> None:
    data = "{Editor's note}\nShelling hit Kherson.\nTwo people were hurt.\nPower was cut.\n"
    (document,) = read_stdin(io.BytesIO(data.encode()))
    assert isinstance(document, Document) and "Shelling hit Kherson." in document.text


def test_yaml_alias_bomb_in_front_matter_is_refused_fast_and_the_next_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "bomb.md").write_text(alias_bomb(9))  # 9**9 items if expanded
    (tmp_path / "next.md").write_text("---\ntitle: Depot fire\n---\n" + FIRST + "\n")
    started = time.perf_counter()

    results = list(read_path(tmp_path))

    assert time.perf_counter() - started < 5
    assert errors(results) == [
        f"{tmp_path / 'bomb.md'}: bad YAML front matter: aliases (*name) are not allowed (line 3)"
    ]
    (document,) = [r for r in results if isinstance(r, Document)]
    assert document.title == "Depot fire" and document.text == FIRST


def test_front_matter_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("---\n" + "".join(f"k{n}: {'v' * 60}\n" for n in range(2000)) + "---\n" + FIRST + "\n")
    (error,) = errors(list(read_path(path)))
    assert error.startswith(f"{path}: YAML front matter is ")
    assert error.endswith(f"bytes, over the limit of {MAX_FRONT_MATTER_BYTES}")


def test_deeply_nested_front_matter_is_refused_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("---\nx: " + "[" * 20_000 + "]" * 20_000 + "\n---\n" + FIRST + "\n")
    started = time.perf_counter()
    (error,) = errors(list(read_path(path)))
    assert time.perf_counter() - started < 5
    assert error.startswith(f"{path}: bad YAML front matter: nested deeper than ")


def test_a_csv_row_longer_than_the_csv_modules_field_limit_loses_no_rows(tmp_path: Path) -> None:
    long_report = ("Shelling continued along the front line near Avdiivka. " * 4000).strip()
    assert len(long_report) > 131_072  # the csv module's default limit on one field
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([["title", "text"], ["Depot", FIRST], ["Front", long_report], ["Navy", LAST]])
    path = tmp_path / "reports.csv"
    path.write_text(out.getvalue())

    results = list(read_path(path))

    assert texts(results) == [FIRST, long_report, LAST]
