"""Render the HTML templates: one Jinja2 environment (autoescape on) and the filters pages use."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from sitroom.model import Bounds, FigureReport
from sitroom.resolve.stories.conflicts import figure_text

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Return the Jinja2 environment: autoescape on for every template, undefined names are errors."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
    env.filters["http_url"] = http_url
    env.filters["when"] = when_text
    env.filters["bounds"] = bounds_text
    env.filters["figure"] = figure_text
    env.globals["query"] = query_string
    return env


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Return the response of template ``name`` rendered with ``context``."""
    return HTMLResponse(environment().get_template(name).render(**context), status_code=status)


def http_url(url: str | None) -> str:
    """Return ``url`` when it is an http(s) URL with a host, else "" (it is then shown as text only)."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def when_text(moment: datetime | None) -> str:
    """Return a time as "YYYY-MM-DD HH:MM UTC", or "undated"."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "undated"


def bounds_text(value: Bounds | None) -> str:
    """Return a count with bounds as a reader says it: "12", "at least 4", "4-6", or ""."""
    if value is None:
        return ""
    return figure_text(FigureReport("", value.min, value.max, None, None, "", ""))


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """Return "?a=1&b=2" for ``params`` updated with ``changes``, leaving out empty values."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "", 0) or (k == "offset" and v)}
    return "?" + urlencode(kept) if kept else "?"
