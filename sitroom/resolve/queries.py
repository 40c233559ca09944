"""Read stories, entities and timelines from the store, through resolved entities.

Every function takes an open SQLAlchemy connection and returns plain dataclasses with a
``to_json()``; names are canonical (``merged_into`` followed), so a query for "Lukashenka"
finds the events of "Alexander Lukashenko".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select

from sitroom.errors import NotFound
from sitroom.model import Bounds, Evidence, FigureReport, Money
from sitroom.resolve.stories.conflicts import ReportedEvent, figure_reports
from sitroom.store import schema as t
from sitroom.times import as_utc

# Above this many entities to look up, one query reading every entity is cheaper.
FULL_LOAD = 5_000


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A document as a story or event cites it."""

    id: str
    title: str | None
    url: str | None
    published: datetime | None
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class EventView:
    """A stored event with canonical entity names, its evidence and the document it came from."""

    id: str
    type: str
    evidence: Evidence
    document: DocumentView
    outlets: tuple[tuple[str, datetime | None], ...]  # (outlet, published) per outlet
    mode: str | None = None
    context: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    actor_id: int | None = None
    target_id: int | None = None
    location_id: int | None = None
    country: str | None = None  # of the location
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    date_precision: str | None = None
    killed: Bounds | None = None
    injured: Bounds | None = None
    money: Money | None = None
    certainty: str = "asserted"
    attributed_to: str | None = None
    actor_code: str | None = None
    target_code: str | None = None
    trigger: str | None = None
    negated: bool = False
    story_id: int | None = None

    @property
    def when(self) -> str:
        """Return the event date, else the publication day, else an empty string (for sorting)."""
        if self.date:
            return self.date[:10]
        return self.document.published.date().isoformat() if self.document.published else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "actor": self.actor,
            "target": self.target,
            "location": self.location,
            "lat": self.lat,
            "lon": self.lon,
            "date": self.date,
            "date_precision": self.date_precision,
            "killed": self.killed.to_json() if self.killed else None,
            "injured": self.injured.to_json() if self.injured else None,
            "money": self.money.to_json() if self.money else None,
            "certainty": self.certainty,
            "attributed_to": self.attributed_to,
            "actor_code": self.actor_code,
            "target_code": self.target_code,
            "trigger": self.trigger,
            "negated": self.negated,
            "evidence": self.evidence.to_json(),
            "document": self.document.to_json(),
            "story_id": self.story_id,
        }


@dataclass(frozen=True, slots=True)
class StoryView:
    """One real-world event across documents: its events, outlets, figures over time, conflicts."""

    id: int
    type: str
    title: str | None
    location: str | None
    lat: float | None
    lon: float | None
    date: str | None
    first_reported: datetime | None
    last_reported: datetime | None
    sources: list[str]
    documents: list[DocumentView]
    events: list[EventView]
    figures: list[FigureReport]
    conflicts: list[dict[str, Any]]
    outlet: str | None = None  # the outlet of the headline that is the title
    summary: str | None = None  # a short line of agreed facts
    rank: float | None = None  # the default order of listings, highest first
    outlets: int = 0  # independent outlets

    def to_json(self, with_events: bool = False) -> dict[str, Any]:
        """Return the story as JSON: ``documents`` is a count, ``reports`` the documents themselves."""
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "title": self.title,
            "outlet": self.outlet,
            "summary": self.summary,
            "rank": self.rank,
            "outlets": self.outlets,
            "location": self.location,
            "lat": self.lat,
            "lon": self.lon,
            "date": self.date,
            "first_reported": self.first_reported.isoformat() if self.first_reported else None,
            "last_reported": self.last_reported.isoformat() if self.last_reported else None,
            "sources": self.sources,
            "documents": len(self.documents),
            "reports": [d.to_json() for d in self.documents],
            "figures": [
                {
                    "kind": f.kind,
                    "min": f.min,
                    "max": f.max,
                    "source": f.source,
                    "published": f.published.isoformat() if f.published else None,
                    "document_id": f.document_id,
                }
                for f in self.figures
            ],
            "conflicts": self.conflicts,
        }
        if with_events:
            data["events"] = [e.to_json() for e in self.events]
        return data


@dataclass(frozen=True, slots=True)
class EntityView:
    """A canonical entity with everything resolved into it."""

    id: int
    name: str
    type: str
    subtype: str | None
    country: str | None
    lat: float | None
    lon: float | None
    aliases: list[str]
    merged: list[str]  # names of the stored entities resolved into this one
    roles: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    events: list[EventView]
    mentions_over_time: list[dict[str, Any]] = field(default_factory=list)
    events_total: int = 0  # all its events; ``events`` may be one page of them

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "subtype": self.subtype,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "aliases": self.aliases,
            "merged": self.merged,
            "roles": self.roles,
            "relations": self.relations,
            "events": [e.to_json() for e in self.events],
            "events_total": self.events_total,
            "mentions_over_time": self.mentions_over_time,
        }


class Resolver:
    """Canonical ids, names, countries and coordinates of stored entities, read as they are needed.

    ``load`` reads the entities a query refers to (and those they were merged into) in a few
    statements; ``canon`` and ``names`` read every entity, for callers that want them all.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._rows: dict[int, Any] = {}  # id -> (id, merged_into, name, country, lat, lon), None if absent
        self._complete = False

    def _read(self, *conditions: Any) -> list[Any]:
        c = t.entities.c
        rows = self.conn.execute(
            select(c.id, c.merged_into, c.name, c.country, c.lat, c.lon).where(*conditions)
        )
        found = list(rows)
        for row in found:
            self._rows[row.id] = row
        return found

    def load(self, ids: Iterable[int | None]) -> None:
        """Read the entities ``ids`` and, in turn, the entities they were merged into."""
        wanted = {i for i in ids if i is not None and i not in self._rows}
        while wanted and not self._complete:
            if len(wanted) > FULL_LOAD:
                self._read()
                self._complete = True
                return
            ordered = sorted(wanted)
            found: list[Any] = []
            for chunk in (ordered[i : i + 500] for i in range(0, len(ordered), 500)):
                found += self._read(t.entities.c.id.in_(chunk))
            for missing in wanted - {row.id for row in found}:
                self._rows[missing] = None
            wanted = {row.merged_into for row in found if row.merged_into is not None} - set(self._rows)

    def exists(self, entity_id: int) -> bool:
        self.load([entity_id])
        return self._rows.get(entity_id) is not None

    def id(self, entity_id: int | None) -> int | None:
        """Return the canonical id of a stored id (the id itself when it is not stored)."""
        if entity_id is None:
            return None
        self.load([entity_id])
        node, seen = entity_id, {entity_id}
        while (row := self._rows.get(node)) is not None and row.merged_into is not None:
            if row.merged_into in seen:
                break
            node = row.merged_into
            seen.add(node)
            self.load([node])
        return node

    def _field(self, entity_id: int | None, name: str) -> Any:
        canonical = self.id(entity_id)
        row = None if canonical is None else self._rows.get(canonical)
        return None if row is None else getattr(row, name)

    def name(self, entity_id: int | None) -> str | None:
        return self._field(entity_id, "name")  # type: ignore[no-any-return]

    def own_name(self, entity_id: int) -> str:
        """Return the name stored for this id itself (not its canonical entity's)."""
        self.load([entity_id])
        row = self._rows.get(entity_id)
        return "" if row is None else str(row.name)

    def country(self, entity_id: int | None) -> str | None:
        return self._field(entity_id, "country")  # type: ignore[no-any-return]

    def coords(self, entity_id: int | None) -> tuple[float | None, float | None]:
        """Return the latitude and longitude of an entity's canonical entity (None, None if unknown)."""
        return self._field(entity_id, "lat"), self._field(entity_id, "lon")

    def family(self, canonical: int) -> set[int]:
        """Return the stored ids resolved into ``canonical`` (itself included)."""
        if self._complete:
            return {i for i, row in self._rows.items() if row is not None and self.id(i) == canonical}
        members, frontier = {canonical}, {canonical}
        while frontier:
            merged = {row.id for row in self._read(t.entities.c.merged_into.in_(sorted(frontier)))}
            frontier = merged - members
            members |= frontier
        return members

    def _load_all(self) -> None:
        if not self._complete:
            self._read()
            self._complete = True

    @property
    def canon(self) -> dict[int, int]:
        """Every stored entity id with its canonical id."""
        self._load_all()
        return {i: self.id(i) or i for i, row in self._rows.items() if row is not None}

    @property
    def names(self) -> dict[int, str]:
        """Every stored entity id with its own (not canonical) name."""
        self._load_all()
        return {i: row.name for i, row in self._rows.items() if row is not None}


def find_entity(conn: Connection, name_or_id: str | int, resolver: Resolver | None = None) -> int:
    """Return the canonical id of the entity with this id, name or alias (case-insensitive).

    When several entities have the name, the one named most often wins, then the one with
    the most mentions (of its whole family), then the lowest id.
    """
    resolver = resolver or Resolver(conn)
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        entity_id = int(name_or_id)
        if not resolver.exists(entity_id):
            raise NotFound(f"entity {entity_id}: no such entity in the store")
        return resolver.id(entity_id) or entity_id
    wanted = str(name_or_id).strip().lower()
    by_name = select(t.entities.c.id).where(func.lower(t.entities.c.name) == wanted)
    by_alias = select(t.entity_aliases.c.entity_id).where(func.lower(t.entity_aliases.c.alias) == wanted)
    ids = set(conn.execute(by_name).scalars()) | set(conn.execute(by_alias).scalars())
    if not ids:
        raise NotFound(f"entity {name_or_id!r}: no entity has this name or alias")
    resolver.load(ids)
    canonical = Counter(resolver.id(i) or i for i in ids)
    if len(canonical) == 1:
        return next(iter(canonical))
    families = {c: resolver.family(c) for c in canonical}
    members = sorted(set().union(*families.values()))
    mentions: dict[int, int] = {
        i: n
        for i, n in conn.execute(
            select(t.mentions.c.entity_id, func.count())
            .where(t.mentions.c.entity_id.in_(members))
            .group_by(t.mentions.c.entity_id)
        )
    }
    weight = {c: sum(mentions.get(i, 0) for i in families[c]) for c in canonical}
    return min(canonical, key=lambda c: (-canonical[c], -weight[c], c))


def document_views(
    conn: Connection, document_ids: set[str]
) -> dict[str, tuple[DocumentView, tuple[Any, ...]]]:
    """Return each document's view and its (outlet, published) pairs."""
    found: dict[str, tuple[DocumentView, tuple[Any, ...]]] = {}
    ids = sorted(document_ids)
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        docs = conn.execute(
            select(
                t.documents.c.id, t.documents.c.title, t.documents.c.url, t.documents.c.published_at
            ).where(t.documents.c.id.in_(chunk))
        ).all()
        outlets: dict[str, list[tuple[str, datetime | None]]] = defaultdict(list)
        rows = conn.execute(
            select(t.document_sources.c.document_id, t.sources.c.name, t.document_sources.c.published_at)
            .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
            .where(t.document_sources.c.document_id.in_(chunk))
            .order_by(t.sources.c.name)
        )
        for doc_id, name, published in rows:
            outlets[doc_id].append((name, as_utc(published)))
        for d in docs:
            pairs = tuple((name, when or as_utc(d.published_at)) for name, when in outlets[d.id])
            view = DocumentView(d.id, d.title, d.url, as_utc(d.published_at), tuple(n for n, _ in pairs))
            found[d.id] = (view, pairs)
    return found


def bounds(low: int | None, high: int | None) -> Bounds | None:
    return None if low is None and high is None else Bounds(low, high)


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
                id=r.id,
                type=r.type,
                evidence=Evidence(r.start, r.end, r.evidence),
                document=document,
                outlets=outlets,
                mode=r.mode,
                context=r.context,
                cameo=r.cameo,
                acled_event_type=r.acled_event_type,
                acled_sub_event_type=r.acled_sub_event_type,
                actor=resolver.name(r.actor_id),
                target=resolver.name(r.target_id),
                location=resolver.name(location),
                actor_id=resolver.id(r.actor_id),
                target_id=resolver.id(r.target_id),
                location_id=location,
                country=resolver.country(location),
                lat=lat,
                lon=lon,
                date=r.date,
                date_precision=r.date_precision,
                killed=bounds(r.killed_min, r.killed_max),
                injured=bounds(r.injured_min, r.injured_max),
                money=money,
                certainty=r.certainty,
                attributed_to=resolver.name(r.attributed_to_id),
                actor_code=r.actor_code,
                target_code=r.target_code,
                trigger=r.trigger,
                negated=bool(r.negated),
                story_id=r.story_id,
            )
        )
    return views


def story_view(
    row: Any, events: list[EventView], resolver: Resolver, members: dict[str, DocumentView] | None = None
) -> StoryView:
    """Return the view of one stored story from its row, its events and its member documents."""
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
        figures=figure_reports(reported),
        conflicts=list(row.conflicts or []),
        outlet=row.outlet,
        summary=row.summary,
        rank=row.rank,
        outlets=row.outlets or 0,
    )


def day_text(value: date | datetime | str | None) -> str | None:
    """Return a date bound as "YYYY-MM-DD"."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return value[:10]


def list_stories(
    conn: Connection,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    type: str | None = None,
    place: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    latest_first: bool = False,
    by_rank: bool = False,
) -> list[StoryView]:
    """Return the stories matching the filters, by date then id; ``place`` matches names and aliases.

    ``limit`` and ``offset`` pick one page (every story when ``limit`` is None); only the
    events of the stories returned are read. ``latest_first`` orders by the last report instead,
    ``by_rank`` by the stored rank (independent outlets, severity, recency), highest first.
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
    latest = (s.last_reported.is_(None), s.last_reported.desc(), s.id.desc())
    ranked = (s.rank.is_(None), s.rank.desc(), s.id)
    order = latest if latest_first else ranked if by_rank else (s.date, s.id)
    query = select(t.stories).where(*conditions).order_by(*order).offset(offset)
    rows = conn.execute(query if limit is None else query.limit(limit)).all()
    by_story: dict[int, list[EventView]] = defaultdict(list)
    ids = [r.id for r in rows]
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        for ev in event_views(conn, t.events.c.story_id.in_(chunk), resolver=resolver):
            by_story[ev.story_id or 0].append(ev)
    members = story_documents(conn, ids)
    return [story_view(r, by_story[r.id], resolver, members.get(r.id)) for r in rows]


def get_story(conn: Connection, id: int) -> StoryView:
    """Return one story with its events, documents, outlets, figures and conflicts."""
    row = conn.execute(select(t.stories).where(t.stories.c.id == id)).first()
    if row is None:
        raise NotFound(f"story {id}: no such story in the store")
    resolver = Resolver(conn)
    events = event_views(conn, t.events.c.story_id == id, resolver=resolver)
    return story_view(row, events, resolver, story_documents(conn, [id]).get(id))


def story_documents(conn: Connection, story_ids: list[int]) -> dict[int, dict[str, DocumentView]]:
    """Return the member documents of each story, those without events included."""
    sd = t.story_documents.c
    pairs: list[tuple[int, str]] = []
    for chunk in (story_ids[i : i + 500] for i in range(0, len(story_ids), 500)):
        pairs.extend(
            (r.story_id, r.document_id)
            for r in conn.execute(select(sd.story_id, sd.document_id).where(sd.story_id.in_(chunk)))
        )
    views = document_views(conn, {doc for _, doc in pairs})
    found: dict[int, dict[str, DocumentView]] = defaultdict(dict)
    for story_id, doc in pairs:
        found[story_id][doc] = views[doc][0]
    return found


def _when(conn: Connection) -> Any:
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


def entity_events(
    conn: Connection, family: Iterable[int], limit: int | None, offset: int, resolver: Resolver
) -> tuple[list[EventView], int]:
    """Return one page of the events involving ``family`` by date (``EventView.when``), and their total."""
    e = t.events.c
    total_of = func.count().over().label("total")
    query = select(e.id, total_of).where(involving(family)).order_by(_when(conn), e.id).offset(offset)
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
