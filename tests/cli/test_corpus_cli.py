"""`sitroom documents`, `search` and `stats` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app

STATS_KEYS = {"documents", "sources", "entities", "events", "claims", "stories"}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path, runner: CliRunner) -> Path:
    """A database holding two reports from two outlets (stored without extraction, for speed)."""
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        json.dumps(
            {
                "source": "Reuters",
                "title": "Shelling in Kharkiv",
                "published": "2024-03-04",
                "text": "Russian forces shelled Kharkiv overnight, killing three civilians.",
            }
        )
        + "\n"
        + json.dumps(
            {
                "source": "BelSat",
                "title": "Protest in Minsk",
                "published": "2024-03-05",
                "text": "Thousands of people protested in Minsk against the government.",
            }
        )
        + "\n"
    )
    path = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", str(wire), "--db", str(path), "--no-extract"])
    assert result.exit_code == 0, result.output
    return path


def test_documents_lists_newest_first(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["documents", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.index("Protest in Minsk") < result.stdout.index("Shelling in Kharkiv")
    as_json = runner.invoke(app, ["documents", "--db", str(db), "--json", "--source", "Reuters"])
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [(r["title"], r["sources"], r["published"][:10]) for r in rows] == [
        ("Shelling in Kharkiv", ["Reuters"], "2024-03-04")
    ]


def test_search_finds_a_word_and_shows_title_source_and_snippet(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["search", "shelling", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Shelling in Kharkiv" in result.stdout
    assert "Reuters" in result.stdout
    assert "Minsk" not in result.stdout
    hits = [
        json.loads(line)
        for line in runner.invoke(app, ["search", "Minsk", "--json", "--db", str(db)]).stdout.splitlines()
    ]
    assert [h["title"] for h in hits] == ["Protest in Minsk"]
    assert "[Minsk]" in hits[0]["snippet"]


def test_search_with_no_match_says_so(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["search", 'Odesa "AND (', "--db", str(db)])
    assert result.exit_code == 0
    assert "no documents match" in result.stdout


def test_stats_json_has_exactly_the_documented_keys(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["stats", "--json", "--db", str(db)])
    counts = json.loads(result.stdout)
    assert set(counts) == STATS_KEYS
    assert counts["documents"] == 2
    assert counts["sources"] == 2


def test_db_defaults_to_sitroom_db_environment_variable(
    runner: CliRunner, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITROOM_DB", str(db))
    result = runner.invoke(app, ["stats", "--json"])
    assert json.loads(result.stdout)["documents"] == 2
