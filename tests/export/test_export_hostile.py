"""Exports of hostile and tricky stored data: safe to open, readable back, and saying only what is known."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hostile_corpus import CONTROL_NAME, FORMULA, OUTLETS, TOLLS, build_hostile_store

from sitroom.export import export
from sitroom.export.acled import COLUMNS
from sitroom.store.db import Store

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_hostile_store(tmp_path_factory.mktemp("hostile") / "hostile.db")


def exported(store: Store, name: str) -> str:
    out = io.StringIO()
    with store.engine.connect() as conn:
        export(conn, name, out)
    return out.getvalue()


def acled_rows(store: Store) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(exported(store, "acled-csv"))))


def test_acled_csv_has_acleds_31_columns_in_acleds_order(hostile: Store) -> None:
    header = exported(hostile, "acled-csv").splitlines()[0].split(",")
    assert tuple(header) == ACLED_COLUMNS == COLUMNS


@pytest.mark.parametrize("name", ["acled-csv", "cameo-tsv"])
def test_no_spreadsheet_cell_starts_like_a_formula(hostile: Store, name: str) -> None:
    text = exported(hostile, name)
    rows = list(csv.reader(io.StringIO(text), delimiter="\t" if name == "cameo-tsv" else ","))
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        number = cell.lstrip("+-").replace(".", "", 1).isdigit()
        assert number or not cell.startswith(FORMULA_STARTS), cell
    if name == "acled-csv":
        assert any(cell == "'" + FORMULA for cell in cells)  # kept, as text
        assert any(cell == "'@SUM(1+1)" for cell in cells)


def test_one_strike_in_four_reports_is_one_row_with_the_highest_toll(hostile: Store) -> None:
    rows = [r for r in acled_rows(hostile) if r["location"] == "Kryvyi Rih"]
    assert len(rows) == 1
    [row] = rows
    assert row["fatalities"] == str(max(TOLLS)) and max(TOLLS) != sum(TOLLS)
    assert set(row["source"].split("; ")) == set(OUTLETS)
    for toll, outlet in zip(TOLLS, OUTLETS, strict=True):
        assert f"{toll} ({outlet})" in row["notes"]
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2023-06-13", "2023", "1")
    assert (row["disorder_type"], row["country"], row["iso"]) == ("Political violence", "Ukraine", "804")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "1", "11")
    assert row["event_id_cnty"].startswith("UKR") and row["timestamp"].isdigit()
    assert row["admin1"] == row["region"] == row["tags"] == row["assoc_actor_1"] == ""


def test_a_year_named_in_the_text_is_not_the_event_date_of_a_2023_report(hostile: Store) -> None:
    [row] = [r for r in acled_rows(hostile) if r["actor1"] == "Russian Armed Forces"]
    assert row["year"] == "2023" and row["event_date"] == "2023-06-20"
    assert row["time_precision"] == "2"  # the publication day, less precise than the event's own day
    assert not any(r["year"] < "2000" for r in acled_rows(hostile))


def test_cameo_actor_codes_are_codes_not_names(hostile: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(hostile, "cameo-tsv")), delimiter="\t"))
    codes = {(r["actor1_code"], r["actor2_code"]) for r in rows}
    assert ("RUS", "UKR") in codes  # the state Russia struck Ukraine
    assert ("RUSMIL", "UKR") in codes  # the Russian armed forces: country plus agent
    assert ("RUSUAF", "UKR") in codes  # an armed group from Russia
    for r in rows:
        for code in (r["actor1_code"], r["actor2_code"]):
            assert code == "" or (code.isalpha() and code.isupper() and len(code) in (3, 6)), code


def test_graphml_with_control_characters_reads_back(hostile: Store) -> None:
    import networkx as nx

    graph = nx.read_graphml(io.BytesIO(exported(hostile, "graphml").encode("utf-8")))
    names = {d["name"] for _, d in graph.nodes(data=True)}
    assert "Bad\ufffdActor\ufffdGroup" in names and CONTROL_NAME not in names
    assert "Kryvyi Rih" in names


def test_stix_with_control_characters_parses_and_labels_reports_by_what_they_hold(hostile: Store) -> None:
    import stix2

    bundle = stix2.parse(exported(hostile, "stix"), allow_custom=False)
    reports = {o.name: o for o in bundle.objects if o.type == "report"}
    assert reports["Sport Desk report"].report_types == ["news"]  # football is not a threat report
    assert "threat-report" in reports["Reuters report"].report_types
    assert reports["Gossip Daily report"].report_types == ["news"]
    assert any(o.type == "threat-actor" and "Actor" in o.name for o in bundle.objects)


def test_stix_claim_keeps_its_certainty_and_speaker(hostile: Store) -> None:
    import stix2

    bundle = stix2.parse(exported(hostile, "stix"), allow_custom=False)
    ids = {o.id: o for o in bundle.objects}
    [paid] = [o for o in bundle.objects if o.type == "relationship" and ids[o.source_ref].name == "Burisma"]
    assert "speculated by tabloid" in paid.description
    assert paid.confidence < 50


def test_ftm_alleged_payment_is_a_note_of_its_speaker_not_a_payment(hostile: Store) -> None:
    from followthemoney import model

    proxies = [model.get_proxy(json.loads(line)) for line in exported(hostile, "ftm").splitlines()]
    by_id = {p.id: p for p in proxies}
    assert not [p for p in proxies if p.schema.name == "Payment"]
    [note] = [p for p in proxies if p.schema.name == "Note"]
    assert "speculated by tabloid" in (note.first("summary") or "")
    assert by_id[note.first("entity")].caption == "tabloid"
    assert {"Burisma", "Hunter Biden"} <= set(note.get("namesMentioned"))
    assert "Burisma paid Hunter Biden" in (note.first("description") or "")


def test_ftm_names_with_control_characters_read_back(hostile: Store) -> None:
    from followthemoney import model

    for line in exported(hostile, "ftm").splitlines():
        proxy = model.get_proxy(json.loads(line))
        for value in proxy.get("name", quiet=True):
            assert not any(ord(ch) < 32 for ch in value), value


def test_every_export_of_the_hostile_store_is_well_formed(hostile: Store) -> None:
    from xml.etree import ElementTree

    ElementTree.fromstring(exported(hostile, "graphml").encode("utf-8"))
    json.loads(exported(hostile, "stix"))
    for line in exported(hostile, "jsonl").splitlines():
        json.loads(line)
