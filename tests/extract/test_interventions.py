"""Crowd control of a protest is that protest's intervention; a generic attack on an armed party is
combat; a strike counted in hours or days is a stoppage of work. Every sentence is written for
these tests, in wordings of our own."""

from __future__ import annotations

import pytest

import sitroom
from sitroom.model import Event


def events(text: str) -> list[Event]:
    return list(sitroom.analyze(text).events)


@pytest.mark.parametrize(
    "text",
    [
        "Riot officers used water cannon to break up students rallying against tuition fees in Santiago.",
        "Gendarmes dispersed farmers demonstrating outside the ministry in Rabat.",
    ],
)
def test_crowd_control_of_a_protest_is_one_protest_with_intervention(text: str) -> None:
    found = events(text)
    assert [e.type for e in found] == ["PROTEST"]
    assert found[0].acled_sub_event_type == "Protest with intervention"
    assert {m.type for m in found[0].merged} == {"COERCE"}  # the act of those who intervened stays


def test_tear_gas_fired_at_a_crowd_is_a_protest_not_combat() -> None:
    found = events("Police in Yerevan fired tear gas and rubber bullets at protesters outside parliament.")
    assert [e.type for e in found] == ["PROTEST"]
    assert found[0].acled_sub_event_type == "Protest with intervention"


def test_crowd_control_aimed_at_others_is_no_protest() -> None:
    found = events("Police used tear gas against looters who broke into a depot in Lagos.")
    assert "PROTEST" not in [e.type for e in found]
    assert "COERCE" in [e.type for e in found]


@pytest.mark.parametrize(
    "text",
    [
        "Drone attacks have killed at least five militant commanders in North Waziristan this year.",
        "Insurgents attacked an army outpost near Mopti before dawn.",
    ],
)
def test_a_generic_attack_on_armed_people_is_combat(text: str) -> None:
    assert [e.type for e in events(text) if e.type in ("ASSAULT", "FIGHT")][:1] == ["FIGHT"]


def test_a_generic_attack_on_civilians_stays_an_assault() -> None:
    found = events("Gunmen attacked a bus carrying pilgrims near Jalalabad, killing nine passengers.")
    assert [e.type for e in found if e.type in ("ASSAULT", "FIGHT")] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "After a union-called 72-hour strike, the ministry reopened the schools in Porto.",
        "Rail workers in Leeds began a two-day strike on Thursday.",
    ],
)
def test_a_strike_counted_in_hours_or_days_is_a_stoppage_of_work(text: str) -> None:
    found = events(text)
    assert "PROTEST" in [e.type for e in found]
    assert not [e for e in found if e.type in ("ASSAULT", "FIGHT")]


def test_strikes_within_the_last_hours_are_still_attacks() -> None:
    found = events("Strikes in the past 48 hours hit fuel depots around Dnipro.")
    assert [e.type for e in found][:1] == ["ASSAULT"]
