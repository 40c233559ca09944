"""Classes of type error fixed from reading half A of the PLOVER dev misses, tested on sentences of
our own: getting ready for an attack is a mobilisation; mobilising support, voters or money is not."""

from __future__ import annotations

import pytest

import sitroom


def kinds(text: str) -> list[str]:
    return [e.type for e in sitroom.analyze(text).events]


@pytest.mark.parametrize(
    "text",
    [
        "The army prepared to resume shelling rebel-held villages in the valley.",
        "Troops were gearing up for an assault on the port city.",
        "Marines were preparing to storm the rebel stronghold at dawn.",
    ],
)
def test_getting_ready_for_an_attack_is_a_mobilisation(text: str) -> None:
    found = kinds(text)
    assert "MOBILIZE" in found
    assert "ASSAULT" not in found and "FIGHT" not in found


def test_a_stated_readiness_to_strike_is_a_threat() -> None:
    assert kinds("The general said the army is prepared to strike if the talks fail.")[0] == "THREATEN"


@pytest.mark.parametrize(
    "text",
    [
        "The party mobilised its supporters ahead of the runoff.",
        "The charity mobilized funds for flood victims in Sindh.",
        "Exiled dissidents mobilized international pressure on the junta.",
    ],
)
def test_mobilising_support_or_money_raises_no_force(text: str) -> None:
    assert "MOBILIZE" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Belarus mobilised reservists along its western border.",
        "Armenia mobilized troops after the border clashes.",
    ],
)
def test_mobilising_troops_is_still_a_mobilisation(text: str) -> None:
    assert "MOBILIZE" in kinds(text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Minsk has offered to hand over three suspects to Lithuania.", "Lithuania"),
        ("The defence minister promised to continue military aid to Moldova.", "Moldova"),
        ("Serbia said it is willing to withdraw its police from the northern towns of Kosovo.", "Kosovo"),
    ],
)
def test_the_target_of_an_offer_is_named_in_what_is_offered(text: str, target: str) -> None:
    found = [e for e in sitroom.analyze(text).events if e.type == "AGREE"]
    assert found
    assert found[0].target == target
