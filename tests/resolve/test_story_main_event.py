"""A story's main event is what its reports lead with, not what their background sentences add up to."""

from __future__ import annotations

from typing import Any

from builders import strike

from sitroom.model import Entity
from sitroom.read.stories import list_stories
from sitroom.read.views import StoryView
from sitroom.resolve import resolve_corpus
from sitroom.resolve.stories.agree import headline_types
from sitroom.resolve.stories.title import event_phrase
from sitroom.store.db import Store

MYKOLAIV = Entity("Mykolaiv", "GPE", country="UA", lat=46.975, lon=31.9946)
CHISINAU = Entity("Chisinau", "GPE", country="MD", lat=47.0105, lon=28.8638)
ODESA = Entity("Odesa", "GPE", country="UA", lat=46.4825, lon=30.7233)


def only_story(store: Store) -> StoryView:
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    return story


def at(sentence: str, kind: str, trigger: str, rule: str, entity: Entity, **fields: Any) -> dict[str, Any]:
    """Return an event of ``kind`` told by ``sentence`` at ``entity`` on 13 June."""
    return strike(
        sentence,
        type=kind,
        trigger=trigger,
        rule=rule,
        location=entity.name,
        lat=entity.lat,
        lon=entity.lon,
        date="2023-06-13",
        actor=None,
        acled_event_type=None,
        acled_sub_event_type=None,
        **fields,
    )


def blast(sentence: str, trigger: str = "blew") -> dict[str, Any]:
    return at(sentence, "COERCE", trigger, "blow+up:verb", MYKOLAIV, cameo="1712")


def aid(sentence: str, trigger: str) -> dict[str, Any]:
    return at(sentence, "AID", trigger, f"{trigger}:verb", MYKOLAIV, cameo="07")


def test_a_bridge_story_whose_later_reports_tell_of_aid_is_the_blast(store: Store, save: Any) -> None:
    first = "Saboteurs blew up the Varvarivka road bridge in Mykolaiv before dawn on Tuesday."
    save(
        first,
        title="Saboteurs blow up Varvarivka bridge in Mykolaiv",
        source="Suspilne",
        published="2023-06-13T06:00:00",
        entities=(MYKOLAIV,),
        events=[blast(first)],
    )
    later = [
        ("Reuters", "09", "Mykolaiv's Varvarivka bridge lies in the river after the blast"),
        ("AP", "11", "Drivers stranded as blast cuts Varvarivka bridge in Mykolaiv"),
        ("BBC", "14", "Mykolaiv counts the cost of the Varvarivka bridge blast"),
    ]
    for source, hour, title in later:
        lead = f"The Varvarivka bridge in Mykolaiv was blown up at dawn, {source} was told."
        help_ = "Volunteers handed out water to drivers stuck on both banks."
        parts = "Engineers delivered pontoon sections to the river by the afternoon."
        text = f"{lead} {help_} {parts}"
        save(
            text,
            title=title,
            source=source,
            published=f"2023-06-13T{hour}:00:00",
            entities=(MYKOLAIV,),
            events=[blast(lead, "blown"), aid(help_, "handed"), aid(parts, "delivered")],
        )
    story = only_story(store)
    assert story.type == "COERCE"
    assert story.summary == "Destruction in Mykolaiv, 13 June"


def test_a_summit_story_is_not_the_strike_its_reports_mention_in_passing(store: Store, save: Any) -> None:
    for source, hour in (("Reuters", "08"), ("AFP", "10"), ("DW", "12")):
        lead = f"European leaders met in Chisinau on Tuesday for a summit on energy, {source} reports."
        text = lead
        events = [at(lead, "CONSULT", "met", "meet:verb", CHISINAU, cameo="04")]
        if source != "Reuters":
            before = "Hours earlier a drone struck a fuel depot near Odesa."
            after = "The drone attack on the Odesa depot started a fire."
            text = f"{lead} {before} {after}"
            events += [
                at(before, "ASSAULT", "struck", "strike:verb", ODESA, cameo="195"),
                at(after, "ASSAULT", "attack", "attack:noun", ODESA, cameo="195"),
            ]
        save(
            text,
            title="European leaders gather in Chisinau for energy summit",
            source=source,
            published=f"2023-06-13T{hour}:00:00",
            entities=(CHISINAU, ODESA),
            events=events,
        )
    story = only_story(store)
    assert story.type == "CONSULT"
    assert story.summary == "Talks in Chisinau, 13 June"


def test_a_headline_of_a_claim_about_a_happening_names_the_happening() -> None:
    stems = {"DISAPPROVE": {"accuses"}, "COERCE": {"blowing"}, "AID": {"evacuat"}}
    assert headline_types("Kyiv accuses Moscow of blowing up the Oskil dam", stems) == {"COERCE"}
    assert headline_types("Kyiv accuses Moscow over the Oskil dam", stems) == {"DISAPPROVE"}
    assert headline_types("Villages evacuated below the Oskil dam", stems) == {"AID"}


def test_a_story_told_only_as_a_death_is_a_death_not_an_attack() -> None:
    deaths = [("died", "die:verb"), ("dead", "dead:adj")]
    assert event_phrase("ASSAULT", deaths, ["18", "18"]) == "Death"
    assert event_phrase("ASSAULT", [*deaths, ("shot", "shoot:verb")], ["18", "18", "18"]) == "Attack"


def test_a_coercion_is_named_by_its_cameo_code() -> None:
    assert event_phrase("COERCE", [("arrested", "arrest:verb")], ["1731", "173"]) == "Arrest"
    assert event_phrase("COERCE", [("razed", "raze:verb")], ["1712"]) == "Destruction"
    assert event_phrase("COERCE", [("forced", "force:verb")], [None]) == "Coercive action"
