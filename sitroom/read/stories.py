"""Read stories: listings by filters and pages, one story, its documents and its claims.

A story is one real-world event across documents; its view holds its events, outlets,
figures over time and conflicts, with canonical names (``merged_into`` followed).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select

from sitroom.errors import NotFound
from sitroom.read.documents import document_views
from sitroom.read.events import day_text, event_views
from sitroom.read.resolver import Resolver, family_named, find_entity
from sitroom.read.views import ClaimView, DocumentView, EventView, StoryFilters, StoryView
from sitroom.resolve.stories.conflicts import ReportedEvent, figure_reports, town_point
from sitroom.resolve.stories.write import event_sentences
from sitroom.store import schema as t
from sitroom.store.chunks import in_chunks
from sitroom.times import as_utc

# The one order of story listings, for every face: the stored rank (independent outlets,
# severity, recency: ``resolve.stories.write.rank``), highest first; unranked stories last.
STORY_ORDER = (t.stories.c.rank.is_(None), t.stories.c.rank.desc(), t.stories.c.id)


def story_view(
    row: Any,
    events: list[EventView],
    resolver: Resolver,
    members: dict[str, DocumentView] | None = None,
    sentences: dict[str, str] | None = None,
) -> StoryView:
    """Return the view of one stored story from its row, its events and its member documents.

    ``sentences`` (``event_sentences``) are the events' sentences, which say whether a figure is
    a party's count of its enemy's losses.
    """
    sentences = sentences or {}
    reported = [
        ReportedEvent(
            ev.id,
            ev.document.id,
            ev.outlets,
            ev.killed,
            ev.injured,
            ev.certainty,
            ev.negated,
            ev.attributed_to,
            ev.type,
            ev.actor,
            ev.target,
            sentences.get(ev.id) or ev.evidence.text,
            town=town_point(ev.location, ev.lat, ev.lon),
            cumulative_killed=ev.cumulative_killed,
            cumulative_injured=ev.cumulative_injured,
        )
        for ev in events
    ]
    documents = {**(members or {}), **{ev.document.id: ev.document for ev in events}}
    latest = datetime.max.replace(tzinfo=UTC)
    ordered = sorted(documents.values(), key=lambda d: (d.published or latest, d.id))
    return StoryView(
        id=row.id,
        type=row.type,
        title=row.title,
        location=resolver.name(row.location_id),
        lat=row.lat,
        lon=row.lon,
        date=row.date,
        first_reported=as_utc(row.first_reported),
        last_reported=as_utc(row.last_reported),
        sources=sorted({s for d in ordered for s in d.sources}),
        documents=ordered,
        events=events,
        figures=figure_reports(reported, town_point(resolver.name(row.location_id), row.lat, row.lon)),
        conflicts=list(row.conflicts or []),
        outlet=row.outlet,
        summary=row.summary,
        rank=row.rank,
        outlets=row.outlets or 0,
    )


def list_stories(
    conn: Connection,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    type: str | None = None,
    place: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[StoryView]:
    """Return the stories matching the filters in ``STORY_ORDER``; ``place`` matches names and aliases.

    ``limit`` and ``offset`` pick one page (every story when ``limit`` is None); only the
    events of the stories returned are read.
    """
    resolver = Resolver(conn)
    s = t.stories.c
    conditions: list[Any] = []
    if since is not None:
        conditions.append(s.date >= day_text(since))
    if until is not None:
        conditions.append(s.date <= day_text(until))
    if type:
        conditions.append(func.upper(s.type) == type.upper())
    if place:
        conditions.append(s.location_id.in_(sorted(resolver.family(find_entity(conn, place, resolver)))))
    query = select(t.stories).where(*conditions).order_by(*STORY_ORDER).offset(offset)
    return story_views(conn, list(conn.execute(query if limit is None else query.limit(limit)).all()))


def get_story(conn: Connection, id: int) -> StoryView:
    """Return one story with its events, documents, outlets, figures and conflicts."""
    row = conn.execute(select(t.stories).where(t.stories.c.id == id)).first()
    if row is None:
        raise NotFound(f"story {id}: no such story in the store")
    resolver = Resolver(conn)
    events = event_views(conn, t.events.c.story_id == id, resolver=resolver)
    sentences = event_sentences(conn, [ev.id for ev in events if ev.killed or ev.injured])
    return story_view(row, events, resolver, story_documents(conn, [id]).get(id), sentences)


def story_events(conn: Connection, story_ids: list[int], resolver: Resolver) -> dict[int, list[EventView]]:
    """Return the events of each story (only those of ``story_ids`` are read)."""
    by_story: dict[int, list[EventView]] = defaultdict(list)
    for chunk in in_chunks(story_ids):
        for ev in event_views(conn, t.events.c.story_id.in_(chunk), resolver=resolver):
            by_story[ev.story_id or 0].append(ev)
    return by_story


def story_documents(conn: Connection, story_ids: list[int]) -> dict[int, dict[str, DocumentView]]:
    """Return the member documents of each story, those without events included."""
    sd = t.story_documents.c
    pairs: list[tuple[int, str]] = []
    for chunk in in_chunks(story_ids):
        pairs.extend(
            (r.story_id, r.document_id)
            for r in conn.execute(select(sd.story_id, sd.document_id).where(sd.story_id.in_(chunk)))
        )
    views = document_views(conn, {doc for _, doc in pairs})
    found: dict[int, dict[str, DocumentView]] = defaultdict(dict)
    for story_id, doc in pairs:
        found[story_id][doc] = views[doc][0]
    return found


def _story_conditions(conn: Connection, filters: StoryFilters) -> list[Any] | None:
    """Return the SQL conditions on stories for ``filters``, or None when nothing can match."""
    s = t.stories.c
    conditions: list[Any] = []
    if filters.since:
        conditions.append(s.date >= filters.since.isoformat())
    if filters.until:
        conditions.append(s.date <= filters.until.isoformat())
    if filters.type:
        conditions.append(func.upper(s.type) == filters.type.upper())
    if filters.place:
        family = family_named(conn, Resolver(conn), filters.place)
        if family is None:
            return None
        conditions.append(s.location_id.in_(family))
    if filters.outlet:
        from_outlet = (
            select(t.events.c.story_id)
            .join(t.document_sources, t.document_sources.c.document_id == t.events.c.document_id)
            .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
            .where(t.sources.c.name == filters.outlet, t.events.c.story_id.is_not(None))
        )
        conditions.append(s.id.in_(from_outlet))
    return conditions


def story_views(conn: Connection, rows: list[Any]) -> list[StoryView]:
    """Return the views of stored story rows, reading only their events, member documents and the
    sentences of their figures."""
    resolver = Resolver(conn)
    ids = [r.id for r in rows]
    by_story, members = story_events(conn, ids, resolver), story_documents(conn, ids)
    sentences = event_sentences(
        conn, [ev.id for evs in by_story.values() for ev in evs if ev.killed or ev.injured]
    )
    return [story_view(r, by_story[r.id], resolver, members.get(r.id), sentences) for r in rows]


def find_stories(
    conn: Connection, filters: StoryFilters, limit: int | None = None, offset: int = 0
) -> tuple[list[StoryView], int]:
    """Return one page of the stories matching ``filters`` in ``STORY_ORDER``, and their total."""
    conditions = _story_conditions(conn, filters)
    if conditions is None:
        return [], 0
    total = int(conn.execute(select(func.count()).select_from(t.stories).where(*conditions)).scalar_one())
    query = select(t.stories).where(*conditions).order_by(*STORY_ORDER)
    rows = conn.execute(query.offset(offset) if limit is None else query.limit(limit).offset(offset)).all()
    return story_views(conn, list(rows)), total


def story_titles(conn: Connection) -> dict[int, str | None]:
    """Return the title of every stored story, by id."""
    return {row.id: row.title for row in conn.execute(select(t.stories.c.id, t.stories.c.title))}


def story_claims(conn: Connection, story: StoryView) -> list[ClaimView]:
    """Return the claims made in a story's reports that have a speaker or a subject, in report order."""
    documents = {d.id: d for d in story.documents}
    if not documents:
        return []
    c = t.claims.c
    rows = conn.execute(
        select(t.claims)
        .where(
            c.document_id.in_(sorted(documents)),
            or_(c.attributed_to_id.is_not(None), c.about_id.is_not(None)),
        )
        .order_by(c.document_id, c.start)
    ).all()
    resolver = Resolver(conn)
    resolver.load({i for r in rows for i in (r.attributed_to_id, r.about_id)})
    order = {d.id: i for i, d in enumerate(story.documents)}
    found = [
        ClaimView(
            text=r.text,
            certainty=r.certainty,
            polarity=r.polarity,
            speaker=resolver.name(r.attributed_to_id),
            speaker_id=resolver.id(r.attributed_to_id),
            about=resolver.name(r.about_id),
            about_id=resolver.id(r.about_id),
            document=documents[r.document_id],
            start=r.start,
            end=r.end,
        )
        for r in rows
    ]
    return sorted(found, key=lambda claim: (order[claim.document.id], claim.start))
