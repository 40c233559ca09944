"""Situation reports written from the stored graph, every sentence citing its evidence.

``write_brief(engine, ...)`` reads the facts in scope, composes the sections with template
sentences, optionally has an LLM rephrase them (each rewrite re-checked), and renders
Markdown or a standalone HTML page with charts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sitroom.brief.compose import Citation, Composer, Section, Sentence
from sitroom.brief.llm import LLMConfig, RewriteReport

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from sitroom.brief.facts import Facts

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

    ``previous`` is the ``state`` of an earlier brief; without it and with ``since``, the
    brief compares with what was published before ``since`` under the same filters.
    """
    from sitroom.brief.compose import compose, fingerprint
    from sitroom.brief.facts import Scope, load_facts
    from sitroom.errors import ConfigError

    if fmt not in ("md", "html"):
        raise ConfigError(f"--format {fmt}: use md or html")
    facts = load_facts(engine, Scope(since, until, entity, place, topic))
    against = "the state saved with the previous brief"
    earlier = None
    if previous is None and since is not None:
        earlier = load_facts(engine, Scope(None, since, entity, place, topic))
        previous = fingerprint(earlier) if earlier.events or earlier.claims else None
        against = f"reports published before {since.date().isoformat()}"
    elif previous is None:
        against = "no saved state and no --since date"
    else:
        earlier = load_facts(engine, Scope(None, None, entity, place, topic))
    sections, composer = compose(facts, previous=previous, earlier=earlier, against=against)
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
    from sitroom.brief.render import render_html, render_markdown

    markdown = render_markdown(title, meta, sections, sources)
    html = render_html(title, meta, sections, sources, _charts(facts)) if fmt == "html" else ""
    return Brief(sections, sources, markdown, html, fmt, fingerprint(facts), composer.withheld, rewrites)


def _rewrite(
    sections: list[Section], composer: Composer, llm: LLMConfig
) -> tuple[list[Section], RewriteReport]:
    from sitroom.brief.llm import rewrite_sections

    by_number = {c.number: c for c in composer.citations.values()}

    def evidence(sentence: Sentence) -> list[str]:
        return [by_number[n].span.text for n in sentence.citations]

    def check(sentence: Sentence, text: str) -> list[str]:
        return composer.check(text, [by_number[n].span for n in sentence.citations])

    return rewrite_sections(sections, llm, evidence, check)


def _charts(facts: Facts) -> list[Any]:
    from sitroom.brief.charts import actor_network_chart, casualty_chart, events_per_day_chart
    from sitroom.brief.compose import rank_stories, story_label

    stories = rank_stories(facts.stories)
    labels = {s.key: story_label(s) or s.type.lower() for s in stories}
    return [
        casualty_chart(stories, labels),
        events_per_day_chart(facts.events, facts.reports),
        actor_network_chart(facts.events),
    ]
