"""A store that tries every export: formula cells, control characters, one strike in four
reports with different death tolls, a date from 1941, a football report, an alleged payment.
"""

from __future__ import annotations

from pathlib import Path

from export_corpus import analysis, span

from sitroom.model import Analysis, Bounds, Entity, Event, Money, Relation
from sitroom.resolve import resolve_corpus
from sitroom.store.db import Store

KRYVYI_RIH = Entity("Kryvyi Rih", "GPE", country="UA", lat=47.9105, lon=33.3918)
RUSSIA = Entity("Russia", "GPE", country="RU")
UKRAINE = Entity("Ukraine", "GPE", country="UA")
RUSSIAN_ARMY = Entity("Russian Armed Forces", "ORG", subtype="military", country="RU")
FORMULA = "=cmd|' /C calc'!A0"
EVIL_PLACE = Entity("@SUM(1+1)", "GPE", country="UA", lat=48.0, lon=35.0)
CONTROL_NAME = "Bad\x01Actor\x0bGroup"
CONTROL_ORG = Entity(CONTROL_NAME, "ORG", subtype="armed_group", country="RU")
CONTROL_PERSON = Entity("Ivan\x02 Petrov", "PERSON", country="RU")
BURISMA = Entity("Burisma", "ORG", subtype="company", country="UA")
HUNTER = Entity("Hunter Biden", "PERSON", country="US")
CLUB = Entity("Shakhtar Donetsk", "ORG", country="UA")
COACH = Entity("Marino Pusic", "PERSON", country="HR")

TOLLS = (3, 10, 3, 11)
OUTLETS = ("Ukrainska Pravda", "Reuters", "Kyiv Post", "AP")


def strike_report(n: int) -> Analysis:
    text = (
        f"A Russian missile hit a five-storey block in Kryvyi Rih on 13 June 2023; "
        f"{TOLLS[n]} people were killed, officials told outlet number {n}."
    )
    sentence = text.split(";")[0] + ";"
    return analysis(
        text,
        OUTLETS[n],
        f"2023-06-13T{10 + n}:00:00",
        (KRYVYI_RIH, RUSSIA, UKRAINE),
        (
            Event(
                "ASSAULT",
                span(text, sentence),
                cameo="195",
                acled_event_type="Explosions/Remote violence",
                acled_sub_event_type="Air/drone strike",
                actor="Russia",
                target="Ukraine",
                location="Kryvyi Rih",
                lat=47.9105,
                lon=33.3918,
                date="2023-06-13",
                date_precision="day",
                killed=Bounds(TOLLS[n], TOLLS[n]),
            ),
        ),
    )


def build_hostile_store(path: Path) -> Store:
    """Return a store at ``path`` with the hostile items above, resolved into stories."""
    store = Store.open(str(path))
    items = [strike_report(n) for n in range(len(TOLLS))]
    memory = "Veterans in Zaporizhzhia recalled how the army fought the invasion of 22 June 1941."
    items.append(
        analysis(
            memory,
            "Memory Desk",
            "2023-06-20T08:00:00",
            (RUSSIAN_ARMY, UKRAINE),
            (
                Event(
                    "FIGHT",
                    span(memory, memory),
                    cameo="190",
                    acled_event_type="Battles",
                    acled_sub_event_type="Armed clash",
                    actor="Russian Armed Forces",
                    target="Ukraine",
                    date="1941-06-22",
                    date_precision="day",
                ),
            ),
        )
    )
    evil = f"Gunmen of {CONTROL_NAME} attacked a checkpoint near @SUM(1+1) on 2 June 2023."
    items.append(
        analysis(
            evil,
            FORMULA,
            "2023-06-02T12:00:00",
            (CONTROL_ORG, EVIL_PLACE, UKRAINE, CONTROL_PERSON),
            (
                Event(
                    "ASSAULT",
                    span(evil, evil),
                    cameo="190",
                    acled_event_type="Battles",
                    acled_sub_event_type="Armed clash",
                    actor=CONTROL_NAME,
                    target="Ukraine",
                    location="@SUM(1+1)",
                    date="2023-06-02",
                    date_precision="day",
                    killed=Bounds(2, 2),
                ),
            ),
            (Relation("Ivan\x02 Petrov", "leader_of", CONTROL_NAME, span(evil, evil)),),
        )
    )
    football = "Shakhtar Donetsk beat their rivals 2-1 on Sunday, coach Marino Pusic said."
    items.append(analysis(football, "Sport Desk", "2023-06-04T20:00:00", (CLUB, COACH), ()))
    alleged = "A tabloid claimed that Burisma paid Hunter Biden $5 million."
    items.append(
        analysis(
            alleged,
            "Gossip Daily",
            "2023-06-05T09:00:00",
            (BURISMA, HUNTER),
            (
                Event(
                    "SUPPORT",
                    span(alleged, alleged),
                    actor="Burisma",
                    target="Hunter Biden",
                    money=Money(5_000_000, "USD", 5_000_000),
                    certainty="speculated",
                    attributed_to="tabloid",
                ),
            ),
        )
    )
    for item in items:
        store.save(item.document, item)
    resolve_corpus(store.engine)
    return store
