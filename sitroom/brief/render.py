"""Render a composed brief as Markdown or as a standalone HTML page (Jinja2, autoescaped)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from sitroom.brief.charts import Chart
from sitroom.brief.compose import Citation, Section

_CITATION = re.compile(r"\[(\d+)\]")


def _environment() -> Any:
    env = Environment(
        loader=PackageLoader("sitroom.brief", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cite_links"] = cite_links
    env.filters["md_cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    return env


def cite_links(text: str) -> Any:
    """Return sentence text, escaped, with each ``[n]`` made a link to ``#src-n``."""
    return Markup(_CITATION.sub(r'<a class="cite" href="#src-\1">[\1]</a>', str(escape(text))))


def render_markdown(
    title: str, meta: dict[str, Any], sections: Sequence[Section], sources: Sequence[Citation]
) -> str:
    """Return the brief as Markdown."""
    template = _environment().get_template("brief.md")
    return str(template.render(title=title, meta=meta, sections=sections, sources=sources))


def render_html(
    title: str,
    meta: dict[str, Any],
    sections: Sequence[Section],
    sources: Sequence[Citation],
    charts: Sequence[Chart],
) -> str:
    """Return the brief as one standalone HTML page with its charts as inline SVG."""
    template = _environment().get_template("brief.html")
    inline = [{"id": c.id, "title": c.title, "svg": Markup(c.svg)} for c in charts]
    return str(template.render(title=title, meta=meta, sections=sections, sources=sources, charts=inline))
