"""GraphML export: entities as nodes, relations and event actor-to-target edges (networkx)."""

from __future__ import annotations

from typing import Any, TextIO

import networkx as nx
from sqlalchemy import Connection, select

from sitroom.export.safe import xml_text
from sitroom.read.events import event_views
from sitroom.read.resolver import Resolver
from sitroom.store import schema as t


def clean(values: dict[str, Any]) -> dict[str, Any]:
    """Drop missing values (GraphML attributes cannot be null) and characters XML cannot hold."""
    return {k: xml_text(v) if isinstance(v, str) else v for k, v in values.items() if v is not None}


def write(conn: Connection, out: TextIO) -> None:
    """Write the entity network (canonical entities only) as GraphML."""
    resolver = Resolver(conn)
    graph = nx.MultiDiGraph()
    for r in conn.execute(
        select(t.entities).where(t.entities.c.merged_into.is_(None)).order_by(t.entities.c.id)
    ):
        graph.add_node(
            f"e{r.id}",
            **clean(
                {
                    "name": r.name,
                    "type": r.type,
                    "subtype": r.subtype,
                    "country": r.country,
                    "lat": r.lat,
                    "lon": r.lon,
                }
            ),
        )
    for r in conn.execute(select(t.relations).order_by(t.relations.c.id)):
        subject, obj = resolver.id(r.subject_id), resolver.id(r.object_id)
        graph.add_edge(
            f"e{subject}",
            f"e{obj}",
            **clean(
                {"kind": "relation", "label": r.predicate, "document": r.document_id, "evidence": r.evidence}
            ),
        )
    for event in event_views(conn, resolver=resolver):
        if event.actor_id is None or event.target_id is None:
            continue
        graph.add_edge(
            f"e{event.actor_id}",
            f"e{event.target_id}",
            **clean(
                {
                    "kind": "event",
                    "label": event.type,
                    "event": event.id,
                    "cameo": event.cameo,
                    "date": event.date,
                    "document": event.document.id,
                    "evidence": event.evidence.text,
                }
            ),
        )
    for line in nx.generate_graphml(graph):
        out.write(line + "\n")
