"""Places: spelling variants, coordinated names, big cities the model calls people, oblasts, regions."""

from __future__ import annotations

import pytest


def _places(ents) -> dict[str, tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return {e.name: (e.type, e.country) for e in ents.entities.values()}


def test_kyiv_without_any_country_in_the_text_is_the_ukrainian_capital(entities_of) -> None:
    ents = entities_of("Missiles struck Kyiv overnight.")
    kyiv = ents.entities["Kyiv"]
    assert (kyiv.type, kyiv.country) == ("GPE", "UA")
    assert kyiv.lat == pytest.approx(50.45, abs=0.2)


def test_a_place_the_model_misses_is_found_through_the_alias_table(entities_of) -> None:
    ents = entities_of("Shelling hit Kharkiv on Sunday.")
    assert _places(ents)["Kharkiv"] == ("GPE", "UA")


def test_two_places_joined_by_and_are_two_places(entities_of) -> None:
    ents = entities_of("Drones attacked Kyiv and Kharkiv overnight.")
    assert [m.text for m in ents.contract_mentions()] == ["Kyiv", "Kharkiv"]
    assert ents.entities["Kharkiv"].lat == pytest.approx(49.99, abs=0.2)


def test_coordinated_places_outside_the_alias_table_split_too(entities_of) -> None:
    ents = entities_of("Fires burn in Quebec, British Columbia and Alberta this week.")
    names = [m.entity for m in ents.contract_mentions()]
    assert "British Columbia" in names and "Alberta" in names


def test_a_country_named_with_and_stays_one_country(entities_of) -> None:
    ents = entities_of("Talks were held in Bosnia and Herzegovina last month.")
    assert "Bosnia and Herzegovina" in ents.entities


def test_transliterations_resolve_to_the_current_official_name(entities_of) -> None:
    ents = entities_of("Troops left Kiev and moved toward Kharkov, then to Odessa and Zaporozhye.")
    names = {m.text: m.entity for m in ents.contract_mentions()}
    assert names == {"Kiev": "Kyiv", "Kharkov": "Kharkiv", "Odessa": "Odesa", "Zaporozhye": "Zaporizhzhia"}
    assert ents.entities["Odesa"].country == "UA"  # not Odessa, Texas


def test_old_and_new_names_of_one_city_are_one_entity(entities_of) -> None:
    ents = entities_of("Artemivsk, now called Bakhmut, was shelled again.")
    bakhmut = ents.entities["Bakhmut"]
    assert "Artemivsk" in bakhmut.aliases
    assert [m.entity for m in ents.contract_mentions()] == ["Bakhmut", "Bakhmut"]


def test_big_city_the_model_calls_an_organisation_is_a_place(nlp) -> None:
    from sitroom.nlp.entities import find_entities

    doc = nlp("Rescuers in Lagos worked through the night.")
    ents = find_entities(doc)
    assert _places(ents)["Lagos"] == ("GPE", "NG")


def test_a_name_after_a_courtesy_title_stays_a_person(entities_of) -> None:
    ents = entities_of("Mr Jackson told reporters he would resign.")
    assert ents.entities["Jackson"].type == "PERSON"


def test_city_then_region_names_the_oblast(entities_of) -> None:
    ents = entities_of("Fighting in the Donetsk region intensified, and the Kharkiv Oblast was calm.")
    assert _places(ents)["Donetsk Oblast"] == ("GPE", "UA")
    assert _places(ents)["Kharkiv Oblast"] == ("GPE", "UA")
    assert "Oblast" not in ents.entities and "Donetsk" not in ents.entities


def test_two_cities_before_regions_name_two_oblasts(entities_of) -> None:
    ents = entities_of("Artillery hit villages in the Sumy and Chernihiv regions.")
    assert {"Sumy Oblast", "Chernihiv Oblast"} <= set(ents.entities)


def test_uk_nation_is_british_not_a_small_american_town(entities_of) -> None:
    ents = entities_of("The England striker scored twice against Malta.")
    assert ents.entities["England"].country == "GB"


def test_province_named_with_a_demonym_takes_its_own_country(entities_of) -> None:
    ents = entities_of("Smoke from British Columbia drifted south.")
    assert ents.entities["British Columbia"].country == "CA"


def test_surname_of_a_person_named_in_full_is_that_person(entities_of) -> None:
    # the model tags the second "Amelina" GPE
    ents = entities_of(
        "The writer Oksana Amelina was hurt when the missile hit. Amelina, 52, was taken to hospital."
    )
    assert [m.entity for m in ents.contract_mentions() if m.text == "Amelina"] == ["Oksana Amelina"]
    assert ents.entities["Oksana Amelina"].type == "PERSON"


def test_a_river_named_after_a_city_stays_the_river(entities_of) -> None:
    ents = entities_of("Ukrainian troops crossed the Dnipro River near Kherson.")
    assert "Dnipro River" in ents.entities and "Dnipro" not in ents.entities
