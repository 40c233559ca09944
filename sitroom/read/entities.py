"""Read entities: one by name, alias or id with its roles, relations and events; listings; roles.

Names are canonical (``merged_into`` followed): a query for "Lukashenka" finds "Alexander
Lukashenko" with everything resolved into him.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, or_, select

from sitroom.read.documents import document_views
from sitroom.read.events import day_text, event_views, involving, when_column
from sitroom.read.resolver import Resolver, find_entity
from sitroom.read.views import EntityRecord, EntityView, EventView, RoleSource, RoleSummary
from sitroom.store import schema as t


def name_pattern(q: str) -> re.Pattern[str]:
    """Return the pattern of ``q`` as whole words: "dam" finds "Nova Kakhovka dam", not "Adam"."""
    words = [re.escape(word) for word in q.split()]
    return re.compile(r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)", re.IGNORECASE)


def _named(conn: Connection, q: str) -> set[int]:
    """Return the stored ids of entities whose name or an alias holds ``q`` as whole words."""
    pattern = name_pattern(q)
    like = f"%{q.split()[0].lower()}%"  # narrows the rows in SQL; the pattern decides
    found: set[int] = set()
    for entity_id, name in conn.execute(
        select(t.entities.c.id, t.entities.c.name).where(func.lower(t.entities.c.name).like(like))
    ):
        if pattern.search(name):
            found.add(entity_id)
    for entity_id, alias in conn.execute(
        select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias).where(
            func.lower(t.entity_aliases.c.alias).like(like)
        )
    ):
        if pattern.search(alias):
            found.add(entity_id)
    return found


def entity_types(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    """Return the stored type (PERSON, ORG, GPE...) of each of the entities ``ids``."""
    rows = conn.execute(select(t.entities.c.id, t.entities.c.type).where(t.entities.c.id.in_(sorted(ids))))
    return {row.id: row.type for row in rows}


def entity_records(conn: Connection, canonical_only: bool = False) -> list[EntityRecord]:
    """Return the stored entities by id: all of them, or only those not merged into another."""
    e = t.entities.c
    query = select(e.id, e.name, e.type, e.subtype, e.country, e.lat, e.lon, e.merged_into)
    if canonical_only:
        query = query.where(e.merged_into.is_(None))
    return [EntityRecord(*row) for row in conn.execute(query.order_by(e.id))]


def canonical_aliases(conn: Connection, resolver: Resolver) -> dict[int, set[str]]:
    """Return the aliases of each canonical entity, those of the entities merged into it included."""
    found: dict[int, set[str]] = defaultdict(set)
    for entity_id, alias in conn.execute(select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)):
        found[resolver.id(entity_id) or entity_id].add(alias)
    return dict(found)


def document_entities(conn: Connection, resolver: Resolver) -> dict[str, set[int]]:
    """Return, for each document with mentions, the canonical entities it mentions."""
    found: dict[str, set[int]] = defaultdict(set)
    for document_id, entity_id in conn.execute(select(t.mentions.c.document_id, t.mentions.c.entity_id)):
        found[document_id].add(resolver.id(entity_id) or entity_id)
    return dict(found)


def list_entities(conn: Connection, q: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    """Return one page of canonical entities, most mentioned first.

    With ``q``, only those whose name or an alias holds its words as whole words.
    """
    resolver = Resolver(conn)
    if q and q.strip():
        named = _named(conn, q.strip())
        resolver.load(named)
        kept = {resolver.id(i) or i for i in named}
        members = sorted({m for c in kept for m in resolver.family(c)})
        counted = select(t.mentions.c.entity_id, func.count()).where(t.mentions.c.entity_id.in_(members))
    else:
        kept = set(resolver.canon.values())
        counted = select(t.mentions.c.entity_id, func.count())
    mentions: Counter[int] = Counter()
    for entity_id, count in conn.execute(counted.group_by(t.mentions.c.entity_id)):
        mentions[resolver.id(entity_id) or entity_id] += int(count)
    resolver.load(kept)
    ordered = sorted(kept, key=lambda c: (-mentions[c], (resolver.name(c) or "").lower(), c))
    page = ordered[offset : offset + limit]
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


def entity_events(
    conn: Connection, family: Iterable[int], limit: int | None, offset: int, resolver: Resolver
) -> tuple[list[EventView], int]:
    """Return one page of the events involving ``family`` by date (``EventView.when``), and their total."""
    e = t.events.c
    total_of = func.count().over().label("total")
    query = select(e.id, total_of).where(involving(family)).order_by(when_column(conn), e.id).offset(offset)
    rows = conn.execute(query if limit is None else query.limit(limit)).all()
    if not rows:
        total = conn.execute(select(func.count()).select_from(t.events).where(involving(family))).scalar_one()
        return [], int(total)
    order = {row.id: i for i, row in enumerate(rows)}
    views = event_views(conn, e.id.in_(list(order)), resolver=resolver)
    return sorted(views, key=lambda view: order[view.id]), int(rows[0].total)


def get_entity(
    conn: Connection, name_or_id: str | int, limit: int | None = None, offset: int = 0
) -> EntityView:
    """Return the canonical entity for a name, alias or id, with roles, relations, events, mentions.

    ``limit`` and ``offset`` pick one page of its events (all when ``limit`` is None), by
    date; ``events_total`` counts them all.
    """
    resolver = Resolver(conn)
    canonical = find_entity(conn, name_or_id, resolver)
    family = sorted(resolver.family(canonical))
    row = conn.execute(select(t.entities).where(t.entities.c.id == canonical)).one()
    aliases = sorted(
        set(
            conn.execute(
                select(t.entity_aliases.c.alias).where(t.entity_aliases.c.entity_id.in_(family))
            ).scalars()
        )
        | {resolver.own_name(i) for i in family}
    )
    roles = [
        {
            "title": r.title,
            "organisation": resolver.name(r.organisation_id),
            "document_id": r.document_id,
            "evidence": r.evidence,
        }
        for r in conn.execute(select(t.roles).where(t.roles.c.entity_id.in_(family)).order_by(t.roles.c.id))
    ]
    relations = [
        {
            "subject": resolver.name(r.subject_id),
            "predicate": r.predicate,
            "object": resolver.name(r.object_id),
            "document_id": r.document_id,
            "evidence": r.evidence,
        }
        for r in conn.execute(
            select(t.relations)
            .where(or_(t.relations.c.subject_id.in_(family), t.relations.c.object_id.in_(family)))
            .order_by(t.relations.c.id)
        )
    ]
    events, total = entity_events(conn, family, limit, offset, resolver)
    mentioned = conn.execute(
        select(t.documents.c.published_at, func.count())
        .join(t.mentions, t.mentions.c.document_id == t.documents.c.id)
        .where(t.mentions.c.entity_id.in_(family))
        .group_by(t.documents.c.published_at)
    ).all()
    per_day: Counter[str] = Counter()
    for published, count in mentioned:
        per_day[day_text(published) or "undated"] += int(count)
    return EntityView(
        id=row.id,
        name=row.name,
        type=row.type,
        subtype=row.subtype,
        country=row.country,
        lat=row.lat,
        lon=row.lon,
        aliases=aliases,
        merged=sorted(resolver.own_name(i) for i in family if i != canonical),
        roles=roles,
        relations=relations,
        events=events,
        mentions_over_time=[{"date": d, "count": per_day[d]} for d in sorted(per_day)],
        events_total=total,
    )


def role_text(title: str, organisation: str | None) -> str:
    """Return how a role reads: "President of Ukraine", never "President of Ukraine of Ukraine"."""
    title = " ".join(title.split())
    if not organisation or name_pattern(organisation).search(title):
        return title
    return f"{title} of {organisation}"


def entity_roles(conn: Connection, entity_id: int) -> list[RoleSummary]:
    """Return the roles of an entity (and all resolved into it) once each, most reported first.

    Roles that read the same (case aside) are one role, with every report that gives it.
    """
    resolver = Resolver(conn)
    family = sorted(resolver.family(resolver.id(entity_id) or entity_id))
    rows = conn.execute(select(t.roles).where(t.roles.c.entity_id.in_(family)).order_by(t.roles.c.id)).all()
    resolver.load({r.organisation_id for r in rows})
    documents = document_views(conn, {r.document_id for r in rows})
    grouped: dict[str, dict[str, RoleSource]] = defaultdict(dict)
    shown: dict[str, str] = {}
    for r in rows:
        text = role_text(r.title, resolver.name(r.organisation_id))
        shown.setdefault(text.casefold(), text)
        source = RoleSource(documents[r.document_id][0], r.start, r.end, r.evidence)
        grouped[text.casefold()].setdefault(r.document_id, source)
    summaries = []
    for key, by_document in grouped.items():
        sources = sorted(by_document.values(), key=lambda s: (s.document.published is None, s.document.id))
        days = sorted(s.document.published.date().isoformat() for s in sources if s.document.published)
        summaries.append(
            RoleSummary(shown[key], days[0] if days else None, days[-1] if days else None, sources)
        )
    return sorted(summaries, key=lambda role: (-len(role.sources), role.text))
