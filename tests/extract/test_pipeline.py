"""The whole extraction of the seed report: the output contract of DESIGN.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import sitroom
from sitroom.extract.pipeline import analyze_documents
from sitroom.model import CERTAINTIES, PLOVER_TYPES, Analysis, Document

SHARED = Path(__file__).parents[2] / ".." / "shared"
EVENT_KEYS = {
    "type", "mode", "context", "cameo", "acled_event_type", "acled_sub_event_type", "actor", "target",
    "location", "lat", "lon", "date", "date_precision", "killed", "injured", "money", "certainty",
    "attributed_to", "actor_code", "target_code", "evidence",
}  # fmt: skip
CLAIM_KEYS = {"about", "text", "certainty", "attributed_to", "polarity", "evidence"}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return next((SHARED / "seed").glob("*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> dict[str, Any]:
    analysis = sitroom.analyze(seed_text, source="seed")
    return json.loads(json.dumps(analysis.to_json()))


def evidences(output: dict[str, Any]) -> list[dict[str, Any]]:
    return [item["evidence"] for part in ("events", "claims", "relations") for item in output[part]]


def test_output_has_every_part_of_the_contract(seed: dict[str, Any]) -> None:
    assert {"document", "mentions", "entities", "relations", "events", "claims"} <= set(seed)
    assert {"id", "source", "url", "title", "published", "language"} <= set(seed["document"])


def test_every_event_has_every_contract_field_with_valid_values(seed: dict[str, Any]) -> None:
    assert len(seed["events"]) >= 12
    for event in seed["events"]:
        assert set(event) >= EVENT_KEYS
        assert event["type"] in PLOVER_TYPES
        assert event["certainty"] in CERTAINTIES
        assert event["cameo"] and event["cameo"][:2].isdigit()
        assert event["date_precision"] in (None, "day", "month", "year", "range")


def test_every_claim_has_every_contract_field_with_valid_values(seed: dict[str, Any]) -> None:
    assert len(seed["claims"]) >= 8
    for claim in seed["claims"]:
        assert set(claim) >= CLAIM_KEYS
        assert claim["certainty"] in CERTAINTIES
        assert claim["polarity"] in ("positive", "negative")


def test_every_evidence_span_is_the_slice_of_the_document(seed: dict[str, Any], seed_text: str) -> None:
    for evidence in evidences(seed):
        assert seed_text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_event_actors_and_locations_are_entities_of_the_document(seed: dict[str, Any]) -> None:
    names = {entity["name"] for entity in seed["entities"]}
    for event in seed["events"]:
        assert {event["actor"], event["location"]} - {None} <= names


def test_seed_aid_package_has_its_money(seed: dict[str, Any]) -> None:
    packages = [e for e in seed["events"] if e["type"] == "AID" and "aid package" in e["evidence"]["text"]]
    assert packages and packages[0]["money"] == {"amount": 5e8, "currency": "USD", "usd": 5e8}
    assert packages[0]["cameo"].startswith("07")


def test_seed_casualties_are_on_the_attack(seed: dict[str, Any]) -> None:
    attack = next(e for e in seed["events"] if e["evidence"]["text"].startswith("The recent attack"))
    assert (attack["type"], attack["killed"], attack["injured"]) == (
        "ASSAULT",
        {"min": 4, "max": None},
        {"min": 42, "max": 42},
    )


def test_seed_hedged_claims_keep_their_certainty(seed: dict[str, Any]) -> None:
    by_text = {claim["text"]: claim["certainty"] for claim in seed["claims"]}
    assert any("is believed to have been aware" in t and c == "believed" for t, c in by_text.items())
    assert any(t.startswith("It is unclear whether") and c == "uncertain" for t, c in by_text.items())
    assert any("reportedly paid" in t and c == "reported" for t, c in by_text.items())


class Coder:
    """A stand-in actor coder: codes every phrase by its first three letters."""

    def code(self, phrase: str) -> str | None:
        return phrase[:3].upper()


def test_actor_coder_codes_actors_and_targets() -> None:
    document = Document.from_text("Russia shelled Kharkiv. Poland expelled two Russian diplomats.")
    (analysis,) = list(analyze_documents([document], actor_coder=Coder()))
    assert isinstance(analysis, Analysis)
    coded = [(e.actor, e.actor_code) for e in analysis.events if e.actor]
    assert coded and all(code == actor[:3].upper() for actor, code in coded)
