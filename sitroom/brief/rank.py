"""Which stories a brief is about, and in what order.

On topic: a brief covers the corpus's conflict. The window's main entities are the ones the
events of most outlets name (actor, target or place); its vocabulary is the words most
outlets' headlines use. A story is on topic when its events name a main entity or its
headlines share the window's vocabulary; a football transfer or a phone launch does neither.

Rank: independent outlets first, then severity (the act and its toll), then novelty (a story
the previous brief already held ranks lower).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sitroom.brief.facts import EventFact, Report, StoryFact
from sitroom.brief.phrases import phrases

MAIN_ENTITIES = 8
MAIN_WORDS = 25
# Headline words a story must share with the window's vocabulary when it names no main entity.
SHARED_WORDS = 2
# Words too common in any headline to say what it is about.
STOPWORDS = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been has have had it its"
    " this that these those after before over under into out up down new says say said will would can"
    " could may might not no than then what who how why when where which here there more most about"
    " amid against his her their our your my we you they he she us vs live latest news update updates"
    " watch video photos first last day week year s".split()
)


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]+", (text or "").lower()) if w not in STOPWORDS and len(w) > 2}


def _parties(event: EventFact) -> set[int]:
    return {n.id for n in (event.actor, event.target, event.location, event.attributed_to) if n is not None}


def _outlets(event: EventFact, reports: Mapping[str, Report]) -> tuple[str, ...]:
    report = reports.get(event.span.document_id)
    return (report.outlets or (event.span.document_id,)) if report else (event.span.document_id,)


def window_focus(stories: Iterable[StoryFact], reports: Mapping[str, Report]) -> tuple[set[int], set[str]]:
    """Return the window's main entity ids and headline vocabulary, each counted by outlets."""
    entity_outlets: dict[int, set[str]] = defaultdict(set)
    word_outlets: dict[str, set[str]] = defaultdict(set)
    for story in stories:
        for event in story.events:
            outlets = _outlets(event, reports)
            for party in _parties(event):
                entity_outlets[party].update(outlets)
            report = reports.get(event.span.document_id)
            for word in _words(report.title if report else None):
                word_outlets[word].update(outlets)
    entities = Counter({k: len(v) for k, v in entity_outlets.items()})
    words = Counter({k: len(v) for k, v in word_outlets.items()})
    return {k for k, _ in entities.most_common(MAIN_ENTITIES)}, {k for k, _ in words.most_common(MAIN_WORDS)}


def on_topic(story: StoryFact, reports: Mapping[str, Report], entities: set[int], words: set[str]) -> bool:
    """Whether a story names one of the window's main entities or shares its headline vocabulary."""
    if any(_parties(e) & entities for e in story.events):
        return True
    titles = set().union(*(_words(r.title) for r in _story_reports(story, reports)))
    return len(titles & words) >= SHARED_WORDS


def _story_reports(story: StoryFact, reports: Mapping[str, Report]) -> list[Report]:
    ids = dict.fromkeys(e.span.document_id for e in story.events)
    return [reports[d] for d in ids if d in reports]


def severity(story: StoryFact) -> float:
    """Return how grave a story is: its act's severity, plus the log of its largest death toll."""
    killed = max((f.max or f.min or 0 for f in story.figures if f.kind == "killed"), default=0)
    injured = max((f.max or f.min or 0 for f in story.figures if f.kind == "injured"), default=0)
    return phrases().event(story.type).severity + math.log1p(killed) + 0.5 * math.log1p(injured)


def rank_stories(
    stories: Iterable[StoryFact], previous: Mapping[str, Any] | None = None
) -> list[StoryFact]:
    """Rank stories by independent outlets, then severity, then novelty against ``previous``."""
    known = set((previous or {}).get("stories", {}))

    def score(story: StoryFact) -> tuple[float, float]:
        outlets = len(story.outlets) or len({e.span.document_id for e in story.events})
        stale = 1.0 if story.key in known else 0.0
        return (outlets + severity(story) / 2 - 2 * stale, severity(story))

    return sorted(stories, key=score, reverse=True)


def brief_stories(
    stories: list[StoryFact], reports: Mapping[str, Report], previous: Mapping[str, Any] | None, topic: bool
) -> list[StoryFact]:
    """Return the stories a brief covers, ranked; ``topic`` (a --topic filter already applied)
    keeps every story, otherwise the off-topic ones are left out."""
    if not topic:
        entities, words = window_focus(stories, reports)
        stories = [s for s in stories if on_topic(s, reports, entities, words)]
    return rank_stories(stories, previous)
