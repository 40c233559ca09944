"""The brief reads its wording and orderings from the YAML lexicons, not from its code."""

from __future__ import annotations

import pytest

from sitroom.brief.compose import surface
from sitroom.brief.facts import Name
from sitroom.brief.phrases import certainty_order, head_of_state_titles, phrases
from sitroom.lexicons import load_lexicon


def test_certainty_order_is_the_precedence_of_hedges_yaml() -> None:
    assert list(certainty_order()) == load_lexicon("hedges.yaml")["precedence"]
    assert certainty_order()[0] == "denied"


def test_head_of_state_titles_are_the_titles_yaml_entries_that_may_lead_a_country() -> None:
    table = load_lexicon("titles.yaml")["titles"]
    expected = {title.lower() for title, entry in table.items() if (entry or {}).get("heads_country")}
    assert set(head_of_state_titles()) == expected
    assert "president" in expected and "general" not in expected


def test_event_wording_comes_from_phrases_yaml_with_a_plain_fallback() -> None:
    wording = phrases()
    assert wording.event("ASSAULT").verb == "struck"
    assert wording.event("SANCTION").preposition == "on"
    assert wording.event("NOT_A_TYPE").noun == "an action"
    assert "ACCUSE" in wording.blame_types


@pytest.mark.parametrize(
    ("name", "kind", "evidence", "written"),
    [
        ("Pentagon", "ORG", "Pentagon pledges more air defence for Kyiv", "the Pentagon"),
        ("European Union", "ORG", "European Union widens its list of banned exports", "the European Union"),
        (
            "Ministry of Defence",
            "ORG",
            "Ministry of Defence reports drones downed",
            "the Ministry of Defence",
        ),
        ("United States", "GPE", "United States sends more shells", "the United States"),
        ("US", "GPE", "US approves a new package", "the US"),
        ("Wagner Group", "ORG", "the Wagner Group took the town", "the Wagner Group"),
        ("Kremlin", "ORG", "The Kremlin on Monday denied the report", "the Kremlin"),
        ("Ukraine", "GPE", "Ukraine asks for jets", "Ukraine"),
        ("NATO", "ORG", "NATO meets in Vilnius", "NATO"),
        ("Ida Bank", "PERSON", "Ida Bank flew to Kyiv", "Ida Bank"),
    ],
)
def test_an_organisation_named_by_a_common_noun_takes_the(
    name: str, kind: str, evidence: str, written: str
) -> None:
    # A headline drops the article ("Pentagon pledges"); a brief's sentence writes it back.
    assert surface(Name(1, name, kind), evidence) == written
