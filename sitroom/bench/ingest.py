"""Ingest rates: documents per second written through ``Store.save``, and analysed then written."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sitroom.model import Analysis
from sitroom.store.db import Store


@dataclass(frozen=True, slots=True)
class IngestRate:
    """Documents stored per second, writing only and analysing plus writing."""

    database: str
    documents: int
    save_docs_per_s: float
    end_to_end_docs_per_s: float


def ingest_rate(db_url: str, analyses: list[Analysis], analyze_seconds: float) -> IngestRate:
    """Save precomputed ``analyses`` into a new database at ``db_url`` (one transaction each).

    ``analyze_seconds`` is how long analysing them took, to give the end-to-end rate of one process.
    """
    store = Store.open(db_url)
    try:
        started = time.perf_counter()
        for analysis in analyses:
            store.save(analysis.document, analysis)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    count = len(analyses)
    return IngestRate(
        database=store.label,
        documents=count,
        save_docs_per_s=count / seconds if seconds else 0.0,
        end_to_end_docs_per_s=count / (seconds + analyze_seconds) if seconds + analyze_seconds else 0.0,
    )
