"""Who did what to whom: victims, place modifiers, reported speech and demonyms as event arguments."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import sitroom
from sitroom.model import Event

Events = Callable[[str], list[Event]]


@pytest.fixture(scope="module")
def events_of() -> Events:
    def run(text: str) -> list[Event]:
        return list(sitroom.analyze(text, source="test").events)

    return run


def test_person_who_dies_is_the_victim_not_the_attacker(events_of: Events) -> None:
    events = events_of(
        "Ukrainian writer Maria Petrenko died of her injuries from a Russian missile strike on Sloviansk."
    )
    assert "Maria Petrenko" not in {e.actor for e in events}
    assert any(e.target == "Maria Petrenko" for e in events)
    assert any(e.actor == "Russia" and e.trigger == "strike" for e in events)


def test_possessor_of_a_death_is_the_victim(events_of: Events) -> None:
    events = events_of("The poet Ivan Franko was hurt in Kharkiv. His death shocked readers in Lviv.")
    death = next(e for e in events if e.trigger == "death")
    assert death.actor is None


def test_town_before_an_attack_noun_is_its_place_not_its_actor(events_of: Events) -> None:
    events = events_of("The Kharkiv strike killed three people on Monday, officials said.")
    assert "Kharkiv" not in {e.actor for e in events}
    assert any(e.location == "Kharkiv" for e in events)


def test_country_before_an_attack_noun_stays_its_actor(events_of: Events) -> None:
    events = events_of("A Russian drone strike hit a school in Sumy on Friday.")
    assert any(e.actor == "Russia" for e in events if e.type == "ASSAULT")


def test_who_condemns_an_attack_did_not_carry_it_out(events_of: Events) -> None:
    events = events_of("Prime Minister Denys Shmyhal condemned the bombing and said Russia would pay for it.")
    bombing = next(e for e in events if e.trigger == "bombing")
    assert bombing.actor != "Denys Shmyhal"
    condemnation = next(e for e in events if e.type == "DISAPPROVE")
    assert (condemnation.actor, condemnation.location) == ("Denys Shmyhal", None)


def test_coordinated_subject_is_not_the_place_of_its_statement(events_of: Events) -> None:
    events = events_of("Latvia and Estonia criticised the European Union over its slow response.")
    criticism = next(e for e in events if e.type == "DISAPPROVE")
    assert criticism.location is None


def test_topic_of_a_warning_is_not_where_it_was_given(events_of: Events) -> None:
    events = events_of("Romania warned NATO over the build-up of troops in Moldova.")
    warning = next(e for e in events if e.actor == "Romania")
    assert warning.location is None


def test_subject_of_to_be_is_not_the_implicit_actor_of_the_next_sentence(events_of: Events) -> None:
    events = events_of(
        "Sumy has been a frequent target of shelling. "
        "A missile attack on its station in May killed nine people."
    )
    attack = next(e for e in events if e.trigger == "attack")
    assert attack.actor != "Sumy"


def test_demonym_target_is_its_country(events_of: Events) -> None:
    events = events_of("Canada imposed sanctions on Russian banks on Monday.")
    sanction = next(e for e in events if e.type == "SANCTION")
    assert (sanction.actor, sanction.target) == ("Canada", "Russia")


def test_generic_event_noun_in_a_subordinate_clause_takes_no_actor_from_the_sentence_before() -> None:
    analysis = sitroom.analyze(
        "Austrian spies warn of Russian hacking\n\n"
        "Austria's intelligence service expects Russia to rely more on cyberattacks as expulsions "
        "of Russian diplomats from European capitals weaken its networks of informants."
    )
    expulsions = [e for e in analysis.events if e.trigger == "expulsions"]
    assert expulsions and all(e.actor is None for e in expulsions)


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        ("Hamas issued a statement condemning the raid on Jenin.", "DISAPPROVE", "Hamas"),
        ("The African Union released a communique demanding the immediate release of President Bazoum.",
         "DEMAND", "African Union"),
        ("Amnesty International published a report accusing the Ethiopian army of mass killings in Tigray.",
         "DISAPPROVE", "Amnesty International"),
    ],
)  # fmt: skip
def test_who_issues_a_statement_is_the_actor_of_what_it_says(
    events_of: Events, text: str, kind: str, actor: str
) -> None:
    found = [e for e in events_of(text) if e.type == kind]
    assert [e.actor for e in found] == [actor]


def test_a_participle_after_an_object_that_is_no_statement_keeps_its_own_doer(events_of: Events) -> None:
    found = events_of("Turkish drones struck a convoy of fighters retreating from Manbij.")
    assert [e.actor for e in found if e.type == "RETREAT"] == [None]


def test_releasing_a_communique_frees_nobody(events_of: Events) -> None:
    assert [e.type for e in events_of("Mali's junta released a communique on the new transition calendar.")
            if e.type == "RETREAT"] == []  # fmt: skip


def test_a_subject_noun_that_is_a_trigger_only_as_a_verb_is_still_the_doer(events_of: Events) -> None:
    # "rebel" is a trigger as a verb ("the garrison rebelled"), not as the noun of the subject
    found = events_of("Rebels in eastern Chad rejected the peace plan drawn up by Qatar.")
    assert [e.actor for e in found if e.type == "REJECT"] == ["Chad"]
