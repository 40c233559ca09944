"""Kinds of development a situation report leads with, in sentences written for these tests: a
weapons package with its amount, a denial of involvement, an arrest told in a passive conjunct."""

from __future__ import annotations

from datetime import datetime

import sitroom
from sitroom.model import Money

PUBLISHED = datetime(2023, 6, 28, 12, 0)


def test_a_package_of_weapons_is_aid_with_its_giver_receiver_and_amount() -> None:
    found = sitroom.analyze(
        "Canada announced a new package of military equipment worth $150 million for Ukraine.",
        published=PUBLISHED,
    ).events
    aid = [e for e in found if e.type == "AID"]
    assert [(e.actor, e.target) for e in aid] == [("Canada", "Ukraine")]
    assert aid[0].money == Money(150_000_000.0, "USD", 150_000_000.0)


def test_infantry_fighting_vehicles_are_no_fighting() -> None:
    found = sitroom.analyze(
        "Sweden will send 50 infantry fighting vehicles to Ukraine.", published=PUBLISHED
    ).events
    assert "FIGHT" not in {e.type for e in found}


def test_having_nothing_to_do_with_a_deed_is_a_denial_by_the_speaker() -> None:
    claims = sitroom.analyze(
        "Oslo said it had nothing to do with the pipeline sabotage.", published=PUBLISHED
    ).claims
    assert [(c.certainty, c.attributed_to, c.polarity) for c in claims] == [("denied", "Oslo", "negative")]


def test_a_passive_conjunct_shares_its_subject_as_the_one_it_happened_to() -> None:
    found = sitroom.analyze(
        "General Ivan Petrenko has not appeared in public since Friday and was reportedly arrested.",
        published=PUBLISHED,
    ).events
    arrest = next(e for e in found if e.type == "COERCE")
    assert (arrest.actor, arrest.target, arrest.certainty) == (None, "Ivan Petrenko", "reported")
