"""JSON Lines export: one event per line with its evidence, document and story."""

from __future__ import annotations

import json
from typing import TextIO

from sqlalchemy import Connection, select

from sitroom.read.events import event_views
from sitroom.store import schema as t


def write(conn: Connection, out: TextIO) -> None:
    """Write every event as one JSON object per line, in date order."""
    titles = {sid: title for sid, title in conn.execute(select(t.stories.c.id, t.stories.c.title))}
    for event in sorted(event_views(conn), key=lambda e: (e.when, e.id)):
        data = event.to_json()
        data["story"] = (
            {"id": event.story_id, "title": titles.get(event.story_id)} if event.story_id else None
        )
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
