"""JSON Lines and CSV/TSV tables: one Document per line or row, bad lines reported, the rest read."""

import json
from datetime import UTC, datetime
from pathlib import Path

from sitroom.errors import InputError
from sitroom.ingest import read_path
from sitroom.model import Document


def read_all(path: Path) -> list[Document | InputError]:
    return list(read_path(path, max_bytes=1_000_000))


def test_jsonl_reads_known_fields_and_keeps_extra_fields_and_id_in_metadata(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    lines = [
        {"id": "r1", "source": "Reuters", "url": "https://example.org/r1",
         "published": "2023-06-24T08:00:00Z", "title": "Wagner enters Rostov",
         "text": "Wagner fighters entered Rostov.", "desk": "Moscow"},
        {"id": "r2", "text": "Prigozhin halted the march.", "published": "24 June 2023"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "Wagner fighters entered Rostov."
    assert (first.source, first.url, first.title) == (
        "Reuters",
        "https://example.org/r1",
        "Wagner enters Rostov",
    )
    assert first.published == datetime(2023, 6, 24, 8, 0, tzinfo=UTC)
    assert first.metadata == {"id": "r1", "desk": "Moscow"}
    assert second.published == datetime(2023, 6, 24, tzinfo=UTC)
    assert second.metadata == {"id": "r2"}


def test_jsonl_bad_lines_are_errors_naming_file_and_line_and_other_lines_are_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ndjson"
    path.write_text(
        '{"text": "First report."}\n'
        "{not json\n"
        '{"source": "AP"}\n'
        '["a", "list"]\n'
        '{"text": "   "}\n'
        '{"text": "Last report."}\n'
    )
    results = read_all(path)
    assert [r.text for r in results if isinstance(r, Document)] == ["First report.", "Last report."]
    errors = [str(r) for r in results if isinstance(r, InputError)]
    assert errors[0].startswith(f"{path}:2: not JSON")
    assert errors[1] == f"{path}:3: no 'text' field"
    assert errors[2] == f"{path}:4: not a JSON object (a list)"
    assert errors[3] == f"{path}:5: 'text' is empty and there is no 'title'"
    assert all("\n" not in error for error in errors)


def test_a_jsonl_record_with_a_title_and_empty_text_is_stored_as_its_headline(tmp_path: Path) -> None:
    path = tmp_path / "headlines.jsonl"
    path.write_text(
        '{"title": "Dam breach floods  villages on the Dnipro", "text": "", "text_kind": "rss_summary"}\n'
        '{"title": "Kyiv hosts a donor conference"}\n'
        '{"title": "Grain deal extended", "text": "Turkey said the grain deal was extended."}\n'
    )
    first, second, third = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document) and isinstance(third, Document)
    assert (first.text, first.title) == ("Dam breach floods villages on the Dnipro",) * 2
    assert first.metadata["text_kind"] == "headline"
    assert (second.text, second.metadata) == ("Kyiv hosts a donor conference", {"text_kind": "headline"})
    assert third.text == "Turkey said the grain deal was extended." and "text_kind" not in third.metadata


def test_csv_rows_become_documents_with_multiline_text(tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(
        "id,source,published,title,text,region\n"
        'a1,BBC,2023-06-27 21:40,Strike,"A missile struck Kramatorsk.\nFour were killed.",Donetsk\n'
        "a2,AP,,,The toll rose to 12.,\n"
    )
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "A missile struck Kramatorsk.\nFour were killed."
    assert first.source == "BBC"
    assert first.published == datetime(2023, 6, 27, 21, 40, tzinfo=UTC)
    assert first.metadata == {"id": "a1", "region": "Donetsk"}
    assert second.text == "The toll rose to 12." and second.published is None


def test_tsv_row_without_text_or_title_is_an_error_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "reports.tsv"
    path.write_text("source\ttitle\ttext\nAP\tFirst\tReport one.\nAP\t\t\nAP\tThird\tReport three.\n")
    results = read_all(path)
    assert [r.text for r in results if isinstance(r, Document)] == ["Report one.", "Report three."]
    assert [str(r) for r in results if isinstance(r, InputError)] == [f"{path}:3: no 'text' field"]


def test_csv_row_with_a_title_and_no_text_is_stored_as_its_headline(tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text("title,text\nPower cut in Odesa after strike,\nSecond,Report two.\n")
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "Power cut in Odesa after strike" and first.metadata == {"text_kind": "headline"}
    assert second.text == "Report two."


def test_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "no-text.csv"
    path.write_text("title,body\nStrike,A missile struck.\n")
    assert [str(r) for r in read_all(path)] == [
        f"{path}: no 'text' column in the header row (found: title, body)"
    ]


def test_jsonl_line_with_bad_bytes_is_one_error_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(b'{"text": "Caf\xe9 bombed."}\r\n{"text": "Second report."}\r\n')
    first, second = read_all(path)
    assert str(first) == f"{path}:1: not UTF-8 text (bad byte at column 14)"
    assert isinstance(second, Document) and second.text == "Second report."
