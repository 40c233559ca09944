"""Casualties: per story, the figures each outlet gave over time, as a sentence and a table."""

from __future__ import annotations

import re

from sitroom.brief.agree import country_words
from sitroom.brief.check import strip_citations
from sitroom.brief.compose import (
    Composer,
    Context,
    Part,
    Section,
    Sentence,
    Table,
    count,
    states,
    story_label,
    surface,
)
from sitroom.brief.facts import EventFact, Report, Span, StoryFact
from sitroom.brief.phrases import phrases
from sitroom.brief.sections.developments import LossClaim, key_phrase, loss_claim
from sitroom.model import Bounds, FigureReport
from sitroom.resolve.stories.conflicts import find_conflicts


def build(context: Context) -> Section:
    """Casualty figures over time per story, by who reported them: one sentence and table rows each."""
    composer, stories = context.composer, context.stories
    rows: list[tuple[str, ...]] = []
    sentences: list[Sentence] = []
    said: set[str] = set()
    # One side's claim of enemy dead, by its words and day: the stories that carry it.
    claims: dict[tuple[str, str], list[tuple[str, EventFact, StoryFact]]] = {}
    for story in stories:
        if not story.figures:
            continue
        label = named_label(story, composer.reports) or story_label(story)
        events = {e.id: e for e in story.events}
        for figure in story.figures:
            event = events[figure.event_id]
            if not states(event.span, figure):
                continue
            claim = _claim(event, story, figure)
            rows.append(
                (
                    label or "unnamed incident",
                    figure.published.date().isoformat() if figure.published else "undated",
                    figure.source or "unknown outlet",
                    surface(event.attributed_to, event.span.text) or (claim.speaker if claim else ""),
                    figure.kind,
                    count(Bounds(figure.min, figure.max)),
                    f"[{composer.cite(event.span)}]",
                )
            )
        single = _single_claim(story, events)
        if single is not None:  # said once for every story that carries it, below
            claim, event, figure = single
            day = figure.published.date().isoformat() if figure.published else ""
            claims.setdefault((claim.text, day), []).append((label or "", event, story))
            continue
        sentence = _figures_sentence(composer, story, label, events) if label else None
        if sentence is not None and strip_citations(sentence.text) not in said:
            sentences.append(sentence)
            said.add(strip_citations(sentence.text))
    for (text, _), carried in claims.items():
        # "Russia said it had killed 250 Ukrainian troops in the fighting in Donetsk": the same
        # claim in three stories of one day is one sentence citing each report.
        where = f" in {carried[0][0]}" if len(carried) == 1 and carried[0][0] else ""
        spans = list(dict.fromkeys(event.span for _, event, _ in carried))
        placed = list(dict.fromkeys([*spans, *(_label_spans(carried[0][2], carried[0][0]) if where else [])]))
        if sentence := composer.emit([(f"{text}{where}", placed)], [(text, spans)]):
            sentences.append(sentence)
    table = (
        Table(("Story", "Published", "Outlet", "Said by", "Figure", "Count", "Source"), tuple(rows))
        if rows
        else None
    )
    return Section(
        "casualties",
        "Casualties",
        tuple(sentences),
        table,
        note=None if rows else "No casualty figures in the selected period.",
    )


def named_label(story: StoryFact, reports: dict[str, Report]) -> str | None:
    """Return a story's name as its key development gives it: what its headlines are about
    (``key_phrase``) as its evidence writes it, when that holds a name ("the Kakhovka dam story");
    None when it does not ("strike"), and the story is named by its act and place instead."""
    phrase = key_phrase(story, reports)
    if phrase is None or " " not in phrase:
        return None
    # "Russia claims" is a country and a word of saying: no name of a happening.
    plain = country_words() | {w for p in phrases().reporting_words for w in p.split()}
    if all(w in plain for w in phrase.split()):
        return None
    pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)
    for event in story.events:
        found = pattern.search(event.span.text)
        if found and any(w[:1].isupper() for w in found.group().split()):
            return phrases().named_story.format(name=found.group())
    return None


def _single_claim(
    story: StoryFact, events: dict[str, EventFact]
) -> tuple[LossClaim, EventFact, FigureReport] | None:
    """The one figure a story's reports agree on, when it is a side's claim of enemy dead."""
    killed = [f for f in story.figures if f.kind == "killed" and states(events[f.event_id].span, f)]
    if not killed or len({count(Bounds(f.min, f.max)) for f in killed}) > 1:
        return None
    figure = killed[-1]
    claim = _claim(events[figure.event_id], story, figure)
    return (claim, events[figure.event_id], figure) if claim is not None else None


def _label_spans(story: StoryFact, label: str) -> list[Span]:
    """Return the first span of the story that writes the place or party its label names ("the
    attack in Kherson"): a figure's sentence cites it too when its own evidence does not name it."""
    name = _label_name(label)
    return next(([e.span] for e in story.events if name in e.span.text), [])


def _label_name(label: str) -> str:
    """Return the place or party a story's label names ("Kherson" of "the attack in Kherson",
    "the EU" of "the talks involving the EU"): after "in" or its act's preposition."""
    words = {"in", *(p.preposition for p in (*phrases().events.values(), *phrases().codes.values()))}
    forms = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.split(rf"\s(?:{forms})\s", label, maxsplit=1)[-1]


def _figures_sentence(
    composer: Composer, story: StoryFact, label: str, events: dict[str, EventFact]
) -> Sentence | None:
    # Only figures their own evidence states: an extraction may put a figure on the wrong span.
    stated = [f for f in story.figures if states(events[f.event_id].span, f)]
    killed = [f for f in stated if f.kind == "killed"] or stated
    if not killed:
        return None
    kind = killed[0].kind
    distinct = list(dict.fromkeys(count(Bounds(f.min, f.max)) for f in killed))
    if len(distinct) < 2:
        figure = killed[-1]
        event = events[figure.event_id]
        where = [x for x in _label_spans(story, label) if x != event.span]
        claim = _claim(event, story, figure)
        if claim is not None:  # "Russia said it had killed 250 Ukrainian troops in ...", not a toll
            return composer.emit([(f"{claim.text} in {label}", [event.span, *where])])
        speaker = surface(event.attributed_to, event.span.text)
        if speaker:  # a side's figure stays that side's: "Russia said 250 were killed in ..."
            return composer.emit(
                [(f"{speaker} said {distinct[0]} were {kind} in {label}", [event.span, *where])]
            )
        who = f"{figure.source} reported" if figure.source else "reports give"
        return composer.emit([(f"{who} {distinct[0]} {kind} in {label}", [event.span, *where])])
    values = [f.max if f.max is not None else f.min or 0 for f in killed]
    if find_conflicts([], killed):
        opening = f"Outlets disagree on the number {kind} in {label}: "
    elif values == sorted(values):
        opening = f"The reported number {kind} in {label} rose as reports came in: "
    else:
        opening = f"Reports of the number {kind} in {label} changed: "
    parts: list[Part] = [(opening, [])]
    # Where the label says it happened is cited with the first figure when no figure's names it.
    name = _label_name(label)
    where = [] if any(name in events[f.event_id].span.text for f in killed) else _label_spans(story, label)
    for index, figure in enumerate(killed):
        joiner = "" if index == 0 else ", then "
        claim = _claim(events[figure.event_id], story, figure)
        whose = f" as {claim.speaker}'s claim" if claim is not None else ""
        given = count(Bounds(figure.min, figure.max))
        parts.append(
            (
                f"{joiner}{figure.source or 'one report'} gave {given}{whose}",
                [events[figure.event_id].span, *(where if index == 0 else [])],
            )
        )
    return composer.emit(parts)


def _claim(event: EventFact, story: StoryFact, figure: FigureReport) -> LossClaim | None:
    """Return the claim when a figure is one side's count of the other side's fighters killed."""
    if figure.kind != "killed":
        return None
    value = float(figure.max or figure.min or 0)
    return loss_claim(event, story, count(Bounds(figure.min, figure.max)), value)
