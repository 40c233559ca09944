"""One strike told by eight outlets over two days, in an invented feed read as a new user would.

The feed (strike_feed.jsonl, written for this test) holds eleven reports of a missile strike on a
hospital in Sumy, its toll rising 2 -> 4 -> 7 -> 9, two denials and a funeral, among six items of the
same days: two strikes on other towns, sanctions, a visit, a football transfer. Real extraction
and real clustering: the strike is one story, dated the day it happened, with its toll over time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from sitroom.read.stories import get_story
from sitroom.read.views import StoryView
from sitroom.room import Room
from sitroom.store import schema as t

FEED = Path(__file__).with_name("strike_feed.jsonl")


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> dict[str, StoryView]:
    """Ingest the feed; return each item's story, by the item's id."""
    room = Room(str(tmp_path_factory.mktemp("feed") / "feed.db"))
    room.ingest([str(FEED)])
    sd = t.story_documents.c
    with room.store.engine.connect() as conn:
        rows = conn.execute(
            select(t.documents.c.metadata, sd.story_id).join(
                t.story_documents, sd.document_id == t.documents.c.id
            )
        ).all()
        views = {story: get_story(conn, story) for story in {story for _, story in rows}}
        found = {str((metadata or {})["id"]): views[story] for metadata, story in rows}
    room.close()
    return found


def strike_items(stories: dict[str, StoryView]) -> set[str]:
    return {item for item in stories if item.startswith("test-s")}


def test_the_strike_is_one_story_without_the_other_days_items(stories: dict[str, StoryView]) -> None:
    strike = stories["test-s01"]
    members = {item for item, story in stories.items() if story.id == strike.id}
    assert members == strike_items(stories)


def test_the_strikes_story_is_dated_the_day_it_happened_and_names_its_outlets(
    stories: dict[str, StoryView],
) -> None:
    strike = stories["test-s01"]
    assert strike.date == "2023-09-14"
    assert len(strike.sources) >= 5
    assert "reuters.com" not in strike.sources  # outlets by name, not host
    assert "Reuters" in strike.sources


def test_the_strikes_toll_rises_over_time_to_nine(stories: dict[str, StoryView]) -> None:
    strike = stories["test-s01"]
    tolls = [f.highest for f in strike.figures if f.kind == "killed" and f.own_toll]
    assert tolls[0] == 2 and tolls[-1] == 9
    assert {2, 4, 7, 9} <= set(tolls)
    assert strike.summary is not None and strike.summary.endswith("9 killed")
    assert "Sumy" in strike.summary


def test_the_other_towns_strikes_are_their_own_stories(stories: dict[str, StoryView]) -> None:
    sumy = stories["test-s01"].id
    assert stories["test-d01"].id != sumy and stories["test-d02"].id != sumy
    assert stories["test-d01"].id != stories["test-d02"].id


def test_the_denial_of_the_strike_is_the_storys_conflict(stories: dict[str, StoryView]) -> None:
    strike = stories["test-s01"]
    denials = [c["detail"] for c in strike.conflicts if c["kind"] == "denial"]
    assert len(denials) == 1
    assert denials[0].startswith(("Dmitry Peskov denies", "Kremlin denies", "Russia denies"))
    assert "The Guardian" not in denials[0].split(" denies ")[0]  # a party denies, not the outlet
