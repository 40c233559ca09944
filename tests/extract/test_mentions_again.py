"""A happening named again later is the same event; what only may happen is no event; a death that
results from an attack is its toll. Every text here is written for these tests."""

from __future__ import annotations

import pytest

import sitroom
from sitroom.model import Bounds, Event


def events(text: str) -> list[Event]:
    return list(sitroom.analyze(text).events)


def of_type(text: str, kind: str) -> list[Event]:
    return [e for e in events(text) if e.type == kind]


@pytest.mark.parametrize(
    "text",
    [
        "The garrison staged a mutiny against its commanders. The general knew of the mutiny. "
        "The colonel blamed the government for the mutiny.",
        "A battalion staged a mutiny in the north.\nWeeks later, the battalion's mutiny was still "
        "the talk of the capital.",
        "Rebels launched an insurrection in the hills. Few expected this insurrection to last.",
    ],
)
def test_a_happening_named_again_is_one_event(text: str) -> None:
    assert len(of_type(text, "MOBILIZE")) == 1


def test_these_strikes_point_back_to_the_strikes_told_before() -> None:
    text = (
        "Russian missiles struck an apartment block in Dnipro on Saturday. "
        "Officials in Kyiv said these strikes were meant to terrify civilians in Dnipro and Lviv."
    )
    found = [e for e in events(text) if e.type in ("ASSAULT", "FIGHT")]
    assert len(found) == 1
    assert found[0].location == "Dnipro"


@pytest.mark.parametrize(
    "text",
    [
        "Police clashed with miners in Oruro. Hours later, new clashes broke out in Potosi.",
        "The army shelled Avdiivka on Monday. The latest shelling hit Marinka on Tuesday.",
    ],
)
def test_a_new_or_latest_happening_is_not_the_one_before(text: str) -> None:
    assert len([e for e in events(text) if e.type == "FIGHT"]) == 2


def test_support_for_another_side_is_another_happening() -> None:
    text = "Lithuania remains committed to supporting Ukraine. The hackers declared their support for Russia."
    assert len(of_type(text, "SUPPORT")) == 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Diplomats raised the possibility of talks between the two governments.", "CONSULT"),
        ("There is speculation about the involvement of army officers in the plot.", "REJECT"),
        ("Residents voiced fears of a new offensive before the winter.", "FIGHT"),
        ("The report weighed the risk of an invasion of the island.", "FIGHT"),
    ],
)
def test_what_only_may_happen_is_no_event(text: str, kind: str) -> None:
    assert of_type(text, kind) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Militants could strike the pipeline again before the vote, an analyst warned.", "ASSAULT"),
        ("The two sides might hold talks in Doha next month.", "CONSULT"),
        ("Officials fear that chemical agents could be used by the militia against villages.", "ASSAULT"),
        ("The rebels might be planning to shell the airport.", "FIGHT"),
    ],
)
def test_what_could_or_might_happen_is_no_event(text: str, kind: str) -> None:
    assert of_type(text, kind) == []


def test_what_may_have_happened_is_an_event_told_with_doubt() -> None:
    found = of_type("The missile may have hit a fuel depot near Sevastopol.", "ASSAULT")
    assert [e.certainty for e in found] == ["speculated"]


def test_a_threat_of_sanctions_is_a_threat_only() -> None:
    found = events("Brussels renewed its threat of sanctions against the regime.")
    assert [e.type for e in found] == ["THREATEN"]


@pytest.mark.parametrize(
    "text",
    [
        "A rocket attack hit the market in Hrakove, resulting in the deaths of three shoppers.",
        "The bombing of the depot led to the deaths of two guards.",
    ],
)
def test_deaths_that_result_from_an_attack_are_its_toll(text: str) -> None:
    found = [e for e in events(text) if e.type in ("ASSAULT", "FIGHT")]
    assert len(found) == 1
    assert found[0].killed is not None


@pytest.mark.parametrize(
    "text",
    [
        "New sanctions were imposed on three shipping firms on Friday.",
        "Fresh tariffs on Chinese steel were imposed by the European Union.",
    ],
)
def test_a_passive_verb_and_its_subject_of_one_type_are_one_event(text: str) -> None:
    assert len(of_type(text, "SANCTION")) == 1


def test_ongoing_strikes_are_the_strikes_told_before() -> None:
    text = (
        "Russian drones struck the power grid in Odesa on Friday.\n\n"
        "The city now faces blackouts, with ongoing drone strikes and a shortage of generators."
    )
    assert len([e for e in events(text) if e.type in ("ASSAULT", "FIGHT")]) == 1


def test_deaths_with_no_doer_after_an_attack_are_its_toll_not_a_new_event() -> None:
    text = "A roadside bomb hit a minibus outside Herat on Sunday. Seven passengers were killed and 11 hurt."
    found = [e for e in events(text) if e.type in ("ASSAULT", "FIGHT")]
    assert len(found) == 1
    assert (found[0].killed, found[0].injured) == (Bounds(7, 7), Bounds(11, 11))
    assert "killed" in {m.trigger for m in found[0].merged}


def test_a_killing_with_a_doer_of_its_own_somewhere_else_is_another_event() -> None:
    text = "Gunmen raided a village in Benue state. Hours later, bandits killed four herders in Nasarawa."
    found = [e for e in events(text) if e.type in ("ASSAULT", "FIGHT")]
    assert len(found) == 2


def test_titles_listed_under_see_also_are_no_events() -> None:
    text = ("A car bomb exploded near the court in Mogadishu on Tuesday.\n==See also==\n"
            "* 2019 Mogadishu truck bombing\n* 2017 Mogadishu bombings\n==References==")  # fmt: skip
    found = [e for e in events(text) if e.type in ("ASSAULT", "FIGHT")]
    assert [e.trigger for e in found] == ["exploded"]


def test_weapons_that_go_on_to_explode_are_told_by_the_verb() -> None:
    found = events("Three parcel bombs began to explode in the post office in Tripoli.")
    assert [e.trigger for e in found if e.type == "ASSAULT"] == ["explode"]


@pytest.mark.parametrize(
    "text",
    [
        "The coast guard added patrols to deter raids on the fishing fleet near Mariupol.",
        "Police in Karachi said they had foiled a bombing of the stock exchange.",
        "Residents of Sumy fear new air strikes before the winter.",
        "The embassy warned of attacks on hotels in Bamako.",
        "Diplomats said any assault on the peacekeepers would be answered.",
        "Strikes like these are difficult to intercept, an air force spokesman said.",
    ],
)
def test_an_attack_prevented_feared_or_spoken_of_in_general_is_no_event(text: str) -> None:
    assert not [e for e in events(text) if e.type in ("ASSAULT", "FIGHT")]


def test_an_attack_that_was_repelled_still_happened() -> None:
    found = events("Marines repelled an assault on the harbour at Berdiansk overnight.")
    assert [e.type for e in found if e.type in ("ASSAULT", "FIGHT")]


@pytest.mark.parametrize(
    ("text", "weapon", "verb"),
    [
        ("Three bombs went off near the bus depot in Maiduguri on Friday.", "bombs", "went"),
        ("A suicide bomber crashed into a police patrol outside Kabul.", "bomber", "crashed"),
    ],
)
def test_a_weapon_and_the_verb_it_is_the_subject_of_are_one_attack(text: str, weapon: str, verb: str) -> None:
    found = [e for e in events(text) if e.type == "ASSAULT"]
    assert [e.trigger for e in found] == [weapon]
    assert verb in {m.trigger for m in found[0].merged}


@pytest.mark.parametrize(
    "text", ["The smoke alarm went off in the hotel lobby.", "A lorry crashed into a bridge near Leeds."]
)
def test_the_same_verbs_without_a_weapon_are_no_attack(text: str) -> None:
    assert not [e for e in events(text) if e.type in ("ASSAULT", "FIGHT")]
