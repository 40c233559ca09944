"""A report that joined the wrong story moves to its event's story; a city that speaks is no town."""

from __future__ import annotations

from typing import Any

import pytest
from builders import RUSSIA
from sqlalchemy import select

from sitroom.model import Entity
from sitroom.resolve.stories import assign_documents, settle
from sitroom.resolve.stories import features as story_features
from sitroom.resolve.stories.cluster import rehome_pass
from sitroom.resolve.stories.features import Profile
from sitroom.resolve.stories.load import load_passages, speaks
from sitroom.resolve.stories.write import merge_into
from sitroom.store import schema as t
from sitroom.store.db import Store

MOSCOW = Entity("Moscow", "GPE", country="RU", lat=55.7558, lon=37.6173)
WARSAW = Entity("Warsaw", "GPE", country="PL", lat=52.2297, lon=21.0122)
KYIV = Entity("Kyiv", "GPE", country="UA", lat=50.45, lon=30.5234)
HOLA_PRYSTAN = Entity("Hola Prystan", "GPE", country="UA", lat=46.5236, lon=32.5236)
ANKARA = Entity("Ankara", "GPE", country="TR", lat=39.9334, lon=32.8597)


def at(text: str, name: str) -> tuple[str, int, int]:
    start = text.index(name)
    return text, start, start + len(name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Moscow denied any part in the blast.", "Moscow"),
        ("Kyiv and Warsaw said on Monday that the border stays open.", "Warsaw"),
        ("Kyiv and Warsaw said on Monday that the border stays open.", "Kyiv"),
        ("The pipeline was sabotaged, according to Moscow, by divers.", "Moscow"),
        ("Kyiv has repeatedly accused its neighbour of stalling.", "Kyiv"),
    ],
)
def test_a_city_that_speaks_is_a_government(text: str, name: str) -> None:
    assert speaks(*at(text, name))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Drones hit Moscow overnight, closing two airports.", "Moscow"),
        ("Kyiv residents said the sirens lasted four hours.", "Kyiv"),
        ("In Kyiv, officials said the metro would reopen.", "Kyiv"),
    ],
)
def test_a_city_where_things_happen_is_a_place(text: str, name: str) -> None:
    assert not speaks(*at(text, name))


def test_a_speaking_capital_is_no_town_of_the_report(store: Store, save: Any) -> None:
    text = (
        "Water from the burst reservoir flooded Hola Prystan on Tuesday. "
        "Moscow denied blowing up the dam, and Warsaw said it would send pumps."
    )
    doc, _ = save(
        text,
        source="AP",
        published="2023-06-06T10:00:00",
        title="Flooding reaches Hola Prystan",
        entities=(HOLA_PRYSTAN, MOSCOW, WARSAW),
    )
    struck = "Drones hit Moscow overnight, closing two airports and a rail station."
    other, _ = save(struck, source="BBC", published="2023-06-06T11:00:00", entities=(MOSCOW,))
    with store.engine.connect() as conn:
        (flood,) = load_passages(conn, doc.id)
        (drones,) = load_passages(conn, other.id)
    assert [name for name, _, _ in flood.towns] == ["hola prystan"]
    assert {"moscow", "warsaw"} <= flood.names  # still names that a story can share
    assert [name for name, _, _ in drones.towns] == ["moscow"]


GRAIN = [
    "Turkish mediators in Ankara pressed Moscow to extend the grain corridor deal before it lapses.",
    "Talks in Ankara on the grain corridor deal stalled as Moscow demanded eased sanctions.",
    "Grain traders watched Ankara, where envoys argued over extending the corridor deal.",
]
DAM = [
    "The Kakhovka reservoir emptied after the dam wall burst, flooding villages downstream.",
    "Villages downstream were flooded when the Kakhovka dam wall burst and the reservoir emptied.",
    "Rescuers pulled families from flooded villages below the burst Kakhovka dam wall.",
]
EARLY = "Engineers said the Kakhovka dam wall burst overnight and the reservoir began to empty."


def story_rows(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.story_documents.c.document_id, t.story_documents.c.story_id)).all()
    return {doc: story for doc, story in rows}


def two_stories(store: Store, save: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str], str]:
    """Store a grain-talks story holding one early dam report, and a dam story of three reports."""
    outlets = ("AP", "BBC", "Reuters")
    grain = [
        save(x, source=s, published=f"2023-06-06T0{n}:00:00", title=x[:50], entities=(ANKARA, MOSCOW))[0].id
        for n, (x, s) in enumerate(zip(GRAIN, outlets, strict=True))
    ]
    early = save(EARLY, source="AFP", published="2023-06-06T04:00:00", title=EARLY[:50])[0].id
    dam = [
        save(x, source=s, published=f"2023-06-06T0{n + 5}:00:00", title=x[:50], entities=(RUSSIA,))[0].id
        for n, (x, s) in enumerate(zip(DAM, outlets, strict=True))
    ]
    monkeypatch.setattr(story_features, "JOIN_SCORE", 1.1)  # each report opens a story
    assign_documents(store.engine, [*grain, early, *dam])
    monkeypatch.undo()
    found = story_rows(store)
    with store.engine.begin() as conn:  # as if the early report had joined the story present then
        for doc in [*grain[1:], early]:
            merge_into(conn, found[grain[0]], found[doc], "test: built by hand")
        for doc in dam[1:]:
            merge_into(conn, found[dam[0]], found[doc], "test: built by hand")
    return grain, dam, early


def test_a_report_in_a_story_it_does_not_fit_moves_to_its_event(
    store: Store, save: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    grain, dam, early = two_stories(store, save, monkeypatch)
    before = story_rows(store)
    assert before[early] == before[grain[0]] != before[dam[0]]
    with store.engine.begin() as conn:
        assert rehome_pass(conn, [before[grain[0]], before[dam[0]]]) == 1
    after = story_rows(store)
    assert after[early] == after[dam[0]]
    assert {after[d] for d in grain} == {before[grain[0]]}
    with store.engine.connect() as conn:
        sd = t.story_documents.c
        reasons = conn.execute(select(sd.reasons).where(sd.document_id == early)).scalar_one()
        profile = Profile.from_json(
            conn.execute(select(t.stories.c.profile).where(t.stories.c.id == after[grain[0]])).scalar_one()
        )
    moved = [r for r in reasons if r["feature"] == "rehome"]
    assert moved and moved[0]["reason"].startswith(f"moved from story {before[grain[0]]}")
    assert profile.size == 3 and "kakhovka" not in profile.words
    with store.engine.begin() as conn:
        assert rehome_pass(conn, sorted(set(after.values()))) == 0  # settled: nothing moves again


def test_settle_rehomes_whatever_order_the_stories_are_given_in(
    store: Store, save: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    grain, dam, early = two_stories(store, save, monkeypatch)
    found = story_rows(store)
    settle(store.engine, [found[dam[0]], found[grain[0]]])
    after = story_rows(store)
    assert after[early] == after[dam[0]] != after[grain[0]]
    assert len(set(after.values())) == 2
