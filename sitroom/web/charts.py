"""SVG charts laid out on the server: figures over time (lines) and counts per day (bars).

Each function returns a ``Chart`` in pixels that the templates draw; no script is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitroom.model import FigureReport
from sitroom.resolve.stories.conflicts import figure_text
from sitroom.web.render import when_text


@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart laid out in pixels: series of points, axis ticks and a description."""

    width: int
    height: int
    series: list[dict[str, Any]]
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]
    description: str


CHART_W, CHART_H, MARGIN = 640, 260, 48
SERIES_COLOURS = {"killed": "#b3261e", "injured": "#1f5fa8"}


def _nice_top(value: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return step * 5
    return int(value) + 1


def figures_chart(figures: list[FigureReport]) -> Chart | None:
    """Lay out the story's own casualty figures over publication time, one line per kind: the war's
    count to date, a party's count of its enemy's losses and a far town's toll are left out."""
    dated = [f for f in figures if f.own_toll and f.published is not None and (f.max or f.min) is not None]
    if not dated:
        return None
    times = [f.published.timestamp() for f in dated]  # type: ignore[union-attr]
    first, last = min(times), max(times)
    top = _nice_top(max((f.max if f.max is not None else f.min) or 0 for f in dated))
    plot_w, plot_h = CHART_W - 2 * MARGIN, CHART_H - 2 * MARGIN

    def x(moment: float) -> float:
        return MARGIN + (plot_w / 2 if last == first else (moment - first) / (last - first) * plot_w)

    def y(value: float) -> float:
        return MARGIN + plot_h - value / top * plot_h

    series: list[dict[str, Any]] = []
    for kind in ("killed", "injured"):
        points = []
        for f in dated:
            if f.kind != kind:
                continue
            value = f.max if f.max is not None else f.min
            px, py = round(x(f.published.timestamp()), 1), round(y(value or 0), 1)  # type: ignore[union-attr]
            label = f"{kind} {figure_text(f)}, {f.source}, {when_text(f.published)}"
            points.append({"x": px, "y": py, "label": label})
        if points:
            path = " ".join(f"{p['x']},{p['y']}" for p in points)
            series.append({"kind": kind, "points": points, "path": path, "colour": SERIES_COLOURS[kind]})
    y_ticks = [(round(y(top * i / 5), 1), str(round(top * i / 5))) for i in range(6)]
    x_ticks = [(round(x(first), 1), when_text(dated[0].published))]
    if last != first:
        x_ticks.append((round(x(last), 1), when_text(dated[-1].published)))
    kinds = " and ".join(s["kind"] for s in series)
    description = f"Reported {kinds} over time, {len(dated)} reports"
    return Chart(CHART_W, CHART_H, series, y_ticks, x_ticks, description)


def bar_chart(
    counts: list[tuple[str, int]],
    unit: str = "mentions",
    colour: str = "#1f5fa8",
    size: tuple[int, int] = (CHART_W, CHART_H),
) -> Chart | None:
    """Lay out counts per day as bars, e.g. mentions of an entity or people reported killed."""
    if not counts:
        return None
    width, height = size
    top = _nice_top(max(n for _, n in counts) or 1)
    plot_w, plot_h = width - 2 * MARGIN, height - 2 * MARGIN
    slot = plot_w / len(counts)
    bars = [
        {
            "x": round(MARGIN + i * slot + slot * 0.15, 1),
            "y": round(MARGIN + plot_h - n / top * plot_h, 1),
            "w": round(slot * 0.7, 1),
            "h": round(n / top * plot_h, 1),
            "label": f"{day}: {n} {unit}",
        }
        for i, (day, n) in enumerate(counts)
    ]
    y_ticks = [(round(MARGIN + plot_h - plot_h * i / 5, 1), str(round(top * i / 5))) for i in range(6)]
    x_ticks = [(round(MARGIN + slot / 2, 1), counts[0][0])]
    if len(counts) > 1:
        x_ticks.append((round(MARGIN + plot_w - slot / 2, 1), counts[-1][0]))
    series = [{"kind": unit, "points": bars, "path": "", "colour": colour}]
    description = f"{unit.capitalize()} per day over {len(counts)} days"
    return Chart(width, height, series, y_ticks, x_ticks, description)
