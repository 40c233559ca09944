"""A hand-made corpus for brief tests: analyses built by hand, so briefs do not depend on extraction.

Five reports from four outlets: a strike on Kramatorsk whose toll rises 2 -> 4 -> 10 (one
stored story), payments, sanctions and aid with amounts, roles and relations, and claims
that are believed, denied and speculated.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from sitroom.brief import Brief
from sitroom.brief.check import strip_citations
from sitroom.model import Analysis, Bounds, Claim, Document, Entity, Event, Evidence, Money, Relation, Role
from sitroom.store import schema as t
from sitroom.store.db import Store
from sitroom.store.write import now

RUSSIA = Entity("Russia", "GPE", aliases=("Russian government",))
KRAMATORSK = Entity("Kramatorsk", "GPE")
WAGNER = Entity("Wagner Group", "ORG", aliases=("Wagner",))
USA = Entity("United States", "GPE", aliases=("US",))
UKRAINE = Entity("Ukraine", "GPE")
PRIGOZHIN = Entity("Yevgeny Prigozhin", "PERSON", aliases=("Prigozhin",))
PUTIN = Entity("Vladimir Putin", "PERSON", aliases=("Putin", "President Putin"))
SUROVIKIN = Entity("Sergei Surovikin", "PERSON", aliases=("Surovikin",))


def section_lines(brief: Brief, key: str) -> list[str]:
    """Return the sentences of the brief's section ``key``, citation marks taken out."""
    return [strip_citations(s.text) for s in next(sec for sec in brief.sections if sec.key == key).sentences]


def developments(brief: Brief) -> list[str]:
    """Return the brief's key developments, citation marks taken out."""
    return section_lines(brief, "developments")


def covers(text: str, groups: list[list[str]]) -> bool:
    """Whether ``text`` names a word of each group (any case): how a listed development is found."""
    lowered = text.lower()
    return all(any(word.lower() in lowered for word in group) for group in groups)


def evidence(text: str, sentence_start: str) -> Evidence:
    """Return the evidence of the sentence of ``text`` that starts with ``sentence_start``."""
    start = text.index(sentence_start)
    end = text.find(". ", start)
    end = len(text) if end == -1 else end + 1
    return Evidence(start, end, text[start:end])


def document(text: str, outlet: str, published: str, title: str) -> Document:
    return Document.from_text(
        text,
        source=outlet,
        title=title,
        url=f"https://{outlet.lower().replace(' ', '-')}.example/{published[:10]}",
        published=datetime.fromisoformat(published).astimezone(UTC),
    )


def kramatorsk_reports() -> list[Analysis]:
    first = (
        "Russia struck Kramatorsk with missiles on Tuesday evening, killing at least two people and "
        "injuring 22, officials said. Rescue work continued overnight."
    )
    second = (
        "The death toll from the Russian strike on Kramatorsk rose to four, with forty-two people injured, "
        "regional officials said. The city centre was hit."
    )
    third = "At least 10 people were killed in Kramatorsk, the State Emergency Service said. Searches go on."
    analyses = []
    for text, outlet, published, killed, injured, actor in (
        (first, "Kyiv Ledger", "2023-06-27T20:55:00+03:00", Bounds(2, None), Bounds(22, None), "Russia"),
        (
            second,
            "Baltic Wire Service",
            "2023-06-27T23:10:00+03:00",
            Bounds(4, None),
            Bounds(42, 42),
            "Russia",
        ),
        (third, "Danube Daily", "2023-06-28T09:30:00+03:00", Bounds(10, None), None, None),
    ):
        doc = document(text, outlet, published, f"Strike on Kramatorsk ({outlet})")
        event = Event(
            "ASSAULT", evidence(text, text.split(" ", 1)[0]), actor=actor, target="Kramatorsk",
            location="Kramatorsk", date="2023-06-27", date_precision="day", killed=killed, injured=injured,
            trigger="struck",
        )  # fmt: skip
        entities = (KRAMATORSK, RUSSIA) if actor else (KRAMATORSK,)
        analyses.append(Analysis(doc, entities=entities, events=(event,), extractor_version="test"))
    return analyses


def money_report() -> Analysis:
    text = (
        "Between March of last year and April of this year, the Wagner Group was reportedly paid a billion "
        "dollars by the Russian government. "
        "The United States imposed new sanctions on mining companies tied to the Wagner Group. "
        "The US announced an aid package worth $500 million for Ukraine."
    )
    doc = document(text, "Meridian Post", "2023-06-28T12:00:00+00:00", "Who pays Wagner")
    events = (
        Event("SUPPORT", evidence(text, "Between March"), actor="Russia", target="Wagner Group",
              certainty="reported", money=Money(1_000_000_000, "USD", 1_000_000_000), date="2023-06-28",
              trigger="paid"),
        Event("SANCTION", evidence(text, "The United States"), actor="United States", target="Wagner Group",
              date="2023-06-28", trigger="sanctions"),
        Event("AID", evidence(text, "The US announced"), actor="United States", target="Ukraine",
              money=Money(500_000_000, "USD", 500_000_000), date="2023-06-28", trigger="aid package"),
    )  # fmt: skip
    return Analysis(doc, entities=(RUSSIA, WAGNER, USA, UKRAINE), events=events, extractor_version="test")


def people_report() -> Analysis:
    text = (
        "Yevgeny Prigozhin, the head of the Wagner Group, has fled to Belarus. "
        "General Sergei Surovikin is believed to have known about the mutiny in advance. "
        "President Putin has rejected these stories as rumours. "
        "There is speculation that the mutiny will benefit the National Guard."
    )
    doc = document(text, "Eastern Front Review", "2023-06-28T18:00:00+00:00", "Who knew about the mutiny")
    head = evidence(text, "Yevgeny Prigozhin")
    return Analysis(
        doc,
        entities=(PRIGOZHIN, WAGNER, SUROVIKIN, PUTIN),
        roles=(Role("Yevgeny Prigozhin", "head of the Wagner Group", "Wagner Group", head),),
        relations=(Relation("Yevgeny Prigozhin", "leader_of", "Wagner Group", head),),
        claims=(
            Claim("Sergei Surovikin knew about the mutiny in advance", "believed",
                  evidence(text, "General Sergei"), about="Sergei Surovikin"),
            Claim("these stories are rumours", "denied", evidence(text, "President Putin"),
                  about="Sergei Surovikin", attributed_to="Vladimir Putin", polarity="negative"),
            Claim("the mutiny will benefit the National Guard", "speculated", evidence(text, "There is")),
        ),
        extractor_version="test",
    )  # fmt: skip


def save_corpus(store: Store, analyses: list[Analysis]) -> None:
    """Save the analyses and put every attack in one stored story, as resolution would."""
    for analysis in analyses:
        store.save(analysis.document, analysis)
    with store.engine.begin() as conn:
        story = t.stories.insert().values(
            type="ASSAULT", title="Strike on Kramatorsk", date="2023-06-27", updated_at=now()
        )
        key = conn.execute(story).inserted_primary_key
        assert key is not None
        conn.execute(update(t.events).where(t.events.c.type == "ASSAULT").values(story_id=key[0]))
