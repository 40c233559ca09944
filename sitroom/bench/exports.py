"""Export timing: each export format over a stored corpus, to show that exports grow linearly.

``python -m sitroom.bench.exports URL`` times every format over the database at URL (for example
one filled by ``python -m sitroom.bench.queries load``) and prints seconds per format as JSON;
``export_timings(url)`` returns the same figures for ``sitroom bench`` to include.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from sitroom.export import EXPORTERS, export
from sitroom.store.db import Store


def export_timings(db_url: str, formats: tuple[str, ...] = tuple(EXPORTERS)) -> dict[str, float]:
    """Return the seconds each export format takes over the whole store at ``db_url`` (output discarded)."""
    store = Store.open(db_url)
    timings: dict[str, float] = {}
    try:
        with store.engine.connect() as conn, open(os.devnull, "w", encoding="utf-8") as sink:
            for name in formats:
                start = time.perf_counter()
                export(conn, name, sink)
                timings[name] = round(time.perf_counter() - start, 2)
    finally:
        store.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db_url")
    parser.add_argument("--format", action="append", choices=tuple(EXPORTERS), help="Only these formats.")
    args = parser.parse_args()
    print(json.dumps(export_timings(args.db_url, tuple(args.format or EXPORTERS)), indent=2))


if __name__ == "__main__":
    main()
