"""Entities: gazetteer re-typing, place disambiguation, country aliases, coreference."""

from __future__ import annotations

import pytest


def test_city_tagged_as_product_becomes_a_place_with_coordinates(entities_of) -> None:
    ents = entities_of("Rockets hit Kramatorsk overnight, Ukrainian officials said.")
    city = ents.entities["Kramatorsk"]
    assert city.type == "GPE"
    assert city.country == "UA"
    assert city.lat == pytest.approx(48.72, abs=0.2) and city.lon == pytest.approx(37.56, abs=0.2)


def test_lexicon_person_mistyped_by_the_model_is_a_person(entities_of) -> None:
    ents = entities_of("Forces loyal to Yevgeny Prigozhin left the base in Rostov.")
    assert ents.entities["Yevgeny Prigozhin"].type == "PERSON"


def test_moscow_is_the_russian_capital_even_when_the_us_is_mentioned(entities_of) -> None:
    ents = entities_of("The United States warned that drones could reach Moscow within hours.")
    moscow = ents.entities["Moscow"]
    assert moscow.country == "RU"
    assert moscow.lat == pytest.approx(55.75, abs=0.3)


def test_pokrovsk_in_a_report_on_ukraine_is_the_donetsk_town(entities_of) -> None:
    ents = entities_of("Ukraine said its troops were holding the line near Pokrovsk despite heavy shelling.")
    pokrovsk = ents.entities["Pokrovsk"]
    assert pokrovsk.country == "UA"
    assert pokrovsk.lat == pytest.approx(48.28, abs=0.3)


def test_country_aliases_and_demonyms_map_to_the_short_name(entities_of) -> None:
    ents = entities_of(
        "The U.S. and the UK condemned the strike. The Russian government denied it, "
        "while Iranian drones were seen over Syria."
    )
    assert {"United States", "United Kingdom", "Russia", "Iran", "Syria"} <= set(ents.entities)
    assert ents.entities["United States"].country == "US"
    assert "Russian government" in ents.entities["Russia"].aliases


def test_surname_after_full_name_is_the_same_person(entities_of) -> None:
    ents = entities_of("Rebel commander Amadou Koufa spoke on radio. Later, Koufa denied the attack.")
    people = [m for m in ents.mentions if m.entity == "Amadou Koufa"]
    assert [m.text for m in people] == ["Amadou Koufa", "Koufa"]


def test_title_and_surname_of_a_known_leader_get_the_full_name(entities_of) -> None:
    ents = entities_of("President Zelensky visited the front. General Gerasimov did not comment.")
    assert "Volodymyr Zelensky" in ents.entities and "Valery Gerasimov" in ents.entities
    assert "President Zelensky" not in ents.entities


def test_possessive_is_not_part_of_the_name(entities_of) -> None:
    ents = entities_of("Hezbollah’s fighters fired rockets. Netanyahu's office said Israel would respond.")
    names = {m.text for m in ents.mentions}
    assert "Hezbollah" in names and "Netanyahu" in names
    assert not any(name.endswith(("’s", "'s")) for name in names)


def test_the_group_refers_to_the_last_armed_group(entities_of) -> None:
    ents = entities_of("The Houthis attacked a tanker near Aden, and the UN protested. The group denied it.")
    assert any(m.entity == "Houthis" and m.text == "The group" for m in ents.mentions)


def test_shared_alias_goes_to_the_country_named_before_it(entities_of) -> None:
    ents = entities_of("Ukraine's National Guard repelled an assault near Kharkiv.")
    assert "National Guard of Ukraine" in ents.entities


def test_leading_the_is_dropped_but_kept_in_lexicon_names(entities_of) -> None:
    ents = entities_of("The Telegraph reported that the Wagner Group had moved south.")
    assert "The Telegraph" in ents.entities
    assert any(m.entity == "Wagner Group" and m.text == "Wagner Group" for m in ents.mentions)
