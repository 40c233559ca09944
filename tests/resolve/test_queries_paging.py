"""Pages of stories and of an entity's events are cut in SQL and match the full listings."""

from __future__ import annotations

from typing import Any

from builders import KHERSON, KRAMATORSK, RUSSIA, strike

from sitroom.read.entities import get_entity
from sitroom.read.resolver import find_entity
from sitroom.read.stories import list_stories
from sitroom.resolve import resolve_corpus
from sitroom.store.db import Store

STRIKES = (
    # (sentence, place, event date, published): the undated one sorts by its publication day.
    ("Russian shells hit Kherson's port.", KHERSON, "2023-06-29", "2023-06-29T10:00:00"),
    ("A Russian missile hit a restaurant in Kramatorsk.", KRAMATORSK, None, "2023-06-25T18:00:00"),
    ("Russian drones struck a depot in Kherson.", KHERSON, "2023-05-10", "2023-05-11T08:00:00"),
)


def save_strikes(store: Store, save: Any) -> None:
    for sentence, place, day, published in STRIKES:
        save(
            sentence,
            source="Reuters",
            published=published,
            entities=(place, RUSSIA),
            events=[
                strike(
                    sentence,
                    location=place.name,
                    lat=place.lat,
                    lon=place.lon,
                    date=day,
                    date_precision="day" if day else None,
                )
            ],
        )
    resolve_corpus(store.engine)


def test_entity_events_are_paged_by_date_with_undated_ones_at_their_publication_day(
    store: Store, save: Any
) -> None:
    save_strikes(store, save)
    with store.engine.connect() as conn:
        everything = get_entity(conn, "Russia")
        first = get_entity(conn, "Russia", limit=2)
        last = get_entity(conn, "Russia", limit=2, offset=2)
        beyond = get_entity(conn, "Russia", limit=2, offset=5)
    assert [e.evidence.text for e in everything.events] == [STRIKES[2][0], STRIKES[1][0], STRIKES[0][0]]
    assert [e.id for e in first.events + last.events] == [e.id for e in everything.events]
    assert everything.events_total == first.events_total == last.events_total == beyond.events_total == 3
    assert beyond.events == []
    assert first.to_json()["events_total"] == 3


def test_stories_are_paged_in_the_order_of_the_full_list(store: Store, save: Any) -> None:
    save_strikes(store, save)
    with store.engine.connect() as conn:
        everything = list_stories(conn)
        pages = [list_stories(conn, limit=2, offset=n) for n in (0, 2)]
        in_kherson = list_stories(conn, place="Kherson", limit=1, offset=1)
    assert len(everything) == 3
    assert [s.id for page in pages for s in page] == [s.id for s in everything]
    assert [len(page) for page in pages] == [2, 1]
    assert [len(s.events) for page in pages for s in page] == [len(s.events) for s in everything]
    assert [s.location for s in in_kherson] == ["Kherson"]
    assert in_kherson[0].id == [s.id for s in everything if s.location == "Kherson"][1]


def test_find_entity_accepts_an_id_a_name_or_an_alias_in_any_case(store: Store, save: Any) -> None:
    save_strikes(store, save)
    with store.engine.connect() as conn:
        russia = find_entity(conn, "russia")
        assert find_entity(conn, str(russia)) == find_entity(conn, russia) == russia
        assert get_entity(conn, russia).name == "Russia"
