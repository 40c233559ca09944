"""A large story keeps to its own places: a report of another town's happening does not chain in."""

from __future__ import annotations

import pytest
from builders import passage

from sitroom.resolve.stories import features as story_features
from sitroom.resolve.stories.features import LARGE_STORY, Profile, Stats, judge, strays, vector
from sitroom.resolve.stories.load import Passage

ORIKHIV = ("orikhiv", 47.5676, 35.7856)
ROBOTYNE = ("robotyne", 47.4450, 35.8370)  # 14 km south of Orikhiv
LVIV = ("lviv", 49.8397, 24.0297)  # 800 km west
KYIV = ("kyiv", 50.45, 30.5234)
OFFENSIVE = "brigades advance toward trench lines near Orikhiv"


def large_offensive() -> Profile:
    """A story of 12 reports of a push near Orikhiv; one of them names Lviv in passing."""
    members = [passage((ORIKHIV,), ("FIGHT",), f"{OFFENSIVE} day {n}", ("Orikhiv",)) for n in range(11)]
    members.append(passage((ORIKHIV, LVIV), ("FIGHT",), OFFENSIVE, ("Orikhiv", "Lviv")))
    profile = Profile.empty()
    stats = Stats(10, {})
    for member in members:
        profile.add(member, vector(member, stats))
    assert profile.size >= LARGE_STORY
    return profile


def judged(new: Passage, story: Profile) -> float | None:
    stats = Stats(400, {"e:orikhiv": 12, "e:lviv": 6, "w:brigade": 12})
    found = judge(new, vector(new, stats), story, stats)
    return found[0] if found is not None else None


def test_a_report_of_a_strike_on_a_town_the_story_named_once_stays_out() -> None:
    story = large_offensive()
    strike = passage((LVIV,), ("ASSAULT",), "missiles hit power plant near Lviv brigades", ("Lviv",))
    assert judged(strike, story) is None


def test_the_same_report_would_have_joined_a_story_of_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule is the large story's: without it the town named once lets the report in."""
    monkeypatch.setattr(story_features, "LARGE_STORY", 10_000)
    strike = passage((LVIV,), ("ASSAULT",), "missiles hit power plant near Lviv brigades", ("Lviv",))
    score = judged(strike, large_offensive())
    assert score is not None and score >= story_features.JOIN_SCORE


def test_a_report_from_the_storys_own_ground_still_joins() -> None:
    story = large_offensive()
    nearby = passage((ROBOTYNE,), ("FIGHT",), "village taken south of Orikhiv", ("Robotyne", "Orikhiv"))
    same_words = passage((LVIV,), ("FIGHT",), OFFENSIVE, ("Lviv",))  # its wording meets the centre
    for new in (nearby, same_words):
        score = judged(new, story)
        assert score is not None and score >= story_features.JOIN_SCORE


def test_a_small_story_merges_into_a_large_one_only_by_the_large_ones_towns() -> None:
    story = large_offensive()
    assert strays([LVIV], story)
    assert not strays([ROBOTYNE], story)
    assert not strays([], story)  # a story that names no town of its own is judged by the rest
    assert not strays([KYIV], Profile.empty())  # a small story has no usual towns to keep to
