"""The event map laid out on the server: fitted to where the events are, markers clustered.

The SVG map is an equirectangular projection of the frame: the extent of the events in the
country most of them are in (Ukraine for a corpus about the war), so one far-away event does
not shrink the theatre to a dot. Events outside the frame are counted, not drawn; ``whole``
fits every event instead. Markers closer than ``CLUSTER_PX`` become one numbered cluster.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sitroom.read.views import EventView

MAP_W, MAP_H = 800, 440
GRID_STEPS = (1, 2, 5, 10, 15, 30)
LABEL_HEIGHT = 12  # px, the size of the SVG map's text
CLUSTER_PX = 22  # markers nearer than this on the page are drawn as one cluster
PAD_DEGREES = 1.0  # room kept around the events' extent
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"  # linked from "© OpenStreetMap contributors"


@dataclass(frozen=True, slots=True)
class Frame:
    """The part of the world a map shows, in degrees."""

    south: float
    north: float
    west: float
    east: float

    def holds(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def marker_label(ev: EventView) -> str:
    """Return how a map marker names its event: "ASSAULT in Kramatorsk, 2023-06-27"."""
    return f"{ev.type} in {ev.location or 'unnamed place'}, {ev.when or 'undated'}"


def fit_frame(events: list[EventView], whole: bool = False) -> Frame:
    """Return the frame of the events: those of the main country (most events), or all with ``whole``."""
    located = [ev for ev in events if ev.lat is not None and ev.lon is not None]
    if not located:
        return Frame(-60.0, 80.0, -180.0, 180.0)
    countries = Counter(ev.country for ev in located if ev.country)
    if countries and not whole:
        main = countries.most_common(1)[0][0]
        located = [ev for ev in located if ev.country == main] or located
    lats = [ev.lat for ev in located if ev.lat is not None]
    lons = [ev.lon for ev in located if ev.lon is not None]
    south, north = min(lats) - PAD_DEGREES, max(lats) + PAD_DEGREES
    west, east = min(lons) - PAD_DEGREES * 1.5, max(lons) + PAD_DEGREES * 1.5
    if north - south < 4:  # one town: show its region
        middle = (north + south) / 2
        south, north = middle - 2, middle + 2
    if east - west < 6:
        middle = (east + west) / 2
        west, east = middle - 3, middle + 3
    return Frame(max(south, -85.0), min(north, 85.0), max(west, -180.0), min(east, 180.0))


def _clusters(markers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group markers nearer than CLUSTER_PX (greedy, in order); return one cluster per group."""
    groups: list[list[dict[str, Any]]] = []
    for marker in markers:
        for group in groups:
            head = group[0]
            if abs(head["x"] - marker["x"]) < CLUSTER_PX and abs(head["y"] - marker["y"]) < CLUSTER_PX:
                group.append(marker)
                break
        else:
            groups.append([marker])
    clusters = []
    for group in groups:
        events = [m["event"] for m in group]
        places = Counter(ev.location or "unnamed place" for ev in events)
        place_ids = {ev.location_id for ev in events}
        name = places.most_common(1)[0][0]
        more = len(places) - 1
        clusters.append(
            {
                "lat": sum(ev.lat or 0.0 for ev in events) / len(events),
                "lon": sum(ev.lon or 0.0 for ev in events) / len(events),
                "x": round(sum(m["x"] for m in group) / len(group), 1),
                "y": round(sum(m["y"] for m in group) / len(group), 1),
                "count": len(group),
                "r": min(7 + 3 * (len(group) - 1) ** 0.5, 20),
                "event": events[0],
                "name": name if not more else f"{name} and {more} more",
                "label": (
                    marker_label(events[0])
                    if len(group) == 1
                    else f"{len(group)} events in {name}" + (f" and {more} other places" if more else "")
                ),
                # One place: its timeline lists them all; several: the table below the map.
                "href": (
                    f"/events/{events[0].id}"
                    if len(group) == 1
                    else f"/timeline?place={events[0].location_id}"
                    if len(place_ids) == 1 and events[0].location_id is not None
                    else "#events"
                ),
            }
        )
    return clusters


def map_view(
    events: list[EventView], whole: bool = False, size: tuple[int, int] = (MAP_W, MAP_H)
) -> dict[str, Any]:
    """Lay out events on an equirectangular projection of their frame, with a graticule and clusters."""
    width, height = size
    frame = fit_frame(events, whole)
    scale = min(width / (frame.east - frame.west), height / (frame.north - frame.south))
    centre_lon, centre_lat = (frame.west + frame.east) / 2, (frame.south + frame.north) / 2

    def point(lat: float, lon: float) -> tuple[float, float]:
        x = width / 2 + (lon - centre_lon) * scale
        return round(x, 1), round(height / 2 - (lat - centre_lat) * scale, 1)

    view_west, view_east = centre_lon - width / 2 / scale, centre_lon + width / 2 / scale
    view_south, view_north = centre_lat - height / 2 / scale, centre_lat + height / 2 / scale
    span = max(view_east - view_west, view_north - view_south)
    step = next((s for s in GRID_STEPS if span / s <= 12), 30)
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
    view = Frame(view_south, view_north, view_west, view_east)
    markers, outside = [], 0
    for ev in events:
        if ev.lat is None or ev.lon is None:
            continue
        if not view.holds(ev.lat, ev.lon):
            outside += 1
            continue
        x, y = point(ev.lat, ev.lon)
        markers.append({"x": x, "y": y, "event": ev})
    return {
        "width": width,
        "height": height,
        "meridians": meridians,
        "parallels": parallels,
        "clusters": _clusters(markers),
        "shown": len(markers),
        "outside": outside,
        "frame": frame,
    }


def tile_layer(tile_url: str, view: dict[str, Any]) -> dict[str, Any]:
    """Return what the browser needs for the tile map: URL template, attribution, frame, the clusters."""
    frame: Frame = view["frame"]
    return {
        "url": tile_url,
        "copyright": OSM_COPYRIGHT,
        "width": MAP_W,
        "height": MAP_H,
        "frame": {"south": frame.south, "north": frame.north, "west": frame.west, "east": frame.east},
        "markers": [
            {
                "id": c["event"].id,
                "lat": c["lat"],
                "lon": c["lon"],
                "label": c["label"],
                "href": c["href"],
                "count": c["count"],
            }
            for c in view["clusters"]
        ],
    }
