"""GDELT-like TSV: date, actor codes, CAMEO event and root codes, place and source URL."""

from __future__ import annotations

import csv
from typing import TextIO

from sqlalchemy import Connection

from sitroom.resolve.queries import event_views

COLUMNS = (
    "date", "actor1_code", "actor2_code", "event_code", "root_code", "location", "lat", "lon", "source_url",
)  # fmt: skip


def write(conn: Connection, out: TextIO) -> None:
    """Write every event with a CAMEO code as one tab-separated row, after a header row."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for event in sorted((e for e in event_views(conn) if e.cameo), key=lambda e: (e.when, e.id)):
        cameo = event.cameo or ""
        writer.writerow(
            [
                event.when.replace("-", ""),
                event.actor_code or event.actor or "",
                event.target_code or event.target or "",
                cameo,
                cameo[:2],
                event.location or "",
                "" if event.lat is None else f"{event.lat:.4f}",
                "" if event.lon is None else f"{event.lon:.4f}",
                event.document.url or "",
            ]
        )
