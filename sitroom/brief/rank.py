"""Which stories a brief is about, and in what order.

On topic: a brief covers the corpus's conflict. The window's main entities are the ones the
events of most outlets name (actor, target or place); its vocabulary is the words most
outlets' headlines use; its parties are the countries those entities belong to (Russia and
Ukraine: "Kremlin", "Kherson" and "Zelensky" count for theirs). A story is on topic when its
events name a main entity or its headlines share the window's vocabulary, and the parties take
a fair share of what its events name; a football transfer or a phone launch does neither, and
a shark attack on a Russian tourist in Egypt names Russia once among many Egyptian places.
One of its headlines must also name the war's own business (a strike, troops, aid, sanctions,
talks, an arrest): a novel set in Russia that Ukrainian readers object to names both parties
in most of its events, and none of its headlines says anything of the war.

Rank: independent outlets first, then severity (the act and its toll), then novelty (a story
the previous brief already held ranks lower). The key developments weigh the outlets by what
the story's lead can say (``brief.weigh``): a concrete act outranks commentary.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sitroom.brief.agree import PLACE_TYPES, countries_named, country_words, is_demonym
from sitroom.brief.facts import EventFact, Name, Report, StoryFact
from sitroom.brief.phrases import phrases
from sitroom.lexicons import load_stopwords

MAIN_ENTITIES = 8
# The conflict's sides: the countries whose entities the events of most stories name.
PARTIES = 2
# A side counts as a party when at least this share as many stories name it as name the first.
PARTY_WEIGHT = 0.25
# The share of a story's events naming anyone (actor, target, place) that must name a party.
PARTY_SHARE = 0.25
MAIN_WORDS = 25
# The share of a story's events naming anyone that must be the war's kinds of act by or to a party
# when its headlines name nothing of the war.
CONFLICT_ACT_SHARE = 0.5
# Headline words a story must share with the window's vocabulary when it names no main entity.
SHARED_WORDS = 2
# A headline word more than this share of the window's reports use says nothing about one story.
COMMON_SHARE = 0.12


def content_words(text: str | None) -> set[str]:
    """Return the words a headline or sentence is about: longer than two letters, no stop words."""
    return {
        w
        for w in re.findall(r"[a-z][a-z'-]+", (text or "").lower())
        if w not in load_stopwords() and len(w) > 2
    }


def _parties(event: EventFact) -> set[int]:
    return {n.id for n in (event.actor, event.target, event.location, event.attributed_to) if n is not None}


def _outlets(event: EventFact, reports: Mapping[str, Report]) -> tuple[str, ...]:
    report = reports.get(event.span.document_id)
    return (report.outlets or (event.span.document_id,)) if report else (event.span.document_id,)


def window_focus(stories: Iterable[StoryFact], reports: Mapping[str, Report]) -> tuple[set[int], set[str]]:
    """Return the window's main entity ids (named by most outlets' events) and its headline
    vocabulary (the words of most stories' headlines, so one much-covered story does not set it)."""
    stories = list(stories)
    entity_outlets: dict[int, set[str]] = defaultdict(set)
    for story in stories:
        for event in story.events:
            for party in _parties(event):
                entity_outlets[party].update(_outlets(event, reports))
    word_stories = _word_stories(stories, reports)
    # Ties go by id and by word, so the focus does not follow the order sets happen to iterate in.
    entities = sorted(entity_outlets, key=lambda k: (-len(entity_outlets[k]), k))[:MAIN_ENTITIES]
    words = sorted(word_stories, key=lambda w: (-word_stories[w], w))[:MAIN_WORDS]
    return set(entities), set(words)


def _named(event: EventFact) -> list[Name]:
    return [n for n in (event.actor, event.target, event.location) if n is not None]


def conflict_parties(stories: Iterable[StoryFact], reports: Mapping[str, Report]) -> frozenset[str]:
    """Return the countries (ISO2) of the window's conflict: those the events of most stories
    name (then of most outlets), so one much-covered story does not set them; at most PARTIES,
    each named by at least PARTY_WEIGHT as many stories as the first."""
    country_stories: Counter[str] = Counter()
    country_outlets: dict[str, set[str]] = defaultdict(set)
    for story in stories:
        named = set()
        for event in story.events:
            for name in _named(event):
                if name.country:
                    named.add(name.country)
                    country_outlets[name.country].update(_outlets(event, reports))
        country_stories.update(named)
    ranked = sorted(country_stories, key=lambda c: (-country_stories[c], -len(country_outlets[c]), c))
    if not ranked:
        return frozenset()
    top = country_stories[ranked[0]]
    return frozenset(c for c in ranked[:PARTIES] if country_stories[c] >= PARTY_WEIGHT * top)


def _names_party(event: EventFact, parties: frozenset[str], bodies: frozenset[int]) -> bool:
    """Whether an event names a party: as its actor, target or place, or one of ``bodies`` (the
    window's main entities that are no country's: an alliance, a mercenary group), or, for a
    measure taken against a side's war effort (``measure_types``: sanctions), in its sentence:
    traders in other countries sanctioned "for supplying Russian drones" are sanctioned over Russia."""
    if any(n.country in parties or n.id in bodies for n in _named(event)):
        return True
    return event.type in phrases().measure_types and bool(countries_named(event.span.text) & parties)


def party_share(story: StoryFact, parties: frozenset[str], bodies: frozenset[int] = frozenset()) -> float:
    """Return the share of the story's events naming anyone that name one of ``parties`` (or of
    ``bodies``, main entities of the window that belong to no country)."""
    naming = [e for e in story.events if _named(e)]
    if not naming:
        return 0.0
    return sum(_names_party(e, parties, bodies) for e in naming) / len(naming)


def stateless_entities(stories: Iterable[StoryFact], entities: set[int]) -> frozenset[int]:
    """Return those of the window's main ``entities`` that no country owns (an alliance, a
    mercenary group), by the names the stories' events give them."""
    names = {n.id: n for s in stories for e in s.events for n in _named(e)}
    return frozenset(
        i for i in entities if i in names and names[i].country is None and names[i].type not in PLACE_TYPES
    )


def main_parties(story: StoryFact, entities: set[int]) -> set[int]:
    """Return the main entities of the window that the events of ``story`` name."""
    return set().union(set(), *(_parties(e) & entities for e in story.events))


def on_topic(
    story: StoryFact, reports: Mapping[str, Report], entities: set[int], words: set[str], wanted: int = 2
) -> bool:
    """Whether a story is about the window's conflict: its events name ``wanted`` of the main
    entities and its headlines share the window's vocabulary (or they name more than
    ``wanted``), or half its headlines name one of them, or one of them is named and the
    headlines share the vocabulary, or the headlines share a lot of it."""
    main = main_parties(story, entities)
    titles = _story_words(story, reports)
    # "Russian" in a headline ties a story to the war no more than a Russian tourist does.
    shared = len((titles & words) - country_words())
    # A main party the headlines name ("Swiss intelligence expects Russia to lean on hackers")
    # ties a story to the conflict; "Russian nationals charged over a hack" does not name it.
    headlines = [r.title or "" for r in _story_reports(story, reports)]
    names = {
        n
        for e in story.events
        for x in (e.actor, e.target, e.location)
        if x and x.id in entities
        for n in x.names
    }
    # Demonyms do not name a party ("Russian tourist", "Russians charged"): only names do.
    names = {
        n for n in names if not is_demonym(n.split()[0]) and not is_demonym(n.split()[0].removesuffix("s"))
    }
    named = sum(any(re.search(rf"\b{re.escape(n)}\b", h) for n in names) for h in headlines)
    return (
        (len(main) >= wanted and (shared >= 1 or len(main) > wanted))
        or (bool(headlines) and named * 2 >= len(headlines))
        or (len(main) == 1 and shared >= SHARED_WORDS)
        or shared >= 2 * SHARED_WORDS + 1
    )


def about_conflict(
    story: StoryFact, reports: Mapping[str, Report], shared: set[str], parties: frozenset[str]
) -> bool:
    """Whether the story is about the conflict itself, not a party named in passing: one of its
    headlines names the war's business (``conflict_words``: a strike, troops, aid, talks, an
    arrest) or shares the window's vocabulary with other stories (``shared``), or at least
    CONFLICT_ACT_SHARE of its events naming anyone are acts of the war's kinds (``conflict_types``:
    force, coercion, aid, sanctions, talks) done by or to a party. A novel set in Russia that
    Ukrainian readers object to has neither; a story with no headline is not judged by it."""
    words = phrases().conflict_words
    titles = [content_words(r.title) for r in _story_reports(story, reports) if r.title]
    if not titles or any(
        w in words or w.removesuffix("s") in words or w in shared for t in titles for w in t
    ):
        return True
    naming = [e for e in story.events if _named(e)]
    acts = [
        e
        for e in naming
        if e.type in phrases().conflict_types
        and any(n is not None and n.country in parties for n in (e.actor, e.target))
    ]
    return bool(naming) and len(acts) >= CONFLICT_ACT_SHARE * len(naming)


def shared_vocabulary(
    stories: Iterable[StoryFact], reports: Mapping[str, Report], words: set[str]
) -> set[str]:
    """Return the words of the window's vocabulary that more than one story's headlines use, less
    the names of countries ("Russia" in a headline says nothing of the war)."""
    used = _word_stories(stories, reports)
    return {w for w in words if used[w] > 1} - country_words()


def common_words(reports: Mapping[str, Report], share: float = COMMON_SHARE) -> frozenset[str]:
    """Return the headline words of more than ``share`` of the window's reports ("ukraine")."""
    counts = Counter(w for r in reports.values() for w in content_words(r.title))
    limit = share * max(1, len(reports))
    return frozenset(w for w, n in counts.items() if n > limit)


def _story_words(story: StoryFact, reports: Mapping[str, Report]) -> set[str]:
    """Return the words of all the story's headlines."""
    return set().union(set(), *(content_words(r.title) for r in _story_reports(story, reports)))


def _word_stories(stories: Iterable[StoryFact], reports: Mapping[str, Report]) -> Counter[str]:
    """Return, for each headline word, how many of ``stories`` use it."""
    counts: Counter[str] = Counter()
    for story in stories:
        counts.update(_story_words(story, reports))
    return counts


def _story_reports(story: StoryFact, reports: Mapping[str, Report]) -> list[Report]:
    ids = dict.fromkeys(e.span.document_id for e in story.events)
    return [reports[d] for d in ids if d in reports]


def severity(story: StoryFact) -> float:
    """Return how grave a story is: its act's severity, plus the log of its largest death toll.

    Only its own toll counts: not the war's count to date, a party's count of its enemy's losses
    or the toll of a town far away (``FigureReport.own_toll``).
    """
    own = [f for f in story.figures if f.own_toll]
    killed = max((f.highest or 0 for f in own if f.kind == "killed"), default=0)
    injured = max((f.highest or 0 for f in own if f.kind == "injured"), default=0)
    return phrases().event(story.type).severity + math.log1p(killed) + 0.5 * math.log1p(injured)


def known_stories(previous: Mapping[str, Any] | None) -> set[str]:
    """Return the keys of the stories the previous brief held (none on a first brief)."""
    return set((previous or {}).get("stories", {}))


def story_score(
    story: StoryFact, known: set[str], weight: float = 1.0, outlets: int | None = None
) -> tuple[float, float]:
    """Return a story's rank: its independent outlets (or ``outlets``, those that report its
    development) times ``weight`` (what its development is worth, ``brief.weigh``), plus a
    quarter of its severity, less 2 when the previous brief already held it; then its severity."""
    if outlets is None:
        outlets = len(story.outlets) or len({e.span.document_id for e in story.events})
    stale = 1.0 if story.key in known else 0.0
    return (outlets * weight + severity(story) / 4 - 2 * stale, severity(story))


def rank_stories(stories: Iterable[StoryFact], previous: Mapping[str, Any] | None = None) -> list[StoryFact]:
    """Rank stories by independent outlets, then severity, then novelty against ``previous``."""
    known = known_stories(previous)
    return sorted(stories, key=lambda s: story_score(s, known), reverse=True)


def brief_stories(
    stories: list[StoryFact], reports: Mapping[str, Report], previous: Mapping[str, Any] | None, topic: bool
) -> list[StoryFact]:
    """Return the stories a brief covers, ranked; ``topic`` (a --topic filter already applied)
    keeps every story, otherwise the off-topic ones are left out."""
    if not topic:
        entities, words = window_focus(stories, reports)
        # Two main entities, unless no story names two (a small corpus about one town).
        wanted = min(2, max((len(main_parties(s, entities)) for s in stories), default=0))
        parties = conflict_parties(stories, reports)
        shared = shared_vocabulary(stories, reports, words)
        bodies = stateless_entities(stories, entities)
        stories = [
            s
            for s in stories
            if on_topic(s, reports, entities, words, wanted)
            and about_conflict(s, reports, shared, parties)
            and (not parties or party_share(s, parties, bodies) >= PARTY_SHARE)
        ]
    return rank_stories(stories, previous)
