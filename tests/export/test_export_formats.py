"""Each export format, read back with the library of its format, holds the store's facts."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from export_corpus import AID, LEADER, SANCTION, STRIKE

from sitroom.errors import ConfigError
from sitroom.export import EXPORTERS, export
from sitroom.store.db import Store


def exported(store: Store, name: str) -> str:
    out = io.StringIO()
    with store.engine.connect() as conn:
        export(conn, name, out)
    return out.getvalue()


def test_jsonl_has_one_event_per_line_with_evidence_document_and_story(store: Store) -> None:
    lines = [json.loads(line) for line in exported(store, "jsonl").splitlines()]
    assert [line["evidence"]["text"] for line in lines] == [STRIKE, AID, SANCTION]
    strike = lines[0]
    assert strike["killed"] == {"min": 12, "max": 12}
    assert strike["document"]["sources"] == ["Reuters"]
    assert strike["story"]["title"] == "Reuters report"  # the headline of the story's central report


def test_acled_csv_has_acled_columns_and_the_strike_row(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(store, "acled-csv"))))
    [row] = rows
    assert {k: v for k, v in row.items() if v} == {
        "event_id_cnty": "UKR1",
        "event_date": "2023-06-27",
        "year": "2023",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Russia",
        "inter1": "1",
        "actor2": "Ukraine",
        "inter2": "1",
        "interaction": "11",
        "iso": "804",
        "country": "Ukraine",
        "location": "Kramatorsk",
        "latitude": "48.7233",
        "longitude": "37.5563",
        "geo_precision": "1",
        "source": "Reuters",
        "notes": STRIKE,
        "fatalities": "12",
        "timestamp": "1687888800",
    }


def test_cameo_tsv_has_codes_and_roots(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(store, "cameo-tsv")), delimiter="\t"))
    first = rows[0]
    assert (first["date"], first["actor1_code"], first["actor2_code"]) == ("20230627", "RUS", "UKR")
    assert (first["event_code"], first["root_code"], first["lat"]) == ("195", "19", "48.7233")
    assert [r["event_code"] for r in rows] == ["195", "071", "163"]
    assert (rows[2]["actor1_code"], rows[2]["actor2_code"]) == ("USA", "CRM")  # Conti: agent, no country
    assert rows[2]["source_url"] == "https://ap.example/story"


def test_stix_bundle_parses_with_locations_actors_reports_and_relationships(store: Store) -> None:
    import stix2

    bundle = stix2.parse(exported(store, "stix"), allow_custom=False)
    by_type: dict[str, list[Any]] = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    kramatorsk = next(o for o in by_type["location"] if o.name == "Kramatorsk")
    assert (kramatorsk.latitude, kramatorsk.longitude) == (48.7233, 37.5563)
    assert [o.name for o in by_type["threat-actor"]] == ["Wagner Group"]
    assert [o.name for o in by_type["intrusion-set"]] == ["Conti"]
    people = [o.name for o in by_type["identity"] if o.identity_class == "individual"]
    assert people == ["Yevgeny Prigozhin"]
    ids = {o.id: o for o in bundle.objects}
    kinds = {
        (ids[r.source_ref].name, r.relationship_type, ids[r.target_ref].name) for r in by_type["relationship"]
    }
    assert ("Yevgeny Prigozhin", "leader-of", "Wagner Group") in kinds
    assert ("Russia", "targets", "Ukraine") in kinds
    assert len(by_type["report"]) == 2
    assert all(ref in ids for report in by_type["report"] for ref in report.object_refs)
    assert exported(store, "stix") == exported(store, "stix")


def test_ftm_lines_are_proxies_with_a_payment_and_a_sanction(store: Store) -> None:
    from followthemoney import model

    proxies = [model.get_proxy(json.loads(line)) for line in exported(store, "ftm").splitlines()]
    by_id = {p.id: p for p in proxies}
    [payment] = [p for p in proxies if p.schema.name == "Payment"]
    assert [float(a) for a in payment.get("amount")] == [500_000_000.0]
    assert payment.get("currency") == ["USD"]
    assert by_id[payment.first("payer")].caption == "United States"
    assert by_id[payment.first("beneficiary")].caption == "Ukraine"
    [sanction] = [p for p in proxies if p.schema.name == "Sanction"]
    assert by_id[sanction.first("entity")].caption == "Conti"
    assert sanction.get("authority") == ["United States"]
    [directorship] = [p for p in proxies if p.schema.name == "Directorship"]
    assert by_id[directorship.first("director")].schema.name == "Person"
    assert by_id[directorship.first("organization")].caption == "Wagner Group"
    assert by_id[directorship.first("organization")].get("alias") == ["Wagner"]


def test_graphml_reads_back_with_entities_relations_and_event_edges(store: Store) -> None:
    import networkx as nx

    graph = nx.read_graphml(io.BytesIO(exported(store, "graphml").encode("utf-8")))
    names = {n: d["name"] for n, d in graph.nodes(data=True)}
    assert graph.nodes[next(n for n, v in names.items() if v == "Wagner Group")]["subtype"] == "armed_group"
    edges = {(names[a], d["label"], names[b]) for a, b, d in graph.edges(data=True)}
    assert ("Yevgeny Prigozhin", "leader_of", "Wagner Group") in edges
    assert ("Russia", "ASSAULT", "Ukraine") in edges
    assert ("United States", "AID", "Ukraine") in edges


def test_unknown_format_names_the_choices(store: Store) -> None:
    with pytest.raises(ConfigError, match="'xml': unknown; choose one of jsonl"):
        exported(store, "xml")
    assert len(EXPORTERS) == 6


def test_exported_leader_sentence_is_the_evidence(store: Store) -> None:
    lines = exported(store, "graphml")
    assert LEADER in lines
