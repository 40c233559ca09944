"""Each correction of the model's entities, on sentences of general news: what a user sees with
it, and that switching it off (as the ablation does) changes exactly that."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.nlp.docents import DocEntities
from sitroom.nlp.entities import ALL_CORRECTIONS, find_entities


def _seen(ents: DocEntities) -> list[tuple[str, str, str | None]]:
    """The entities as a user sees them: name, type, country."""
    return sorted((e.name, e.type, e.country) for e in ents.entities.values())


def _named(ents: DocEntities) -> list[tuple[str, str, str, str | None]]:
    """Each mention as a user sees it: its text, and its entity's name, type and country."""
    found = ents.entities
    return [(m.text, m.entity, found[m.entity].type, found[m.entity].country) for m in ents.mentions]


CASES = [
    # (correction, sentence, a mention seen with it, as (text, entity, type, country))
    ("surnames", "Coach Maria Ostrova praised her players. Ostrova said the team had worked hard.",
     ("Ostrova", "Maria Ostrova", "PERSON", None)),
    ("surnames", "Michael Jordan bought a stake in the team. Jordan said he was delighted.",
     ("Jordan", "Michael Jordan", "PERSON", None)),
    ("surnames", "Anna Wagner won the regional title. Wagner said the final had been hard.",
     ("Wagner", "Anna Wagner", "PERSON", None)),
    ("clean_spans", "The Bank of England raised interest rates, the central bank said.",
     ("Bank of England", "Bank of England", "ORG", None)),
    ("yield_to_model", "The Chinese Commerce Ministry said exports fell.",
     ("Chinese Commerce Ministry", "Chinese Commerce Ministry", "ORG", "CN")),
    ("person_place", "Direct trains between Lyon and Turin will run again next year.",
     ("Lyon", "Lyon", "GPE", "FR")),
    ("regions", "Ranchers in Saskatchewan and Manitoba feared the drought.",
     ("Manitoba", "Manitoba", "GPE", "CA")),
    ("country_spans", "GERMANY BEAT FRANCE IN FRIENDLY", ("FRANCE", "France", "GPE", "FR")),
    ("gazetteer_places", "Talks in Nairobi, Kampala and Kigali ended without a deal.",
     ("Kigali", "Kigali", "GPE", "RW")),
    ("country_lexicon", "The ruling party in Georgia won the vote.", ("Georgia", "Georgia", "GPE", "GE")),
    ("place_lexicon", "Convoys reached Kharkov at dawn.", ("Kharkov", "Kharkiv", "GPE", "UA")),
    ("actor_lexicon", "The Conti group claimed the hack.", ("Conti group", "Conti", "ORG", None)),
    ("clean_spans", "Mrs Adeyemi and Mr Lund signed the contract in Oslo.",
     ("Adeyemi", "Adeyemi", "PERSON", None)),
    ("feature_places", "The marathon route crosses Brooklyn Bridge.",
     ("Brooklyn Bridge", "Brooklyn Bridge", "FAC", None)),
    ("untagged_places", "Engineers repaired a bridge near Tokmak on Friday.",
     ("Tokmak", "Tokmak", "GPE", "UA")),
    ("person_place", "Sappers cleared mines on the outskirts of Orikhiv.",
     ("Orikhiv", "Orikhiv", "GPE", "UA")),
]  # fmt: skip


@pytest.mark.parametrize(("correction", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_correction_gives_what_the_user_sees(nlp, correction, text, expected) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert expected in _named(find_entities(doc))
    assert expected not in _named(
        find_entities(doc, corrections=replace(ALL_CORRECTIONS, **{correction: False}))
    )


def test_the_sumy_region_is_an_oblast_though_the_model_calls_sumy_an_organisation(entities_of) -> None:
    ents = entities_of("Floods hit the Sumy region, and farmers in Alberta lost their crops.")
    assert ("Sumy Oblast", "GPE", "UA") in _seen(ents)
    assert "Sumy" not in ents.entities


def test_a_town_name_where_no_place_goes_is_no_place(entities_of) -> None:
    ents = entities_of("Tokmak is a Kyrgyz surname, said Anna.")
    assert "Tokmak" not in ents.entities


def test_the_group_after_an_organisation_names_it(nlp) -> None:
    doc = nlp("The Conti group claimed the hack; the group later deleted its site.")
    texts = [m.text for m in find_entities(doc).contract_mentions()]
    assert texts == ["Conti group", "the group"]
    off = find_entities(doc, corrections=replace(ALL_CORRECTIONS, group_anaphora=False))
    assert [m.text for m in off.contract_mentions()] == ["Conti group"]


@pytest.mark.parametrize(
    "text",
    [
        "Marseille sacked its coach after a run of five defeats.",
        "Liverpool signed the midfielder for 40 million pounds.",
    ],
)
def test_a_club_named_after_its_city_stays_an_organisation(entities_of, text: str) -> None:
    club = text.split()[0]
    assert entities_of(text).entities[club].type == "ORG"


def test_an_organisation_named_like_a_city_beside_a_place_is_the_city(entities_of) -> None:
    ents = entities_of("Fans travelled from Paris and Lyon to watch the final.")
    assert ("Lyon", "GPE", "FR") in _seen(ents)


@pytest.mark.parametrize(
    "text",
    [
        "He drove a Toyota Corolla to the fair.",
        "The new Boeing 737 MAX and the Airbus A320 were shown at the fair.",
    ],
)
def test_a_product_is_no_place(entities_of, text: str) -> None:
    kinds = {e.type for e in entities_of(text).entities.values()}
    assert kinds <= {"ORG"}


def test_a_nationality_word_is_a_norp_mention_of_its_country(entities_of) -> None:
    ents = entities_of("Dutch officials met their Belgian counterparts in Brussels.")
    dutch = next(m for m in ents.contract_mentions() if m.text == "Dutch")
    assert (dutch.entity, dutch.type) == ("Netherlands", "NORP")
    assert ents.entities["Netherlands"].type == "GPE"
