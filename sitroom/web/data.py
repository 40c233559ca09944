"""Queries the web app needs that the store and resolve modules do not provide.

Events and stories by filters with pagination, one event by id, canonical entities by name
(on word boundaries), search facets, the claims of a story, an entity's roles once each,
the events of one document, and the actor network. Each takes an open connection and
returns the views of ``sitroom.resolve.queries`` or plain dataclasses and dicts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, or_, select

from sitroom.errors import NotFound
from sitroom.resolve.queries import (
    DocumentView,
    EventView,
    Resolver,
    StoryView,
    document_views,
    event_views,
    find_entity,
    story_view,
)
from sitroom.store import schema as t
from sitroom.store.queries import search_documents


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


def located_events(conn: Connection) -> list[EventView]:
    """Return every event that has coordinates (its own or its place's)."""
    return [ev for ev in event_views(conn) if ev.lat is not None and ev.lon is not None]


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """What a stories listing may be narrowed to; ``place`` is a name, alias or id, ``outlet`` a name."""

    since: date | None = None
    until: date | None = None
    type: str | None = None
    place: str | None = None
    outlet: str | None = None


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
        family = _family(conn, Resolver(conn), filters.place)
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
    """Return the views of stored story rows, reading only their events."""
    resolver = Resolver(conn)
    by_story: dict[int, list[EventView]] = defaultdict(list)
    ids = [r.id for r in rows]
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        for ev in event_views(conn, t.events.c.story_id.in_(chunk), resolver=resolver):
            by_story[ev.story_id or 0].append(ev)
    return [story_view(r, by_story[r.id], resolver) for r in rows]


def find_stories(
    conn: Connection, filters: StoryFilters, limit: int | None = None, offset: int = 0
) -> tuple[list[StoryView], int]:
    """Return one page of the stories matching ``filters``, newest story date first, and their total."""
    conditions = _story_conditions(conn, filters)
    if conditions is None:
        return [], 0
    s = t.stories.c
    total = int(conn.execute(select(func.count()).select_from(t.stories).where(*conditions)).scalar_one())
    query = select(t.stories).where(*conditions).order_by(s.date.is_(None), s.date.desc(), s.id.desc())
    rows = conn.execute(query.offset(offset) if limit is None else query.limit(limit).offset(offset)).all()
    return story_views(conn, list(rows)), total


def last_published(conn: Connection) -> date | None:
    """Return the day (UTC) of the newest stored publication, None when nothing is dated."""
    newest = conn.execute(select(func.max(t.documents.c.published_at))).scalar_one()
    if newest is None:
        return None
    return newest.date() if hasattr(newest, "date") else date.fromisoformat(str(newest)[:10])


def outlets(conn: Connection) -> list[tuple[str, int]]:
    """Return every outlet with how many stored documents it published, most first."""
    rows = conn.execute(
        select(t.sources.c.name, func.count())
        .join(t.document_sources, t.document_sources.c.source_id == t.sources.c.id)
        .group_by(t.sources.c.name)
        .order_by(func.count().desc(), t.sources.c.name)
    )
    return [(name, int(count)) for name, count in rows]


def count_documents(conn: Connection, outlet: str | None) -> int:
    """Return how many documents are stored, or came from ``outlet``."""
    query = select(func.count()).select_from(t.documents)
    if outlet:
        query = query.where(
            t.documents.c.id.in_(
                select(t.document_sources.c.document_id)
                .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
                .where(t.sources.c.name == outlet)
            )
        )
    return int(conn.execute(query).scalar_one())


# How many of the best hits the search facets are counted over.
FACET_HITS = 200


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Facet values a search may be narrowed to: an outlet, an event type, a publication day."""

    outlet: str | None = None
    type: str | None = None
    day: str | None = None


@dataclass(slots=True)
class SearchResult:
    """The hits of a search (best first), one page of them, and facet counts over all of them."""

    total: int
    page: list[dict[str, Any]]
    outlets: list[tuple[str, int]] = field(default_factory=list)
    types: list[tuple[str, int]] = field(default_factory=list)
    days: list[tuple[str, int]] = field(default_factory=list)


def search(conn: Connection, q: str, filters: SearchFilters, limit: int, offset: int) -> SearchResult:
    """Search documents on whole words (full-text ranking), with facets by outlet, event type and day.

    Facets count the best ``FACET_HITS`` hits; the filters keep the hits with that value.
    """
    hits = search_documents(conn, q, FACET_HITS, 0)
    types: dict[str, set[str]] = defaultdict(set)
    ids = [hit["id"] for hit in hits]
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        for document_id, kind in conn.execute(
            select(t.events.c.document_id, t.events.c.type)
            .where(t.events.c.document_id.in_(chunk))
            .distinct()
        ):
            types[document_id].add(kind)

    def day(hit: dict[str, Any]) -> str:
        return str(hit["published"] or "")[:10] or "undated"

    kept = [
        hit
        for hit in hits
        if (not filters.outlet or filters.outlet in hit["sources"])
        and (not filters.type or filters.type in types[hit["id"]])
        and (not filters.day or day(hit) == filters.day)
    ]
    outlet_counts = Counter(o for hit in kept for o in hit["sources"])
    type_counts = Counter(kind for hit in kept for kind in types[hit["id"]])
    day_counts = Counter(day(hit) for hit in kept)
    return SearchResult(
        total=len(kept),
        page=kept[offset : offset + limit],
        outlets=outlet_counts.most_common(),
        types=type_counts.most_common(),
        days=sorted(day_counts.items()),
    )


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim in a story's reports: who says it, about whom, how sure, and where it is written."""

    text: str
    certainty: str
    polarity: str
    speaker: str | None
    speaker_id: int | None
    about: str | None
    about_id: int | None
    document: DocumentView
    start: int
    end: int

    @property
    def denial(self) -> bool:
        """Whether the speaker denies what the claim says."""
        return self.certainty == "denied" or self.polarity == "negative"


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


@dataclass(frozen=True, slots=True)
class RoleSource:
    """One report giving a role: its document, outlets, day and the sentence's span."""

    document: DocumentView
    start: int
    end: int
    evidence: str


@dataclass(frozen=True, slots=True)
class RoleSummary:
    """A title an entity holds, said once, with every report that gives it and their dates."""

    text: str  # "President of Ukraine"
    first: str | None  # publication days of the reports, "YYYY-MM-DD"
    last: str | None
    sources: list[RoleSource]


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


@dataclass(frozen=True, slots=True)
class Network:
    """Who acted on whom: entity ids with names and event counts, and (actor, target, type) links."""

    names: dict[int, str]
    events: dict[int, int]  # events each entity took part in as actor or target
    links: dict[tuple[int, int, str], int]


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
