"""Measure the event-type classifier on the two fixed halves of the PLOVER dev records.

    python scripts/measure_event_classifier.py [PLOVER.jsonl] [--misses-a]

The records (DOCUMENT lines skipped) are sorted by id: even positions are half A, odd ones half B.
For each half it prints the classifier alone (the type it gives the record's text, NONE counting as
wrong) and ``sitroom eval``'s event-type accuracy without and with the classifier stage. Dev data
measures only: ``--misses-a`` lists half A's misses to find kinds of wording the corpus lacks;
half B is reported as numbers only.
"""

from __future__ import annotations

import argparse
import sys
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


def eval_accuracy(records: list[PloverRecord], with_stage: bool) -> tuple[float, list[str]]:
    original = classify.classify_events
    if not with_stage:
        classify.classify_events = lambda doc, ents, events, published=None: events  # type: ignore[assignment]
    try:
        analyses = _analyses(records, None)
    finally:
        classify.classify_events = original
    part = score_plover(zip(records, analyses, strict=True)).parts[0]
    lines = []
    for record, analysis in zip(records, analyses, strict=True):
        event = main_event(record, analysis)
        if (event.type if event else "NONE") != record.event:
            got = f"{event.type} ({event.trigger}, {event.rule})" if event else "no event"
            lines.append(f"{record.id}: gold {record.event}, got {got}: {record.text}")
    return part.correct / part.total, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--misses-a", action="store_true", help="List half A's misses (never half B's).")
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"{args.path}: no such PLOVER file")
    for name, records in halves(read_plover(args.path)).items():
        alone, _ = classifier_accuracy(records)
        before, _ = eval_accuracy(records, with_stage=False)
        after, misses = eval_accuracy(records, with_stage=True)
        print(f"half {name} ({len(records)} records): classifier alone {alone:.3f}; "
              f"eval event type without the stage {before:.3f}, with it {after:.3f}")  # fmt: skip
        if name == "A" and args.misses_a:
            print("\n".join(misses))


if __name__ == "__main__":
    main()
