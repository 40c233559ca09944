"""Situation reports written from the stored graph, every sentence citing its evidence.

``write_brief(engine, ...)`` reads the facts in scope, keeps the stories on the window's
topic, ranks them, writes the sections of ``sections.SECTIONS`` with checked template
sentences, optionally has an LLM rephrase them (each rewrite re-checked), and renders
Markdown or a standalone HTML page with charts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from sitroom.brief.charts import actor_network_chart, casualty_chart, events_per_day_chart
from sitroom.brief.compose import Citation, Composer, Context, Section, Sentence, fingerprint, story_label
from sitroom.brief.facts import Facts, Scope, StoryFact, load_facts
from sitroom.brief.llm import LLMConfig, RewriteReport, rewrite_sections
from sitroom.brief.rank import brief_stories, conflict_parties
from sitroom.brief.render import render_html, render_markdown
from sitroom.brief.sections import write_sections
from sitroom.errors import ConfigError

__all__ = ["Brief", "LLMConfig", "write_brief"]


@dataclass(slots=True)
class Brief:
    """A written brief: its sections, numbered sources and the rendered text."""

    sections: list[Section]
    sources: list[Citation]
    markdown: str
    html: str
    fmt: str
    state: dict[str, Any]
    withheld: list[str] = field(default_factory=list)
    rewrites: RewriteReport | None = None

    @property
    def text(self) -> str:
        """Return the brief in the format it was asked for."""
        return self.html if self.fmt == "html" else self.markdown

    def sentences(self) -> list[Sentence]:
        """Return every sentence of the brief, in order."""
        return [s for section in self.sections for s in section.sentences]


def _describe_scope(
    since: datetime | None, until: datetime | None, entity: str | None, place: str | None, topic: str | None
) -> str:
    parts = [
        f"Reports published {'from ' + since.date().isoformat() if since else 'up to now'}"
        + (f" until {until.date().isoformat()}" if until else "")
    ]
    parts += [
        f"{label} {value}"
        for label, value in (("entity", entity), ("place", place), ("topic", topic))
        if value
    ]
    return "; ".join(parts)


def write_brief(
    engine: Engine,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    entity: str | None = None,
    place: str | None = None,
    topic: str | None = None,
    fmt: str = "md",
    llm: LLMConfig | None = None,
    previous: dict[str, Any] | None = None,
) -> Brief:
    """Return the situation report of the stored facts in scope.

    ``previous`` is the ``state`` of an earlier brief: with it the brief says what changed
    since then; without it (a first brief) there is no such section.
    """
    if fmt not in ("md", "html"):
        raise ConfigError(f"--format {fmt}: use md or html")
    facts = load_facts(engine, Scope(since, until, entity, place, topic))
    composer = Composer(facts, conflict_parties(facts.stories, facts.reports))
    known_events = {e.id: e for e in facts.events}
    if previous is not None:
        # The figures the previous brief gave may come from reports before this window.
        earlier = load_facts(engine, Scope(None, since, entity, place, topic))
        composer.reports = {**earlier.reports, **facts.reports}
        known_events = {e.id: e for e in earlier.events} | known_events
    stories = brief_stories(facts.stories, facts.reports, previous, topic=bool(topic))
    context = Context(
        composer, facts, stories, previous, known_events, "the state saved with the previous brief"
    )
    sections = write_sections(context)
    rewrites = None
    if llm is not None:
        sections, rewrites = _rewrite(sections, composer, llm)
    sources = sorted(composer.citations.values(), key=lambda c: c.number)
    title = "Situation report"
    meta = {
        "scope": _describe_scope(since, until, entity, place, topic),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "documents": len(facts.reports),
    }
    markdown = render_markdown(title, meta, sections, sources)
    html = render_html(title, meta, sections, sources, _charts(stories, facts)) if fmt == "html" else ""
    return Brief(sections, sources, markdown, html, fmt, fingerprint(facts), composer.withheld, rewrites)


def _rewrite(
    sections: list[Section], composer: Composer, llm: LLMConfig
) -> tuple[list[Section], RewriteReport]:
    by_number = {c.number: c for c in composer.citations.values()}

    def evidence(sentence: Sentence) -> list[str]:
        return [by_number[n].span.text for n in sentence.citations]

    def check(sentence: Sentence, text: str) -> list[str]:
        return composer.check(text, [by_number[n].span for n in sentence.citations])

    return rewrite_sections(sections, llm, evidence, check)


def _charts(stories: list[StoryFact], facts: Facts) -> list[Any]:
    labels = {s.key: story_label(s) or s.type.lower() for s in stories}
    return [
        casualty_chart(stories, labels),
        events_per_day_chart([e for s in stories for e in s.events], facts.reports),
        actor_network_chart([e for s in stories for e in s.events]),
    ]
