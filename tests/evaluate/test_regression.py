"""The targets the extraction must hold on the shared gold: seed report and PLOVER dev records."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.evaluate import EvalReport, evaluate
from sitroom.evaluate.score import PartScore


@pytest.fixture(scope="module")
def seed_report(shared: Path) -> EvalReport:
    return evaluate([shared / "gold" / "seed.gold.json"])


@pytest.fixture(scope="module")
def plover_report(shared: Path) -> EvalReport:
    return evaluate([shared / "data" / "plover" / "plover-gsr-dev.jsonl"])


def part(report: EvalReport, name: str) -> PartScore:
    return next(p for p in report.parts if p.name == name)


def figure(report: EvalReport, name: str, metric: str) -> float:
    """Return one figure of a part; a part with nothing to score fails the test."""
    value = part(report, name).value(metric)
    assert value is not None, f"{name} has no {metric}"
    return value


def test_seed_entities_recall_at_least_95_percent(seed_report: EvalReport) -> None:
    assert figure(seed_report, "entities", "recall") >= 0.95


def test_seed_relations_all_seven_found(seed_report: EvalReport) -> None:
    relations = part(seed_report, "relations")
    assert (relations.found, relations.total) == (7, 7)


def test_seed_events_all_twelve_required_found(seed_report: EvalReport) -> None:
    events = part(seed_report, "events")
    assert (events.required_found, events.required) == (12, 12)


def test_seed_claims_at_least_eight_of_nine(seed_report: EvalReport) -> None:
    claims = part(seed_report, "claims")
    assert claims.total == 9
    assert claims.found >= 8


def test_plover_event_type_accuracy_at_least_070(plover_report: EvalReport) -> None:
    assert figure(plover_report, "event_type", "accuracy") >= 0.70
