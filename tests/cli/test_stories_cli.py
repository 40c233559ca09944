"""`sitroom stories`, `story`, `entity`, `timeline` and `export` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.errors import ConfigError, NotFound
from sitroom.model import Analysis, Bounds, Document, Entity, Event, Evidence, Mention
from sitroom.resolve import resolve_corpus
from sitroom.store.db import Store

STORY_KEYS = {"id", "type", "location", "lat", "lon", "date", "sources", "documents", "figures", "conflicts"}
KRAMATORSK = Entity("Kramatorsk", "GPE", country="UA", lat=48.7233, lon=37.5563)


def strike_report(text: str, source: str, published: str, dead: int, who: Entity) -> Analysis:
    document = Document.from_text(
        text,
        source=source,
        title=f"{source}: Kramatorsk",
        published=datetime.fromisoformat(published).replace(tzinfo=UTC),
    )
    start = text.index(who.name)
    event = Event(
        "ASSAULT",
        Evidence(0, len(text), text),
        actor=who.name,
        location="Kramatorsk",
        lat=48.7233,
        lon=37.5563,
        date="2023-06-27",
        date_precision="day",
        killed=Bounds(dead, dead),
        cameo="195",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
    )
    return Analysis(
        document,
        entities=(KRAMATORSK, who),
        events=(event,),
        extractor_version="test",
        mentions=(Mention(who.name, who.type, start, start + len(who.name), who.name),),
    )


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "stories.db")
    store = Store.open(path)
    for item in (
        strike_report(
            "Lukashenko's ally Russia hit Kramatorsk, killing 4.",
            "AP",
            "2023-06-27T19:00:00",
            4,
            Entity("Russia", "GPE", country="RU"),
        ),
        strike_report(
            "Russian forces hit Kramatorsk, killing 9.",
            "Tass",
            "2023-06-27T19:40:00",  # within the hour of AP's: two figures for one moment
            9,
            Entity("Russian forces", "ORG", subtype="armed_group", aliases=("Russia's army",)),
        ),
    ):
        store.save(item.document, item)
    resolve_corpus(store.engine)
    store.engine.dispose()
    return path


def test_stories_json_has_one_object_per_story_with_the_contract_keys(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["stories", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    story = json.loads(line)
    assert set(story) >= STORY_KEYS
    assert story["sources"] == ["AP", "Tass"]
    assert story["documents"] == 2
    assert [(f["kind"], f["min"], f["max"], f["source"]) for f in story["figures"]] == [
        ("killed", 4, 4, "AP"),
        ("killed", 9, 9, "Tass"),
    ]
    assert story["figures"][0]["published"] == "2023-06-27T19:00:00+00:00"
    assert story["conflicts"][0]["kind"] == "figures"
    assert (story["location"], story["lat"], story["date"]) == ("Kramatorsk", 48.7233, "2023-06-27")


def test_stories_filters_by_type_place_and_dates(runner: CliRunner, db: str) -> None:
    def count(*args: str) -> int:
        result = runner.invoke(app, ["stories", "--json", "--db", db, *args])
        assert result.exit_code == 0, result.output
        return len(result.output.splitlines())

    assert count("--type", "assault", "--place", "kramatorsk") == 1
    assert count("--type", "PROTEST") == 0
    assert count("--since", "2023-06-28") == 0
    assert count("--until", "2023-06-27") == 1


def test_stories_table_and_story_detail_show_figures_and_conflict(runner: CliRunner, db: str) -> None:
    table = runner.invoke(app, ["stories", "--db", db])
    assert "Kramatorsk" in table.output and "4 → 9" in table.output
    story_id = json.loads(runner.invoke(app, ["stories", "--json", "--db", db]).output)["id"]
    detail = runner.invoke(app, ["story", str(story_id), "--db", db])
    assert detail.exit_code == 0, detail.output
    assert "Russian forces hit Kramatorsk, killing 9." in detail.output
    assert "killed: AP says 4, Tass says 9" in detail.output
    missing = runner.invoke(app, ["story", "999", "--db", db])
    assert isinstance(missing.exception, NotFound)
    assert str(missing.exception) == "story 999: no such story in the store"


def test_entity_is_found_through_an_alias(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["entity", "Russia's army", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["name"] == "Russian forces"
    assert [e["evidence"]["text"] for e in found["events"]] == ["Russian forces hit Kramatorsk, killing 9."]
    assert found["mentions_over_time"] == [{"date": "2023-06-27", "count": 1}]


def test_timeline_of_a_place_lists_both_reports(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["timeline", "--place", "Kramatorsk", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.count("2023-06-27 ASSAULT") == 2


def test_export_acled_csv_to_a_file(runner: CliRunner, db: str, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    result = runner.invoke(app, ["export", "--format", "acled-csv", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    # Two outlets' reports of one strike are one ACLED row: the highest toll, never a sum,
    # with each outlet's figure kept in the notes.
    [row] = rows
    assert (row["event_date"], row["location"], row["fatalities"]) == ("2023-06-27", "Kramatorsk", "9")
    assert row["source"] == "AP; Tass"
    assert row["notes"].endswith("Fatalities reported: 4 (AP); 9 (Tass)")
    bad = runner.invoke(app, ["export", "--format", "pdf", "--db", db])
    assert isinstance(bad.exception, ConfigError)
    assert "unknown; choose one of jsonl, acled-csv" in str(bad.exception)
