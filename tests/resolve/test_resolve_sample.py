"""End to end over the sample corpus: the Kramatorsk strike is one story, as tests/sample/truth.yaml says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from sitroom.resolve.queries import StoryView, list_stories
from sitroom.store import schema as t
from sitroom.store.room import Room

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return yaml.safe_load((REPO / "tests" / "sample" / "truth.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[StoryView], dict[str, str]]:
    """Ingest the sample corpus once (ingest resolves); return its stories and each document's truth ref."""
    room = Room(str(tmp_path_factory.mktemp("sample") / "sample.db"))
    room.ingest([str(REPO / "sitroom" / "sample")])
    with room.store.engine.connect() as conn:
        stories = list_stories(conn)
        refs = {}
        for doc_id, origin, meta in conn.execute(
            select(t.documents.c.id, t.document_sources.c.origin, t.documents.c.metadata).join(
                t.document_sources, t.document_sources.c.document_id == t.documents.c.id
            )
        ):
            item = (meta or {}).get("id") or (meta or {}).get("guid")
            name = Path(origin).name
            refs[doc_id] = f"{name}#{item}" if name.endswith((".jsonl", ".xml")) else name
    room.close()
    return stories, refs


def test_kramatorsk_reports_form_one_pure_story(
    sample: tuple[list[StoryView], dict[str, str]], truth: dict[str, Any]
) -> None:
    stories, refs = sample
    expected = set(truth["events"]["kramatorsk_strike"])
    best = max(stories, key=lambda s: len({refs[d.id] for d in s.documents} & expected))
    found = {refs[d.id] for d in best.documents}
    assert len(found & expected) >= 5
    assert found <= expected
    assert best.location == "Kramatorsk"


def test_kramatorsk_figures_follow_report_order(
    sample: tuple[list[StoryView], dict[str, str]], truth: dict[str, Any]
) -> None:
    stories, refs = sample
    expected = set(truth["events"]["kramatorsk_strike"])
    best = max(stories, key=lambda s: len({refs[d.id] for d in s.documents} & expected))
    stated = {(f["source"], f["killed_min"]) for f in truth["kramatorsk_figures"]}
    killed = [(f.source, f.min) for f in best.figures if f.kind == "killed"]
    matching = [k for k in killed if k in stated]
    assert matching[:2] == [("Kyiv Ledger", 2), ("Baltic Wire Service", 4)]
    times = [f.published for f in best.figures]
    assert times == sorted(times)


def test_unrelated_reports_share_no_story(
    sample: tuple[list[StoryView], dict[str, str]], truth: dict[str, Any]
) -> None:
    stories, refs = sample
    for story in stories:
        found = {refs[d.id] for d in story.documents}
        if found & set(truth["unrelated"]):
            assert len(found) == 1, story.title
