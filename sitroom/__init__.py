"""sitroom: a sourced, structured picture of a conflict from a stream of news reports.

Public API: ``analyze(text, ...)`` for one document and ``Room(db_url)`` for a corpus.
Heavy libraries (spaCy, SQLAlchemy) load on first use, not on import.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sitroom.model import Analysis, Document

if TYPE_CHECKING:
    from sitroom.extract.actors import ActorCoder
    from sitroom.extract.verbs import VerbDictionary
    from sitroom.room import Room

__all__ = ["Analysis", "Document", "Room", "analyze"]


def analyze(
    text: str,
    published: datetime | None = None,
    source: str | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    model: str | None = None,
    actor_coder: ActorCoder | None = None,
    verbs: VerbDictionary | None = None,
) -> Analysis:
    """Return everything extracted from one report: entities, relations, events, claims.

    ``actor_coder`` (an ``ActorCoder`` from CAMEO dictionaries) adds actor and target codes;
    ``verbs`` (a ``VerbDictionary``) codes events PETRARCH's way (``sitroom.extract.petrarch``).
    """
    from sitroom.extract.pipeline import analyze_documents

    document = Document.from_text(text, source=source, url=url, title=title, published=published)
    return next(analyze_documents([document], model=model, actor_coder=actor_coder, verbs=verbs))


def __getattr__(name: str) -> Any:
    if name == "Room":
        from sitroom.room import Room

        return Room
    raise AttributeError(name)
