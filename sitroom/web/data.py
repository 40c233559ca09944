"""Queries the web app needs that the store and resolve modules do not provide.

Events by filters with pagination, one event by id, canonical entities by name, the events
of one document, and the actor network. Each takes an open connection and returns the
views of ``sitroom.resolve.queries`` or plain dicts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from sitroom.errors import NotFound
from sitroom.resolve.queries import EventView, Resolver, event_views, find_entity
from sitroom.store import schema as t


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What an events listing may be narrowed to; ``place`` and ``actor`` are names, aliases or ids."""

    type: str | None = None
    place: str | None = None
    actor: str | None = None
    certainty: str | None = None
    since: date | None = None
    until: date | None = None


def _family(conn: Connection, resolver: Resolver, name_or_id: str) -> list[int] | None:
    """Return the stored ids resolved into the named entity, or None when no entity has that name."""
    try:
        return sorted(resolver.family(find_entity(conn, name_or_id, resolver)))
    except NotFound:
        return None


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
            family = _family(conn, resolver, name)
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


def list_entities(conn: Connection, q: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    """Return one page of canonical entities whose name or an alias contains ``q``, most mentioned first."""
    resolver = Resolver(conn)
    mentions: Counter[int] = Counter()
    for entity_id, count in conn.execute(
        select(t.mentions.c.entity_id, func.count()).group_by(t.mentions.c.entity_id)
    ):
        mentions[resolver.id(entity_id) or entity_id] += int(count)
    names: dict[int, set[str]] = {}
    for stored_id, canonical in resolver.canon.items():
        names.setdefault(canonical, set()).add(resolver.names[stored_id].lower())
    if q and q.strip():
        wanted = q.strip().lower()
        for entity_id, alias in conn.execute(select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)):
            names.setdefault(resolver.id(entity_id) or entity_id, set()).add(alias.lower())
        kept = [c for c, known in names.items() if any(wanted in name for name in known)]
    else:
        kept = list(names)
    kept.sort(key=lambda c: (-mentions[c], resolver.names[c].lower(), c))
    page = kept[offset : offset + limit]
    if not page:
        return []
    rows = {r.id: r for r in conn.execute(select(t.entities).where(t.entities.c.id.in_(page)))}
    return [
        {
            "id": c,
            "name": rows[c].name,
            "type": rows[c].type,
            "subtype": rows[c].subtype,
            "country": rows[c].country,
            "lat": rows[c].lat,
            "lon": rows[c].lon,
            "mentions": mentions[c],
        }
        for c in page
    ]


def located_events(conn: Connection) -> list[EventView]:
    """Return every event that has coordinates (its own or its place's)."""
    return [ev for ev in event_views(conn) if ev.lat is not None and ev.lon is not None]


@dataclass(frozen=True, slots=True)
class Network:
    """Who acted on whom: entity ids with names, and (actor, target) pairs with event counts."""

    names: dict[int, str]
    links: dict[tuple[int, int], int]


def actor_network(conn: Connection) -> Network:
    """Return the actor network: one link per (actor, target) pair of canonical entities."""
    links: Counter[tuple[int, int]] = Counter()
    names: dict[int, str] = {}
    for ev in event_views(conn, t.events.c.actor_id.is_not(None), t.events.c.target_id.is_not(None)):
        if ev.actor_id is None or ev.target_id is None or ev.actor_id == ev.target_id:
            continue
        links[(ev.actor_id, ev.target_id)] += 1
        names[ev.actor_id] = ev.actor or str(ev.actor_id)
        names[ev.target_id] = ev.target or str(ev.target_id)
    return Network(names, dict(links))
