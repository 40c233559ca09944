"""The ingest progress bar knows the total where it is cheap to count, and says the rate."""

from __future__ import annotations

from pathlib import Path

from sitroom.cli.ingest import known_total, rate_text


def test_the_total_counts_json_lines_files_and_folders(tmp_path: Path) -> None:
    feed = tmp_path / "items.jsonl"
    feed.write_text('{"text": "one"}\n\n{"text": "two"}\n{"text": "three"}\n', encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("a.txt", "b.md", ".hidden"):
        (folder / name).write_text("Shelling hit the port.", encoding="utf-8")
    assert known_total([str(feed)]) == 3
    assert known_total([str(feed), str(folder)]) == 5
    assert known_total([str(feed), "-"]) is None
    assert known_total(["https://example.org/feed.xml"]) is None


def test_the_rate_reads_as_documents_per_second() -> None:
    assert rate_text(120, 10.0) == "12.0 docs/s"
    assert rate_text(0, 0.0) == ""
