"""STIX 2.1 bundle made with ``stix2``: identities, threat actors, intrusion sets, locations,
a report per document and relationships for relations and for events with an actor.

Ids are UUIDv5 of the content and times come from the documents, so the same store gives
the same bundle. A report is labelled by what it holds: ``threat-report`` only when it
carries violent events, ``threat-actor`` / ``intrusion-set`` when it names one, else
``news``. An event that is a claim (reported, alleged, denied...) says so in its
relationship's description, with its speaker, and carries a matching ``confidence``.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any, TextIO

import stix2
from sqlalchemy import Connection

from sitroom.read.documents import all_document_views
from sitroom.read.entities import document_entities, entity_records
from sitroom.read.events import event_views
from sitroom.read.relations import relation_views
from sitroom.read.resolver import Resolver
from sitroom.read.views import EntityRecord

NAMESPACE = uuid.UUID("5b0e4b0e-3c1e-5d3a-9a7e-7369747230f0")
THREAT_ACTOR_SUBTYPES = frozenset({"armed_group", "militia", "paramilitary", "terrorist_group"})
INTRUSION_SET_SUBTYPES = frozenset({"criminal_group", "cyber_group", "hacker_group", "ransomware_group"})
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# Events of these PLOVER types make a document a threat report.
VIOLENT = frozenset({"ASSAULT", "FIGHT", "COERCE", "THREATEN", "MOBILIZE"})
# STIX confidence (0-100) of an event by how its source states it.
CONFIDENCE = {
    "asserted": 85, "reported": 70, "believed": 50, "speculated": 30, "uncertain": 15,
    "opinion": 15, "denied": 5,
}  # fmt: skip


def stix_id(kind: str, *parts: object) -> str:
    """Return a deterministic STIX id of type ``kind`` from content parts."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join(str(p) for p in parts))}"


def entity_object(row: EntityRecord, when: datetime) -> Any:
    """Return the STIX object for a canonical entity, or None when STIX has no fitting type."""
    common = {"name": row.name, "created": when, "modified": when, "allow_custom": False}
    if row.type in ("GPE", "LOC", "FAC"):
        if row.lat is not None and row.lon is not None:
            return stix2.Location(
                id=stix_id("location", row.type, row.name),
                latitude=row.lat,
                longitude=row.lon,
                country=row.country,
                **common,
            )
        if row.country:
            return stix2.Location(id=stix_id("location", row.type, row.name), country=row.country, **common)
        return None
    if row.subtype in THREAT_ACTOR_SUBTYPES:
        return stix2.ThreatActor(
            id=stix_id("threat-actor", row.name), threat_actor_types=["unknown"], **common
        )
    if row.subtype in INTRUSION_SET_SUBTYPES:
        return stix2.IntrusionSet(id=stix_id("intrusion-set", row.name), **common)
    if row.type == "PERSON":
        return stix2.Identity(
            id=stix_id("identity", "individual", row.name), identity_class="individual", **common
        )
    if row.type == "ORG":
        return stix2.Identity(
            id=stix_id("identity", "organization", row.name),
            identity_class="organization",
            sectors=["government-national"] if row.subtype == "government" else None,
            **common,
        )
    return None


def write(conn: Connection, out: TextIO) -> None:
    """Write the store as one STIX 2.1 bundle (JSON)."""
    resolver = Resolver(conn)
    documents = all_document_views(conn)
    published = {d.id: d.published for d in documents}
    first = min((w for w in published.values() if w), default=EPOCH)
    objects: dict[int, Any] = {}
    for row in entity_records(conn, canonical_only=True):
        made = entity_object(row, first)
        if made is not None:
            objects[row.id] = made
    per_document: dict[str, set[str]] = defaultdict(set)
    for doc_id, mentioned in document_entities(conn, resolver).items():
        per_document[doc_id] |= {objects[i].id for i in mentioned if i in objects}
    relationships = []
    violent: set[str] = set()
    for r in relation_views(conn, resolver):
        source, target = objects.get(r.subject_id), objects.get(r.object_id)
        if source is None or target is None:
            continue
        when = published.get(r.document_id) or first
        relationships.append(
            stix2.Relationship(
                id=stix_id("relationship", r.document_id, r.start, r.predicate),
                relationship_type=r.predicate.replace("_", "-"),
                source_ref=source.id,
                target_ref=target.id,
                description=r.evidence,
                created=when,
                modified=when,
            )
        )
        per_document[r.document_id].add(relationships[-1].id)
    for event in event_views(conn, resolver=resolver):
        source = objects.get(event.actor_id or -1)
        target = objects.get(event.target_id or -1) or objects.get(event.location_id or -1)
        if source is None or target is None or source.id == target.id:
            continue
        when = event.document.published or first
        if event.type in VIOLENT and not event.negated:
            violent.add(event.document.id)
        relationships.append(
            stix2.Relationship(
                id=stix_id("relationship", event.id),
                relationship_type="targets",
                source_ref=source.id,
                target_ref=target.id,
                created=when,
                modified=when,
                description=f"{event.type} ({stated(event.certainty, event.attributed_to)}): "
                f"{event.evidence.text}",
                confidence=CONFIDENCE.get(event.certainty, 50),
                external_references=[
                    {
                        "source_name": "sitroom",
                        "external_id": event.id,
                        **({"url": event.document.url} if event.document.url else {}),
                    }
                ],
            )
        )
        per_document[event.document.id].add(relationships[-1].id)
    reports = []
    for d in documents:
        refs = sorted(per_document.get(d.id, ()))
        if not refs:
            continue
        when = published.get(d.id) or first
        reports.append(
            stix2.Report(
                id=stix_id("report", d.id),
                name=d.title or d.id,
                published=when,
                created=when,
                modified=when,
                report_types=report_types(d.id in violent, refs),
                object_refs=refs,
                external_references=[
                    {"source_name": "sitroom", "external_id": d.id, **({"url": d.url} if d.url else {})}
                ],
            )
        )
    bundle = stix2.Bundle(objects=[*objects.values(), *relationships, *reports], id=stix_id("bundle", first))
    # stix2's pretty printer orders keys by searching the object each time (slow on big
    # bundles); the compact form re-indented by json holds the same text, key order kept.
    out.write(json.dumps(json.loads(bundle.serialize()), indent=4, ensure_ascii=False) + "\n")


def stated(certainty: str, speaker: str | None) -> str:
    """Say how an event is stated: "asserted", or "reported by the ministry", "denied by Moscow"."""
    return f"{certainty} by {speaker}" if speaker else certainty


def report_types(violent: bool, refs: list[str]) -> list[str]:
    """Return the report types (STIX report-type-ov, else ``news``) of what a report holds."""
    kinds = {ref.split("--", 1)[0] for ref in refs}
    found = [
        kind
        for kind, present in (
            ("intrusion-set", "intrusion-set" in kinds),
            ("threat-actor", "threat-actor" in kinds),
            ("threat-report", violent),
        )
        if present
    ]
    return found or ["news"]
