"""JSON Lines export: one event per line with its evidence, document and story."""

from __future__ import annotations

import json
from typing import TextIO

from sqlalchemy import Connection

from sitroom.read.events import event_views
from sitroom.read.stories import story_titles


def write(conn: Connection, out: TextIO) -> None:
    """Write every event as one JSON object per line, in date order."""
    titles = story_titles(conn)
    for event in sorted(event_views(conn), key=lambda e: (e.when, e.id)):
        data = event.to_json()
        data["story"] = (
            {"id": event.story_id, "title": titles.get(event.story_id)} if event.story_id else None
        )
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
