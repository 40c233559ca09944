"""ACLED-style CSV: ACLED's 31 columns in ACLED's order, one row per happening.

The events of one happening (same story, same ACLED type, same place, same day) make one
row: its fatalities are the highest figure reported, never a sum, and the notes list each
report's figure with its outlet. An event date far from the publication (a year named in
the text, "1941") is not taken: the publication day is, with a lower time precision.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import TextIO

import pycountry
from sqlalchemy import Connection

from sitroom.export.actors import ActorFacts
from sitroom.export.safe import spreadsheet_cell
from sitroom.read.events import event_views
from sitroom.read.views import EventView

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
# ACLED's time precision: 1 the day is known, 2 a week or month or range, 3 only the year.
TIME_PRECISION = {"day": "1", None: "1", "month": "2", "range": "2", "year": "3"}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# An event date this long before its report, or after it, is not the event's date.
EARLIEST_BEFORE = timedelta(days=366)
LATEST_AFTER = timedelta(days=1)


def country_of(code: str | None) -> tuple[str, str, str]:
    """Return (country name, ISO alpha-3, ISO numeric) for an ISO alpha-2 code, or empty strings."""
    found = pycountry.countries.get(alpha_2=code) if code else None
    if found is None:
        return "", "", ""
    return getattr(found, "common_name", found.name), found.alpha_3, str(int(found.numeric))


def event_date(event: EventView) -> tuple[str, str]:
    """Return the event's ACLED date and time precision.

    The event's own date when it is plausible for its report, else the publication day
    (precision 2: the event happened around then), else nothing (precision 3).
    """
    published = event.document.published
    own = _day(event.date)
    if own is not None and (
        published is None or published.date() - EARLIEST_BEFORE <= own <= published.date() + LATEST_AFTER
    ):
        return own.isoformat(), TIME_PRECISION.get(event.date_precision, "2")
    return (published.date().isoformat(), "2") if published else ("", "3")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def figure(event: EventView) -> int | None:
    """Return the death toll one report gives (its lower bound, else its upper bound)."""
    if event.killed is None:
        return None
    return event.killed.min if event.killed.min is not None else event.killed.max


def happenings(events: list[EventView]) -> list[list[EventView]]:
    """Group events of one happening: same story (else document), type, place and day.

    Within a group the reports come in the order they were published, so the notes read as
    the figure was reported over time.
    """
    groups: dict[tuple[str, ...], list[EventView]] = defaultdict(list)
    for event in events:
        story = f"story:{event.story_id}" if event.story_id is not None else f"document:{event.document.id}"
        place = str(event.location_id) if event.location_id is not None else (event.location or "")
        key = (story, event.acled_event_type or "", place, event_date(event)[0])
        groups[key].append(event)
    ordered = [sorted(group, key=_reported) for group in groups.values()]
    return sorted(ordered, key=lambda g: (event_date(g[0])[0], g[0].id))


def _reported(event: EventView) -> tuple[bool, datetime, str]:
    """Sort key: publication time (undated reports last), then id."""
    published = event.document.published
    return (published is None, published or datetime.min, event.id)


def outlets(event: EventView) -> list[str]:
    return list(event.document.sources) or ["unknown"]


def write(conn: Connection, out: TextIO) -> None:
    """Write each happening with an ACLED type as one ACLED-style CSV row, in date order."""
    actors = ActorFacts.read(conn)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    numbers: Counter[str] = Counter()
    for group in happenings([e for e in event_views(conn) if e.acled_event_type]):
        first = group[0]
        country, iso3, numeric = country_of(first.country)
        numbers[iso3 or "XXX"] += 1
        day, precision = event_date(first)
        figures = [(figure(e), outlet) for e in group for outlet in outlets(e) if figure(e) is not None]
        highest = max((n for n, _ in figures if n is not None), default=0)
        sources = list(dict.fromkeys(outlet for e in group for outlet in outlets(e)))
        inter1, inter2 = actors.acled_inter(first.actor_id), actors.acled_inter(first.target_id)
        actor1 = next((e.actor for e in group if e.actor), "")
        actor2 = next((e.target for e in group if e.target), "")
        notes = first.evidence.text
        if len(figures) > 1:
            notes += " | Fatalities reported: " + "; ".join(f"{n} ({outlet})" for n, outlet in figures)
        civilian = first.acled_event_type == "Violence against civilians" or inter2 == "7"
        newest = max((e.document.published for e in group if e.document.published), default=None)
        row = {
            "event_id_cnty": f"{iso3 or 'XXX'}{numbers[iso3 or 'XXX']}",
            "event_date": day,
            "year": day[:4],
            "time_precision": precision,
            "disorder_type": DISORDER.get(first.acled_event_type or "", ""),
            "event_type": first.acled_event_type,
            "sub_event_type": first.acled_sub_event_type or "",
            "actor1": actor1,
            "inter1": inter1,
            "actor2": actor2,
            "inter2": inter2,
            "interaction": "".join(sorted((inter1, inter2))) if inter1 and inter2 else "",
            "civilian_targeting": "Civilian targeting" if civilian else "",
            "iso": numeric,
            "country": country,
            "location": first.location or "",
            "latitude": "" if first.lat is None else f"{first.lat:.4f}",
            "longitude": "" if first.lon is None else f"{first.lon:.4f}",
            "geo_precision": "1" if first.lat is not None and first.location else ("2" if first.lat else "3"),
            "source": "; ".join(sources),
            "notes": notes,
            "fatalities": highest,
            "timestamp": _unix(newest),
        }
        writer.writerow({column: spreadsheet_cell(row.get(column)) for column in COLUMNS})


def _unix(moment: datetime | None) -> str:
    return str(int(moment.timestamp())) if moment is not None else ""
