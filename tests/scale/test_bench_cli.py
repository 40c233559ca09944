"""`sitroom bench` as a user runs it for a quick check: every figure is measured and printed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.errors import ConfigError
from sitroom.room import Room

SAMPLE = Path(__file__).parents[2] / "sitroom" / "sample"


def test_bench_json_reports_throughput_memory_ingest_and_latency() -> None:
    result = CliRunner().invoke(
        app, ["bench", "--json", "--quiet", "--docs", "4", "--stream", "6", "--events", "300"]
    )

    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == 27  # never fewer than the sample corpus itself
    for key in ("analyze_words_per_s", "spacy_words_per_s", "ratio", "peak_rss_mb"):
        assert figures[key] > 0, key
    assert figures["stream"]["documents"] == 6
    assert figures["ingest"]["sqlite"]["save_docs_per_s"] > 0
    assert figures["estimate_100k_docs_two_cores_s"] > 0
    latency = figures["latency"]
    assert (latency["database"], latency["events"], latency["documents"]) == ("sqlite", 300, 30)
    queries = latency["queries"]
    assert set(queries) == {
        "stories",
        "events_by_type",
        "events_by_place",
        "events_by_date",
        "search",
        "entity_page",
    }
    for name, query in queries.items():
        assert query["status"] == 200, name
        assert query["items"] > 0, name
        assert 0 < query["p50_ms"] <= query["p95_ms"], name


def test_bench_on_postgresql_stores_there_and_times_the_queries_there(fresh_postgres_url: str) -> None:
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--json",
            "-q",
            "--docs",
            "4",
            "--stream",
            "2",
            "--events",
            "500",
            "--pg",
            fresh_postgres_url,
        ],
    )

    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["ingest"]["postgresql"]["documents"] == 27
    assert figures["latency"]["database"] == "postgresql"
    assert {q["status"] for q in figures["latency"]["queries"].values()} == {200}
    assert all(q["items"] > 0 for q in figures["latency"]["queries"].values())


def test_bench_refuses_a_postgresql_database_that_holds_documents(fresh_postgres_url: str) -> None:
    room = Room(fresh_postgres_url)
    room.ingest([str(SAMPLE / "2023-06-26_danube-daily_guatemala-election.txt")], extract=False)
    room.close()

    result = CliRunner().invoke(app, ["bench", "--pg", fresh_postgres_url, "--docs", "1"])

    assert isinstance(result.exception, ConfigError)
    assert "holds 1 documents; give an empty one" in str(result.exception)
