"""The HTML pages, rendered on the server with Jinja2 (autoescape on) and usable without JavaScript.

Charts, the map and the actor network are inline SVG drawn here from numbers; every text
that comes from a document reaches the page through the template engine's escaping, and
only http(s) URLs become links.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection

from sitroom.model import Bounds, FigureReport
from sitroom.resolve.queries import EventView, StoryView, get_entity, get_story, list_stories
from sitroom.resolve.stories.conflicts import figure_text
from sitroom.store.queries import SNIPPET_MARKS, corpus_stats, get_document, search_documents
from sitroom.web.app import connection
from sitroom.web.data import actor_network, document_events, get_event, list_entities, located_events

TEMPLATES = Path(__file__).parent / "templates"
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Conn = Annotated[Connection, Depends(connection)]


@lru_cache(maxsize=1)
def environment() -> Any:
    """Return the Jinja2 environment: autoescape on for every template, undefined names are errors."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
    env.filters["http_url"] = http_url
    env.filters["when"] = when_text
    env.filters["bounds"] = bounds_text
    return env


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Return the response of template ``name`` rendered with ``context``."""
    return HTMLResponse(environment().get_template(name).render(**context), status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """Return the HTML page for a user-facing error (404 for unknown ids)."""
    heading = "Not found" if status == 404 else "Something went wrong"
    return render("error.html", status, title=heading, message=message)


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


def marked_segments(snippet: str) -> list[tuple[str, bool]]:
    """Split a search snippet into (text, is_match) pieces at the store's snippet marks."""
    start, stop = SNIPPET_MARKS
    pieces: list[tuple[str, bool]] = []
    rest = snippet
    while start in rest:
        before, _, after = rest.partition(start)
        match, found, rest = after.partition(stop)
        pieces.append((before, False))
        if not found:
            pieces.append((start + match, False))
            break
        pieces.append((match, True))
    pieces.append((rest, False))
    return [p for p in pieces if p[0]]


def latest_figures(story: StoryView) -> dict[str, str]:
    """Return the latest reported figure of each kind, e.g. ``{"killed": "12"}``."""
    latest: dict[str, str] = {}
    for figure in story.figures:  # in order of publication
        latest[figure.kind] = f"{figure_text(figure)} ({figure.source})"
    return latest


@router.get("/")
def dashboard(conn: Conn) -> HTMLResponse:
    """The dashboard: counts, and the latest stories with their sources and latest figures."""
    stories = list_stories(conn, limit=15, latest_first=True)
    rows = [{"story": s, "figures": latest_figures(s)} for s in stories]
    return render("dashboard.html", title="Situation room", stats=corpus_stats(conn), rows=rows)


@router.get("/search")
def search(conn: Conn, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    """Search documents (and entity names); results with highlighted snippets."""
    hits = search_documents(conn, q, 30) if q.strip() else []
    for hit in hits:
        hit["segments"] = marked_segments(hit["snippet"])
    entities = list_entities(conn, q, 20, 0) if q.strip() else []
    return render("search.html", title="Search", q=q, hits=hits, entities=entities)


@router.get("/documents/{document_id}")
def document(conn: Conn, document_id: str) -> HTMLResponse:
    """One document: metadata, full text and the events extracted from it."""
    found = get_document(conn, document_id)
    events = document_events(conn, document_id)
    return render(
        "document.html",
        title=found["title"] or "Untitled document",
        doc=found,
        paragraphs=[p for p in found["text"].split("\n") if p.strip()],
        events=events,
    )


ENTITY_EVENTS_PAGE = 100


@router.get("/entities/{entity_id}")
def entity(conn: Conn, entity_id: int, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """One entity: aliases, roles, relations, a page of its events and mentions over time."""
    found = get_entity(conn, entity_id, ENTITY_EVENTS_PAGE, offset)
    chart = bar_chart([(m["date"], m["count"]) for m in found.mentions_over_time])
    shown = offset + len(found.events)
    page = {
        "first": offset + 1,
        "last": shown,
        "total": found.events_total,
        "previous": max(0, offset - ENTITY_EVENTS_PAGE) if offset else None,
        "next": shown if shown < found.events_total else None,
    }
    return render("entity.html", title=found.name, entity=found, chart=chart, page=page)


@router.get("/events/{event_id}")
def event(conn: Conn, event_id: str) -> HTMLResponse:
    """One event: its fields and the evidence sentence highlighted in its document's text."""
    found = get_event(conn, event_id)
    text = get_document(conn, found.document.id)["text"]
    start, end = found.evidence.start, found.evidence.end
    if text[start:end] != found.evidence.text:
        start = text.find(found.evidence.text)
        end = start + len(found.evidence.text)
    parts = (text[:start], text[start:end], text[end:]) if start >= 0 else (text, "", "")
    title = f"{found.type.capitalize()} event"
    return render("event.html", title=title, event=found, before=parts[0], evidence=parts[1], after=parts[2])


@router.get("/stories/{story_id}")
def story(conn: Conn, story_id: int) -> HTMLResponse:
    """One story: timeline of reports, figures over time (table and chart), conflicts."""
    found = get_story(conn, story_id)
    by_document: dict[str, list[EventView]] = {}
    for ev in found.events:
        by_document.setdefault(ev.document.id, []).append(ev)
    return render(
        "story.html",
        title=found.title or f"Story {found.id}",
        story=found,
        by_document=by_document,
        chart=figures_chart(found.figures),
        figure_text=figure_text,
    )


@router.get("/map")
def map_page(request: Request, conn: Conn) -> HTMLResponse:
    """Events on an equirectangular map drawn on the server, with a table of the same events.

    With a tile URL configured, the page also carries what static/map.js needs to draw the
    same markers on web map tiles when the browser can reach them.
    """
    events = located_events(conn)
    tile_url = request.app.state.tile_url
    tiles = tile_layer(tile_url, events) if tile_url and events else None
    return render("map.html", title="Map of events", events=events, map=map_view(events), tiles=tiles)


@router.get("/network")
def network(conn: Conn) -> HTMLResponse:
    """The actor network: who acted on whom, laid out with networkx, drawn as SVG."""
    view = network_view(conn)
    return render("network.html", title="Actor network", network=view)


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
    """Lay out the story's casualty figures over publication time, one line per kind."""
    dated = [f for f in figures if f.published is not None and (f.max or f.min) is not None]
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


def bar_chart(counts: list[tuple[str, int]]) -> Chart | None:
    """Lay out mentions per day as bars."""
    if not counts:
        return None
    top = _nice_top(max(n for _, n in counts))
    plot_w, plot_h = CHART_W - 2 * MARGIN, CHART_H - 2 * MARGIN
    slot = plot_w / len(counts)
    bars = [
        {
            "x": round(MARGIN + i * slot + slot * 0.15, 1),
            "y": round(MARGIN + plot_h - n / top * plot_h, 1),
            "w": round(slot * 0.7, 1),
            "h": round(n / top * plot_h, 1),
            "label": f"{day}: {n} mentions",
        }
        for i, (day, n) in enumerate(counts)
    ]
    y_ticks = [(round(MARGIN + plot_h - plot_h * i / 5, 1), str(round(top * i / 5))) for i in range(6)]
    x_ticks = [(round(MARGIN + slot / 2, 1), counts[0][0])]
    if len(counts) > 1:
        x_ticks.append((round(MARGIN + plot_w - slot / 2, 1), counts[-1][0]))
    series = [{"kind": "mentions", "points": bars, "path": "", "colour": "#1f5fa8"}]
    return Chart(CHART_W, CHART_H, series, y_ticks, x_ticks, f"Mentions per day over {len(counts)} days")


MAP_W, MAP_H = 800, 440
GRID_STEPS = (1, 2, 5, 10, 15, 30)
LABEL_HEIGHT = 12  # px, the size of the SVG map's text
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"  # linked from "© OpenStreetMap contributors"


def marker_label(ev: EventView) -> str:
    """Return how a map marker names its event: "ASSAULT in Kramatorsk, 2023-06-27"."""
    return f"{ev.type} in {ev.location or 'unnamed place'}, {ev.when or 'undated'}"


def tile_layer(tile_url: str, events: list[EventView]) -> dict[str, Any]:
    """Return what the browser needs for the tile map: the tile URL template, attribution, markers."""
    return {
        "url": tile_url,
        "copyright": OSM_COPYRIGHT,
        "width": MAP_W,
        "height": MAP_H,
        "markers": [
            {"id": ev.id, "lat": ev.lat, "lon": ev.lon, "label": marker_label(ev), "href": f"/events/{ev.id}"}
            for ev in events
            if ev.lat is not None and ev.lon is not None
        ],
    }


def map_view(events: list[EventView]) -> dict[str, Any]:
    """Lay out events on an equirectangular projection fitted to their extent, with a graticule."""
    lats = [ev.lat for ev in events if ev.lat is not None]
    lons = [ev.lon for ev in events if ev.lon is not None]
    if lats:
        south, north = max(min(lats) - 2, -90.0), min(max(lats) + 2, 90.0)
        west, east = max(min(lons) - 3, -180.0), min(max(lons) + 3, 180.0)
    else:
        south, north, west, east = -60.0, 80.0, -180.0, 180.0
    scale = min(MAP_W / (east - west), MAP_H / (north - south))
    centre_lon, centre_lat = (west + east) / 2, (south + north) / 2

    def point(lat: float, lon: float) -> tuple[float, float]:
        x = MAP_W / 2 + (lon - centre_lon) * scale
        return round(x, 1), round(MAP_H / 2 - (lat - centre_lat) * scale, 1)

    span = max((east - west), (north - south))
    step = next((s for s in GRID_STEPS if span / s <= 12), 30)
    view_west, view_east = centre_lon - MAP_W / 2 / scale, centre_lon + MAP_W / 2 / scale
    view_south, view_north = centre_lat - MAP_H / 2 / scale, centre_lat + MAP_H / 2 / scale
    meridians = [
        (point(0, lon)[0], f"{abs(lon)}°{'E' if lon >= 0 else 'W'}")
        for lon in range(int(view_west // step * step), int(view_east) + 1, step)
        if view_west <= lon <= view_east
    ]
    parallels = []  # (line y, label, label y)
    for lat in range(int(view_south // step * step), int(view_north) + 1, step):
        if view_south <= lat <= view_north:
            y = point(lat, 0)[1]
            # A label above a line at the top edge would be cut off: it goes below that line.
            text_y = y - 3 if y - 3 >= LABEL_HEIGHT else y + LABEL_HEIGHT + 2
            parallels.append((y, f"{abs(lat)}°{'N' if lat >= 0 else 'S'}", round(text_y, 1)))
    markers = []
    places: dict[tuple[float, float], str] = {}
    for ev in events:
        if ev.lat is None or ev.lon is None:
            continue
        x, y = point(ev.lat, ev.lon)
        markers.append({"x": x, "y": y, "event": ev, "label": marker_label(ev)})
        places.setdefault((x, y), ev.location or f"{ev.lat:.2f}, {ev.lon:.2f}")
    labels = [{"x": x, "y": y, "name": name} for (x, y), name in places.items()]
    return {
        "width": MAP_W,
        "height": MAP_H,
        "meridians": meridians,
        "parallels": parallels,
        "markers": markers,
        "labels": labels,
    }


NET_W, NET_H = 800, 520
NET_MARGINS = (140, 50)  # horizontal room for the labels, vertical


def network_view(conn: Connection) -> dict[str, Any]:
    """Lay out the actor network with networkx's spring layout (seeded, so the drawing is stable)."""
    import networkx as nx

    found = actor_network(conn)
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(found.names))
    for (actor, target), count in sorted(found.links.items()):
        graph.add_edge(actor, target, weight=count)
    positions = nx.spring_layout(graph, seed=7) if len(graph) > 1 else {n: (0.0, 0.0) for n in graph}
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]

    def fit(value: float, low: float, high: float, size: int, margin: int) -> float:
        if high == low:
            return size / 2
        return round(margin + (value - low) / (high - low) * (size - 2 * margin), 1)

    across, down = NET_MARGINS
    at = {
        n: (
            fit(positions[n][0], min(xs), max(xs), NET_W, across),
            fit(positions[n][1], min(ys), max(ys), NET_H, down),
        )
        for n in graph
    }
    degree = dict(graph.degree(weight="weight"))
    nodes = [
        {"id": n, "name": found.names[n], "x": at[n][0], "y": at[n][1], "r": min(6 + 2 * degree[n], 18)}
        for n in graph
    ]
    radius = {node["id"]: node["r"] for node in nodes}
    edges = []
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = at[a], at[b]
        length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1.0)
        short = (radius[b] + 6) / length  # stop the arrow at the target's edge
        edges.append(
            {
                "source": a,
                "target": b,
                "x1": x1,
                "y1": y1,
                "x2": round(x2 - (x2 - x1) * short, 1),
                "y2": round(y2 - (y2 - y1) * short, 1),
                "label": f"{found.names[a]} → {found.names[b]}: {data['weight']} events",
                "width": min(1 + data["weight"], 6),
            }
        )
    return {"width": NET_W, "height": NET_H, "nodes": nodes, "edges": edges}
