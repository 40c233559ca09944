"""Train the event-type classifier shipped in ``sitroom/models/event_type`` (spaCy textcat, CPU, seeded).

    python scripts/train_event_classifier.py --seed 0 --out sitroom/models/event_type

Reads ``training/event_types.jsonl`` (rows of text, label, frame; written by
``training/build_event_corpus.py``), parses each sentence with sitroom's spaCy pipeline and turns
it into the words the classifier reads (``sitroom.extract.classify.sentence_words``), holds out 15%
of the frames of each label (a seeded split of whole frames, so held-out sentences have wordings the
model never saw), trains on the rest, reports held-out accuracy and tunes the confidence threshold
on the held-out set, then trains the shipped model on the whole corpus with the same settings.
The threshold, the held-out figures and the corpus digest go into the model's meta.json under
"sitroom".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

from sitroom.extract.classify import sentence_words
from sitroom.nlp.load import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "training" / "event_types.jsonl"
NONE = "NONE"
HELD_OUT = 0.15
PRECISION = 0.9
THRESHOLDS = [round(0.30 + 0.05 * step, 2) for step in range(14)]  # 0.30 .. 0.95
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
       "no_output_layer": False, "length": 2**15}  # fmt: skip
ARCHITECTURES: dict[str, dict[str, Any]] = {
    "bow": BOW,
    "ensemble": {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "linear_model": BOW,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": 64,
                "rows": [2000, 1000, 1000, 500],
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": 64,
                "window_size": 1,
                "maxout_pieces": 3,
                "depth": 2,
            },
        },
    },
}


def read_rows(path: Path) -> list[dict[str, str]]:
    """Return the corpus rows; exit with a one-line message when the file is missing or malformed."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        sys.exit(f"{path}: cannot read the training corpus ({error.strerror})")
    rows = []
    for number, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            sys.exit(f"{path}, line {number}: not a JSON object")
        if not isinstance(row, dict) or not {"text", "label", "frame"} <= row.keys():
            sys.exit(f"{path}, line {number}: a row needs text, label and frame")
        rows.append(row)
    return rows


def split(rows: list[dict[str, str]], seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Hold out 15% of the frames of each label (at least one), chosen by ``seed``."""
    rng = random.Random(seed)
    frames: dict[str, list[str]] = {}
    for row in rows:
        if row["frame"] not in frames.setdefault(row["label"], []):
            frames[row["label"]].append(row["frame"])
    held: set[str] = set()
    for label in sorted(frames):
        names = sorted(frames[label])
        held.update(rng.sample(names, max(1, round(len(names) * HELD_OUT))))
    return [r for r in rows if r["frame"] not in held], [r for r in rows if r["frame"] in held]


def parse(rows: list[dict[str, str]]) -> None:
    """Add to each row the words the classifier reads, from sitroom's spaCy parse of its text."""
    nlp = load_pipeline()
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        row["words"] = " ".join(sentence_words(doc[:]))


def as_doc(nlp: Language, row: dict[str, str]) -> Doc:
    return Doc(nlp.vocab, words=row["words"].split())


def train(rows: list[dict[str, str]], labels: list[str], seed: int, arch: str, epochs: int) -> Language:
    """Return a blank English pipeline with a textcat trained on ``rows``."""
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": ARCHITECTURES[arch]})
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(as_doc(nlp, r), {"cats": {k: float(k == r["label"]) for k in labels}}) for r in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def predict(nlp: Language, rows: list[dict[str, str]]) -> list[tuple[str, float]]:
    """Return the best label and its probability for each row."""
    best = []
    for doc in nlp.pipe(as_doc(nlp, r) for r in rows):
        label = max(doc.cats, key=lambda k: doc.cats[k])
        best.append((label, doc.cats[label]))
    return best


def tune_threshold(gold: list[str], predicted: list[tuple[str, float]]) -> tuple[float, dict[str, float]]:
    """The lowest threshold at which nine in ten of the events the classifier would add to held-out
    sentences have the right type (a wrong type, or an event for NONE, is wrong), with the precision
    at each threshold; the highest threshold when none reaches it."""
    best = THRESHOLDS[-1]
    report: dict[str, float] = {}
    for threshold in reversed(THRESHOLDS):
        fired = [
            (g, p) for g, (p, score) in zip(gold, predicted, strict=True) if p != NONE and score >= threshold
        ]
        right = sum(g == p for g, p in fired)
        report[str(threshold)] = round(right / len(fired), 3) if fired else 1.0
        if report[str(threshold)] >= PRECISION:
            best = threshold
        else:
            break
    return best, dict(sorted(report.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the event-type classifier (spaCy textcat).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="Folder to write the trained pipeline to.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--arch", choices=sorted(ARCHITECTURES), default="bow")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--limit", type=int, default=None, help="Use only every n-th row (quick checks).")
    parser.add_argument(
        "--no-full", action="store_true", help="Ship the held-out run's model, not a full retrain."
    )
    args = parser.parse_args()
    spacy.require_cpu()
    rows = read_rows(args.data)
    digest = hashlib.sha256(args.data.read_bytes()).hexdigest()
    if args.limit:
        rows = rows[:: args.limit]
    labels = sorted({r["label"] for r in rows})
    parse(rows)
    train_rows, held_rows = split(rows, args.seed)
    nlp = train(train_rows, labels, args.seed, args.arch, args.epochs)
    predicted = predict(nlp, held_rows)
    gold = [r["label"] for r in held_rows]
    accuracy = sum(g == p for g, (p, _) in zip(gold, predicted, strict=True)) / max(1, len(gold))
    threshold, precision = tune_threshold(gold, predicted)
    if not args.no_full:
        nlp = train(rows, labels, args.seed, args.arch, args.epochs)
    nlp.meta["name"] = "sitroom_event_type"
    nlp.meta["description"] = "PLOVER event type of a news sentence (NONE: no happening); see training/."
    nlp.meta["sitroom"] = {
        "seed": args.seed,
        "arch": args.arch,
        "epochs": args.epochs,
        "threshold": threshold,
        "held_out_accuracy": round(accuracy, 4),
        "held_out_sentences": len(held_rows),
        "held_out_precision_by_threshold": precision,
        "trained_on": "all rows" if not args.no_full else "train split",
        "corpus_sentences": dict(sorted(Counter(r["label"] for r in rows).items())),
        "corpus_sha256": digest,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"held-out accuracy {accuracy:.3f} on {len(held_rows)} sentences; threshold {threshold}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
