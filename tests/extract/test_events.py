"""Events from the dependency parse: types, arguments, passive voice, clauses, negation, figures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from sitroom.extract.events import find_events, load_triggers, rule_name
from sitroom.model import Bounds, Entity, Event, Money
from sitroom.nlp.docents import DocEntities, TokenMention

PLACES = {
    "Kharkiv": (49.99, 36.23),
    "Kyiv": (50.45, 30.52),
    "Moscow": (55.75, 37.62),
    "Belarus": (53.0, 28.0),
}


@pytest.fixture(scope="module")
def nlp() -> Any:
    from sitroom.nlp.load import load_pipeline

    return load_pipeline()


def events_of(
    nlp: Any, text: str, entities: dict[str, str], published: datetime | None = None
) -> list[Event]:
    """Parse ``text`` and find its events; ``entities`` (surface -> type) stand for the entity stage."""
    doc = nlp(text)
    ents = DocEntities()
    for surface, kind in entities.items():
        lat, lon = PLACES.get(surface, (None, None))
        ents.entities[surface] = Entity(
            surface, kind, country="RU" if surface == "Russian" else None, lat=lat, lon=lon
        )
        start = text.find(surface)
        while start >= 0:
            span = doc.char_span(start, start + len(surface), alignment_mode="expand")
            ents.add_mention(
                TokenMention(surface, span.start_char, span.end_char, span.text, span.start, span.end)
            )
            start = text.find(surface, start + 1)
    if "Russian" in entities:
        ents.entities["Russia"] = Entity("Russia", "GPE", country="RU")
    return find_events(doc, ents, published)


def first(events: list[Event], kind: str) -> Event:
    return next(e for e in events if e.type == kind)


def test_passive_voice_keeps_attacker_as_actor(nlp: Any) -> None:
    events = events_of(nlp, "Kharkiv was shelled by Russia on Tuesday.", {"Kharkiv": "GPE", "Russia": "GPE"})
    shelling = first(events, "FIGHT")
    assert (shelling.actor, shelling.location) == ("Russia", "Kharkiv")
    assert (shelling.lat, shelling.lon) == PLACES["Kharkiv"]


def test_event_in_relative_clause_takes_the_head_noun_as_actor(nlp: Any) -> None:
    text = "Ivan Petrov, who has since fled to Belarus, was spotted in Minsk."
    retreat = first(events_of(nlp, text, {"Ivan Petrov": "PERSON", "Belarus": "GPE"}), "RETREAT")
    assert (retreat.actor, retreat.location, retreat.trigger) == ("Ivan Petrov", "Belarus", "fled")


def test_negated_attack_is_denied(nlp: Any) -> None:
    attack = first(events_of(nlp, "Russia did not attack Kyiv.", {"Russia": "GPE", "Kyiv": "GPE"}), "ASSAULT")
    assert attack.negated
    assert attack.certainty == "denied"


def test_no_involvement_is_a_denied_rejection(nlp: Any) -> None:
    text = "Poland stated that it had no involvement with the saboteurs."
    rejection = first(events_of(nlp, text, {"Poland": "GPE"}), "REJECT")
    assert (rejection.actor, rejection.certainty, rejection.trigger) == (
        "Poland",
        "denied",
        "involvement",
    )


def test_a_verb_of_denial_is_itself_asserted(nlp: Any) -> None:
    text = "President Tokayev has dismissed these reports as slander."
    rejection = first(events_of(nlp, text, {"Tokayev": "PERSON"}), "REJECT")
    assert (rejection.actor, rejection.certainty) == ("Tokayev", "asserted")


def test_demonym_modifier_makes_the_country_the_actor(nlp: Any) -> None:
    strike = first(
        events_of(nlp, "Russian missile strikes hit Kyiv overnight.", {"Russian": "NORP"}), "ASSAULT"
    )
    assert strike.actor == "Russia"
    assert (strike.mode, strike.cameo) == ("aerial", "195")
    assert strike.acled_event_type == "Explosions/Remote violence"
    assert strike.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_possessor_of_a_nominal_trigger_is_the_actor(nlp: Any) -> None:
    text = "Russia's attack on Kyiv killed four people."
    events = events_of(nlp, text, {"Russia": "GPE", "Kyiv": "GPE"})
    attack = next(e for e in events if e.trigger == "attack")
    assert (attack.actor, attack.location, attack.killed) == ("Russia", "Kyiv", Bounds(4, 4))


def test_kill_and_injure_triggers_of_a_blast_are_merged_into_its_event(nlp: Any) -> None:
    text = "The blast killed two soldiers and injured 22 civilians."
    events = events_of(nlp, text, {})
    assert [e.rule for e in events] == ["blast:noun"]
    assert {m.rule for m in events[0].merged} == {"kill:verb", "injure:verb"}
    assert (events[0].killed, events[0].injured) == (Bounds(2, 2), Bounds(22, 22))


def test_casualty_figures_attach_to_the_violent_event_of_their_sentence(nlp: Any) -> None:
    text = (
        "The morning attack hit a market in Kharkiv, causing the deaths of at least four shoppers "
        "and injuring forty-two others."
    )
    attack = next(e for e in events_of(nlp, text, {"Kharkiv": "GPE"}) if e.trigger == "attack")
    assert (attack.killed, attack.injured, attack.location) == (Bounds(4, None), Bounds(42, 42), "Kharkiv")


def test_march_on_a_city_is_mobilisation_with_the_by_agent_as_actor(nlp: Any) -> None:
    text = "The raids distract from the aborted march on Kyiv by the Northern Brigade."
    march = next(
        e
        for e in events_of(nlp, text, {"Kyiv": "GPE", "the Northern Brigade": "ORG"})
        if e.trigger == "march"
    )
    assert (march.type, march.actor, march.location) == ("MOBILIZE", "the Northern Brigade", "Kyiv")


def test_offer_to_a_group_is_agree_with_the_group_as_target(nlp: Any) -> None:
    text = "President Tokayev of Kazakhstan has offered the Northern Brigade a disused airfield."
    agree = first(
        events_of(nlp, text, {"Tokayev": "PERSON", "Kazakhstan": "GPE", "the Northern Brigade": "ORG"}),
        "AGREE",
    )
    assert (agree.actor, agree.target, agree.location) == ("Tokayev", "the Northern Brigade", "Kazakhstan")


def test_aid_package_carries_its_money_and_military_mode(nlp: Any) -> None:
    text = "Canada has unveiled a fresh aid package of $80 million for Moldova, including munitions."
    aid = first(events_of(nlp, text, {"Canada": "GPE", "Moldova": "GPE"}), "AID")
    assert (aid.actor, aid.target, aid.mode, aid.cameo) == ("Canada", "Moldova", "military", "07")
    assert aid.money == Money(8e7, "USD", 8e7)


def test_reportedly_paid_is_reported_aid_with_money(nlp: Any) -> None:
    text = "The Kremlin reportedly paid the militia the equivalent of two billion dollars."
    aid = first(events_of(nlp, text, {"The Kremlin": "ORG", "the militia": "ORG"}), "AID")
    assert (aid.actor, aid.target, aid.certainty) == ("The Kremlin", "the militia", "reported")
    assert aid.money == Money(2e9, "USD", 2e9)


def test_agentless_passive_takes_the_previous_sentence_subject_as_actor(nlp: Any) -> None:
    text = "The EU has long opposed the group. New sanctions have been imposed on its firms."
    sanction = first(events_of(nlp, text, {"The EU": "ORG"}), "SANCTION")
    assert (sanction.actor, sanction.cameo) == ("The EU", "163")


def test_stated_intention_to_cooperate_is_agree_and_to_coerce_is_threaten(nlp: Any) -> None:
    assert events_of(nlp, "Finland will give Tanzania a grant.", {"Finland": "GPE"})[0].type == "AGREE"
    assert events_of(nlp, "Farmers said they would blockade Paris.", {"Paris": "GPE"})[0].type == "THREATEN"


def test_what_another_party_must_do_is_a_demand(nlp: Any) -> None:
    events = events_of(
        nlp, "Ankara said that Athens must remove its troops.", {"Ankara": "GPE", "Athens": "GPE"}
    )
    assert (events[0].type, events[0].actor) == ("DEMAND", "Ankara")


def test_complement_of_a_framing_verb_is_not_a_second_event(nlp: Any) -> None:
    events = events_of(nlp, "Serbia threatened to ban opposition newspapers.", {"Serbia": "GPE"})
    assert [e.type for e in events] == ["THREATEN"]


def test_event_date_is_resolved_against_publication(nlp: Any) -> None:
    events = events_of(nlp, "Russia shelled Kharkiv on Tuesday.", {"Russia": "GPE"}, datetime(2023, 6, 28))
    assert (events[0].date, events[0].date_precision) == ("2023-06-27", "day")


def test_evidence_is_a_slice_of_the_text_holding_the_trigger(nlp: Any) -> None:
    text = "Officials said Russian forces attacked the village of Hroza on Thursday."
    doc_events = events_of(nlp, text, {"Russian": "NORP"})
    assert doc_events
    for event in doc_events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        assert event.trigger and event.trigger in event.evidence.text


def test_every_lexicon_entry_names_a_rule() -> None:
    class Word:
        pos_ = "NOUN"

    for entries in load_triggers().values():
        for entry in entries:
            assert ":" in rule_name(entry, Word())  # type: ignore[arg-type]


def analyzed_events(text: str, published: datetime | None = None) -> list[Event]:
    """The events of the whole pipeline (entities from the gazetteers, then events)."""
    import sitroom

    return list(sitroom.analyze(text, published=published).events)


def test_demonym_names_the_actor_and_the_named_city_the_place() -> None:
    events = analyzed_events(
        "A Russian drone struck a school in the northern Ukrainian city of Kharkiv on Monday."
    )
    hit = next(e for e in events if e.trigger == "struck")
    assert (hit.actor, hit.location) == ("Russia", "Kharkiv")


def test_followup_sentence_adds_its_figure_to_the_attack() -> None:
    events = analyzed_events(
        "Russian missiles struck Odesa on Monday, killing three people. Another 14 were injured."
    )
    struck = next(e for e in events if e.trigger == "struck")
    assert struck.killed is not None and struck.killed.min == 3
    assert struck.injured is not None and (struck.injured.min, struck.injured.max) == (14, 14)


def test_event_date_comes_from_its_clause_not_from_the_saying() -> None:
    events = analyzed_events(
        "The attack on Monday killed four people in Kherson, officials said on Thursday.",
        published=datetime(2023, 7, 7, 12, 0),
    )
    attack = next(e for e in events if e.trigger == "attack")
    assert (attack.date, attack.date_precision) == ("2023-07-03", "day")


def test_text_without_dates_takes_the_publication_day() -> None:
    events = analyzed_events("Shelling killed two people in Kherson.", published=datetime(2023, 7, 7, 12, 0))
    assert events
    assert {(e.date, e.date_precision) for e in events} == {("2023-07-07", "day")}
