"""Read relations between entities (leader_of, member_of, owner_of...), by canonical entity."""

from __future__ import annotations

from sqlalchemy import Connection, select

from sitroom.read.resolver import Resolver
from sitroom.read.views import RelationView
from sitroom.store import schema as t


def relation_views(conn: Connection, resolver: Resolver | None = None) -> list[RelationView]:
    """Return every stored relation in the order stored, its two entities canonical."""
    resolver = resolver or Resolver(conn)
    rows = conn.execute(select(t.relations).order_by(t.relations.c.id)).all()
    resolver.load({i for r in rows for i in (r.subject_id, r.object_id)})
    return [
        RelationView(
            id=r.id,
            subject_id=resolver.id(r.subject_id) or r.subject_id,
            predicate=r.predicate,
            object_id=resolver.id(r.object_id) or r.object_id,
            document_id=r.document_id,
            start=r.start,
            evidence=r.evidence,
        )
        for r in rows
    ]
