"""`sitroom analyze` and `sitroom eval` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app

CONTRACT_KEYS = {"document", "mentions", "entities", "relations", "events", "claims"}


@pytest.fixture(scope="module")
def shared() -> Path:
    return Path(__file__).parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    lines = [
        {
            "id": "a",
            "source": "Reuters",
            "title": "First",
            "text": "Russian forces shelled Kharkiv on Monday.",
        },
        {
            "id": "b",
            "source": "AP",
            "title": "Second",
            "text": "Ukraine's president met NATO leaders in Vilnius.",
        },
        {
            "id": "c",
            "source": "BBC",
            "title": "Third",
            "text": "The Wagner Group withdrew from Rostov-on-Don.",
        },
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def test_analyze_json_prints_one_line_per_jsonl_record_in_order(runner: CliRunner, reports: Path) -> None:
    result = runner.invoke(app, ["analyze", str(reports), "--json"])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["document"]["title"] for line in lines] == ["First", "Second", "Third"]
    assert all(line.keys() >= CONTRACT_KEYS for line in lines)
    assert {m["text"] for m in lines[0]["mentions"]} >= {"Kharkiv"}


def test_analyze_bad_input_prints_one_error_line_and_exits_2(
    runner: CliRunner, reports: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["analyze", str(missing), str(reports), "--json"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"sitroom: {missing}: no such file or directory"]
    assert len(result.stdout.splitlines()) == 3


def test_analyze_reads_stdin_and_prints_a_summary(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", "-"], input="NATO leaders met in Vilnius on Tuesday.\n")
    assert result.exit_code == 0, result.stderr
    assert "Entities" in result.stdout
    assert "Vilnius" in result.stdout


def test_eval_seed_gold_json_prints_the_parts(runner: CliRunner, shared: Path) -> None:
    result = runner.invoke(app, ["eval", str(shared / "gold" / "seed.gold.json"), "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["formats"] == ["seed"]
    assert set(report["parts"]) == {"entities", "relations", "events", "claims"}
    assert report["parts"]["events"]["required"] == 12
    assert report["parts"]["claims"]["total"] == 9


def test_eval_table_with_misses_shows_gold_evidence(runner: CliRunner, shared: Path) -> None:
    result = runner.invoke(
        app,
        ["eval", str(shared / "data" / "plover" / "plover-gsr-dev.jsonl"), "--limit", "3", "--misses"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.stderr
    assert "event_type" in result.stdout
    assert "accuracy ≥ 0.70" in result.stdout
    assert "gold text:" in result.stdout or "no misses" in result.stdout


def test_eval_check_exits_1_when_a_target_is_missed(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    record = {"id": "X", "event": "AGREE", "eventText": "zzz", "text": "Nothing happened here at all."}
    path.write_text(json.dumps(record) + "\n")
    result = runner.invoke(app, ["eval", str(path), "--check", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["parts"]["event_type"]["target_met"] is False


def test_eval_unknown_format_is_a_usage_error(runner: CliRunner, shared: Path) -> None:
    result = runner.invoke(app, ["eval", str(shared / "gold"), "--format", "xml"])
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_eval_reads_a_directory_of_seed_gold_files(runner: CliRunner, shared: Path) -> None:
    result = runner.invoke(app, ["eval", str(shared / "gold"), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["documents"] == 1


def test_analyze_with_petrarch_dictionaries_codes_event_actors(
    runner: CliRunner, shared: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Gondor troops attacked Arnor on Monday, killing four soldiers.\n")
    dictionaries = shared / "data" / "petrarch"
    result = runner.invoke(
        app,
        ["analyze", str(report), "--json", "--actors", str(dictionaries / "PETR.Validate.actors.txt"),
         "--agents", str(dictionaries / "PETR.Validate.agents.txt")],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    codes = {
        code for event in json.loads(line)["events"] for code in (event["actor_code"], event["target_code"])
    }
    assert "ARN" in codes


def test_analyze_agents_without_actors_is_a_usage_error(
    runner: CliRunner, reports: Path, shared: Path
) -> None:
    agents = shared / "data" / "petrarch" / "PETR.Validate.agents.txt"
    result = runner.invoke(app, ["analyze", str(reports), "--agents", str(agents)])
    assert result.exit_code == 2
    assert "--agents needs --actors" in result.stderr


def test_analyze_codes_each_line_of_a_file_of_one_sentence_a_line(
    runner: CliRunner, shared: Path, tmp_path: Path
) -> None:
    report = tmp_path / "lines.txt"
    report.write_text(
        "Rohan condemned Mordor\nPolice arrested two Gondor students\n"
        "The Bulgarian government praised Arnor\n"
    )
    dictionaries = shared / "data" / "petrarch"
    result = runner.invoke(
        app,
        ["analyze", str(report), "--json", "--actors", str(dictionaries / "PETR.Validate.actors.txt"),
         "--agents", str(dictionaries / "PETR.Validate.agents.txt"),
         "--verbs", str(dictionaries / "PETR.Validate.verbs.txt")],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    codings = {(e["actor_code"], e["target_code"], e["cameo"]) for e in json.loads(line)["events"]}
    assert codings >= {("ROH", "MOR", "122"), ("---COP", "GONEDU", "212"), ("BULGOV", "ARN", "051")}
