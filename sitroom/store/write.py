"""Write documents and their extraction into the store, inside a caller's transaction.

Entities are upserted by (type, canonical name) with their aliases; events and claims get
ids made from their content, so writing the same analysis twice changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sitroom.model import Analysis, Document, Entity
from sitroom.store import schema as t


def content_id(*parts: object) -> str:
    """Return a short stable id made from the given parts."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


class EntityCache:
    """Entity ids and aliases already stored, kept for one ``Store`` so repeated names cost no query.

    What a transaction adds is held apart until ``commit()`` (after the transaction commits),
    and dropped by ``discard()`` when it rolls back, so the cache never names a row that is gone.
    """

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], int] = {}
        self._aliases: dict[int, set[str]] = {}
        self._pending_ids: dict[tuple[str, str], int] = {}
        self._pending_aliases: dict[int, set[str]] = {}

    def get(self, key: tuple[str, str]) -> int | None:
        """Return the cached id of the entity ``(type, name)``."""
        return self._pending_ids.get(key, self._ids.get(key))

    def aliases(self, entity: int) -> set[str] | None:
        """Return the aliases known to be stored for ``entity``, or None when not cached."""
        if entity in self._pending_aliases:
            return self._pending_aliases[entity]
        known = self._aliases.get(entity)
        return None if known is None else set(known)

    def remember(self, key: tuple[str, str], entity: int, aliases: set[str]) -> None:
        """Note, for the running transaction, an entity's id and stored aliases."""
        self._pending_ids[key] = entity
        self._pending_aliases[entity] = aliases

    def commit(self) -> None:
        """Keep what the transaction that just committed added."""
        self._ids.update(self._pending_ids)
        self._aliases.update(self._pending_aliases)
        self.discard()

    def discard(self) -> None:
        """Forget what a transaction that rolled back added."""
        self._pending_ids.clear()
        self._pending_aliases.clear()


def _insert_ignoring_duplicates(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows``, skipping any that another writer stored first (unique key already there)."""
    if conn.dialect.name == "postgresql":
        conn.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    else:
        conn.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)


def source_id(conn: Connection, name: str, url: str | None = None) -> int:
    """Return the id of the source called ``name``, creating it when new."""
    query = select(t.sources.c.id).where(t.sources.c.name == name)
    found = conn.execute(query).scalar()
    if found is None:
        _insert_ignoring_duplicates(conn, t.sources, [{"name": name, "url": url}])
        found = conn.execute(query).scalar_one()
    return int(found)


def _utc(moment: datetime | None) -> datetime | None:
    """Return ``moment`` in UTC (SQLite keeps wall-clock time only, so offsets must go first)."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC)


def insert_document(conn: Connection, document: Document) -> bool:
    """Store ``document`` and its source link; return True when the text was new.

    The same text from another outlet adds only a ``document_sources`` row. Both rows are
    inserted or ignored, so another process storing the same text at once is no error.
    """
    exists = conn.execute(select(t.documents.c.id).where(t.documents.c.id == document.id)).scalar()
    if exists is None:
        _insert_ignoring_duplicates(
            conn,
            t.documents,
            [
                {
                    "id": document.id,
                    "title": document.title,
                    "url": document.url,
                    "published_at": _utc(document.published),
                    "language": document.language,
                    "text": document.text,
                    "metadata": document.metadata or None,
                    "ingested_at": now(),
                }
            ],
        )
    sid = source_id(conn, document.source or "unknown")
    _insert_ignoring_duplicates(
        conn,
        t.document_sources,
        [
            {
                "document_id": document.id,
                "source_id": sid,
                "url": document.url,
                "title": document.title,
                "published_at": _utc(document.published),
                "origin": document.origin,
                "ingested_at": now(),
            }
        ],
    )
    return exists is None


def entity_id(conn: Connection, entity: Entity, cache: EntityCache | None = None) -> int:
    """Return the stored id of ``entity`` (by type and name), creating it and adding aliases."""
    key = (entity.type, entity.name)
    eid = cache.get(key) if cache is not None else None
    known = cache.aliases(eid) if cache is not None and eid is not None else None
    if eid is None:
        query = select(t.entities.c.id, t.entities.c.lat).where(
            t.entities.c.type == entity.type, t.entities.c.name == entity.name
        )
        row = conn.execute(query).first()
        if row is None:
            _insert_ignoring_duplicates(
                conn,
                t.entities,
                [
                    {
                        "name": entity.name,
                        "type": entity.type,
                        "subtype": entity.subtype,
                        "country": entity.country,
                        "lat": entity.lat,
                        "lon": entity.lon,
                        "external_ids": entity.external_ids or None,
                    }
                ],
            )
            row = conn.execute(query).one()
        eid = int(row.id)
        if row.lat is None and entity.lat is not None:
            located = update(t.entities).where(t.entities.c.id == eid)
            conn.execute(located.values(lat=entity.lat, lon=entity.lon))
    if known is None:
        stored = select(t.entity_aliases.c.alias).where(t.entity_aliases.c.entity_id == eid)
        known = set(conn.execute(stored).scalars())
    fresh = {a for a in (entity.name, *entity.aliases) if a and a not in known}
    if fresh:
        _insert_ignoring_duplicates(
            conn, t.entity_aliases, [{"entity_id": eid, "alias": a} for a in sorted(fresh)]
        )
    if cache is not None:
        cache.remember(key, eid, known | fresh)
    return eid


def extracted_by(conn: Connection, document_id: str, version: str) -> bool:
    """Return True when the stored document's extraction was made by extractor ``version``."""
    query = select(t.documents.c.extractor_version).where(t.documents.c.id == document_id)
    return bool(conn.execute(query).scalar() == version)


def clear_extraction(conn: Connection, document_id: str) -> None:
    """Delete everything extracted from one document (before writing a new extraction)."""
    conn.execute(
        delete(t.story_links).where(
            t.story_links.c.event_id.in_(select(t.events.c.id).where(t.events.c.document_id == document_id))
        )
    )
    for table in (t.mentions, t.roles, t.relations, t.events, t.claims):
        conn.execute(delete(table).where(table.c.document_id == document_id))


def write_analysis(conn: Connection, analysis: Analysis, cache: EntityCache | None = None) -> None:
    """Replace the stored extraction of the analysed document with ``analysis``.

    ``cache`` (the store's ``EntityCache``) saves a query per entity already seen in this run.
    """
    doc_id = analysis.document.id
    clear_extraction(conn, doc_id)
    by_name: dict[str, Entity] = {e.name: e for e in analysis.entities}
    ids: dict[str, int] = {name: entity_id(conn, e, cache) for name, e in by_name.items()}

    def ref(name: str | None) -> int | None:
        if name is None:
            return None
        if name not in ids:  # a name used by an event but not listed as an entity
            ids[name] = entity_id(conn, Entity(name=name, type="ORG"), cache)
        return ids[name]

    if analysis.mentions:
        conn.execute(
            t.mentions.insert(),
            [
                {
                    "document_id": doc_id,
                    "entity_id": ref(m.entity),
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
                for m in analysis.mentions
            ],
        )
    if analysis.roles:
        conn.execute(
            t.roles.insert(),
            [
                {
                    "document_id": doc_id,
                    "entity_id": ref(r.entity),
                    "title": r.title,
                    "organisation_id": ref(r.organisation),
                    "start": r.evidence.start,
                    "end": r.evidence.end,
                    "evidence": r.evidence.text,
                }
                for r in analysis.roles
            ],
        )
    if analysis.relations:
        conn.execute(
            t.relations.insert(),
            [
                {
                    "document_id": doc_id,
                    "subject_id": ref(r.subject),
                    "predicate": r.predicate,
                    "object_id": ref(r.object),
                    "start": r.evidence.start,
                    "end": r.evidence.end,
                    "evidence": r.evidence.text,
                }
                for r in analysis.relations
            ],
        )
    event_rows: dict[str, dict[str, Any]] = {}
    for e in analysis.events:
        eid = content_id(doc_id, e.evidence.start, e.evidence.end, e.type, e.trigger, e.actor, e.target)
        event_rows[eid] = {
            "id": eid,
            "document_id": doc_id,
            "type": e.type,
            "mode": e.mode,
            "context": e.context,
            "cameo": e.cameo,
            "acled_event_type": e.acled_event_type,
            "acled_sub_event_type": e.acled_sub_event_type,
            "actor_id": ref(e.actor),
            "target_id": ref(e.target),
            "location_id": ref(e.location),
            "lat": e.lat,
            "lon": e.lon,
            "date": e.date,
            "date_precision": e.date_precision,
            "killed_min": e.killed.min if e.killed else None,
            "killed_max": e.killed.max if e.killed else None,
            "injured_min": e.injured.min if e.injured else None,
            "injured_max": e.injured.max if e.injured else None,
            "cumulative_killed_min": e.cumulative_killed.min if e.cumulative_killed else None,
            "cumulative_killed_max": e.cumulative_killed.max if e.cumulative_killed else None,
            "cumulative_injured_min": e.cumulative_injured.min if e.cumulative_injured else None,
            "cumulative_injured_max": e.cumulative_injured.max if e.cumulative_injured else None,
            "money_amount": e.money.amount if e.money else None,
            "money_currency": e.money.currency if e.money else None,
            "money_usd": e.money.usd if e.money else None,
            "certainty": e.certainty,
            "attributed_to_id": ref(e.attributed_to),
            "actor_code": e.actor_code,
            "target_code": e.target_code,
            "trigger": e.trigger,
            "rule": e.rule,
            "negated": e.negated,
            "start": e.evidence.start,
            "end": e.evidence.end,
            "evidence": e.evidence.text,
            "extractor_version": analysis.extractor_version,
        }
    if event_rows:
        conn.execute(t.events.insert(), list(event_rows.values()))
    claim_rows: dict[str, dict[str, Any]] = {}
    for c in analysis.claims:
        cid = content_id(doc_id, c.evidence.start, c.evidence.end, c.certainty, c.about)
        claim_rows[cid] = {
            "id": cid,
            "document_id": doc_id,
            "about_id": ref(c.about),
            "text": c.text,
            "certainty": c.certainty,
            "attributed_to_id": ref(c.attributed_to),
            "polarity": c.polarity,
            "start": c.evidence.start,
            "end": c.evidence.end,
            "evidence": c.evidence.text,
            "extractor_version": analysis.extractor_version,
        }
    if claim_rows:
        conn.execute(t.claims.insert(), list(claim_rows.values()))
    conn.execute(
        update(t.documents)
        .where(t.documents.c.id == doc_id)
        .values(extractor_version=analysis.extractor_version, extracted_at=now())
    )
