"""Run an evaluation: read gold, analyse its texts, score, and gather one report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigError, InputError
from sitroom.evaluate.formats import FORMATS, READERS, SeedGold, detect_format
from sitroom.evaluate.ner import plain_spacy_mentions, score_ner
from sitroom.evaluate.score import (
    Miss,
    PartScore,
    Score,
    score_conll,
    score_plover,
    score_seed,
    score_wikievents,
)
from sitroom.extract.pipeline import analyze_documents
from sitroom.model import Document

SCORERS = {"seed": score_seed, "plover": score_plover, "conll": score_conll, "wikievents": score_wikievents}


@dataclass(slots=True)
class EvalReport:
    """Everything an evaluation measured, over one or more gold files."""

    formats: list[str] = field(default_factory=list)
    documents: int = 0
    parts: list[PartScore] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    @property
    def targets_met(self) -> bool:
        """Return whether every part with a target reaches it."""
        return all(part.target_met is not False for part in self.parts)

    def to_json(self, misses: bool = False) -> dict[str, Any]:
        result: dict[str, Any] = {
            "formats": self.formats,
            "documents": self.documents,
            "parts": {part.name: part.to_json() for part in self.parts},
            "tables": self.tables,
            "targets_met": self.targets_met,
        }
        if misses:
            result["misses"] = [miss.to_json() for miss in self.misses]
        return result


def evaluate(
    paths: Sequence[Path], gold_format: str = "auto", *, limit: int | None = None, model: str | None = None
) -> EvalReport:
    """Score the extraction on the gold ``paths``; ``limit`` caps the documents read from each path."""
    if gold_format != "auto" and gold_format not in FORMATS:
        raise ConfigError(f"unknown gold format {gold_format!r}: use one of auto, {', '.join(FORMATS)}")
    by_format: dict[str, list[Any]] = {}
    for path in paths:
        if not path.exists():
            raise InputError(str(path), "no such file or directory")
        kind = detect_format(path) if gold_format == "auto" else gold_format
        gold = READERS[kind](path)
        by_format.setdefault(kind, []).extend(gold[:limit] if limit is not None else gold)
    report = EvalReport()
    for kind, gold in by_format.items():
        analyses = _analyses(gold, model)
        score: Score = SCORERS[kind](zip(gold, analyses, strict=True))  # type: ignore[operator]
        if kind == "wikievents":
            _add_ner(score, gold, analyses)
        report.formats.append(kind)
        report.documents += len(gold)
        report.parts.extend(score.parts)
        report.tables.update(score.tables)
        order = {part.name: index for index, part in enumerate(score.parts)}
        report.misses.extend(sorted(score.misses, key=lambda miss: order.get(miss.part, len(order))))
    return report


def _add_ner(score: Score, gold: list[Any], analyses: list[Any]) -> None:
    """Add the NER scores on WikiEvents' entity mentions, sitroom's and plain spaCy sm's."""
    plain = plain_spacy_mentions([document.text for document in gold])
    ner = score_ner(gold, [analysis.mentions for analysis in analyses], plain)
    score.parts.extend(ner.parts)
    score.tables.update(ner.tables)
    score.misses.extend(ner.misses)


def _analyses(gold: list[Any], model: str | None) -> list[Any]:
    documents = [_document(item) for item in gold]
    return list(analyze_documents(documents, model=model))


def _document(item: Any) -> Document:
    if isinstance(item, SeedGold):
        return Document.from_text(item.text, published=item.published, origin=str(item.document_path))
    return Document.from_text(item.text, origin=str(getattr(item, "id", "")))
