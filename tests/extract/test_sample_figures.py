"""Casualty figures extracted from the bundled sample corpus agree with tests/sample/truth.yaml.

Every Kramatorsk report states its own killed and injured figures; the events of the report (not
counting background events dated long before it was published) must carry exactly those figures,
so that story building sees one figure per outlet. No figure anywhere may be a year.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitroom.extract.pipeline import analyze_documents
from sitroom.ingest import read_path
from sitroom.model import Analysis, Bounds, Document

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sitroom" / "sample"
TRUTH = REPO / "tests" / "sample" / "truth.yaml"
BACKGROUND_AFTER = timedelta(days=30)  # an event dated this long before the report is background


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    documents: list[Document] = []
    for path in sorted(SAMPLE.iterdir()):
        documents.extend(d for d in read_path(path) if isinstance(d, Document))
    return list(analyze_documents(documents))


def _truth() -> list[dict[str, Any]]:
    return yaml.safe_load(TRUTH.read_text(encoding="utf-8"))["kramatorsk_figures"]


def _start(value: str) -> date:
    first = value.split("/")[0]
    parts = [int(p) for p in first.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _figures(analysis: Analysis, kind: str) -> set[tuple[int | None, int | None]]:
    published = analysis.document.published
    assert published is not None
    found = set()
    for event in analysis.events:
        bounds: Bounds | None = getattr(event, kind)
        if bounds is None:
            continue
        if event.date and _start(event.date) < published.date() - BACKGROUND_AFTER:
            continue
        found.add((bounds.min, bounds.max))
    return found


def _report(analyses: list[Analysis], row: dict[str, Any]) -> Analysis:
    published = datetime.fromisoformat(row["published"])
    return next(
        a for a in analyses if a.document.source == row["source"] and a.document.published == published
    )


@pytest.mark.parametrize("row", _truth(), ids=lambda row: row["file"])
def test_kramatorsk_report_states_its_killed_and_injured(
    analyses: list[Analysis], row: dict[str, Any]
) -> None:
    analysis = _report(analyses, row)
    for kind in ("killed", "injured"):
        expected = (row[f"{kind}_min"], row[f"{kind}_max"])
        wanted = set() if expected == (None, None) else {expected}
        assert _figures(analysis, kind) == wanted, f"{kind} in {row['file']}"


def test_no_casualty_figure_in_the_sample_is_a_year(analyses: list[Analysis]) -> None:
    years = [
        (a.document.title, event.evidence.text)
        for a in analyses
        for event in a.events
        for bounds in (event.killed, event.injured)
        if bounds is not None and any(v is not None and 1900 <= v <= 2100 for v in (bounds.min, bounds.max))
    ]
    assert years == []


def test_background_strike_of_2022_is_dated_april_2022_with_its_own_toll(analyses: list[Analysis]) -> None:
    ledger = next(a for a in analyses if "kramatorsk-strike" in (a.document.url or ""))
    background = [e for e in ledger.events if e.date == "2022-04"]
    assert background
    assert {(e.killed.min, e.killed.max) for e in background if e.killed} == {(51, None)}
