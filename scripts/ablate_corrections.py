"""Print what each entity correction is worth: NER F1 on WikiEvents dev (typed, halves A and B)
and the seed gold's required entities, with every correction on and with each one off.

    python scripts/ablate_corrections.py ../shared/data/wikievents/dev.jsonl ../shared/gold/seed.gold.json

A correction whose removal raises the F1 costs more than it fixes (see ``sitroom.evaluate.ablation``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitroom.errors import SitroomError
from sitroom.evaluate.ablation import ablate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="WikiEvents JSON Lines and seed gold files")
    parser.add_argument("--model", help="spaCy pipeline (default: the installed sm)")
    args = parser.parse_args()
    try:
        rows = ablate(args.paths, args.model)
    except SitroomError as error:
        print(f"ablate_corrections: {error}", file=sys.stderr)
        return 2
    base = rows[0]
    print(f"{'off':18} {'NER F1 A':>9} {'Δ A':>7} {'NER F1 B':>9} {'Δ B':>7} {'seed':>7}")
    for row in rows:
        cells = [f"{row.off:18}"]
        for half in ("A", "B"):
            value, start = row.ner_f1[half], base.ner_f1[half]
            cells.append(f"{value:9.4f}" if value is not None else f"{'-':>9}")
            delta = value - start if value is not None and start is not None else None
            cells.append(f"{delta:+7.4f}" if delta is not None and row is not base else f"{'':>7}")
        cells.append(f"{row.seed_found:>3}/{row.seed_required:<3}")
        print(" ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
