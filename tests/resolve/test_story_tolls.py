"""A story's toll line gives its own happening's dead: no war-wide total, no party's count of
enemy losses as a toll, no toll of another town; a rising toll stays "up to N killed"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from builders import KHERSON, RUSSIA, killed, strike

import sitroom
from sitroom.model import Entity, FigureReport
from sitroom.read.stories import StoryFilters, find_stories, get_story, list_stories
from sitroom.read.views import StoryView
from sitroom.resolve import resolve_corpus
from sitroom.resolve.stories.conflicts import ReportedEvent, figure_reports
from sitroom.resolve.stories.title import headline_text, toll_text
from sitroom.store.db import Store
from sitroom.web.pages import latest_figures, latest_killed

ODESA = Entity("Odesa", "GPE", country="UA", lat=46.4825, lon=30.7233)
UKRAINE = Entity("Ukraine", "GPE", country="UA", lat=49.0, lon=32.0)
VUHLEDAR = Entity("Vuhledar", "GPE", country="UA", lat=47.7793, lon=37.2494)


def kherson_strike(sentence: str, **fields: Any) -> dict[str, Any]:
    return strike(sentence, location="Kherson", lat=46.6354, lon=32.6169, date="2023-08-14", **fields)


def vuhledar_strike(sentence: str, **fields: Any) -> dict[str, Any]:
    return strike(sentence, location="Vuhledar", lat=47.7793, lon=37.2494, **fields)


def only_story(store: Store) -> StoryView:
    """Build the stories of what was saved and return the one story they make."""
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [story] = list_stories(conn)
    return story


def figure(n: int, hour: int, **fields: Any) -> FigureReport:
    when = datetime(2023, 8, 14, hour, tzinfo=UTC)
    return FigureReport("killed", n, n, "AP", when, f"d{hour}", f"e{hour}", **fields)


def test_a_war_wide_total_in_a_report_of_a_strike_is_no_toll_of_the_strike(store: Store, save: Any) -> None:
    first = "Russian artillery hit the covered market of Kherson on Monday morning, killing 5 shoppers."
    total = "Regional officials say 812 civilians of the region have been killed since the invasion began."
    second = f"Shelling struck the Kherson covered market on Monday. {total}"
    save(
        first,
        source="Suspilne",
        published="2023-08-14T09:00:00",
        entities=(KHERSON, RUSSIA),
        events=[kherson_strike(first, killed=killed(5))],
    )
    save(
        second,
        source="AP",
        published="2023-08-14T11:00:00",
        entities=(KHERSON, RUSSIA),
        events=[
            kherson_strike(second.split(". ")[0] + "."),
            kherson_strike(total, cumulative_killed=killed(812)),
        ],
    )
    story = only_story(store)
    assert story.summary == "Attack in Kherson, 14 August — 5 killed"
    # The total is kept, as a figure of its source, and marked as the war's count to date.
    assert [(f.min, f.running_total) for f in story.figures] == [(5, False), (812, True)]
    assert story.conflicts == []


def test_every_listing_shows_a_war_total_as_the_wars_count_to_date(store: Store, save: Any) -> None:
    first = "A Russian glide bomb hit a Kherson school on Monday, killing 3 teachers."
    total = "Since February 2022, 1,140 teachers across Ukraine have been killed, the ministry says."
    save(
        first,
        source="Suspilne",
        published="2023-08-14T09:00:00",
        entities=(KHERSON, RUSSIA),
        events=[kherson_strike(first, killed=killed(3))],
    )
    span = "1,140 teachers across Ukraine have been killed"  # extraction read it as the war's count
    save(
        f"A glide bomb struck a school in Kherson. {total}",
        source="AP",
        published="2023-08-14T11:00:00",
        entities=(KHERSON, RUSSIA),
        events=[kherson_strike(span, cumulative_killed=killed(1140))],
    )
    resolve_corpus(store.engine)
    with store.engine.connect() as conn:
        [listed] = list_stories(conn)
        [found], _ = find_stories(conn, StoryFilters())  # the home page's and the API's listing
        one = get_story(conn, listed.id)
    for story in (listed, found, one):
        assert [(f.min, f.running_total) for f in story.figures] == [(3, False), (1140, True)]
    assert latest_killed(found) == 3


def test_a_partys_count_of_enemy_dead_is_shown_as_its_claim(store: Store, save: Any) -> None:
    claim = "Russia said its artillery had killed 340 Ukrainian soldiers near Vuhledar over the weekend."
    save(
        claim,
        source="Tass",
        published="2023-08-14T10:00:00",
        entities=(VUHLEDAR, RUSSIA),
        events=[
            vuhledar_strike(
                claim,
                type="FIGHT",
                date="2023-08-13",
                attributed_to="Russia",
                killed=killed(340),
            )
        ],
    )
    story = only_story(store)
    assert [f.claimed_by for f in story.figures] == ["Russia"]
    assert story.summary is not None and story.summary.endswith("— Russia claims 340 killed")


def test_a_side_counting_its_own_dead_is_no_claim_of_enemy_losses(store: Store, save: Any) -> None:
    own = "Ukraine said a Russian glide bomb killed 4 Ukrainian soldiers at a base near Vuhledar."
    save(
        own,
        source="Kyiv Independent",
        published="2023-08-14T10:00:00",
        entities=(VUHLEDAR, UKRAINE),
        events=[
            vuhledar_strike(
                own,
                date="2023-08-14",
                attributed_to="Ukraine",
                killed=killed(4),
            )
        ],
    )
    story = only_story(store)
    assert [f.claimed_by for f in story.figures] == [None]
    assert story.summary == "Attack in Vuhledar, 14 August — 4 killed"


def test_the_toll_of_a_strike_on_another_town_is_not_the_storys_toll(store: Store, save: Any) -> None:
    first = "A Russian drone hit a bus stop in Kherson on Monday, killing 2 people."
    odesa = "Elsewhere, missiles struck the port of Odesa, where 9 dockers died."
    second = f"A Russian drone hit a Kherson bus stop on Monday morning. {odesa}"
    entities = (KHERSON, RUSSIA, ODESA)
    save(
        first,
        source="Reuters",
        published="2023-08-14T09:00:00",
        entities=entities,
        events=[kherson_strike(first, killed=killed(2))],
    )
    save(
        second,
        source="BBC",
        published="2023-08-14T12:00:00",
        entities=entities,
        events=[
            kherson_strike(second.split(". ")[0] + "."),
            strike(odesa, location="Odesa", lat=46.4825, lon=30.7233, date="2023-08-14", killed=killed(9)),
        ],
    )
    story = only_story(store)
    assert story.summary == "Attack in Kherson, 14 August — 2 killed"
    assert [(f.min, f.elsewhere) for f in story.figures if f.kind == "killed"] == [(2, False), (9, True)]
    assert latest_figures(story) == {"killed": "2 (Reuters)"}  # the home page's "Latest killed"
    assert latest_killed(story) == 2  # its casualty chart


def test_a_rising_toll_reads_up_to_its_highest_and_leaves_claims_out() -> None:
    figures = [
        figure(2, 8),
        figure(150, 9, claimed_by="Ukraine"),
        figure(7, 10),
        figure(9, 13),
        figure(6000, 14, running_total=True),
    ]
    assert toll_text(figures) == "up to 9 killed"
    assert toll_text([figure(3, 8), figure(3, 9)]) == "3 killed"
    assert toll_text([figure(2, 8), figure(1, 9), figure(8, 15)]) == "up to 8 killed"
    assert toll_text([figure(2, 8), figure(3, 9), figure(420, 10)]) == "up to 3 killed"
    assert toll_text([figure(150, 9, claimed_by="Ukraine")]) == "Ukraine claims 150 killed"
    assert toll_text([figure(6000, 14, running_total=True)]) is None


def test_a_war_wide_count_read_by_extraction_is_the_storys_count_to_date() -> None:
    when = datetime(2023, 8, 14, 9, tzinfo=UTC)
    for sentence in (
        "Seventy nurses have died during war, the health ministry says.",
        "Seventy nurses have died during Moscow's 20-month war, the health ministry says.",
        "The invasion, now in its third year, has killed 70 nurses, the health ministry says.",
    ):
        [event] = sitroom.analyze(sentence).events
        assert event.killed is None and event.cumulative_killed == killed(70)
        reported = ReportedEvent(
            "e",
            "d",
            (("AP", when),),
            None,
            None,
            "asserted",
            False,
            cumulative_killed=event.cumulative_killed,
        )
        [figure] = figure_reports([reported])
        assert (figure.min, figure.running_total, figure.own_toll) == (70, True, False)


def test_a_storys_title_leaves_out_a_byline_or_section_label_after_a_bar(store: Store, save: Any) -> None:
    text = "Sappers cleared 40 mines from a wheat field near Izium on Monday, the regional police said."
    save(
        text,
        source="The Guardian",
        published="2023-08-14T09:00:00",
        title="Sappers clear a wheat field of mines near Izium | Olena Hrytsenko",
    )
    story = only_story(store)
    assert story.title == "Sappers clear a wheat field of mines near Izium"
    assert headline_text("Night trains | from Kharkiv to Lviv in eleven hours") == (
        "Night trains | from Kharkiv to Lviv in eleven hours"
    )
