"""GraphML export: entities as nodes, relations and event actor-to-target edges (networkx)."""

from __future__ import annotations

from typing import Any, TextIO

import networkx as nx
from sqlalchemy import Connection

from sitroom.export.safe import xml_text
from sitroom.read.entities import entity_records
from sitroom.read.events import event_views
from sitroom.read.relations import relation_views
from sitroom.read.resolver import Resolver


def clean(values: dict[str, Any]) -> dict[str, Any]:
    """Drop missing values (GraphML attributes cannot be null) and characters XML cannot hold."""
    return {k: xml_text(v) if isinstance(v, str) else v for k, v in values.items() if v is not None}


def write(conn: Connection, out: TextIO) -> None:
    """Write the entity network (canonical entities only) as GraphML."""
    resolver = Resolver(conn)
    graph = nx.MultiDiGraph()
    for e in entity_records(conn, canonical_only=True):
        graph.add_node(
            f"e{e.id}",
            **clean(
                {
                    "name": e.name,
                    "type": e.type,
                    "subtype": e.subtype,
                    "country": e.country,
                    "lat": e.lat,
                    "lon": e.lon,
                }
            ),
        )
    for r in relation_views(conn, resolver):
        graph.add_edge(
            f"e{r.subject_id}",
            f"e{r.object_id}",
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
