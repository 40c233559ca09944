"""Score the extraction against gold data: seed gold JSON, PLOVER, CoNLL-2003 and WikiEvents.

``evaluate(paths)`` reads the gold, analyses its texts with the extraction pipeline and
returns an ``EvalReport`` (parts with precision, recall, F1 and targets, tables, misses).
"""

from __future__ import annotations

from sitroom.evaluate.report import EvalReport, evaluate

__all__ = ["EvalReport", "evaluate"]
