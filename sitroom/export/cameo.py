"""GDELT-like TSV: date, CAMEO actor codes, CAMEO event and root codes, place and source URL.

Actor codes are CAMEO codes (``RUS``, ``UKRMIL``): the extractor's code, else the actor's
country (ISO alpha-3) and its agent from its subtype; empty when neither is known.
"""

from __future__ import annotations

import csv
from typing import TextIO

from sqlalchemy import Connection

from sitroom.export.actors import ActorFacts
from sitroom.export.safe import spreadsheet_cell
from sitroom.read.events import event_views

COLUMNS = (
    "date", "actor1_code", "actor2_code", "event_code", "root_code", "location", "lat", "lon", "source_url",
)  # fmt: skip


def write(conn: Connection, out: TextIO) -> None:
    """Write every event with a CAMEO code as one tab-separated row, after a header row."""
    actors = ActorFacts.read(conn)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for event in sorted((e for e in event_views(conn) if e.cameo), key=lambda e: (e.when, e.id)):
        cameo = event.cameo or ""
        row = [
            event.when.replace("-", ""),
            event.actor_code or actors.cameo_code(event.actor_id),
            event.target_code or actors.cameo_code(event.target_id),
            cameo,
            cameo[:2],
            event.location or "",
            "" if event.lat is None else f"{event.lat:.4f}",
            "" if event.lon is None else f"{event.lon:.4f}",
            event.document.url or "",
        ]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
