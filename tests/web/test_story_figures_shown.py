"""The figures a story shows on the home page, its chart and `sitroom stories`: the story's own toll,
never the war's running total, and a party's count of its enemy's losses only as that party's claim."""

from __future__ import annotations

from datetime import datetime

from sitroom.cli.stories import _figures_text
from sitroom.model import FigureReport
from sitroom.read.views import StoryView
from sitroom.web.pages import latest_figures, latest_killed


def _figure(value: int, source: str, hour: int, **extra: object) -> FigureReport:
    published = datetime(2023, 7, 4, hour)
    return FigureReport("killed", value, value, source, published, f"d{hour}", f"e{hour}", **extra)  # type: ignore[arg-type]


def _story(*figures: FigureReport) -> StoryView:
    return StoryView(7, "ASSAULT", "Strike on Odesa port", "Odesa", None, None, "2023-07-04", None, None,
                     [], [], [], list(figures), [])  # fmt: skip


def test_a_running_total_of_the_war_is_not_the_storys_latest_toll() -> None:
    story = _story(_figure(4, "BBC", 8), _figure(9000, "MSN", 9, running_total=True))
    assert latest_figures(story) == {"killed": "4 (BBC)"}
    assert latest_killed(story) == 4


def test_a_partys_count_of_enemy_dead_is_shown_as_its_claim_only() -> None:
    claim = _story(_figure(120, "TASS", 9, claimed_by="Russia"))
    assert latest_figures(claim) == {"killed": "Russia claims 120 (TASS)"}
    assert latest_killed(claim) == 0  # the chart adds no claim
    both = _story(_figure(3, "Reuters", 8), _figure(120, "TASS", 9, claimed_by="Russia"))
    assert latest_figures(both) == {"killed": "3 (Reuters)"}


def test_the_stories_table_lists_the_toll_over_time_with_claims_marked() -> None:
    story = _story(_figure(2, "BBC", 8), _figure(9000, "MSN", 9, running_total=True), _figure(5, "AP", 10),
                   _figure(120, "TASS", 11, claimed_by="Russia"))  # fmt: skip
    assert _figures_text(story.to_json()["figures"], "killed") == "2 → 5 → 120 (Russia claims)"
