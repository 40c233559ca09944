"""Measure the event-type classifier on the two fixed halves of the PLOVER dev records.

    python scripts/measure_event_classifier.py [PLOVER.jsonl] [--misses-a]
    python scripts/measure_event_classifier.py --speed 200


The records (DOCUMENT lines skipped) are sorted by id: even positions are half A, odd ones half B.
For each half it prints the classifier alone (the type it gives the record's text, NONE counting as
wrong) and ``sitroom eval``'s event-type accuracy without and with the classifier stage. Dev data
measures only: ``--misses-a`` lists half A's misses to find kinds of wording the corpus lacks;
half B is reported as numbers only. ``--speed N`` instead times plain spaCy, ``analyze`` without the
stage and ``analyze`` with it over N documents made from the sample corpus (as ``sitroom bench``),
each pass run twice, alternating, keeping the faster, in words per CPU second of this process.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sitroom.evaluate.formats import PloverRecord, read_plover
from sitroom.evaluate.report import _analyses
from sitroom.evaluate.score import main_event, score_plover
from sitroom.extract import classify

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "plover" / "plover-gsr-dev.jsonl"


def halves(records: list[PloverRecord]) -> dict[str, list[PloverRecord]]:
    ordered = sorted(records, key=lambda r: r.id)
    return {"A": ordered[0::2], "B": ordered[1::2]}


def classifier_accuracy(records: list[PloverRecord]) -> tuple[float, list[tuple[PloverRecord, str]]]:
    scores = classify.sentence_types(r.text for r in records)
    best = [max(s, key=lambda k: s[k]) for s in scores]
    right = sum(r.event == b for r, b in zip(records, best, strict=True))
    return right / len(records), list(zip(records, best, strict=True))


@contextmanager
def stage(on: bool) -> Iterator[None]:
    """Run ``analyze`` with the classifier stage, or (``on`` false) with it passing events through."""
    original = classify.classify_events
    if not on:
        classify.classify_events = lambda doc, ents, events, published=None: events  # type: ignore[assignment]
    try:
        yield
    finally:
        classify.classify_events = original


def eval_accuracy(records: list[PloverRecord], with_stage: bool) -> tuple[float, list[str]]:
    with stage(with_stage):
        analyses = _analyses(records, None)
    part = score_plover(zip(records, analyses, strict=True)).parts[0]
    lines = []
    for record, analysis in zip(records, analyses, strict=True):
        event = main_event(record, analysis)
        if (event.type if event else "NONE") != record.event:
            got = f"{event.type} ({event.trigger}, {event.rule})" if event else "no event"
            lines.append(f"{record.id}: gold {record.event}, got {got}: {record.text}")
    return part.correct / part.total, lines


def speed(count: int) -> None:
    """Words per CPU second (``time.process_time``, steady on a shared machine) of each pass."""
    from sitroom.bench.corpus import sample_documents, varied_documents
    from sitroom.bench.throughput import words_in
    from sitroom.extract.pipeline import analyze_documents
    from sitroom.nlp.load import load_pipeline

    templates = sample_documents()
    documents = list(varied_documents(max(count, len(templates)), templates))
    nlp = load_pipeline()
    list(analyze_documents(templates[:2]))
    classify.load_classifier()

    def timed(run: Callable[[], object]) -> float:
        started = time.process_time()
        run()
        return words_in(documents) / (time.process_time() - started)

    def analyze(on: bool) -> Callable[[], object]:
        def run() -> object:
            with stage(on):
                return list(analyze_documents(documents))

        return run

    passes: dict[str, Callable[[], object]] = {
        "spacy": lambda: list(nlp.pipe(d.text for d in documents)),
        "without": analyze(False),
        "with": analyze(True),
    }
    best = {name: 0.0 for name in passes}
    for _ in range(2):
        for name, run in passes.items():
            best[name] = max(best[name], timed(run))
    print(f"{len(documents)} documents, words per CPU second: plain spaCy {best['spacy']:.0f}, "
          f"analyze without the stage {best['without']:.0f} ({best['without'] / best['spacy']:.0%}), "
          f"with it {best['with']:.0f} ({best['with'] / best['spacy']:.0%})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--misses-a", action="store_true", help="List half A's misses (never half B's).")
    parser.add_argument("--speed", type=int, metavar="N", help="Time N sample documents instead.")
    args = parser.parse_args()
    if args.speed:
        speed(args.speed)
        return
    if not args.path.is_file():
        sys.exit(f"{args.path}: no such PLOVER file")
    for name, records in halves(read_plover(args.path)).items():
        alone, typed = classifier_accuracy(records)
        before, _ = eval_accuracy(records, with_stage=False)
        after, misses = eval_accuracy(records, with_stage=True)
        print(f"half {name} ({len(records)} records): classifier alone {alone:.3f}; "
              f"eval event type without the stage {before:.3f}, with it {after:.3f}")  # fmt: skip
        if name == "A" and args.misses_a:
            print("\n".join(misses))
            print(
                "\n".join(f"classifier: gold {r.event}, got {b}: {r.text}" for r, b in typed if r.event != b)
            )


if __name__ == "__main__":
    main()
