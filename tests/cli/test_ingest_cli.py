"""`sitroom ingest` and `sitroom extract` as a user runs them."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app, main

STRIKE = "Russian forces shelled Kharkiv on Monday, killing three civilians, the regional governor said."


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder of reports in five formats and one file that cannot be read."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "strike.txt").write_text(f"Title: Shelling in Kharkiv\nSource: Kyiv Independent\n\n{STRIKE}\n")
    (folder / "talks.md").write_text(
        "# Talks in Geneva\n\nDiplomats from Ukraine and Turkey met in Geneva on Friday.\n"
    )
    (folder / "protest.html").write_text(
        "<html><head><title>Protest in Minsk</title></head><body><article><p>Thousands of people protested "
        "in Minsk on Sunday against President Alexander Lukashenko, witnesses said.</p>"
        "</article></body></html>"
    )
    (folder / "wire.jsonl").write_text(
        json.dumps(
            {"source": "Reuters", "title": "Aid convoy", "text": "A UN aid convoy reached Sumy on Tuesday."}
        )
        + "\n"
    )
    (folder / "table.csv").write_text(
        'title,source,text\nSanctions,AP,"The European Union imposed new sanctions on Belarus on Monday."\n'
    )
    (folder / "scan.txt").write_bytes(b"\x00\x01\x02\x03 not text \xff\xfe")
    return folder


def stats(runner: CliRunner, db: Path) -> dict[str, int]:
    result = runner.invoke(app, ["stats", "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_ingest_stores_good_reports_and_names_the_bad_one(
    runner: CliRunner, reports: Path, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", str(reports), "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"sitroom: {reports / 'scan.txt'}: binary file, not a text report"]
    assert "5 read, 5 new, 0 already stored, 1 failed" in result.stdout
    counts = stats(runner, db)
    assert counts["documents"] == 5
    assert counts["entities"] > 0


def test_ingesting_twice_changes_nothing_but_says_already_stored(
    runner: CliRunner, reports: Path, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    (reports / "scan.txt").unlink()
    first = runner.invoke(app, ["ingest", str(reports), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = stats(runner, db)
    second = runner.invoke(app, ["ingest", str(reports), "--db", str(db)])
    assert second.exit_code == 0
    assert "5 read, 0 new, 5 already stored, 0 failed" in second.stdout
    assert stats(runner, db) == before


def test_no_extract_stores_documents_without_extraction_and_extract_adds_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    report = tmp_path / "strike.txt"
    report.write_text(STRIKE)
    result = runner.invoke(app, ["ingest", str(report), "--no-extract", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT extractor_version FROM documents").fetchall() == [(None,)]
        assert conn.execute("SELECT count(*) FROM mentions").fetchone() == (0,)
    assert stats(runner, db)["events"] == 0

    extracted = runner.invoke(app, ["extract", "--db", str(db)])
    assert extracted.exit_code == 0, extracted.output
    assert extracted.stdout.startswith("1 documents extracted")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT extractor_version FROM documents").fetchone()[0] is not None
        mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert mentions > 0
    assert runner.invoke(app, ["extract", "--db", str(db)]).stdout.startswith("0 documents extracted")
    forced = runner.invoke(app, ["extract", "--force", "--db", str(db)])
    assert forced.stdout.startswith("1 documents extracted")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == mentions


def test_ingest_reads_standard_input(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db), "--quiet"], input=STRIKE)
    assert result.exit_code == 0, result.output
    assert "1 read, 1 new" in result.stdout
    assert stats(runner, db)["documents"] == 1


def test_same_report_from_two_outlets_is_stored_once(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        json.dumps({"source": "Reuters", "text": STRIKE})
        + "\n"
        + json.dumps({"source": "AP", "text": STRIKE})
        + "\n"
    )
    result = runner.invoke(app, ["ingest", str(wire), "--db", str(db)])
    assert "2 read, 1 new, 1 already stored, 0 failed" in result.stdout
    assert stats(runner, db)["documents"] == 1
    assert stats(runner, db)["sources"] == 2


def run_main(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """Run the console script's entry point; return its exit code and stderr."""
    monkeypatch.setattr(sys, "argv", ["sitroom", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0), capsys.readouterr().err


def test_corrupted_database_exits_5_with_one_line_and_is_left_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "news.db"
    garbage = bytes((i * 7919) % 256 for i in range(8192))
    db.write_bytes(garbage)
    report = tmp_path / "strike.txt"
    report.write_text(STRIKE)
    code, err = run_main(["ingest", str(report), "--db", str(db)], monkeypatch, capsys)
    assert code == 5
    assert err == f"sitroom: {db} is not a sitroom database or is corrupted\n"
    assert db.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.db", "strike.txt"]


def test_locked_database_gives_one_clear_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "news.db"
    report = tmp_path / "strike.txt"
    report.write_text(STRIKE)
    assert runner.invoke(app, ["stats", "--db", str(db)]).exit_code == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, err = run_main(["ingest", str(report), "--db", str(db), "--no-extract"], monkeypatch, capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 5
    assert err.splitlines() == [f"sitroom: {db} is locked by another process; try again when it has finished"]
