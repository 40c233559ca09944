"""The actor network laid out on the server: the top actors by events, links coloured by event class.

Each connected group of actors is laid out on its own: the largest on the left, the others
in a column beside it (so a lone pair does not squeeze the main group into a corner); the
table below lists every link.

Links are drawn per (actor, target) pair, coloured by the PLOVER quad class most of its
events have (verbal or material, cooperation or conflict); the list below the drawing gives
every link with its event types and counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from sitroom.read.views import Network
from sitroom.resolve.stories.load import QUAD_CLASSES

NET_W, NET_H = 960, 580
NET_MARGINS = (110, 40)  # horizontal room for the labels, vertical
CLASS_COLOURS = {
    "verbal cooperation": "#1f5fa8",
    "material cooperation": "#2e6b30",
    "verbal conflict": "#8a5a00",
    "material conflict": "#b3261e",
}
OTHER_COLOUR = "#6b6f75"
MAX_SIDE_GROUPS = 6  # separate groups drawn beside the largest; more are left to the table


def boxes(groups: int) -> list[tuple[float, float, float, float]]:
    """Return the (left, top, width, height) of each group's box: the largest on the left, the rest
    stacked in a column on the right (at most MAX_SIDE_GROUPS of them)."""
    if groups <= 1:
        return [(0.0, 0.0, NET_W, NET_H)]
    side = min(groups - 1, MAX_SIDE_GROUPS)
    main_w = NET_W * 0.7
    row = NET_H / side
    return [(0.0, 0.0, main_w, NET_H)] + [(main_w, i * row, NET_W - main_w, row) for i in range(side)]


def place_group(group: Any, box: tuple[float, float, float, float]) -> dict[int, tuple[float, float]]:
    """Lay out one connected group with a seeded spring layout, fitted into its box."""
    left, top, width, height = box
    if len(group) > 1:
        positions = nx.spring_layout(group, seed=7, k=3.0 / len(group) ** 0.5, iterations=300)
    else:
        positions = {n: (0.0, 0.0) for n in group}
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    across = min(NET_MARGINS[0], width / 3)
    down = min(NET_MARGINS[1], height / 3)

    def fit(value: float, low: float, high: float, start: float, size: float, margin: float) -> float:
        if high == low:
            return round(start + size / 2, 1)
        return round(start + margin + (value - low) / (high - low) * (size - 2 * margin), 1)

    return {
        n: (
            fit(positions[n][0], min(xs), max(xs), left, width, across),
            fit(positions[n][1], min(ys), max(ys), top, height, down),
        )
        for n in group
    }


def network_view(found: Network) -> dict[str, Any]:
    """Lay out the network, group by group, with networkx's spring layout (seeded: stable drawings)."""
    by_pair: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for (actor, target, kind), count in found.links.items():
        by_pair[(actor, target)][kind] += count
    whole = nx.Graph()
    whole.add_nodes_from(sorted(found.names))
    for (actor, target), kinds in sorted(by_pair.items()):
        whole.add_edge(actor, target, weight=sum(kinds.values()))
    groups = sorted(nx.connected_components(whole), key=lambda g: (-len(g), min(g)))
    at: dict[int, tuple[float, float]] = {}
    for group, box in zip(groups, boxes(len(groups)), strict=False):
        at.update(place_group(whole.subgraph(group), box))
    graph = whole.subgraph(set(at))
    top = max(found.events.values(), default=1)
    nodes = [
        {
            "id": n,
            "name": found.names[n],
            "x": at[n][0],
            "y": at[n][1],
            "r": round(6 + 12 * (found.events[n] / top) ** 0.5, 1),
            "events": found.events[n],
        }
        for n in sorted(graph, key=lambda n: found.events[n])  # the biggest drawn last, on top
    ]
    radius = {node["id"]: node["r"] for node in nodes}
    edges = []
    for (a, b), kinds in sorted(by_pair.items(), key=lambda item: -sum(item[1].values())):
        drawn = a in at and b in at
        (x1, y1), (x2, y2) = (at[a], at[b]) if drawn else ((0.0, 0.0), (0.0, 0.0))
        length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1.0)
        short = (radius.get(b, 0) + 6) / length  # stop the arrow at the target's edge
        classes = Counter({QUAD_CLASSES.get(kind, "other"): n for kind, n in kinds.items()})
        main_class = classes.most_common(1)[0][0]
        total = sum(kinds.values())
        detail = ", ".join(f"{kind.lower()} {n}" for kind, n in kinds.most_common())
        edges.append(
            {
                "drawn": drawn,
                "source": a,
                "target": b,
                "x1": x1,
                "y1": y1,
                "x2": round(x2 - (x2 - x1) * short, 1),
                "y2": round(y2 - (y2 - y1) * short, 1),
                "label": f"{found.names[a]} → {found.names[b]}: {total} events ({detail})",
                "actor": found.names[a],
                "target_name": found.names[b],
                "detail": detail,
                "total": total,
                "class": main_class,
                "colour": CLASS_COLOURS.get(main_class, OTHER_COLOUR),
                "width": min(1 + total, 6),
            }
        )
    legend = [{"name": name, "colour": colour} for name, colour in CLASS_COLOURS.items()]
    apart = len(whole) - len(graph)  # in groups beyond MAX_SIDE_GROUPS
    return {"width": NET_W, "height": NET_H, "nodes": nodes, "edges": edges, "legend": legend, "apart": apart}
