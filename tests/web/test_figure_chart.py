"""The story page's chart of figures over time plots the story's own toll only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sitroom.model import FigureReport
from sitroom.web.charts import figures_chart


def killed(n: int, hour: int, **fields: Any) -> FigureReport:
    when = datetime(2023, 9, 3, hour, tzinfo=UTC)
    return FigureReport("killed", n, n, "AP", when, f"d{hour}", f"e{hour}", **fields)


def test_the_chart_leaves_out_war_totals_claims_and_another_towns_toll() -> None:
    figures = [
        killed(4, 8),
        killed(9000, 9, running_total=True),
        killed(300, 10, claimed_by="Russia"),
        killed(15, 11, elsewhere=True),
        killed(7, 12),
    ]
    chart = figures_chart(figures)
    assert chart is not None
    [line] = chart.series
    assert [p["label"].split(",")[0] for p in line["points"]] == ["killed 4", "killed 7"]
    assert chart.description == "Reported killed over time, 2 reports"


def test_a_story_with_only_a_war_total_has_no_chart() -> None:
    assert figures_chart([killed(9000, 9, running_total=True)]) is None
