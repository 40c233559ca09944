"""A story's severity in the brief's ranking, and the toll a later brief compares, count its own toll only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sitroom.brief.compose import fingerprint
from sitroom.brief.facts import Facts, StoryFact
from sitroom.brief.rank import severity
from sitroom.model import FigureReport


def killed(n: int, **fields: Any) -> FigureReport:
    return FigureReport("killed", n, n, "AFP", datetime(2023, 10, 2, 9, tzinfo=UTC), "d1", "e1", **fields)


def story(*figures: FigureReport) -> StoryFact:
    return StoryFact("story:1", "Shelling of a market in Kherson", "ASSAULT", (), figures, ("AFP",))


def test_war_totals_claims_and_far_tolls_add_nothing_to_a_storys_severity() -> None:
    own = severity(story(killed(3)))
    assert severity(story(killed(3), killed(9000, running_total=True))) == own
    assert severity(story(killed(3), killed(400, claimed_by="Russia"))) == own
    assert severity(story(killed(3), killed(40, elsewhere=True))) == own
    assert severity(story(killed(30))) > own


def test_a_later_brief_compares_the_storys_own_latest_toll() -> None:
    later_total = killed(9000, running_total=True)
    facts = Facts(stories=[story(killed(3), later_total)])
    assert fingerprint(facts)["stories"]["story:1"]["killed"] == {"min": 3, "max": 3, "event": "e1"}
