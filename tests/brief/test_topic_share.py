"""A brief stays on the conflict: a story where the conflict's parties are a passing mention
(a bear attack on a hiker who came from Russia) is left out however many outlets report it."""

from __future__ import annotations

from pathlib import Path

import pytest
from brief_corpus import developments, document, evidence
from sqlalchemy import Engine, select, update

from sitroom.brief import write_brief
from sitroom.model import Analysis, Entity, Event
from sitroom.store import schema as t
from sitroom.store.db import Store
from sitroom.store.write import now

RUSSIA = Entity("Russia", "GPE", country="RU")
UKRAINE = Entity("Ukraine", "GPE", country="UA")
ODESA = Entity("Odesa", "GPE", country="UA")
KHARKIV = Entity("Kharkiv", "GPE", country="UA")
BANFF = Entity("Banff", "GPE", country="CA")
CANADA = Entity("Canada", "GPE", country="CA")
CALGARY = Entity("Calgary", "GPE", country="CA")
MOSCOW = Entity("Moscow", "GPE", country="RU")


def report(outlet: str, title: str, text: str, events: list[tuple[str, dict[str, str]]]) -> Analysis:
    """A report of 21 August whose events start at the given sentence openings."""
    return Analysis(
        document(text, outlet, "2023-08-21T10:00:00+00:00", title),
        entities=(RUSSIA, UKRAINE, ODESA, KHARKIV, BANFF, CANADA, CALGARY, MOSCOW),
        events=tuple(
            Event(
                kind,
                evidence(text, roles["at"]),
                actor=roles.get("actor"),
                target=roles.get("target"),
                location=roles.get("location"),
                attributed_to=roles.get("attributed_to"),
                date="2023-08-21",
                trigger="x",
            )
            for kind, roles in events
        ),
        extractor_version="test",
    )


def corpus() -> list[Analysis]:
    war = [
        report(
            outlet,
            "Russian missiles hit Odesa port",
            "Russia struck the port of Odesa with missiles on Monday. Ukraine said grain silos were damaged. "
            "Air defence units in Odesa shot down some of the missiles.",
            [
                (
                    "ASSAULT",
                    {"at": "Russia struck", "actor": "Russia", "target": "Odesa", "location": "Odesa"},
                ),
                ("ASSAULT", {"at": "Ukraine said", "attributed_to": "Ukraine", "location": "Odesa"}),
                ("ASSAULT", {"at": "Air defence", "location": "Odesa"}),
            ],
        )
        for outlet in ("Northern Courier", "Harbour Gazette", "Plains Herald")
    ]
    shelling = [
        report(
            outlet,
            "Shelling in Kharkiv region",
            "Russia shelled villages near Kharkiv on Monday. Ukraine evacuated families from the border.",
            [
                ("ASSAULT", {"at": "Russia shelled", "actor": "Russia", "location": "Kharkiv"}),
                ("AID", {"at": "Ukraine evacuated", "actor": "Ukraine", "location": "Kharkiv"}),
            ],
        )
        for outlet in ("Northern Courier", "Lakeside Times")
    ]
    bear = [
        report(
            outlet,
            "Bear attacks hiker in Banff national park",
            "A grizzly bear attacked a hiker on a trail in Banff on Monday. The man, a tourist from Russia, "
            "was flown to a hospital in Calgary. Park rangers in Banff closed the trail. Canada's parks "
            "agency said the bear would be tracked. Hikers in Banff were told to carry bear spray.",
            [
                ("ASSAULT", {"at": "A grizzly", "location": "Banff"}),
                ("ASSAULT", {"at": "The man", "location": "Calgary", "attributed_to": "Russia"}),
                ("COERCE", {"at": "Park rangers", "location": "Banff"}),
                ("INVESTIGATE", {"at": "Canada's parks", "actor": "Canada"}),
                ("COERCE", {"at": "Hikers in", "location": "Banff", "target": "Russia"}),
            ],
        )
        for outlet in ("Northern Courier", "Harbour Gazette", "Plains Herald", "Lakeside Times", "Coast Wire")
    ]
    # The parties act on each other in most of its events, yet no headline says anything of the
    # war: a story about a book, not the conflict.
    novel = [
        report(
            outlet,
            "Author shelves her Moscow family saga after reader outcry",
            "Ukraine's readers condemned the author for setting her family saga in Moscow. "
            "Russia was the home of the family the book follows. "
            "Readers in Ukraine posted angry reviews of Russia's "
            "portrayal. The publisher said the release would wait.",
            [
                (
                    "PROTEST",
                    {"at": "Ukraine's readers", "actor": "Ukraine", "target": "Russia", "location": "Moscow"},
                ),
                ("RETREAT", {"at": "Russia was", "actor": "Russia"}),
                ("PROTEST", {"at": "Readers in", "actor": "Ukraine", "target": "Russia"}),
                ("RETREAT", {"at": "The publisher", "location": "Russia"}),
            ],
        )
        for outlet in ("Northern Courier", "Harbour Gazette", "Plains Herald", "Lakeside Times", "Coast Wire")
    ]
    return [*war, *shelling, *bear, *novel]


@pytest.fixture()
def engine(tmp_path: Path) -> Engine:
    """The corpus stored with one story per headline, as resolution would group it."""
    store = Store.open(str(tmp_path / "topic.db"))
    for analysis in corpus():
        store.save(analysis.document, analysis)
    with store.engine.begin() as conn:
        titles = dict(conn.execute(select(t.documents.c.id, t.documents.c.title)).all())
        for title in sorted(set(titles.values())):
            story = t.stories.insert().values(
                type="ASSAULT", title=title, date="2023-08-21", updated_at=now()
            )
            key = conn.execute(story).inserted_primary_key
            assert key is not None
            documents = [d for d, each in titles.items() if each == title]
            conn.execute(
                update(t.events).where(t.events.c.document_id.in_(documents)).values(story_id=key[0])
            )
    return store.engine


def test_a_story_the_conflicts_parties_barely_figure_in_stays_out(engine: Engine) -> None:
    texts = developments(write_brief(engine))
    assert texts, texts
    assert texts[0].startswith("On 21 August, Russia struck Odesa"), texts
    assert any("Kharkiv" in t for t in texts), texts
    assert not any("Banff" in t or "bear" in t.lower() or "Calgary" in t for t in texts), texts


def test_a_story_naming_the_parties_but_not_the_war_stays_out(engine: Engine) -> None:
    texts = developments(write_brief(engine))
    assert any("Odesa" in t for t in texts), texts
    assert not any("Moscow" in t or "saga" in t or "readers" in t.lower() for t in texts), texts


def test_a_topic_filter_keeps_the_story_it_asks_for(engine: Engine) -> None:
    # --topic is the analyst's choice: the share rule does not overrule it.
    texts = developments(write_brief(engine, topic="bear"))
    assert any("Banff" in t for t in texts), texts
