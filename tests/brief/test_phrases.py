"""The brief reads its wording and orderings from the YAML lexicons, not from its code."""

from __future__ import annotations

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
