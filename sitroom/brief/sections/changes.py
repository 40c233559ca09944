"""What changed since the previous brief: new stories, revised figures, new contested claims.

Written only when there is a previous brief (its saved state); a first brief has no such section.
"""

from __future__ import annotations

from typing import Any

from sitroom.brief.compose import Context, Section, Sentence, count, story_label
from sitroom.brief.facts import StoryFact
from sitroom.brief.sections.claims import MAX_CLAIMS, brief_claims, claim_sentence
from sitroom.brief.sections.developments import MAX_DEVELOPMENTS, lead_sentence
from sitroom.model import Bounds

HEADING = "What changed since the previous brief"
NEW = "New since the previous brief: "


def _previous_story(story: StoryFact, previous: dict[str, Any]) -> dict[str, Any] | None:
    if story.key in previous:
        return dict(previous[story.key])
    ids = {e.id for e in story.events}
    return next((dict(old) for old in previous.values() if ids & set(old["events"])), None)


def build(context: Context) -> Section | None:
    """New stories, changed figures and new claims since ``context.previous``; None without one."""
    previous = context.previous
    if previous is None:
        return None
    composer = context.composer
    sentences: list[Sentence] = []
    new_stories = 0
    for story in context.stories:
        old = _previous_story(story, previous.get("stories", {}))
        if old is None:
            if new_stories < MAX_DEVELOPMENTS and (sentence := lead_sentence(composer, story, prefix=NEW)):
                sentences.append(sentence)
                new_stories += 1
            continue
        for kind in ("killed", "injured"):
            now_figures = [f for f in story.figures if f.kind == kind and f.own_toll]
            if kind not in old or not now_figures or old[kind]["event"] not in context.known_events:
                continue
            before, after = Bounds(old[kind]["min"], old[kind]["max"]), now_figures[-1]
            if count(before) == count(Bounds(after.min, after.max)):
                continue
            label = story_label(story) or "an incident"
            new_span = next(e.span for e in story.events if e.id == after.event_id)
            sentence = composer.emit(
                [
                    (
                        f"The number {kind} in {label} was revised from {count(before)}",
                        [context.known_events[old[kind]["event"]].span],
                    ),
                    (f" to {count(Bounds(after.min, after.max))}", [new_span]),
                ]
            )
            if sentence is not None:
                sentences.append(sentence)
    old_claims = set(previous.get("claims", []))
    on_topic = brief_claims(context)
    fresh = [c for c in on_topic if c.id not in old_claims]
    for claim in fresh[:MAX_CLAIMS]:
        if sentence := claim_sentence(composer, claim, prefix=NEW):
            sentences.append(sentence)
    return Section(
        "changes",
        HEADING,
        tuple(sentences),
        note=None if sentences else f"Nothing new since the previous brief ({context.against}).",
    )
