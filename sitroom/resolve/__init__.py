"""Resolve the corpus: one entity per real-world thing, one story per real-world event.

``resolve_corpus(engine)`` runs after an ingest: it judges entities across documents, then
puts every document not yet in a story into one (stories are built online, document by
document, so documents already placed are not compared again). Both steps are deterministic
and idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from sitroom.resolve.entities import resolve_entities
from sitroom.resolve.stories import assign_pending
from sitroom.store import schema as t

__all__ = ["ResolveSummary", "resolve_corpus", "story_counts"]


@dataclass(frozen=True, slots=True)
class ResolveSummary:
    """What one resolution run found."""

    entities_merged: int  # entities pointing at another they were judged the same as
    stories: int
    events_linked: int  # events in a story that holds an event of another document

    def to_json(self) -> dict[str, int]:
        return {
            "entities_merged": self.entities_merged,
            "stories": self.stories,
            "events_linked": self.events_linked,
        }


def story_counts(engine: Engine) -> tuple[int, int]:
    """Return the stories stored, and the events sharing a story with another document's events."""
    e = t.events.c
    with engine.connect() as conn:
        stories = int(conn.execute(select(func.count()).select_from(t.stories)).scalar_one())
        per_story = (
            select(e.story_id, func.count().label("n"), func.count(e.document_id.distinct()).label("docs"))
            .where(e.story_id.is_not(None))
            .group_by(e.story_id)
            .subquery()
        )
        linked = conn.execute(
            select(func.coalesce(func.sum(per_story.c.n - 1), 0)).where(per_story.c.docs > 1)
        ).scalar_one()
    return stories, int(linked)


def resolve_corpus(engine: Engine) -> ResolveSummary:
    """Resolve entities (one transaction), then place every unplaced document in a story."""
    with engine.begin() as conn:
        merged = resolve_entities(conn)
    assign_pending(engine)
    stories, linked = story_counts(engine)
    return ResolveSummary(entities_merged=merged, stories=stories, events_linked=linked)
