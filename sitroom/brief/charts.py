"""Charts of the HTML brief as inline SVG: casualties over time, events per day, actor network.

matplotlib runs on the Agg backend (no display); each chart is returned as an ``<svg>``
element carrying a ``<title>`` and ``role="img"`` so that screen readers can name it.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType
from typing import Any

import networkx as nx

from sitroom.brief.facts import EventFact, Report, StoryFact

MAX_STORY_LINES = 4


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: an id for the page, its title (also its alt text) and the SVG markup."""

    id: str
    title: str
    svg: str


def _matplotlib() -> ModuleType:
    """Return matplotlib on the Agg backend, imported on first use: it is slow to import."""
    import matplotlib
    import matplotlib.figure

    matplotlib.use("Agg")
    return matplotlib


def _figure(width: float = 7.5, height: float = 3.6) -> tuple[Any, Any]:
    figure = _matplotlib().figure.Figure(figsize=(width, height), dpi=96)
    return figure, figure.add_subplot(1, 1, 1)


def _svg(figure: Any, chart_id: str, title: str) -> str:
    buffer = io.StringIO()
    figure.tight_layout()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    markup = buffer.getvalue()
    markup = markup[markup.index("<svg") :]
    title_id = f"{chart_id}-title"
    markup = re.sub(
        r"<svg\b", f'<svg id="{chart_id}" role="img" aria-labelledby="{title_id}"', markup, count=1
    )
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"(<svg[^>]*>)", rf'\1<title id="{title_id}">{escaped}</title>', markup, count=1)


def matplotlib_colours(n: int) -> list[Any]:
    """Return ``n`` distinct colours (tab20), so that up to 20 event types stay apart."""
    cmap = _matplotlib().colormaps["tab20"]
    return [cmap(i % 20) for i in range(n)]


def _empty(axes: Any, message: str) -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes, color="#555555")
    axes.set_xticks([])
    axes.set_yticks([])


def casualty_chart(stories: list[StoryFact], labels: dict[str, str]) -> Chart:
    """Return a step chart of reported deaths over time: one line per story and outlet."""
    title = "Reported deaths over time, one line per story and outlet"
    figure, axes = _figure()
    plotted = 0
    with_deaths = [s for s in stories if any(f.kind == "killed" for f in s.figures)]
    # Figures over time matter where several outlets report a story; single reports only when none do.
    several = [s for s in with_deaths if len({f.source for f in s.figures if f.kind == "killed"}) > 1]
    for story in (several or with_deaths)[:MAX_STORY_LINES]:
        by_outlet: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
        for figure_report in story.figures:
            value = figure_report.max if figure_report.max is not None else figure_report.min
            if figure_report.kind == "killed" and figure_report.published and value is not None:
                by_outlet[figure_report.source or "unknown outlet"].append((figure_report.published, value))
        every = sorted(p for points in by_outlet.values() for p in points)
        story_label = labels.get(story.key, story.key)
        if len(by_outlet) > 1:
            axes.step(
                [p[0] for p in every],
                [p[1] for p in every],
                where="post",
                color="#bbbbbb",
                linestyle="--",
                label=f"{story_label} — all reports",
            )
        for outlet, points in by_outlet.items():
            points.sort()
            axes.step(
                [p[0] for p in points],
                [p[1] for p in points],
                where="post",
                marker="o",
                label=f"{story_label} — {outlet}",
            )
            plotted += 1
    if plotted:
        axes.set_ylabel("killed (reported)")
        axes.set_ylim(bottom=0)
        axes.legend(fontsize="small", loc="upper left")
        figure.autofmt_xdate()
    else:
        _empty(axes, "No casualty figures")
    axes.set_title(title, fontsize="medium")
    return Chart("chart-casualties", title, _svg(figure, "chart-casualties", title))


def _event_day(event: EventFact, reports: dict[str, Report]) -> date | None:
    if event.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", event.date):
        return date.fromisoformat(event.date)
    published = reports[event.span.document_id].published
    return published.date() if published else None


def events_per_day_chart(events: list[EventFact], reports: dict[str, Report]) -> Chart:
    """Return stacked bars of events per day (event date, else publication date) by type."""
    title = "Events per day by type"
    figure, axes = _figure()
    counts: dict[str, Counter[date]] = defaultdict(Counter)
    for event in events:
        day = _event_day(event, reports)
        if day is not None:
            counts[event.type][day] += 1
    days = sorted({d for per_type in counts.values() for d in per_type})
    if days:
        bottom = [0] * len(days)
        positions = range(len(days))
        palette = matplotlib_colours(len(counts))
        for colour, event_type in zip(palette, sorted(counts), strict=True):
            heights = [counts[event_type][d] for d in days]
            axes.bar(positions, heights, bottom=bottom, label=event_type, color=colour)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        axes.set_xticks(
            list(positions), [d.isoformat() for d in days], rotation=45, ha="right", fontsize="small"
        )
        axes.set_ylabel("events")
        axes.legend(fontsize="x-small", ncol=1, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    else:
        _empty(axes, "No dated events")
    axes.set_title(title, fontsize="medium")
    return Chart("chart-events", title, _svg(figure, "chart-events", title))


def actor_network_chart(events: list[EventFact]) -> Chart:
    """Return the actor network: who acted on whom, edge width by number of events."""
    title = "Actor network: who acted on whom"
    figure, axes = _figure(7.5, 5.0)
    graph = nx.DiGraph()
    for event in events:
        if event.actor is not None and event.target is not None and event.actor.id != event.target.id:
            a, b = event.actor.name, event.target.name
            weight = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=weight)
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=7, k=2.0 / max(1, graph.number_of_nodes()) ** 0.5)
        widths = [1 + graph.edges[e]["weight"] for e in graph.edges]
        nx.draw_networkx_nodes(graph, layout, ax=axes, node_color="#9ecae1", node_size=600)
        nx.draw_networkx_edges(graph, layout, ax=axes, width=widths, arrows=True, edge_color="#636363")
        nx.draw_networkx_labels(graph, layout, ax=axes, font_size=8)
        axes.set_axis_off()
    else:
        _empty(axes, "No actor-target events")
    axes.set_title(title, fontsize="medium")
    return Chart("chart-network", title, _svg(figure, "chart-network", title))
