"""Read events: by filters, by id, of a document, on a timeline, and who acted on whom.

Every function takes an open connection and returns ``EventView``s with canonical names
(``merged_into`` followed), so a timeline for "Lukashenka" holds the events of "Alexander
Lukashenko".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, or_, select

from sitroom.errors import NotFound
from sitroom.model import Bounds, Evidence, Money
from sitroom.read.documents import document_views
from sitroom.read.resolver import Resolver, family_named, find_entity
from sitroom.read.views import EVENT_FIELDS, EventFilters, EventView, Network
from sitroom.store import schema as t

# The fields of an event view read from the events row as they are stored (id, type, mode, date,
# certainty...); the others are resolved (names, ids, coordinates) or built from several columns.
RESOLVED = {"lat", "lon", "negated"}
COPIED = ("id", *(n for n in EVENT_FIELDS if n in t.events.c and n not in RESOLVED), "story_id")


def day_text(value: date | datetime | str | None) -> str | None:
    """Return a date bound as "YYYY-MM-DD"."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return value[:10]


def event_views(conn: Connection, *conditions: Any, resolver: Resolver | None = None) -> list[EventView]:
    """Return the events matching SQLAlchemy ``conditions``, in document and text order."""
    resolver = resolver or Resolver(conn)
    e = t.events.c
    rows = conn.execute(select(t.events).where(*conditions).order_by(e.document_id, e.start, e.id)).all()
    docs = document_views(conn, {r.document_id for r in rows})
    resolver.load(
        {
            i
            for r in rows
            for i in (r.actor_id, r.target_id, r.location_id, r.attributed_to_id)
            if i is not None
        }
    )
    views = []
    for r in rows:
        document, outlets = docs[r.document_id]
        location = resolver.id(r.location_id)
        lat, lon = (r.lat, r.lon) if r.lat is not None else resolver.coords(location)
        money = (
            Money(r.money_amount, r.money_currency or "", r.money_usd) if r.money_amount is not None else None
        )
        views.append(
            EventView(
                **{name: getattr(r, name) for name in COPIED},
                evidence=Evidence(r.start, r.end, r.evidence),
                document=document,
                outlets=outlets,
                actor=resolver.name(r.actor_id),
                target=resolver.name(r.target_id),
                location=resolver.name(location),
                actor_id=resolver.id(r.actor_id),
                target_id=resolver.id(r.target_id),
                location_id=location,
                country=resolver.country(location),
                lat=lat,
                lon=lon,
                killed=Bounds.stored(r.killed_min, r.killed_max),
                injured=Bounds.stored(r.injured_min, r.injured_max),
                cumulative_killed=Bounds.stored(r.cumulative_killed_min, r.cumulative_killed_max),
                cumulative_injured=Bounds.stored(r.cumulative_injured_min, r.cumulative_injured_max),
                money=money,
                attributed_to=resolver.name(r.attributed_to_id),
                negated=bool(r.negated),
            )
        )
    return views


def list_events(conn: Connection, filters: EventFilters, limit: int, offset: int) -> list[EventView]:
    """Return one page of events matching ``filters``, by event date (undated last), then id."""
    resolver = Resolver(conn)
    e = t.events.c
    conditions: list[Any] = []
    if filters.type:
        conditions.append(func.upper(e.type) == filters.type.upper())
    if filters.certainty:
        conditions.append(e.certainty == filters.certainty)
    # Plain comparisons use the date indexes; for ISO dates and "start/end" ranges they keep
    # the same rows as comparing the first ten characters (the day) with since and until.
    if filters.since:
        conditions.append(e.date >= filters.since.isoformat())
    if filters.until:
        conditions.append(e.date < (filters.until + timedelta(days=1)).isoformat())
    for name, column in ((filters.place, e.location_id), (filters.actor, e.actor_id)):
        if name:
            family = family_named(conn, resolver, name)
            if family is None:
                return []
            conditions.append(column.in_(family))
    ids = list(
        conn.execute(
            select(e.id)
            .where(*conditions)
            .order_by(e.date.is_(None), e.date, e.id)
            .limit(limit)
            .offset(offset)
        ).scalars()
    )
    if not ids:
        return []
    order = {event_id: i for i, event_id in enumerate(ids)}
    views = event_views(conn, e.id.in_(ids), resolver=resolver)
    return sorted(views, key=lambda view: order[view.id])


def get_event(conn: Connection, event_id: str) -> EventView:
    """Return one event with its evidence and document; raise NotFound when it is not stored."""
    found = event_views(conn, t.events.c.id == event_id)
    if not found:
        raise NotFound(f"event {event_id}: no such event in the store")
    return found[0]


def document_events(conn: Connection, document_id: str) -> list[EventView]:
    """Return the events extracted from one document, in text order."""
    return event_views(conn, t.events.c.document_id == document_id)


def when_column(conn: Connection) -> Any:
    """The SQL of ``EventView.when``: the event day, else its document's publication day (UTC), else ''."""
    d = t.documents.c
    if conn.dialect.name == "postgresql":
        published = func.to_char(func.timezone("UTC", d.published_at), "YYYY-MM-DD")
    else:  # SQLite stores UTC times as ISO text
        published = func.substr(d.published_at, 1, 10)
    # A scalar subquery: COALESCE reads the document only for undated events.
    of_document = select(published).where(d.id == t.events.c.document_id).scalar_subquery()
    return func.coalesce(func.nullif(func.substr(t.events.c.date, 1, 10), ""), of_document, "")


def involving(family: Iterable[int]) -> Any:
    """The SQL condition: an event whose actor, target, place or source is one of ``family``."""
    e, ids = t.events.c, sorted(family)
    return or_(e.actor_id.in_(ids), e.target_id.in_(ids), e.location_id.in_(ids), e.attributed_to_id.in_(ids))


def timeline(conn: Connection, entity: str | None = None, place: str | None = None) -> list[EventView]:
    """Return events in date order (event date, else publication day), for an entity and/or a place."""
    resolver = Resolver(conn)
    conditions: list[Any] = []
    if entity:
        conditions.append(involving(resolver.family(find_entity(conn, entity, resolver))))
    if place:
        family = sorted(resolver.family(find_entity(conn, place, resolver)))
        conditions.append(t.events.c.location_id.in_(family))
    return sorted(event_views(conn, *conditions, resolver=resolver), key=lambda ev: (ev.when, ev.id))


def actor_network(conn: Connection, type: str | None = None, top: int = 25) -> Network:
    """Return the network of the ``top`` actors by events: one link per (actor, target, event type).

    ``type`` keeps events of that PLOVER type only.
    """
    conditions: list[Any] = [t.events.c.actor_id.is_not(None), t.events.c.target_id.is_not(None)]
    if type:
        conditions.append(func.upper(t.events.c.type) == type.upper())
    counts: Counter[int] = Counter()
    names: dict[int, str] = {}
    pairs: Counter[tuple[int, int, str]] = Counter()
    for ev in event_views(conn, *conditions):
        if ev.actor_id is None or ev.target_id is None or ev.actor_id == ev.target_id:
            continue
        pairs[(ev.actor_id, ev.target_id, ev.type)] += 1
        counts[ev.actor_id] += 1
        counts[ev.target_id] += 1
        names[ev.actor_id] = ev.actor or str(ev.actor_id)
        names[ev.target_id] = ev.target or str(ev.target_id)
    kept = {i for i, _ in sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))[:top]}
    links = {k: n for k, n in pairs.items() if k[0] in kept and k[1] in kept}
    linked = {i for a, b, _ in links for i in (a, b)}
    return Network({i: names[i] for i in linked}, {i: counts[i] for i in linked}, links)
