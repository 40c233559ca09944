"""Each section of the brief, written from a hand-made corpus, says what its evidence says."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from brief_corpus import document, evidence, kramatorsk_reports, people_report
from sqlalchemy import Engine

from sitroom.brief import Brief, write_brief
from sitroom.brief.compose import amount, count
from sitroom.model import Analysis, Bounds, Claim, Entity, Event, Money


def section(brief: Brief, key: str) -> list[str]:
    return [s.text for s in next(sec for sec in brief.sections if sec.key == key).sentences]


def cited(texts: list[str]) -> list[str]:
    """Return the sentences with their citation numbers written as [n]."""
    return [re.sub(r"\[\d+\]", "[n]", s) for s in texts]


def test_key_developments_rank_the_story_with_most_outlets_and_deaths_first(corpus: Engine) -> None:
    developments = section(write_brief(corpus), "developments")
    # The day comes from "on Tuesday evening" in a report of Tuesday 27 June; the latest toll
    # says who gave it and when, and the first one is kept beside it.
    assert (
        developments[0]
        == "On 27 June, Russia struck Kramatorsk [1][2][3]; at least 10 were reported killed, "
        "Danube Daily reported on 28 June; first reports gave at least 2 [3][1]."
    )
    # No report of the sanctions says when they were imposed: the lead dates the first report.
    assert "First reported on 28 June: the United States imposed sanctions on the Wagner Group [n]." in cited(
        developments[1:]
    )


def test_casualties_show_each_outlets_figure_over_time_with_a_table(corpus: Engine) -> None:
    brief = write_brief(corpus)
    casualties = next(sec for sec in brief.sections if sec.key == "casualties")
    assert cited([s.text for s in casualties.sentences]) == [
        "The reported number killed in the attack in Kramatorsk rose as reports came in: Kyiv Ledger "
        "gave at least 2 [n], then Baltic Wire Service gave at least 4 [n], then Danube Daily gave at "
        "least 10 [n]."
    ]
    assert casualties.table is not None
    assert casualties.table.columns[3:6] == ("Said by", "Figure", "Count")
    killed = [(row[2], row[5]) for row in casualties.table.rows if row[4] == "killed"]
    assert killed == [("Kyiv Ledger", "at least 2"), ("Baltic Wire Service", "at least 4"),
                      ("Danube Daily", "at least 10")]  # fmt: skip


def test_outlets_that_give_incompatible_figures_at_the_same_time_are_shown_disagreeing(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    texts = [("Kyiv Ledger", "Eight people were killed in Kramatorsk, police said."),
             ("Danube Daily", "Ten people were killed in Kramatorsk, officials said.")]  # fmt: skip
    analyses = []
    for (outlet, text), killed in zip(texts, (8, 10), strict=True):
        event = Event(
            "ASSAULT", evidence(text, text[:5]), location="Kramatorsk", killed=Bounds(killed, killed)
        )
        doc = document(text, outlet, "2023-06-28T10:00:00+00:00", "Toll")
        analyses.append(Analysis(doc, entities=(Entity("Kramatorsk", "GPE"),), events=(event,)))
    brief = write_brief(make_store(analyses))
    assert [re.sub(r"\[\d\]", "[n]", s) for s in section(brief, "casualties")] == [
        "Outlets disagree on the number killed in the attack in Kramatorsk: "
        "Danube Daily gave 10 [n], then Kyiv Ledger gave 8 [n]."
    ]


def test_money_section_says_who_paid_whom_how_much_and_in_what_currency(corpus: Engine) -> None:
    money = cited(section(write_brief(corpus), "money"))
    assert "The Russian government reportedly paid $1 billion to the Wagner Group [n]." in money
    assert "The US pledged $500 million in aid to Ukraine [n]." in money
    # On what, in the evidence's words.
    assert "The United States imposed sanctions on mining companies tied to the Wagner Group [n]." in money


def test_amounts_and_counts_are_written_with_scale_and_bounds() -> None:
    assert amount(Money(500_000_000, "USD")) == "$500 million"
    assert amount(Money(1_500_000_000, "RUB")) == "1.5 billion RUB"
    assert amount(Money(25_000, "EUR")) == "€25,000"
    assert count(Bounds(4, None)) == "at least 4"
    assert count(Bounds(4, 6)) == "between 4 and 6"
    assert count(Bounds(None, 12)) == "up to 12"


def test_people_section_gives_roles_and_relations_in_the_texts_words(corpus: Engine) -> None:
    assert cited(section(write_brief(corpus), "people")) == [
        "Yevgeny Prigozhin is described as head of the Wagner Group [n].",
    ]


def test_claims_section_says_who_says_so_and_how_sure(corpus: Engine) -> None:
    # Most contested first, in the order of hedges.yaml: denied, speculated, believed.
    assert cited(section(write_brief(corpus), "claims")) == [
        "Denied by President Putin: “these stories are rumours” [n].",
        "Speculation: “the mutiny will benefit the National Guard” [n].",
        "Believed: “Sergei Surovikin knew about the mutiny in advance” [n].",
    ]


def test_changes_compare_with_the_saved_state_of_the_previous_brief(
    make_store: Callable[[list[Analysis]], Engine],
) -> None:
    first = write_brief(make_store([*kramatorsk_reports(), people_report()]))
    # A first brief has nothing to compare with, so it has no such section.
    assert "changes" not in [s.key for s in first.sections]
    text = (
        "Twelve people were killed in Kramatorsk, the governor said. A new claim was denied by Putin today."
    )
    later = Analysis(
        document(text, "Kyiv Ledger", "2023-06-29T08:00:00+00:00", "Toll rises"),
        entities=(Entity("Kramatorsk", "GPE"), Entity("Vladimir Putin", "PERSON", aliases=("Putin",))),
        events=(Event("ASSAULT", evidence(text, "Twelve"), location="Kramatorsk", killed=Bounds(12, 12)),),
        claims=(
            Claim("a new claim", "denied", evidence(text, "A new claim"), attributed_to="Vladimir Putin"),
        ),
    )
    engine = make_store([*kramatorsk_reports(), people_report(), later])
    changes = section(write_brief(engine, previous=first.state), "changes")
    assert any(s.startswith("The number killed in the attack in Kramatorsk was revised from at least 10 [")
               and " to 12 [" in s for s in changes)  # fmt: skip
    assert any(s.startswith("New since the previous brief: Denied by Putin: “a new claim”") for s in changes)
    assert not any("Surovikin" in s for s in changes)


def test_a_brief_with_since_but_no_previous_brief_has_no_changes_section(corpus: Engine) -> None:
    brief = write_brief(corpus, since=datetime(2023, 6, 28, tzinfo=UTC))
    assert "changes" not in [s.key for s in brief.sections]
    assert "What changed" not in brief.markdown


def test_filters_keep_only_facts_about_the_entity_place_or_topic(corpus: Engine) -> None:
    by_place = write_brief(corpus, place="Kramatorsk")
    assert all("Kramatorsk" in s for s in section(by_place, "developments"))
    assert section(by_place, "money") == []
    by_entity = write_brief(corpus, entity="Wagner Group")
    assert not any("Kramatorsk" in s.text for s in by_entity.sentences())
    assert section(by_entity, "money")
    by_topic = write_brief(corpus, topic="sanction")
    assert section(by_topic, "developments") == [
        "First reported on 28 June: the United States imposed sanctions on the Wagner Group [1]."
    ]
