"""Latency of the API's main queries, called through the web app in this process."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import httpx

from sitroom.bench.server import serving
from sitroom.bench.synthetic import FIRST_DAY, SyntheticCorpus
from sitroom.web.app import create_app

# Stop repeating a query once it has taken this long in all (slow queries get fewer samples).
BUDGET_S = 20.0
REQUEST_TIMEOUT_S = 600.0


@dataclass(frozen=True, slots=True)
class Latency:
    """Percentiles of one query's response time, in milliseconds, over ``samples`` calls."""

    name: str
    path: str
    samples: int
    p50_ms: float
    p95_ms: float
    status: int
    items: int  # items (or, for an entity, events) in the answer


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile ``share`` (0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def main_queries(corpus: SyntheticCorpus) -> dict[str, str]:
    """The API calls a dashboard makes, with filters that hit the synthetic corpus."""
    month = FIRST_DAY.replace(month=6)
    return {
        "stories": "/api/stories?limit=50",
        "events_by_type": f"/api/events?type={corpus.event_type}&limit=50",
        "events_by_place": f"/api/events?place={corpus.busiest_place}&limit=50",
        "events_by_date": f"/api/events?since={month.isoformat()}&until={month.replace(day=30).isoformat()}",
        "search": f"/api/search?q={corpus.search_words}",
        "entity_page": f"/api/entities/{corpus.busiest_place_id}",
    }


def measure_queries(db_url: str, corpus: SyntheticCorpus, repeat: int = 20) -> list[Latency]:
    """Call each main query over HTTP up to ``repeat`` times (fewer past ``BUDGET_S``) after a warm-up."""
    results = []
    with (
        serving(create_app(db_url)) as base,
        httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client,
    ):
        for name, path in main_queries(corpus).items():
            answer = client.get(path)
            timings: list[float] = []
            while len(timings) < repeat and sum(timings) < BUDGET_S * 1000:
                started = time.perf_counter()
                answer = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            body = answer.json() if answer.status_code == 200 else {}
            results.append(
                Latency(
                    name, path, len(timings), percentile(timings, 0.5), percentile(timings, 0.95),
                    answer.status_code, len(body.get("items", body.get("events", []))),
                )
            )  # fmt: skip
    return results
