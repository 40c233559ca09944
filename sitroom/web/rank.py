"""The order of the home page's top stories: independent outlets, then severity, then recency.

One function, ``rank_stories``, so that the ranking of ``sitroom stories`` can replace it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sitroom.read.views import StoryView

EARLIEST = datetime.min.replace(tzinfo=UTC)


def reported_count(story: StoryView, kind: str) -> int:
    """Return the highest count of ``kind`` ("killed", "injured") any source gives for the story."""
    values = [f.max if f.max is not None else f.min for f in story.figures if f.kind == kind]
    return max((v for v in values if v is not None), default=0)


def rank_stories(stories: list[StoryView]) -> list[StoryView]:
    """Return ``stories`` best first: most distinct outlets, then most killed, injured, latest report.

    Distinct outlets stand for independent confirmation: a story six newsrooms reported
    leads one a single outlet carried, whatever its figures.
    """

    def key(story: StoryView) -> tuple[int, int, int, datetime, int]:
        last = story.last_reported or EARLIEST
        return (
            len(story.sources),
            reported_count(story, "killed"),
            reported_count(story, "injured"),
            last,
            -story.id,
        )

    return sorted(stories, key=key, reverse=True)
