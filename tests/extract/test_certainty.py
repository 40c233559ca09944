"""Attribution and certainty of clauses, and the claims made from them."""

from __future__ import annotations

from typing import Any

import pytest

from sitroom.extract.certainty import find_claims, load_hedges
from sitroom.extract.events import find_events
from sitroom.model import CERTAINTIES, Claim, Entity
from sitroom.nlp.coref import Resolver
from sitroom.nlp.docents import DocEntities, TokenMention


@pytest.fixture(scope="module")
def nlp() -> Any:
    from sitroom.nlp.load import load_pipeline

    return load_pipeline()


def claims_of(nlp: Any, text: str, entities: dict[str, str]) -> list[Claim]:
    """Parse ``text`` and find its claims; ``entities`` (surface -> type) stand for the entity stage."""
    doc = nlp(text)
    ents = DocEntities()
    for surface, kind in entities.items():
        ents.entities[surface] = Entity(surface, kind)
        start = text.find(surface)
        while start >= 0:
            span = doc.char_span(start, start + len(surface), alignment_mode="expand")
            ents.add_mention(
                TokenMention(surface, span.start_char, span.end_char, span.text, span.start, span.end)
            )
            start = text.find(surface, start + 1)
    return find_claims(doc, find_events(doc, ents, None), Resolver(doc, ents))


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("The Kremlin reportedly paid the group.", "reported"),
        ("Troops allegedly fired on the crowd.", "reported"),
        ("There are reports suggesting that the group is still active.", "reported"),
        ("The colonel is believed to have left the base.", "believed"),
        ("Surovikin is thought to be in Minsk.", "believed"),
        ("There is speculation about a deal between the factions.", "speculated"),
        ("The strike may have hit a school.", "speculated"),
        ("The attack was possibly carried out by drones.", "speculated"),
        ("It is unclear whether the general supported the mutiny.", "uncertain"),
        ("It is not known whether anyone was hurt.", "uncertain"),
        ("The ministry denied that troops were present.", "denied"),
        ("The minister dismissed these stories as rumours.", "denied"),
        ("Warsaw insisted that it had no involvement whatsoever.", "denied"),
        ("The ministry rejected claims that troops were present.", "denied"),
        ("The law is seen as a crackdown on the press.", "opinion"),
        ("The law is regarded as a crackdown on the press.", "opinion"),
        ("The minister called it a provocation.", "opinion"),
    ],
)
def test_each_cue_sets_the_certainty_of_its_claim(nlp: Any, text: str, certainty: str) -> None:
    assert only(claims_of(nlp, text, {})).certainty == certainty


@pytest.mark.parametrize(
    "text",
    [
        "According to Reuters, the bridge was destroyed.",
        "Reuters reported that the bridge was destroyed.",
        "Reuters has reported that the bridge was destroyed.",
        "Reuters said the bridge was destroyed.",
        "The bridge was destroyed, Reuters said.",
        "Reuters's correspondent said the bridge was destroyed.",
    ],
)
def test_named_source_is_attributed_and_asserts(nlp: Any, text: str) -> None:
    claim = only(claims_of(nlp, text, {"Reuters": "ORG"}))
    assert (claim.attributed_to, claim.certainty) == ("Reuters", "asserted")
    assert claim.text.startswith("the bridge") or claim.text.startswith("The bridge")


def test_unnamed_source_makes_a_reported_claim(nlp: Any) -> None:
    claim = only(claims_of(nlp, "The bridge was destroyed, officials said.", {}))
    assert (claim.attributed_to, claim.certainty) == (None, "reported")


def test_hedge_beats_attribution(nlp: Any) -> None:
    text = "According to The Telegraph, these strikes are seen as a terror campaign."
    claim = only(claims_of(nlp, text, {"The Telegraph": "ORG"}))
    assert (claim.certainty, claim.attributed_to) == ("opinion", "The Telegraph")


def test_plain_statements_are_not_claims(nlp: Any) -> None:
    assert claims_of(nlp, "Troops crossed the river on Monday.", {}) == []


def test_denial_is_negative_and_about_the_pronoun_antecedent(nlp: Any) -> None:
    text = "Lithuania is watching events closely, repeating that it had no involvement at all."
    claim = only(claims_of(nlp, text, {"Lithuania": "GPE"}))
    assert (claim.certainty, claim.polarity, claim.about) == ("denied", "negative", "Lithuania")


def test_claim_is_about_the_subject_entity(nlp: Any) -> None:
    text = "Colonel Petrov, who led the garrison in Kherson, is believed to have known of the plan."
    claim = only(claims_of(nlp, text, {"Colonel Petrov": "PERSON", "Kherson": "GPE"}))
    assert claim.about == "Colonel Petrov"


def test_possessive_pronoun_follows_the_last_person_subject(nlp: Any) -> None:
    text = (
        "Colonel Petrov, one of General Orlov's aides, knew of the plan. "
        "It is unclear whether his knowledge meant backing for the Northern Brigade."
    )
    entities = {"Colonel Petrov": "PERSON", "General Orlov": "PERSON", "the Northern Brigade": "ORG"}
    claim = only(claims_of(nlp, text, entities))
    assert (claim.about, claim.certainty) == ("Colonel Petrov", "uncertain")


def test_the_group_follows_the_last_organisation(nlp: Any) -> None:
    text = (
        "Analysts wrote about the Conti group. "
        "There are reports suggesting that members of the group are still at work."
    )
    claim = only(claims_of(nlp, text, {"Conti": "ORG"}))
    assert (claim.about, claim.certainty) == ("Conti", "reported")


def test_claim_evidence_is_the_slice_of_the_text(nlp: Any) -> None:
    text = "Officials said on Monday that the dam was possibly hit by a missile."
    (claim,) = claims_of(nlp, text, {})
    assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text == claim.text


def test_hedge_lexicon_uses_only_known_certainties() -> None:
    assert {certainty for _, certainty in load_hedges().patterns} <= set(CERTAINTIES)
