"""Which hedged claims the brief lists, and a window focus that does not depend on set order."""

from __future__ import annotations

from datetime import UTC, datetime

from sitroom.brief.facts import ClaimFact, EventFact, Name, Report, Span, StoryFact
from sitroom.brief.rank import window_focus
from sitroom.brief.sections.claims import conflict_claims

ALDORIA = Name(1, "Aldoria", "GPE", country="AL")
BRENNA = Name(2, "Brenna", "GPE", country="BR")
MINISTRY = Name(3, "Aldorian Ministry of Defence", "ORG", country="AL")


def _event(document: str, story: int, text: str) -> EventFact:
    return EventFact(
        f"e-{document}", "ASSAULT", Span(document, 0, len(text), text), ALDORIA, BRENNA, None, None,
        "2031-03-04", None, None, None, "asserted", False, story,
    )  # fmt: skip


def _story(story: int, *events: EventFact) -> StoryFact:
    return StoryFact(f"story:{story}", None, "ASSAULT", events, (), ("Outlet",))


def _claim(document: str, text: str, certainty: str, by: Name | None, about: Name | None) -> ClaimFact:
    return ClaimFact(
        f"c-{document}-{len(text)}",
        text,
        certainty,
        "positive",
        Span(document, 0, len(text), text),
        about,
        by,
    )


WAR = _story(1, _event("war-1", 1, "Aldoria shelled the Brennan port of Keld."))
PHONES = _story(2, _event("phones-1", 2, "A phone maker launched a folding handset."))


def test_a_writers_unattributed_guess_in_a_report_on_something_else_is_left_out() -> None:
    text = "The launch was perhaps overshadowed by fears about the war Aldoria started"
    guess = _claim("phones-1", text, "speculated", None, ALDORIA)
    chosen = conflict_claims([guess], [WAR], [WAR, PHONES])
    assert chosen == []


def test_a_guess_in_one_of_the_briefs_stories_is_kept_only_with_who_makes_it() -> None:
    sourced = _claim(
        "war-1",
        "Aldoria may have used cluster munitions on the port, Brennan officials said",
        "speculated",
        None,
        ALDORIA,
    )
    # The writer's own reading of the fighting names a party but no one who holds it.
    writers = _claim(
        "war-1", "They appear to be probing Aldoria's lines before a larger push", "speculated", None, ALDORIA
    )
    by_party = _claim("war-1", "Keld's harbour was probably mined overnight", "believed", BRENNA, ALDORIA)
    assert conflict_claims([sourced, writers, by_party], [WAR], [WAR, PHONES]) == [sourced, by_party]


def test_a_named_party_denying_something_in_another_report_is_kept() -> None:
    denial = _claim(
        "phones-1", "The ministry denied that its units fired at the port", "denied", MINISTRY, ALDORIA
    )
    assert conflict_claims([denial], [WAR], [WAR, PHONES]) == [denial]


def test_a_writers_guess_in_a_report_with_no_story_is_left_out_but_a_named_speaker_is_kept() -> None:
    guess = _claim(
        "loose-1", "The economy is likely slowing, hobbled by Aldoria's war", "believed", None, ALDORIA
    )
    said = _claim(
        "loose-2", "Brenna believes Aldoria is moving troops to the border", "believed", BRENNA, ALDORIA
    )
    assert conflict_claims([guess, said], [WAR], [WAR, PHONES]) == [said]


def _headline_story(story: int, document: str) -> StoryFact:
    return _story(story, _event(document, story, "Aldoria shelled Keld."))


def test_the_windows_words_do_not_depend_on_the_order_stories_come_in() -> None:
    # Every word is in exactly one story's headline: all tie, and the focus keeps the first
    # words in alphabetical order whatever order the stories and their words arrive in.
    words = [f"word{chr(97 + i)}{chr(97 + j)}" for i in range(8) for j in range(8)]
    reports = {
        f"d{n}": Report(
            f"d{n}", " ".join(words[n * 4 : n * 4 + 4]), None, datetime(2031, 3, 4, tzinfo=UTC), ("O",)
        )
        for n in range(16)
    }
    stories = [_headline_story(n, f"d{n}") for n in range(16)]
    forward = window_focus(stories, reports)
    backward = window_focus(list(reversed(stories)), reports)
    assert forward == backward
    assert sorted(forward[1]) == sorted(words)[: len(forward[1])]


def test_a_sourced_guess_in_a_report_with_no_story_counts_when_its_headline_is_on_the_war() -> None:
    text = "Aldoria may be short of shells for its guns by spring, Brennan analysts said"
    guess = _claim("loose-1", text, "speculated", None, ALDORIA)
    assert conflict_claims([guess], [WAR], [WAR, PHONES], topical={"loose-1"}) == [guess]
    assert conflict_claims([guess], [WAR], [WAR, PHONES], topical={"loose-2"}) == []
