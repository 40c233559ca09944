"""A small resolved store for export tests: a strike, aid money, a sanction, a leader relation."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sitroom.model import Analysis, Bounds, Document, Entity, Event, Evidence, Mention, Money, Relation
from sitroom.resolve import resolve_corpus
from sitroom.store.db import Store

KRAMATORSK = Entity("Kramatorsk", "GPE", country="UA", lat=48.7233, lon=37.5563)
RUSSIA = Entity("Russia", "GPE", country="RU")
UKRAINE = Entity("Ukraine", "GPE", country="UA", lat=49.0, lon=32.0)
USA = Entity("United States", "GPE", country="US")
WAGNER = Entity("Wagner Group", "ORG", subtype="armed_group", aliases=("Wagner",))
PRIGOZHIN = Entity("Yevgeny Prigozhin", "PERSON", country="RU")
CONTI = Entity("Conti", "ORG", subtype="criminal_group")
REUTERS = Entity("Reuters", "ORG", subtype="media")

STRIKE = "Russia struck Kramatorsk on Tuesday, killing 12 people."
AID = "The United States pledged $500 million in military aid to Ukraine."
SANCTION = "The United States imposed sanctions on Conti."
LEADER = "Yevgeny Prigozhin, the leader of the Wagner Group, spoke."


def span(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(start, start + len(sentence), sentence)


def analysis(
    text: str,
    source: str,
    published: str,
    entities: tuple[Entity, ...],
    events: tuple[Event, ...],
    relations: tuple[Relation, ...] = (),
) -> Analysis:
    document = Document.from_text(
        text,
        source=source,
        title=f"{source} report",
        url=f"https://{source.lower()}.example/story",
        published=datetime.fromisoformat(published).replace(tzinfo=UTC),
    )
    mentions = tuple(
        Mention(e.name, e.type, text.index(e.name), text.index(e.name) + len(e.name), e.name)
        for e in entities
        if e.name in text
    )
    return Analysis(
        document,
        mentions=mentions,
        entities=entities,
        events=events,
        relations=relations,
        extractor_version="test",
    )


def build_store(path: Path) -> Store:
    """Return a store at ``path`` holding the export corpus, resolved into stories."""
    store = Store.open(str(path))
    strike_text = STRIKE + " " + AID
    strike = Event(
        "ASSAULT",
        span(strike_text, STRIKE),
        cameo="195",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor="Russia",
        target="Ukraine",
        location="Kramatorsk",
        lat=48.7233,
        lon=37.5563,
        date="2023-06-27",
        date_precision="day",
        killed=Bounds(12, 12),
        actor_code="RUS",
        target_code="UKR",
    )
    aid = Event(
        "AID",
        span(strike_text, AID),
        cameo="071",
        actor="United States",
        target="Ukraine",
        date="2023-06-27",
        date_precision="day",
        money=Money(500_000_000, "USD", 500_000_000),
    )
    items = [
        analysis(
            strike_text, "Reuters", "2023-06-27T18:00:00", (KRAMATORSK, RUSSIA, UKRAINE, USA), (strike, aid)
        ),
        analysis(
            SANCTION + " " + LEADER,
            "AP",
            "2023-06-28T09:00:00",
            (USA, CONTI, PRIGOZHIN, WAGNER),
            (
                Event(
                    "SANCTION",
                    span(SANCTION, SANCTION),
                    cameo="163",
                    actor="United States",
                    target="Conti",
                    date="2023-06-28",
                    date_precision="day",
                ),
            ),
            (
                Relation(
                    "Yevgeny Prigozhin", "leader_of", "Wagner Group", span(SANCTION + " " + LEADER, LEADER)
                ),
            ),
        ),
    ]
    for item in items:
        store.save(item.document, item)
    resolve_corpus(store.engine)
    return store
