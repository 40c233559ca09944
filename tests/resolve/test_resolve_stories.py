"""Stories: reports of one strike from many outlets join; figures over time; contradictions."""

from __future__ import annotations

import json
from typing import Any

from builders import KHERSON, KRAMATORSK, KRAMATORSK_AREA, RUSSIA, killed, strike
from sqlalchemy import select

from sitroom.model import Entity
from sitroom.read.events import timeline
from sitroom.read.stories import get_story, list_stories
from sitroom.resolve import resolve_corpus
from sitroom.store import schema as t
from sitroom.store.db import Store

ENTITIES = (KRAMATORSK, RUSSIA)


def story_of(store: Store, event_id_prefix_text: str) -> Any:
    with store.engine.connect() as conn:
        stories = list_stories(conn)
    return next(s for s in stories if any(event_id_prefix_text in e.evidence.text for e in s.events))


def test_two_outlets_reporting_one_strike_share_one_story(store: Store, save: Any) -> None:
    save(
        "A Russian missile hit a restaurant in Kramatorsk on Tuesday evening.",
        source="Reuters",
        published="2023-06-27T18:00:00",
        entities=ENTITIES,
        events=[strike("A Russian missile hit a restaurant in Kramatorsk on Tuesday evening.")],
    )
    save(
        "Russia struck the centre of Kramatorsk with a missile, hitting a restaurant.",
        source="Kyiv Independent",
        published="2023-06-27T19:30:00",
        entities=ENTITIES,
        events=[
            strike(
                "Russia struck the centre of Kramatorsk with a missile, hitting a restaurant.",
                date=None,
                date_precision=None,
            )
        ],
    )
    save(
        "Shelling hit Kherson's port.",
        source="Reuters",
        published="2023-06-27T12:00:00",
        entities=(KHERSON, RUSSIA),
        events=[strike("Shelling hit Kherson's port.", location="Kherson", lat=46.6354, lon=32.6169)],
    )
    summary = resolve_corpus(store.engine)
    assert summary.stories == 2
    assert summary.events_linked == 1
    with store.engine.connect() as conn:
        stories = {s.location: s for s in list_stories(conn)}
        assert [s.location for s in list_stories(conn, place="kherson")] == ["Kherson"]
    kramatorsk = stories["Kramatorsk"]
    assert kramatorsk.sources == ["Kyiv Independent", "Reuters"]
    assert len(kramatorsk.documents) == 2
    # The title is one of the reports' own headlines with its outlet, and a line of agreed facts.
    headlines = {d.title: d.sources[0] for d in kramatorsk.documents}
    assert kramatorsk.title is not None
    assert kramatorsk.title in headlines and kramatorsk.outlet == headlines[kramatorsk.title]
    assert kramatorsk.summary == "Attack in Kramatorsk, 27 June"
    assert not kramatorsk.title.startswith("Assault in")
    assert kramatorsk.date == "2023-06-27"
    assert stories["Kherson"].sources == ["Reuters"]
    assert len(stories["Kherson"].events) == 1
    with store.engine.connect() as conn:
        reasons = (
            conn.execute(select(t.story_links.c.reason).where(t.story_links.c.score < 1)).scalars().all()
        )
    # Why the second report joined, as JSON: each feature's score, weight and reason.
    [reason] = [json.loads(r) for r in reasons]
    assert {m["feature"] for m in reason["reasons"]} == {"wording", "names", "town", "day", "kind"}
    assert next(m for m in reason["reasons"] if m["feature"] == "town")["reason"] == "same town: kramatorsk"


def test_events_30_km_apart_on_one_day_stay_in_different_stories(store: Store, save: Any) -> None:
    save(
        "Russia hit Kramatorsk.",
        source="A",
        published="2023-06-27T10:00:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk.")],
    )
    save(
        "Russia hit Kherson.",
        source="B",
        published="2023-06-27T11:00:00",
        entities=(KHERSON, RUSSIA),
        events=[strike("Russia hit Kherson.", location="Kherson", lat=46.6354, lon=32.6169)],
    )
    save(
        "Russia hit Kramatorsk district.",
        source="C",
        published="2023-06-27T11:00:00",
        entities=(KRAMATORSK_AREA, RUSSIA),
        events=[
            strike("Russia hit Kramatorsk district.", location="Kramatorsk district", lat=48.75, lon=37.6)
        ],
    )
    assert resolve_corpus(store.engine).stories == 2
    with store.engine.connect() as conn:
        near = next(s for s in list_stories(conn) if s.location in ("Kramatorsk", "Kramatorsk district"))
    assert near.sources == ["A", "C"]


def test_reports_a_week_apart_are_different_stories(store: Store, save: Any) -> None:
    save(
        "Russia hit Kramatorsk.",
        source="A",
        published="2023-06-20T10:00:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk.", date="2023-06-20")],
    )
    save(
        "Russia hit Kramatorsk again.",
        source="B",
        published="2023-06-27T10:00:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk again.")],
    )
    assert resolve_corpus(store.engine).stories == 2


def test_figures_over_time_keep_every_source_in_report_order(store: Store, save: Any) -> None:
    for text, source, published, n in [
        ("Russia hit Kramatorsk, killing 2 people.", "Suspilne", "2023-06-27T19:00:00", 2),
        ("The strike on Kramatorsk by Russia killed 12 people.", "BBC", "2023-06-29T09:00:00", 12),
        ("The Russian strike on Kramatorsk killed 4 people.", "AP", "2023-06-28T08:00:00", 4),
    ]:
        save(
            text,
            source=source,
            published=published,
            entities=ENTITIES,
            events=[strike(text, killed=killed(n))],
        )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
        again = get_story(conn, story.id)
    figures = [(f.kind, f.min, f.source) for f in again.figures]
    assert figures == [("killed", 2, "Suspilne"), ("killed", 4, "AP"), ("killed", 12, "BBC")]
    assert again.conflicts == []
    assert story.to_json()["figures"][0] == {
        "kind": "killed",
        "min": 2,
        "max": 2,
        "source": "Suspilne",
        "published": "2023-06-27T19:00:00+00:00",
        "document_id": again.figures[0].document_id,
        "running_total": False,
        "claimed_by": None,
        "elsewhere": False,
    }


def test_different_figures_from_two_sources_for_one_moment_are_a_conflict(store: Store, save: Any) -> None:
    save(
        "Russia hit Kramatorsk, killing 4.",
        source="AP",
        published="2023-06-27T19:00:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk, killing 4.", killed=killed(4))],
    )
    save(
        "Russia hit Kramatorsk, killing 9.",
        source="Tass",
        published="2023-06-27T19:30:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk, killing 9.", killed=killed(9))],
    )
    save(
        "Russia hit Kramatorsk, killing at least 3.",
        source="BBC",
        published="2023-06-27T19:20:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk, killing at least 3.", killed=killed(3, None))],
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    assert story.conflicts == [
        {
            "kind": "figures",
            "detail": "killed: AP says 4, Tass says 9",
            "sources": ["AP", "Tass"],
            "documents": sorted({f.document_id for f in story.figures if f.source in ("AP", "Tass")}),
        }
    ]
    assert len(story.figures) == 3


def test_a_toll_rising_through_the_day_is_a_figure_over_time_not_a_conflict(store: Store, save: Any) -> None:
    for text, source, published, n in [
        ("Russia hit a cafe in Kramatorsk, killing 3.", "Suspilne", "2023-06-27T17:00:00", 3),
        ("The toll of the Kramatorsk cafe strike by Russia rose to 6.", "AP", "2023-06-27T20:00:00", 6),
        (
            "Rescuers in Kramatorsk say the Russian strike on the cafe killed 11.",
            "BBC",
            "2023-06-28T07:00:00",
            11,
        ),
        (
            "The Russian strike on a Kramatorsk cafe killed 12, officials say.",
            "Reuters",
            "2023-06-28T12:00:00",
            12,
        ),
    ]:
        save(
            text,
            source=source,
            published=published,
            entities=ENTITIES,
            events=[strike(text, killed=killed(n))],
        )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    assert [f.min for f in story.figures] == [3, 6, 11, 12]
    assert story.conflicts == []
    assert story.summary == "Attack in Kramatorsk, 27 June — up to 12 killed"


def test_two_parties_blaming_each_other_are_the_conflict_of_the_story(store: Store, save: Any) -> None:
    ukraine = Entity("Ukraine", "GPE", country="UA", lat=49.0, lon=32.0)
    for text, source, actor, target in [
        (
            "Ukraine accused Russia of blowing up the Kramatorsk reservoir dam.",
            "Kyiv Independent",
            "Ukraine",
            "Russia",
        ),
        ("Russia accused Ukraine of blowing up the Kramatorsk reservoir dam.", "Tass", "Russia", "Ukraine"),
    ]:
        save(
            text,
            source=source,
            published="2023-06-27T09:00:00",
            entities=(*ENTITIES, ukraine),
            events=[strike(text, type="ACCUSE", actor=actor, target=target, cameo="112")],
        )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    [conflict] = story.conflicts
    assert conflict["kind"] == "blame"
    assert conflict["detail"] == "Russia blames Ukraine; Ukraine blames Russia"
    assert conflict["sources"] == ["Kyiv Independent", "Tass"]


def test_a_denial_against_an_assertion_is_a_conflict(store: Store, save: Any) -> None:
    save(
        "Ukraine said Russia hit Kramatorsk.",
        source="Kyiv Independent",
        published="2023-06-27T19:00:00",
        entities=ENTITIES,
        events=[strike("Ukraine said Russia hit Kramatorsk.")],
    )
    save(
        "Moscow denied striking Kramatorsk.",
        source="Tass",
        published="2023-06-27T21:00:00",
        entities=ENTITIES,
        events=[
            strike("Moscow denied striking Kramatorsk.", type="REJECT", cameo="12"),
            strike("Moscow denied striking Kramatorsk.", certainty="denied"),
        ],
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    [conflict] = story.conflicts
    assert conflict["kind"] == "denial"
    assert conflict["sources"] == ["Russia", "Kyiv Independent"]
    assert conflict["detail"] == "Russia denies what Kyiv Independent asserts"


def test_an_outlets_own_negation_is_no_denial(store: Store, save: Any) -> None:
    save(
        "Russian artillery shelled Kramatorsk, the regional governor said.",
        source="Kyiv Independent",
        published="2023-06-27T19:00:00",
        entities=ENTITIES,
        events=[strike("Russian artillery shelled Kramatorsk, the regional governor said.")],
    )
    save(
        "Russia did not shell the Kramatorsk station on Tuesday, as first feared.",
        source="Novaya Gazeta Europe",
        published="2023-06-27T22:00:00",
        entities=ENTITIES,
        events=[strike("Russia did not shell the Kramatorsk station on Tuesday", certainty="denied")],
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    assert [c for c in story.conflicts if c["kind"] == "denial"] == []


def test_a_denial_contradicts_only_the_deed_it_denies(store: Store, save: Any) -> None:
    ukraine = Entity("Ukraine", "GPE")
    save(
        "Russian missiles hit Kramatorsk overnight, officials said.",
        source="Kyiv Independent",
        published="2023-06-27T08:00:00",
        entities=ENTITIES,
        events=[strike("Russian missiles hit Kramatorsk overnight, officials said.")],
    )
    rejection = "The Kremlin rejected Kyiv's reports of a breakthrough near Kramatorsk."
    save(
        rejection,
        source="Tass",
        published="2023-06-27T09:00:00",
        entities=(*ENTITIES, ukraine),
        events=[
            strike(rejection, type="REJECT", actor="Russia", target="Ukraine", cameo="120"),
            strike(rejection, type="FIGHT", actor="Ukraine", certainty="denied", cameo="190"),
        ],
    )
    advance = "Ukrainian units pushed forward near Kramatorsk."
    save(
        advance,
        source="Ukrainska Pravda",
        published="2023-06-27T10:00:00",
        entities=(*ENTITIES, ukraine),
        events=[strike(advance, type="FIGHT", actor="Ukraine", cameo="190")],
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    denials = [c["detail"] for c in story.conflicts if c["kind"] == "denial"]
    assert denials == ["Russia denies what Ukrainska Pravda asserts"]


def test_events_of_one_document_about_one_strike_join_one_story(store: Store, save: Any) -> None:
    text = "Russia hit Kramatorsk on Tuesday. The attack killed 12 people."
    save(
        text,
        source="AP",
        published="2023-06-27T19:00:00",
        entities=ENTITIES,
        events=[
            strike("Russia hit Kramatorsk on Tuesday."),
            strike(
                "The attack killed 12 people.",
                location=None,
                lat=None,
                lon=None,
                actor=None,
                killed=killed(12),
            ),
        ],
    )
    assert resolve_corpus(store.engine).stories == 1


def test_rebuilding_stories_keeps_ids_groups_and_links(store: Store, save: Any) -> None:
    for text, source, published in [
        ("Russia hit Kramatorsk.", "A", "2023-06-27T10:00:00"),
        ("Russia struck Kramatorsk.", "B", "2023-06-27T12:00:00"),
        ("Russia hit Kramatorsk again.", "C", "2023-07-15T12:00:00"),
    ]:
        save(text, source=source, published=published, entities=ENTITIES, events=[strike(text, date=None)])
    first = resolve_corpus(store.engine)

    def snapshot() -> tuple[Any, ...]:
        with store.engine.connect() as conn:
            return (
                conn.execute(select(t.stories).order_by(t.stories.c.id)).all(),
                conn.execute(select(t.events.c.id, t.events.c.story_id).order_by(t.events.c.id)).all(),
                conn.execute(select(t.story_links).order_by(t.story_links.c.event_id)).all(),
            )

    before = snapshot()
    assert resolve_corpus(store.engine) == first
    assert snapshot() == before
    assert first.stories == 2


def test_timeline_of_a_place_lists_its_events_in_date_order(store: Store, save: Any) -> None:
    save(
        "Russia hit Kramatorsk again.",
        source="B",
        published="2023-06-29T10:00:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk again.", date="2023-06-29")],
    )
    save(
        "Russia hit Kramatorsk.",
        source="A",
        published="2023-06-20T10:00:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk.", date="2023-06-20")],
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        events = timeline(conn, place="Kramatorsk")
        by_actor = timeline(conn, entity="Russia")
    assert [e.date for e in events] == ["2023-06-20", "2023-06-29"]
    assert [e.evidence.text for e in by_actor] == ["Russia hit Kramatorsk.", "Russia hit Kramatorsk again."]
