"""Measure what each entity correction is worth: switch it off (``Corrections`` of
``sitroom.nlp.entities``) and score NER on WikiEvents entity mentions (typed F1, each fixed
half) and the seed gold's entities (required found), against every correction on.

Each document is parsed once; only the entity stage runs again for each correction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.errors import InputError
from sitroom.evaluate.formats import SeedGold, SpanDocument, detect_format, read_seed, read_wikievents
from sitroom.evaluate.ner import NerCounts, named_mentions, predicted_names
from sitroom.evaluate.score import (
    HALVES,
    entity_problem,
    gold_names,
    plover_halves,
)
from sitroom.evaluate.score import (
    predicted_names as entity_names,
)
from sitroom.nlp.entities import ALL_CORRECTIONS, Corrections, find_entities
from sitroom.nlp.load import load_pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class AblationRow:
    """The figures with one correction off ("none": every correction on)."""

    off: str
    ner_f1: dict[str, float | None]  # half -> typed NER F1 on WikiEvents
    seed_found: int
    seed_required: int


def correction_names() -> list[str]:
    """Return the names of the corrections that can be switched off."""
    return [f.name for f in fields(Corrections)]


def ablate(paths: Sequence[Path], model: str | None = None) -> list[AblationRow]:
    """Return the figures with every correction on, then with each one off in turn."""
    wiki: list[SpanDocument] = []
    seed: list[SeedGold] = []
    for path in paths:
        kind = detect_format(path) if path.exists() else "missing"
        if kind == "wikievents":
            wiki += read_wikievents(path)
        elif kind == "seed":
            seed += read_seed(path)
        else:
            raise InputError(str(path), "the ablation reads WikiEvents and seed gold files only")
    nlp = load_pipeline(model)
    wiki_docs = list(nlp.pipe(d.text for d in wiki))
    seed_docs = list(nlp.pipe(g.text for g in seed))
    rows = []
    for off in ("none", *correction_names()):
        corrections = ALL_CORRECTIONS if off == "none" else replace(ALL_CORRECTIONS, **{off: False})
        found, required = _seed_entities(seed, seed_docs, corrections)
        rows.append(AblationRow(off, _ner_f1(wiki, wiki_docs, corrections), found, required))
    return rows


def _ner_f1(
    documents: list[SpanDocument], docs: list[Doc], corrections: Corrections
) -> dict[str, float | None]:
    half_of = plover_halves(d.id for d in documents)
    counts = {half: NerCounts.named(f"ner half {half}") for half in HALVES}
    for document, doc in zip(documents, docs, strict=True):
        gold = named_mentions(document)
        mentions = find_entities(doc, corrections=corrections).contract_mentions()
        counts[half_of[document.id]].add(gold, predicted_names(document.text, mentions, gold.neutral))
    return {half: part.typed.f1 for half, part in counts.items()}


def _seed_entities(gold: list[SeedGold], docs: list[Doc], corrections: Corrections) -> tuple[int, int]:
    found = required = 0
    for item, doc in zip(gold, docs, strict=True):
        entities = list(find_entities(doc, item.published, corrections).entities.values())
        gold_index, pred_index = gold_names(item.entities), entity_names(entities)
        for entity in (e for e in item.entities if not e.optional):
            required += 1
            found += any(not entity_problem(entity, e, gold_index, pred_index) for e in entities)
    return found, required
