"""A brief states what a story's sources agree on, never one sentence's extraction error."""

from __future__ import annotations

from collections.abc import Callable

from brief_corpus import KRAMATORSK, document, evidence, kramatorsk_reports, people_report
from sqlalchemy import Engine

from sitroom.brief import Brief, write_brief
from sitroom.model import Analysis, Claim, Entity, Event, Money

LVIV = Entity("Lviv", "GPE")
WRITER = Entity("Anna Petrenko", "PERSON", aliases=("Petrenko",))
CLUB = Entity("Manchester United", "ORG")


def section(brief: Brief, key: str) -> list[str]:
    return [s.text for s in next(sec for sec in brief.sections if sec.key == key).sentences]


def writer_report() -> Analysis:
    """A fourth report of the strike whose parse makes the victim the attacker, in another city."""
    text = (
        "Writer Anna Petrenko dies of injuries from Kramatorsk strike in Lviv hospital. Tributes poured in."
    )
    doc = document(text, "Eastern Front Review", "2023-06-30T10:00:00+00:00", "Writer dies of injuries")
    event = Event(
        "ASSAULT", evidence(text, "Writer"), actor="Anna Petrenko", target="Kramatorsk", location="Lviv",
        trigger="strike",
    )  # fmt: skip
    return Analysis(doc, entities=(WRITER, KRAMATORSK, LVIV), events=(event,), extractor_version="test")


def town_as_attacker_report() -> Analysis:
    text = "A missile attack on Kramatorsk destroyed a school on Sunday. Nobody was hurt."
    doc = document(text, "Meridian Post", "2023-07-02T10:00:00+00:00", "School destroyed")
    event = Event("COERCE", evidence(text, "A missile"), actor="Kramatorsk", trigger="attack")
    return Analysis(doc, entities=(KRAMATORSK,), events=(event,), extractor_version="test")


def football_report() -> Analysis:
    text = (
        "Manchester United have reportedly completed the signing of a midfielder for 55 million pounds. "
        "Talks lasted weeks."
    )
    doc = document(text, "Meridian Post", "2023-07-05T10:00:00+00:00", "United sign midfielder")
    return Analysis(
        doc,
        entities=(CLUB,),
        events=(Event("CONSULT", evidence(text, "Talks"), trigger="talks"),),
        claims=(
            Claim("Manchester United completed the signing of a midfielder", "reported",
                  evidence(text, "Manchester"), about="Manchester United"),
        ),
        extractor_version="test",
    )  # fmt: skip


def test_key_sentence_uses_the_actor_and_place_most_outlets_agree_on(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    brief = write_brief(make_store([*kramatorsk_reports(), writer_report()]))
    developments = section(brief, "developments")
    assert developments[0].startswith(
        "On 27 June, Russia struck Kramatorsk [1][2][3][4]; at least 10 were reported killed"
    )
    assert not any("Petrenko" in s or "Lviv" in s for s in developments)
    cited = brief.sections[0].sentences[0].citations
    assert {c.report.outlets[0] for c in brief.sources if c.number in cited} == {
        "Kyiv Ledger", "Baltic Wire Service", "Danube Daily", "Eastern Front Review",
    }  # fmt: skip


def test_a_town_is_never_written_as_the_attacker(make_store: Callable[[list[Analysis]], Engine]) -> None:
    brief = write_brief(make_store([town_as_attacker_report()]))
    sentences = [s.text for s in brief.sentences()]
    assert not any(s.startswith("Kramatorsk") for s in sentences)
    assert not any("Kramatorsk carried out" in s or "Kramatorsk used" in s for s in sentences)


def test_unrelated_hedged_sentences_are_not_contested_claims(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    brief = write_brief(make_store([*kramatorsk_reports(), people_report(), football_report()]))
    claims = section(brief, "claims")
    assert not any("Manchester" in s for s in claims)
    assert any(
        c.startswith("Believed: “Sergei Surovikin knew about the mutiny in advance” [") for c in claims
    )


def test_money_section_leaves_out_aid_with_no_giver_and_no_amount(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    text = "The aid arrived in Kramatorsk on Monday. Volunteers unloaded it."
    doc = document(text, "Kyiv Ledger", "2023-07-03T10:00:00+00:00", "Aid arrives")
    aid = Analysis(
        doc, entities=(KRAMATORSK,),
        events=(Event("AID", evidence(text, "The aid"), location="Kramatorsk", trigger="aid"),),
        extractor_version="test",
    )  # fmt: skip
    brief = write_brief(make_store([aid]))
    assert section(brief, "money") == []


def test_money_section_never_states_a_deal_without_its_amount(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    text = "The Finnish interior ministry offered a reward of 2 million euros for tips on the saboteurs."
    doc = document(text, "Meridian Post", "2023-07-04T10:00:00+00:00", "Reward offered")
    ministry = Entity("Finnish interior ministry", "ORG", country="FI")
    offer = Event(
        "AGREE", evidence(text, "The Finnish interior ministry offered"), actor="Finnish interior ministry",
        trigger="offered", money=Money(2_000_000, "EUR"),
    )  # fmt: skip
    brief = write_brief(
        make_store([Analysis(doc, entities=(ministry,), events=(offer,), extractor_version="test")])
    )
    money = section(brief, "money")
    # "... reached an agreement" says nothing of the money; a line here states the amount or is left out.
    assert all("2 million" in s or "€2 million" in s for s in money), money
