"""Key developments are ranked by what an analyst leads with: a concrete act by a party (aid
given, forces moved, sanctions imposed, a strike with its toll) before commentary, the words of
people who hold no office in the conflict, and round-ups, even when more outlets carry those.
Every story here is invented; none is a story of the dev data."""

from __future__ import annotations

from pathlib import Path

from brief_corpus import document, evidence
from test_lead_classes import developments, stories

from sitroom.brief import write_brief
from sitroom.brief.compose import surface
from sitroom.brief.facts import Name
from sitroom.brief.sections.developments import LEAD_QUOTE_CHARS, short_quote
from sitroom.brief.weigh import (
    COMMENTARY,
    CONCRETE,
    QUOTED,
    SAID,
    is_roundup,
    lead_weight,
    quotes_an_official,
    speaks_without_office,
)
from sitroom.model import Analysis, Bounds, Entity, Event, Money

RUSSIA = Entity("Russia", "GPE", country="RU")
UKRAINE = Entity("Ukraine", "GPE", country="UA")
BELARUS = Entity("Belarus", "GPE", country="BY")
CANADA = Entity("Canada", "GPE", country="CA")
MOLDOVA = Entity("Moldova", "GPE", country="MD")
QUILL = Entity("Marta Quill", "PERSON", aliases=("Quill",))
ODESA = Entity("Odesa", "GPE", country="UA")
KHERSON = Entity("Kherson", "GPE", country="UA")
ENTITIES = (RUSSIA, UKRAINE, BELARUS, CANADA, MOLDOVA, QUILL, ODESA, KHERSON)
OUTLETS = ("Harbour Gazette", "Northern Courier", "Plains Herald", "Coastal Times", "Valley Wire")


def report(outlet: str, published: str, title: str, text: str, *events: Event) -> Analysis:
    return Analysis(
        document(text, outlet, published, title), entities=ENTITIES, events=events, extractor_version="test"
    )


def event(kind: str, text: str, start: str, **roles: object) -> Event:
    return Event(kind, evidence(text, start), trigger="x", **roles)  # type: ignore[arg-type]


def shells_package(outlet: str) -> Analysis:
    text = "Canada pledged $640 million in artillery shells to Ukraine on Tuesday, its defence minister said."
    aid = event(
        "AID", text, "Canada pledged", actor="Canada", target="Ukraine",
        money=Money(640_000_000, "USD", 640_000_000), date="2023-08-15", date_precision="day",
    )  # fmt: skip
    return report(outlet, "2023-08-15T12:00:00+03:00", "Canada sends shells worth $640m to Kyiv", text, aid)


def candidate_warning(outlet: str) -> Analysis:
    text = (
        "Senate hopeful Marta Quill warned on Monday that Russia would attack Moldova next unless "
        "Ukraine won the war, in a speech to supporters."
    )
    warning = event("THREATEN", text, "Senate hopeful", actor="Marta Quill", target="Russia")
    return report(
        outlet, "2023-08-14T20:00:00+03:00", "Senate hopeful says Russia could attack Moldova", text, warning
    )


def test_a_weapons_package_outranks_a_candidates_warning_that_more_outlets_quote(tmp_path: Path) -> None:
    # Three outlets quote the candidate, two report the package (more would make the story's
    # headline words common to the whole small window).
    package = [shells_package(o) for o in OUTLETS[:2]]
    warning = [candidate_warning(o) for o in OUTLETS[2:]]
    listed = developments(write_brief(stories(tmp_path, [warning, package])))
    first = next(i for i, d in enumerate(listed) if "$640 million" in d)
    quill = [i for i, d in enumerate(listed) if "Quill" in d]
    assert listed[first].startswith("On 15 August, Canada pledged $640 million"), listed[first]
    assert quill and all(first < i for i in quill), listed


def warheads_moved(outlet: str) -> Analysis:
    text = "Russia moved Iskander launchers into Belarus on Wednesday, the Belarusian defence ministry said."
    moved = event(
        "MOBILIZE", text, "Russia moved", actor="Russia", location="Belarus", date="2023-08-16",
        date_precision="day",
    )  # fmt: skip
    return report(outlet, "2023-08-16T10:00:00+03:00", "Russian launchers arrive in Belarus", text, moved)


def border_talks(outlet: str) -> Analysis:
    text = "Ukraine held talks with Moldova on Thursday about reopening two border crossings, officials said."
    talks = event("CONSULT", text, "Ukraine held", actor="Ukraine", target="Moldova", date="2023-08-17")
    return report(
        outlet, "2023-08-17T18:00:00+03:00", "Kyiv and Chisinau discuss border crossings", text, talks
    )


def test_forces_moved_into_another_country_outrank_talks_more_outlets_carry(tmp_path: Path) -> None:
    moved = [warheads_moved(o) for o in OUTLETS[:2]]
    talks = [border_talks(o) for o in OUTLETS[2:]]
    listed = developments(write_brief(stories(tmp_path, [talks, moved])))
    launchers = next(i for i, d in enumerate(listed) if "Iskander" in d)
    crossings = [i for i, d in enumerate(listed) if "Moldova" in d]
    assert crossings and all(launchers < i for i in crossings), listed


def toll_report(outlet: str, published: str, text: str, start: str, killed: Bounds) -> Analysis:
    # Resolution typed the story by its first event, the relief sent after the collapse.
    relief = event("AID", text, start, actor="Ukraine", target="Odesa", killed=killed, date="2023-08-18")
    title = f"Zatoka bridge collapse: death toll rises ({outlet})"
    return report(outlet, published, title, text, relief)


def test_a_casualty_line_names_the_story_as_its_headlines_do(tmp_path: Path) -> None:
    early = "Two people died when the Zatoka bridge fell into the estuary, rescuers said."
    late = "Five people were killed when the Zatoka bridge fell, police said on Friday."
    first = toll_report("Harbour Gazette", "2023-08-18T09:00:00+03:00", early, "Two people", Bounds(2, 2))
    later = toll_report("Coastal Times", "2023-08-18T19:00:00+03:00", late, "Five people", Bounds(5, 5))
    brief = write_brief(stories(tmp_path, [[first, later]]))
    lines = [s.text for s in next(s for s in brief.sections if s.key == "casualties").sentences]
    assert any("the Zatoka bridge story" in line for line in lines), lines
    assert not any("the aid" in line for line in lines), lines


def test_a_lead_quote_is_cut_after_a_clause_that_fits() -> None:
    long = (
        "The regional council of the port city said on Thursday that the grain terminal would stay shut, "
        "as inspectors counted the damage from the night's drones, which had set two silos on fire and "
        "cut the power to the cranes along the whole northern quay"
    )
    cut = short_quote(long)
    assert len(cut) <= LEAD_QUOTE_CHARS + 1 and cut.endswith("…"), cut
    assert long.startswith(cut.removesuffix("…")), cut
    assert short_quote("The terminal stayed shut") == "The terminal stayed shut"


def test_who_speaks_and_what_a_headline_is_decide_the_weight() -> None:
    assert speaks_without_office("According to X, “Presidential candidate Jo Brandt said the aid must stop”")
    assert speaks_without_office("First reported on 2 May: former ambassador Lena Vos argued for talks")
    assert not speaks_without_office("On 2 May, Defence Minister Lena Vos announced new aid")
    assert is_roundup("The war this week: what we know") and is_roundup("Opinion: the West must talk")
    assert not is_roundup("Canada pledges shells to Ukraine")
    assert quotes_an_official(
        "First reported on 3 May: according to X, “Drones hit a depot, the Kremlin said”"
    )
    quote = "First reported on 3 May: according to X, “A report claimed the depot burned”"
    assert not quotes_an_official(quote)
    deed = "On 3 May, Canada pledged $50 million in aid to Ukraine"
    talks = "On 3 May, Ukraine held talks with Moldova"
    visit = "On 3 May, Jo Brandt met the French president"
    weights = [
        lead_weight(deed, True, True, []),
        lead_weight(talks, False, True, []),
        lead_weight(quote, False, False, ["Depot burns"]),
        lead_weight(visit, False, False, []),
    ]
    assert weights == [CONCRETE, SAID, QUOTED, COMMENTARY]
    assert weights == sorted(weights, reverse=True)


def test_a_body_after_its_owners_name_takes_no_article() -> None:
    committee = Name(7, "Border Commission", "ORG")
    assert surface(committee, "Poland's Border Commission closed the crossing.") == "Border Commission"
    assert surface(committee, "Border Commission closed the crossing.") == "the Border Commission"
