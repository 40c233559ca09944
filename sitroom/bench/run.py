"""Run every benchmark and return the figures as one JSON-ready dict (``sitroom bench``)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from sitroom.bench.corpus import sample_documents, varied_documents
from sitroom.bench.ingest import ingest_rate
from sitroom.bench.latency import measure_queries
from sitroom.bench.synthetic import load_synthetic
from sitroom.bench.throughput import analyze_throughput, peak_rss_mb, spacy_throughput, streaming_memory
from sitroom.errors import ConfigError
from sitroom.store import schema as t
from sitroom.store.db import Store

DEFAULT_DOCS = 200
DEFAULT_EVENTS_SQLITE = 20_000
DEFAULT_EVENTS_POSTGRES = 1_000_000
TARGET_DOCS = 100_000
TARGET_CORES = 2

Step = Callable[[str], None]


def _require_empty(db_url: str) -> None:
    """Refuse a database that holds documents: the benchmark fills it and clears what it wrote."""
    store = Store.open(db_url)
    try:
        with store.transaction() as conn:
            count = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
    finally:
        store.close()
    if count:
        raise ConfigError(f"--pg {store.label}: the database holds {count} documents; give an empty one")


def _clear(db_url: str) -> None:
    """Delete every row the benchmark wrote (the database was empty before)."""
    store = Store.open(db_url)
    try:
        with store.transaction() as conn:
            for table in reversed(t.metadata.sorted_tables):
                conn.execute(table.delete())
    finally:
        store.close()


def run_bench(
    docs: int = DEFAULT_DOCS,
    *,
    pg: str | None = None,
    events: int | None = None,
    stream: int | None = None,
    model: str | None = None,
    step: Step | None = None,
) -> dict[str, Any]:
    """Measure extraction against plain spaCy, memory, ingest rates and API latency; return the figures.

    ``docs`` documents are made from the sample corpus; ``stream`` more (default ``5 * docs``)
    go through a streaming analysis to show memory stays flat; the query benchmark runs on
    ``events`` synthetic events in PostgreSQL at ``pg`` (which must be empty) or SQLite.
    """
    say = step or (lambda _message: None)
    if pg is not None:
        _require_empty(pg)
    templates = sample_documents()
    documents = list(varied_documents(max(docs, len(templates)), templates))
    say(f"warming up, then parsing {len(documents)} documents with plain spaCy")
    analyze_throughput(templates[:2], model)
    spacy = spacy_throughput(documents, model)
    say("analysing the same documents")
    analyzed, analyses = analyze_throughput(documents, model)
    figures: dict[str, Any] = {
        "documents": len(documents),
        "words": analyzed.words,
        "spacy_docs_per_s": round(spacy.documents_per_s, 2),
        "spacy_words_per_s": round(spacy.words_per_s, 1),
        "analyze_docs_per_s": round(analyzed.documents_per_s, 2),
        "analyze_words_per_s": round(analyzed.words_per_s, 1),
        "ratio": round(analyzed.words_per_s / spacy.words_per_s, 3) if spacy.words_per_s else None,
    }
    stream_count = stream if stream is not None else 5 * len(documents)
    say(f"streaming {stream_count} documents through analysis")
    memory = streaming_memory(stream_count, model)
    figures["stream"] = {
        "documents": memory.documents,
        "rss_after_first_tenth_mb": round(memory.rss_after_first_tenth_mb, 1),
        "rss_at_end_mb": round(memory.rss_at_end_mb, 1),
    }
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)

    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as folder:
        say("storing the analyses in SQLite")
        rates = [ingest_rate(f"sqlite:///{Path(folder) / 'ingest.db'}", analyses, analyzed.seconds)]
        if pg is not None:
            say("storing the analyses in PostgreSQL")
            rates.append(ingest_rate(pg, analyses, analyzed.seconds))
            _clear(pg)
        figures["ingest"] = {
            ("postgresql" if rate.database.startswith("postgresql") else "sqlite"): {
                "documents": rate.documents,
                "save_docs_per_s": round(rate.save_docs_per_s, 1),
                "end_to_end_docs_per_s": round(rate.end_to_end_docs_per_s, 2),
            }
            for rate in rates
        }
        # Extraction is CPU-bound and runs in one worker process per core; the client only writes.
        one_core = rates[0].end_to_end_docs_per_s
        figures["estimate_100k_docs_two_cores_s"] = (
            round(TARGET_DOCS / (one_core * TARGET_CORES)) if one_core else None
        )

        target = pg or f"sqlite:///{Path(folder) / 'queries.db'}"
        count = events or (DEFAULT_EVENTS_POSTGRES if pg else DEFAULT_EVENTS_SQLITE)
        say(f"loading {count} synthetic events into {'PostgreSQL' if pg else 'SQLite'}")
        corpus = load_synthetic(target, count, analyses[: len(templates)])
        say("timing the API's main queries")
        latencies = measure_queries(target, corpus)
    figures["latency"] = {
        "database": "postgresql" if pg else "sqlite",
        "events": corpus.events,
        "documents": corpus.documents,
        "stories": corpus.stories,
        "queries": {
            lat.name: {"path": lat.path, "samples": lat.samples, "p50_ms": round(lat.p50_ms, 1),
                       "p95_ms": round(lat.p95_ms, 1), "status": lat.status, "items": lat.items}
            for lat in latencies
        },
    }  # fmt: skip
    figures["peak_rss_with_queries_mb"] = round(peak_rss_mb(), 1)
    return figures
