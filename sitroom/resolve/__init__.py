"""Resolve the corpus: one entity per real-world thing, one story per real-world event.

``resolve_corpus(engine)`` runs after each ingest: it judges entities across documents,
then rebuilds stories with their figures over time and contradictions. Both steps are
deterministic and idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["ResolveSummary", "resolve_corpus"]


@dataclass(frozen=True, slots=True)
class ResolveSummary:
    """What one resolution run found."""

    entities_merged: int  # entities pointing at another they were judged the same as
    stories: int
    events_linked: int  # events that joined a story holding another event

    def to_json(self) -> dict[str, int]:
        return {
            "entities_merged": self.entities_merged,
            "stories": self.stories,
            "events_linked": self.events_linked,
        }


def resolve_corpus(engine: Engine) -> ResolveSummary:
    """Resolve entities, then rebuild stories, in one transaction; return what was found."""
    from sitroom.resolve.entities import resolve_entities
    from sitroom.resolve.stories import build_stories

    with engine.begin() as conn:
        merged = resolve_entities(conn)
        stories, linked = build_stories(conn)
    return ResolveSummary(entities_merged=merged, stories=stories, events_linked=linked)
