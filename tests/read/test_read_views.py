"""The read side's shapes: an event's JSON keys and the canonical ids of merged entities."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitroom.model import Bounds, Document, Evidence, Money
from sitroom.read.documents import all_document_views, search
from sitroom.read.entities import canonical_aliases, document_entities, entity_records
from sitroom.read.relations import relation_views
from sitroom.read.resolver import Resolver, canonical_ids
from sitroom.read.views import DocumentView, EventView, SearchFilters
from sitroom.store import schema as t
from sitroom.store.db import Store

# What `--json` and /api/events show for an event, in this order.
EVENT_JSON_KEYS = [
    "id",
    "type",
    "mode",
    "context",
    "cameo",
    "acled_event_type",
    "acled_sub_event_type",
    "actor",
    "target",
    "location",
    "lat",
    "lon",
    "date",
    "date_precision",
    "killed",
    "injured",
    "money",
    "certainty",
    "attributed_to",
    "actor_code",
    "target_code",
    "trigger",
    "negated",
    "cumulative_killed",
    "cumulative_injured",
    "evidence",
    "document",
    "story_id",
]


def test_an_event_shows_the_model_fields_with_nested_values_as_json() -> None:
    published = datetime(2023, 6, 27, 18, 0, tzinfo=UTC)
    document = DocumentView("doc-1", "Strike on Kramatorsk", None, published, ("Kyiv Ledger",))
    event = EventView(
        id="ev-1",
        type="ASSAULT",
        evidence=Evidence(0, 30, "A missile hit a cafe in Kramatorsk."),
        document=document,
        outlets=(("Kyiv Ledger", published),),
        location="Kramatorsk",
        location_id=7,
        country="UA",
        killed=Bounds(8, 10),
        cumulative_killed=Bounds(900, None),
        money=Money(5.0, "EUR", 5.4),
        story_id=3,
    )
    shown = event.to_json()
    assert list(shown) == EVENT_JSON_KEYS
    assert shown["killed"] == {"min": 8, "max": 10}
    assert shown["injured"] is None
    assert shown["cumulative_killed"] == {"min": 900, "max": None}  # the war's count to date
    assert shown["money"] == {"amount": 5.0, "currency": "EUR", "usd": 5.4}
    assert shown["document"]["published"] == "2023-06-27T18:00:00+00:00"
    assert shown["certainty"] == "asserted" and shown["negated"] is False


def test_canonical_ids_follow_chains_of_merges_and_stop_on_a_loop(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "corpus.db"))
    rows: list[dict[str, Any]] = [
        {"id": 1, "name": "Alexander Lukashenko", "merged_into": None},
        {"id": 2, "name": "Lukashenko", "merged_into": 1},
        {"id": 3, "name": "Lukashenka", "merged_into": 2},
        {"id": 4, "name": "Wagner", "merged_into": 5},
        {"id": 5, "name": "Wagner Group", "merged_into": 4},
        {"id": 6, "name": "Kyiv", "merged_into": None},
    ]
    with store.transaction() as conn:
        for row in rows:
            conn.execute(t.entities.insert().values(id=row["id"], name=row["name"], type="PERSON"))
        for row in rows:
            merged = t.entities.update().where(t.entities.c.id == row["id"])
            conn.execute(merged.values(merged_into=row["merged_into"]))
    with store.engine.connect() as conn:
        canonical = canonical_ids(conn)
        resolver = Resolver(conn)
        assert canonical == {1: 1, 2: 1, 3: 1, 4: 5, 5: 4, 6: 6}
        assert resolver.id(3) == 1 and resolver.name(3) == "Alexander Lukashenko"
        assert resolver.family(1) == {1, 2, 3}
    store.engine.dispose()


def test_search_facets_list_equal_counts_by_name(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "corpus.db"))
    for source in ("Zeta Wire", "Alpha Post", "Mid Times"):
        store.save(Document.from_text(f"Floods reached the river port, {source} reported.", source=source))
    with store.engine.connect() as conn:
        result = search(conn, "floods", SearchFilters(), 10, 0)
    store.engine.dispose()
    assert result.total == 3
    assert result.outlets == [("Alpha Post", 1), ("Mid Times", 1), ("Zeta Wire", 1)]


def test_relations_aliases_and_mentions_are_read_by_canonical_entity(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "corpus.db"))
    document = Document.from_text(
        "Lukashenka, who leads Belarus, met the press in Minsk.", source="Minsk Courier"
    )
    store.save(document)
    entities = [(1, "Alexander Lukashenko", "PERSON"), (2, "Lukashenka", "PERSON"), (3, "Belarus", "GPE")]
    with store.transaction() as conn:
        for entity_id, name, kind in entities:
            conn.execute(t.entities.insert().values(id=entity_id, name=name, type=kind))
        conn.execute(t.entities.update().where(t.entities.c.id == 2).values(merged_into=1))
        conn.execute(t.entity_aliases.insert().values(entity_id=2, alias="A. Lukashenka"))
        conn.execute(
            t.mentions.insert().values(
                document_id=document.id, entity_id=2, start=0, end=10, text="Lukashenka"
            )
        )
        conn.execute(
            t.relations.insert().values(
                document_id=document.id, subject_id=2, predicate="leader_of", object_id=3,
                start=0, end=29, evidence="Lukashenka, who leads Belarus",
            )
        )  # fmt: skip
    with store.engine.connect() as conn:
        resolver = Resolver(conn)
        relations = relation_views(conn, resolver)
        assert [(r.subject_id, r.predicate, r.object_id) for r in relations] == [(1, "leader_of", 3)]
        assert relations[0].evidence == "Lukashenka, who leads Belarus"
        assert canonical_aliases(conn, resolver) == {1: {"A. Lukashenka"}}
        assert document_entities(conn, resolver) == {document.id: {1}}
        assert [e.name for e in entity_records(conn, canonical_only=True)] == [
            "Alexander Lukashenko",
            "Belarus",
        ]
        assert [e.merged_into for e in entity_records(conn)] == [None, 1, None]
        assert [(d.id, d.sources) for d in all_document_views(conn)] == [(document.id, ("Minsk Courier",))]
    store.engine.dispose()
