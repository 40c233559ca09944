"""A hand-made corpus for the web tests: a strike reported three times, a mutiny, a hostile document.

Every analysis is written by hand (exact evidence spans), so the tests do not depend on
extraction quality. The hostile document carries script and markup payloads in its title,
text, outlet name, URL and entity names.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sitroom.model import (
    Analysis,
    Bounds,
    Document,
    Entity,
    Event,
    Evidence,
    Mention,
    Relation,
    Role,
)
from sitroom.resolve import resolve_corpus
from sitroom.store.db import Store

TOKEN = "s3cret-token"  # the API token of the test apps
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"

RUSSIA = Entity("Russia", "GPE", country="RU", lat=61.5, lon=105.3)
UKRAINE = Entity("Ukraine", "GPE", country="UA", lat=49.0, lon=32.0)
KRAMATORSK = Entity("Kramatorsk", "GPE", country="UA", lat=48.7233, lon=37.5563)
ROSTOV = Entity("Rostov-on-Don", "GPE", country="RU", lat=47.2357, lon=39.7015)
WAGNER = Entity("Wagner Group", "ORG", subtype="armed_group", aliases=("Wagner",))
MOD = Entity("Russian Ministry of Defence", "ORG", subtype="government")
PRIGOZHIN = Entity("Yevgeny Prigozhin", "PERSON", aliases=("Prigozhin",))
KYRYLENKO = Entity("Pavlo Kyrylenko", "PERSON")
HOSTILE_ACTOR = Entity(SCRIPT, "ORG")
HOSTILE_PLACE = Entity(f"Evilton{IMG}", "GPE", lat=10.0, lon=20.0)

STRIKE_FIRST = (
    "Russian missiles struck a busy restaurant in Kramatorsk on Tuesday evening. "
    "At least four people were killed and 42 injured, said Pavlo Kyrylenko, the governor of Donetsk region."
)
STRIKE_TOLL = (
    "The death toll from the Russian missile strike on Kramatorsk rose to 12 on Wednesday, "
    "Ukrainian emergency services said."
)
STRIKE_DENIAL = (
    "Russia's defence ministry said its forces struck a command post in Kramatorsk "
    "and denied hitting any civilian site."
)
MUTINY = (
    "Wagner Group fighters seized military facilities in Rostov-on-Don on Saturday. "
    "Yevgeny Prigozhin, the head of the Wagner Group, said the mutiny targeted "
    "the Russian Ministry of Defence."
)
SEIZURE = "Wagner Group fighters seized military facilities in Rostov-on-Don on Saturday."
HOSTILE_ATTACK = f"The group {SCRIPT} attacked Russia near Evilton{IMG} on Monday, killing 3 people."
HOSTILE = f"Breaking {SCRIPT} news. {IMG} Visit {JS_URL} now.\n{HOSTILE_ATTACK}"


def evidence(text: str, sentence: str) -> Evidence:
    """Return the evidence span of ``sentence`` inside ``text``."""
    start = text.index(sentence)
    return Evidence(start, start + len(sentence), sentence)


def mentions(text: str, entities: tuple[Entity, ...]) -> tuple[Mention, ...]:
    """Return a mention of each entity whose name appears in ``text``."""
    found = []
    for e in entities:
        if e.name in text:
            start = text.index(e.name)
            found.append(Mention(e.name, e.type, start, start + len(e.name), e.name))
    return tuple(found)


def report(
    text: str,
    *,
    source: str,
    published: str,
    entities: tuple[Entity, ...],
    events: tuple[dict[str, Any], ...] = (),
    title: str,
    url: str,
    roles: tuple[Role, ...] = (),
    relations: tuple[Relation, ...] = (),
) -> tuple[Document, Analysis]:
    """Return a document and its hand-made analysis; each event dict names its sentence."""
    document = Document.from_text(
        text,
        source=source,
        published=datetime.fromisoformat(published).replace(tzinfo=UTC),
        title=title,
        url=url,
        language="en",
    )
    made = []
    for spec in events:
        fields = dict(spec)
        made.append(Event(evidence=evidence(text, fields.pop("sentence")), **fields))
    analysis = Analysis(
        document,
        mentions=mentions(text, entities),
        entities=entities,
        roles=roles,
        relations=relations,
        events=tuple(made),
        extractor_version="test",
    )
    return document, analysis


def strike(sentence: str, **fields: Any) -> dict[str, Any]:
    """Return a missile strike on Kramatorsk by Russia, with overrides."""
    base: dict[str, Any] = {
        "type": "ASSAULT",
        "sentence": sentence,
        "actor": "Russia",
        "target": "Ukraine",
        "location": "Kramatorsk",
        "lat": KRAMATORSK.lat,
        "lon": KRAMATORSK.lon,
        "date": "2023-06-27",
        "date_precision": "day",
        "cameo": "195",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Air/drone strike",
    }
    base.update(fields)
    return base


def corpus() -> list[tuple[Document, Analysis]]:
    """Return the five reports of the web tests."""
    governor = "the governor of Donetsk region"
    head = "the head of the Wagner Group"
    return [
        report(
            STRIKE_FIRST,
            source="Kyiv Independent",
            published="2023-06-27T18:00:00",
            title="Missile strike hits Kramatorsk restaurant",
            url="https://kyivindependent.example/kramatorsk",
            entities=(RUSSIA, UKRAINE, KRAMATORSK, KYRYLENKO),
            events=(
                strike(
                    "Russian missiles struck a busy restaurant in Kramatorsk on Tuesday evening.",
                    killed=Bounds(4, None),
                    injured=Bounds(42, 42),
                    certainty="reported",
                    attributed_to="Pavlo Kyrylenko",
                ),
            ),
            roles=(
                Role("Pavlo Kyrylenko", "governor of Donetsk region", None, evidence(STRIKE_FIRST, governor)),
            ),
        ),
        report(
            STRIKE_TOLL,
            source="Reuters",
            published="2023-06-28T09:00:00",
            title="Kramatorsk death toll rises to 12",
            url="https://reuters.example/kramatorsk-toll",
            entities=(RUSSIA, UKRAINE, KRAMATORSK),
            events=(strike(STRIKE_TOLL, killed=Bounds(12, 12), certainty="reported"),),
        ),
        report(
            STRIKE_DENIAL,
            source="TASS",
            published="2023-06-28T10:00:00",
            title="Moscow denies hitting civilians in Kramatorsk",
            url="https://tass.example/denial",
            entities=(RUSSIA, UKRAINE, KRAMATORSK, MOD),
            events=(strike(STRIKE_DENIAL, certainty="denied", attributed_to="Russian Ministry of Defence"),),
        ),
        report(
            MUTINY,
            source="BBC",
            published="2023-06-24T12:00:00",
            title="Wagner fighters seize Rostov-on-Don",
            url="https://bbc.example/wagner",
            entities=(WAGNER, ROSTOV, MOD, PRIGOZHIN),
            events=(
                {
                    "type": "COERCE",
                    "sentence": SEIZURE,
                    "actor": "Wagner Group",
                    "target": "Russian Ministry of Defence",
                    "location": "Rostov-on-Don",
                    "lat": ROSTOV.lat,
                    "lon": ROSTOV.lon,
                    "date": "2023-06-24",
                    "date_precision": "day",
                    "cameo": "17",
                },
            ),
            roles=(
                Role("Yevgeny Prigozhin", "head of the Wagner Group", "Wagner Group", evidence(MUTINY, head)),
            ),
            relations=(Relation("Yevgeny Prigozhin", "leader_of", "Wagner Group", evidence(MUTINY, head)),),
        ),
        report(
            HOSTILE,
            source=f"{SCRIPT}Evil News{IMG}",
            published="2023-06-26T08:00:00",
            title=f"{SCRIPT} Breaking {IMG}",
            url=JS_URL,
            entities=(HOSTILE_ACTOR, RUSSIA, HOSTILE_PLACE),
            events=(
                {
                    "type": "ASSAULT",
                    "sentence": HOSTILE_ATTACK,
                    "actor": SCRIPT,
                    "target": "Russia",
                    "location": HOSTILE_PLACE.name,
                    "lat": 10.0,
                    "lon": 20.0,
                    "date": "2023-06-26",
                    "date_precision": "day",
                    "killed": Bounds(3, 3),
                },
            ),
        ),
    ]


def fill(db: str) -> Store:
    """Store the corpus in the database ``db``, resolve it, and return the open store."""
    store = Store.open(db)
    for document, analysis in corpus():
        store.save(document, analysis)
    resolve_corpus(store.engine)
    return store
