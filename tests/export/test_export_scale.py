"""The STIX export grows linearly with the corpus: four times the documents take about four times as long."""

from __future__ import annotations

import io
import time
from pathlib import Path

from export_corpus import analysis, span

from sitroom.export import export
from sitroom.model import Bounds, Entity, Event
from sitroom.store.db import Store


def add_reports(store: Store, numbers: range) -> None:
    """Store one made-up shelling report per number (distinct towns, units and witnesses, cycling)."""
    for n in numbers:
        town = Entity(f"Selo {n % 40}", "GPE", country="UA", lat=47.0 + n % 40 / 100, lon=33.0)
        unit = Entity(f"Detachment {n % 60}", "ORG", subtype="armed_group", country="RU")
        witness = Entity(f"Witness {n % 90}", "PERSON", country="UA")
        text = f"{unit.name} shelled {town.name} at dawn, killing {n % 5} people, {witness.name} said ({n})."
        sentence = text.split(",")[0]
        event = Event(
            "ASSAULT", span(text, sentence), cameo="195", acled_event_type="Battles", actor=unit.name,
            target=town.name, location=town.name, date="2023-06-03", killed=Bounds(n % 5, n % 5),
        )  # fmt: skip
        item = analysis(
            text, f"Outlet {n % 7}", f"2023-06-{1 + n % 28:02d}T10:00:00", (town, unit, witness), (event,)
        )
        store.save(item.document, item)


def stix_seconds(store: Store) -> float:
    start = time.perf_counter()
    with store.engine.connect() as conn:
        export(conn, "stix", io.StringIO())
    return time.perf_counter() - start


def test_stix_export_time_grows_linearly(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "scale.db"))
    add_reports(store, range(60))
    stix_seconds(store)  # imports stix2 once, outside the timing
    small = min(stix_seconds(store) for _ in range(2))
    add_reports(store, range(60, 240))
    large = min(stix_seconds(store) for _ in range(2))
    assert large < small * 8, (small, large)  # linear gives about 4; the quadratic export gave 16
