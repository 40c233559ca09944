"""ACLED-style CSV: one row per event that carries an ACLED event type."""

from __future__ import annotations

import csv
from collections import Counter
from typing import TextIO

from sqlalchemy import Connection

from sitroom.resolve.queries import EventView, event_views

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "country", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities",
)  # fmt: skip
# ACLED's time precision: 1 the day is known, 2 a week or month or range, 3 only the year.
TIME_PRECISION = {"day": "1", None: "1", "month": "2", "range": "2", "year": "3"}


def country_of(code: str | None) -> tuple[str, str]:
    """Return (country name, ISO alpha-3) for an ISO alpha-2 code, or empty strings."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code) if code else None
    if found is None:
        return "", "XXX"
    return getattr(found, "common_name", found.name), found.alpha_3


def event_date(event: EventView) -> tuple[str, str]:
    """Return the event's ACLED date (its own, else the publication day) and time precision."""
    if event.date:
        return event.date[:10], TIME_PRECISION.get(event.date_precision, "2")
    published = event.document.published
    return (published.date().isoformat(), "2") if published else ("", "3")


def write(conn: Connection, out: TextIO) -> None:
    """Write events with an ACLED type as ACLED-style CSV rows, in date order."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    numbers: Counter[str] = Counter()
    events = sorted((e for e in event_views(conn) if e.acled_event_type), key=lambda e: (e.when, e.id))
    for event in events:
        country, iso3 = country_of(event.country)
        numbers[iso3] += 1
        day, precision = event_date(event)
        fatalities = (
            event.killed.min
            if event.killed and event.killed.min is not None
            else (event.killed.max if event.killed and event.killed.max is not None else 0)
        )
        writer.writerow(
            {
                "event_id_cnty": f"{iso3}{numbers[iso3]}",
                "event_date": day,
                "year": day[:4],
                "time_precision": precision,
                "event_type": event.acled_event_type,
                "sub_event_type": event.acled_sub_event_type or "",
                "actor1": event.actor or "",
                "actor2": event.target or "",
                "country": country,
                "location": event.location or "",
                "latitude": "" if event.lat is None else f"{event.lat:.4f}",
                "longitude": "" if event.lon is None else f"{event.lon:.4f}",
                "geo_precision": "1"
                if event.lat is not None and event.location
                else ("2" if event.lat else "3"),
                "source": "; ".join(event.document.sources),
                "notes": event.evidence.text,
                "fatalities": fatalities,
            }
        )
