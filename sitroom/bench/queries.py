"""The query benchmark alone, in two steps: load a synthetic corpus once, then time the API on it.

``python -m sitroom.bench.queries load URL --events N`` fills the empty database at URL and writes what
it loaded to ``URL``'s corpus file (``--corpus``, JSON); ``python -m sitroom.bench.queries measure URL``
times the API's main queries on it and prints their percentiles as JSON. ``sitroom bench`` does
both (and more) in one run; this lets the slow load be done once while the queries change.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from sitroom.bench.corpus import sample_documents
from sitroom.bench.latency import measure_queries
from sitroom.bench.synthetic import SyntheticCorpus, load_synthetic
from sitroom.bench.throughput import analyze_throughput, peak_rss_mb


def load(db_url: str, events: int, corpus_file: Path) -> SyntheticCorpus:
    """Analyse the sample reports, load ``events`` synthetic events from them, save the corpus figures."""
    templates = sample_documents()
    _, analyses = analyze_throughput(templates)
    corpus = load_synthetic(db_url, events, analyses)
    corpus_file.write_text(json.dumps(dataclasses.asdict(corpus), indent=2) + "\n")
    return corpus


def measure(db_url: str, corpus_file: Path, repeat: int) -> list[dict[str, object]]:
    """Time the main queries on the corpus described in ``corpus_file``."""
    corpus = SyntheticCorpus(**json.loads(corpus_file.read_text()))
    found: list[dict[str, object]] = [
        dataclasses.asdict(lat) for lat in measure_queries(db_url, corpus, repeat)
    ]
    found.append({"peak_rss_mb": round(peak_rss_mb(), 1)})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("step", choices=("load", "measure"))
    parser.add_argument("db_url")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=Path("bench-corpus.json"))
    args = parser.parse_args()
    if args.step == "load":
        result: object = dataclasses.asdict(load(args.db_url, args.events, args.corpus))
    else:
        result = measure(args.db_url, args.corpus, args.repeat)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
