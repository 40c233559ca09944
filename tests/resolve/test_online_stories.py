"""Stories built online: each document joins the best active story as it arrives, or opens one."""

from __future__ import annotations

from datetime import date
from typing import Any

from builders import KHERSON, KRAMATORSK, RUSSIA, report, strike
from builders import passage as story_passage
from sqlalchemy import event, func, select

from sitroom.model import Entity
from sitroom.read.stories import get_story, list_stories
from sitroom.resolve import resolve_corpus
from sitroom.resolve.stories import assign_documents, forget_document, settle
from sitroom.resolve.stories.cluster import candidates
from sitroom.resolve.stories.features import (
    FEATURES,
    VETOES,
    WEIGHTS,
    Profile,
    Stats,
    judge,
    out_of_window,
    places_apart,
    vector,
)
from sitroom.resolve.stories.load import Passage, passage_spans
from sitroom.store import schema as t
from sitroom.store.db import Store

ENTITIES = (KRAMATORSK, RUSSIA)


def passage(
    day: date, towns: tuple[tuple[str, float, float], ...] = (), words: str = "strike cafe"
) -> Passage:
    """A passage of one day with no event types: only words, towns and the day count."""
    return story_passage(towns, (), words, day=day)


def story_ids(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.story_documents.c.document_id, t.story_documents.c.story_id)).all()
    return {doc: story for doc, story in rows}


def test_every_feature_is_declared_with_a_weight_and_gives_a_reason() -> None:
    story = Profile.empty()
    story.add(passage(date(2023, 6, 27), (("kramatorsk", 48.72, 37.56),)), {"strike": 1.0, "cafe": 1.0})
    new = passage(date(2023, 6, 28), (("kramatorsk", 48.72, 37.56),))
    stats = Stats(10, {})
    judged = judge(new, vector(new, stats), story, stats)
    assert judged is not None
    score, matches = judged
    assert [m.feature for m in matches] == [f.__name__ for f in FEATURES] == list(WEIGHTS)
    assert all(m.reason for m in matches)
    assert score == sum(m.score * m.weight for m in matches)
    assert next(m for m in matches if m.feature == "town").reason == "same town: kramatorsk"


def test_a_report_a_week_after_the_story_or_in_a_far_town_is_vetoed() -> None:
    story = Profile.empty()
    story.add(passage(date(2023, 6, 27), (("kramatorsk", 48.72, 37.56),)), {"strike": 1.0})
    late = passage(date(2023, 7, 4), (("kramatorsk", 48.72, 37.56),))
    far = passage(date(2023, 6, 27), (("odesa", 46.48, 30.72),))
    near = passage(date(2023, 6, 28), (("sloviansk", 48.85, 37.6),))
    assert out_of_window(late, story) == "dates 7 days apart"
    assert places_apart(far, story) == "places apart (odesa vs kramatorsk, over 150 km)"
    assert not any(veto(near, story) for veto in VETOES)
    stats = Stats(10, {})
    assert judge(late, vector(late, stats), story, stats) is None


def test_a_document_without_events_gets_a_story_titled_by_its_headline(store: Store, save: Any) -> None:
    save(
        "Apple showed its new headset to developers in California.",
        source="The Verge",
        published="2023-06-05T18:00:00",
        title="Apple unveils its Vision Pro headset",
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    assert story.title == "Apple unveils its Vision Pro headset"
    assert story.outlet == "The Verge"
    assert [d.title for d in story.documents] == ["Apple unveils its Vision Pro headset"]
    assert story.events == []


def test_a_later_report_joins_the_story_without_touching_earlier_members(store: Store, save: Any) -> None:
    first, _ = save(
        "A Russian missile hit a cafe in Kramatorsk on Tuesday evening.",
        source="Reuters",
        published="2023-06-27T18:00:00",
        title="Russian missile hits cafe in Kramatorsk",
        entities=ENTITIES,
        events=[strike("A Russian missile hit a cafe in Kramatorsk on Tuesday evening.")],
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        before = conn.execute(select(t.story_documents)).all()
    second, _ = save(
        "Rescuers searched the rubble of the cafe in Kramatorsk hit by a Russian missile.",
        source="BBC",
        published="2023-06-28T08:00:00",
        title="Rescuers search cafe rubble in Kramatorsk after missile strike",
        entities=ENTITIES,
        events=[strike("Rescuers searched the rubble of the cafe in Kramatorsk hit by a Russian missile.")],
    )
    resolve_corpus(store.engine)
    ids = story_ids(store)
    assert ids[first.id] == ids[second.id]
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.story_documents).where(t.story_documents.c.document_id == first.id)
        ).all()
        story = get_story(conn, ids[first.id])
    assert rows == before  # the first member was not compared again
    assert story.sources == ["BBC", "Reuters"]
    assert story.outlets == 2


def test_candidates_come_only_from_stories_in_the_time_window(store: Store, save: Any) -> None:
    for n in range(5):
        save(
            f"Russia shelled Kherson port number {n}.",
            source="AP",
            published=f"2023-06-0{n + 1}T10:00:00",
            entities=(KHERSON, RUSSIA),
            events=[strike(f"Russia shelled Kherson port number {n}.", location="Kherson", date=None)],
        )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        keys = list(conn.execute(select(t.story_keys.c.key).distinct()).scalars())
        in_june = candidates(conn, keys, date(2023, 6, 3), date(2023, 6, 3))
        in_july = candidates(conn, keys, date(2023, 7, 20), date(2023, 7, 20))
    assert in_june and in_july == []


def test_a_round_up_passage_joins_the_story_it_reports(store: Store, save: Any) -> None:
    strike_text = "A Russian missile hit a cafe in Kramatorsk on Tuesday evening, officials said."
    save(
        strike_text,
        source="Reuters",
        published="2023-06-27T18:00:00",
        title="Russian missile hits cafe in Kramatorsk",
        entities=ENTITIES,
        events=[strike(strike_text)],
    )
    iskander = "The missile that hit a cafe in Kramatorsk on Tuesday evening was an Iskander, officials said."
    blog = (
        "Ukraine war live: the latest from the front\n"
        f"{iskander}\n"
        "Separately, the parliament in Kyiv voted on a new budget for schools and hospitals this year."
    )
    document, _ = save(
        blog,
        source="The Guardian",
        published="2023-06-27T21:00:00",
        title="Ukraine war live: the latest from the front",
        entities=ENTITIES,
        events=[strike(iskander)],
    )
    assert len(passage_spans(document.title, blog)) == 2  # the title line is too short to be one
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.story_documents.c.passage, t.story_documents.c.story_id)
            .where(t.story_documents.c.document_id == document.id)
            .order_by(t.story_documents.c.passage)
        ).all()
        stories = {s.id: s for s in list_stories(conn)}
    by_passage = dict(rows)
    cafe = next(s for s in stories.values() if s.title == "Russian missile hits cafe in Kramatorsk")
    assert by_passage[1] == cafe.id
    assert by_passage[2] != cafe.id
    assert cafe.sources == ["Reuters", "The Guardian"]


def test_stories_are_ranked_by_outlets_then_severity_and_recency(store: Store, save: Any) -> None:
    for source in ("AP", "BBC", "Reuters"):
        text = f"A Russian missile hit a cafe in Kramatorsk on Tuesday, {source} reported."
        save(
            text,
            source=source,
            published="2023-06-27T18:00:00",
            title="Russian missile hits cafe in Kramatorsk",
            entities=ENTITIES,
            events=[strike(text)],
        )
    save(
        "Apple showed a headset.", source="The Verge", published="2023-06-28T18:00:00", title="Apple headset"
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        ranked = list_stories(conn)
    assert [s.title for s in ranked] == ["Russian missile hits cafe in Kramatorsk", "Apple headset"]
    assert ranked[0].rank is not None and ranked[1].rank is not None and ranked[0].rank > ranked[1].rank
    assert ranked[0].to_json()["rank"] == ranked[0].rank


def test_forgetting_a_document_rebuilds_what_it_leaves(store: Store, save: Any) -> None:
    a, _ = save(
        "Apple showed a headset.", source="The Verge", published="2023-06-05T18:00:00", title="Apple headset"
    )
    b, _ = save(
        "Russia hit Kramatorsk.",
        source="AP",
        published="2023-06-27T10:00:00",
        entities=ENTITIES,
        events=[strike("Russia hit Kramatorsk.")],
    )
    touched = assign_documents(store.engine, [a.id, b.id])
    settle(store.engine, touched)
    with store.engine.begin() as conn:
        forget_document(conn, a.id)
    settle(store.engine, [])
    with store.engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(t.stories)).scalar_one()
        terms = conn.execute(select(t.term_counts.c.documents).where(t.term_counts.c.key == "")).scalar_one()
    assert count == 1 and terms == 1
    assert list(story_ids(store)) == [b.id]


def test_the_same_reports_arriving_in_another_order_make_the_same_stories(tmp_path: Any) -> None:
    # A chain of three reports: the first and last share little, the middle one shares much
    # with both. Placed as they come, the order decides whether the chain is one story or two;
    # placed by publication time, it never does.
    texts = [
        (
            "Missile hits pizza restaurant in Kramatorsk",
            "A Russian missile hit a pizza restaurant in Kramatorsk.",
        ),
        (
            "Rescuers search restaurant rubble",
            "Rescuers search the rubble of the pizza restaurant for survivors.",
        ),
        (
            "Survivors pulled from rubble overnight",
            "Rescuers pulled two survivors from the rubble overnight.",
        ),
    ]
    groupings = []
    for name, order in (("forward", (0, 1, 2)), ("backward", (2, 0, 1))):
        store = Store.open(str(tmp_path / f"{name}.db"))
        ids = []
        for n, (title, text) in enumerate(texts):
            document, analysis = report(
                text,
                source=f"Outlet {n}",
                published=f"2023-06-27T1{n}:00:00",
                title=title,
                entities=ENTITIES,
                events=[strike(text)],
            )
            store.save(document, analysis)
            ids.append(document.id)
        settle(store.engine, assign_documents(store.engine, [ids[i] for i in order]))
        found = story_ids(store)
        groupings.append(
            sorted(sorted(n for n, i in enumerate(ids) if found[i] == s) for s in set(found.values()))
        )
    assert groupings[0] == groupings[1]


def test_placing_a_report_takes_as_many_sql_statements_in_a_small_corpus_as_in_a_larger_one(
    store: Store, save: Any
) -> None:
    def strike_report(n: int, town: Entity) -> str:
        text = f"Russian drones hit a depot in {town.name} on night {n}, the governor said."
        document, _ = save(
            text,
            source=f"Outlet {n % 3}",
            published=f"2023-06-{10 + n:02d}T08:00:00",
            title=f"Drones hit {town.name} depot",
            entities=(town, RUSSIA),
            events=[
                strike(text, location=town.name, lat=town.lat, lon=town.lon, date=f"2023-06-{10 + n:02d}")
            ],
        )
        return document.id

    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    counts = []
    for corpus in (2, 12):
        assign_documents(
            store.engine, [strike_report(n, KHERSON if n % 2 else KRAMATORSK) for n in range(corpus)]
        )
        new = strike_report(corpus + 1, KRAMATORSK)
        statements.clear()
        assign_documents(store.engine, [new])
        counts.append(len(statements))
    # Two transactions; the document's day; is it placed; its text, outlets, names, events and
    # term counts; the candidate stories and their profiles; its membership, the story row, its
    # keys (read, then written when new), its events and their links; the term counts.
    assert counts[0] == counts[1] <= 18
