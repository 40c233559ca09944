"""Times as stored and compared: always aware, always UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(moment: datetime | None) -> datetime | None:
    """Return a stored time as UTC-aware (SQLite gives back naive UTC wall-clock times)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
