"""Match extracted items to gold items and count them: precision, recall, F1 per part.

Every scorer takes pairs of (gold document, Analysis) and returns a ``Score``: the parts
with their counts and targets, per-type tables, and the misses, each with the gold
evidence and what was predicted near it, so that rule writers can see why it missed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitroom.evaluate.formats import GoldEntity, GoldItem, GoldSpan, PloverRecord, SeedGold, SpanDocument
from sitroom.extract.events.lexicon import victims_by_rule
from sitroom.geo import distance_km
from sitroom.model import Analysis, Claim, Entity, Event, Evidence, Relation


@dataclass(frozen=True, slots=True)
class Target:
    """A figure a part should reach: ``metric`` of the part at least ``minimum``."""

    metric: str  # recall | precision | f1 | accuracy | required (found/required) | found (found/total)
    minimum: float


@dataclass(slots=True)
class PartScore:
    """Counts for one part: gold items found, predicted items right, and optional-aware totals.

    ``gold`` counts the required gold items plus the optional ones that were found (optional
    items are credited when found and never missed); ``total`` counts every gold item.
    """

    name: str
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    required: int = 0
    required_found: int = 0
    total: int = 0
    metric: str = "f1"  # the headline figure: f1, or accuracy for a classification
    target: Target | None = None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision or 0.0, self.recall or 0.0
        if self.precision is None and self.recall is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def value(self, metric: str) -> float | None:
        """Return the figure named ``metric`` (see ``Target``)."""
        if metric == "required":
            return self.required_found / self.required if self.required else None
        if metric == "found":
            return self.found / self.total if self.total else None
        if metric == "accuracy":
            return self.recall
        return {"recall": self.recall, "precision": self.precision, "f1": self.f1}[metric]

    @property
    def target_text(self) -> str | None:
        """Return the target as a person reads it: "12/12 required", "≥8/9 found", "F1 ≥ 0.60"."""
        if self.target is None:
            return None
        metric, minimum = self.target.metric, self.target.minimum
        if metric in ("required", "found"):
            of = self.required if metric == "required" else self.total
            need = math.ceil(minimum * of - 1e-9)
            return f"{'' if need == of else '≥'}{need}/{of} {metric}"
        if metric == "f1":
            return f"F1 ≥ {minimum:.2f}"
        return f"{metric} ≥ {minimum:.2f}"

    @property
    def target_met(self) -> bool | None:
        if self.target is None:
            return None
        value = self.value(self.target.metric)
        return value is not None and value >= self.target.minimum - 1e-9

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "found": self.found,
            "predicted": self.predicted,
            "correct": self.correct,
            "required": self.required,
            "required_found": self.required_found,
            "total": self.total,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "accuracy": _round(self.recall) if self.metric == "accuracy" else None,
            "target": self.target_text,
            "target_met": self.target_met,
        }


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold item not found (or found wrong): what was expected, where, and what came out near it."""

    part: str
    document: str
    gold: str
    evidence: str | None
    predicted: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "document": self.document,
            "gold": self.gold,
            "evidence": self.evidence,
            "predicted": list(self.predicted),
        }


@dataclass(slots=True)
class Score:
    """The parts of one evaluation, its per-type tables and its misses."""

    parts: list[PartScore] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


# ---------------------------------------------------------------- names and places


def normalise_name(name: str) -> str:
    """Return a name folded for comparison: case, curly quotes, spacing and a leading "the"."""
    folded = " ".join(name.replace("’", "'").replace("‘", "'").casefold().split())
    return folded[4:] if folded.startswith("the ") else folded


class NameIndex:
    """Every name a canonical name may go by, for gold and predicted entities alike."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._aliases: dict[str, set[str]] = {}
        for group in groups:
            names = {normalise_name(n) for n in group if n}
            for name in names:
                self._aliases.setdefault(name, set()).update(names)

    def aliases(self, name: str) -> set[str]:
        """Return the folded names of ``name``'s entity, or the folded name alone."""
        folded = normalise_name(name)
        return self._aliases.get(folded, {folded})


def gold_names(entities: Iterable[GoldEntity]) -> NameIndex:
    """Return the alias index of gold entities."""
    return NameIndex([e.name, *e.aliases] for e in entities)


def predicted_names(entities: Iterable[Entity]) -> NameIndex:
    """Return the alias index of predicted entities."""
    return NameIndex([e.name, *e.aliases] for e in entities)


def names_agree(gold: str, predicted: str | None, gold_index: NameIndex, pred_index: NameIndex) -> bool:
    """Return whether a predicted name and a gold name share an alias, case-insensitively."""
    return predicted is not None and bool(gold_index.aliases(gold) & pred_index.aliases(predicted))


def locate(text: str, snippet: str | None) -> tuple[int, int] | None:
    """Return the character span of ``snippet`` in ``text``, ignoring case and quote styles."""
    if not snippet:
        return None
    start = text.find(snippet)
    if start < 0:
        start = _fold_quotes(text).find(_fold_quotes(snippet))
    return (start, start + len(snippet)) if start >= 0 else None


def _fold_quotes(text: str) -> str:
    # One character for one, so that offsets into the folded text are offsets into the text.
    return text.translate(str.maketrans("’‘“”", "''\"\"")).casefold()


def overlaps(evidence: Evidence, span: tuple[int, int] | None) -> bool:
    """Return whether an evidence span overlaps a character span."""
    return span is not None and evidence.start < span[1] and span[0] < evidence.end


# ---------------------------------------------------------------- the seed gold


def entity_problem(gold: GoldEntity, predicted: Entity, gold_index: NameIndex, pred_index: NameIndex) -> str:
    """Return why a predicted entity is not the gold entity ("" when it is)."""
    if not names_agree(gold.name, predicted.name, gold_index, pred_index):
        return "other name"
    if predicted.type != gold.type:
        return f"type {predicted.type}, gold {gold.type}"
    if gold.lat is not None and gold.lon is not None:
        if predicted.lat is None or predicted.lon is None:
            return "no coordinates"
        km = distance_km(gold.lat, gold.lon, predicted.lat, predicted.lon)
        if km > (gold.tolerance_km or 0.0):
            return f"placed {km:.0f} km away (tolerance {gold.tolerance_km or 0:g} km)"
    return ""


def _bounds_agree(gold: Any, predicted: Any) -> bool:
    if predicted is None:
        return False
    expected = {"min": gold} if isinstance(gold, int | float) else dict(gold)
    return all(getattr(predicted, key) == value for key, value in expected.items())


def _money_agrees(gold: dict[str, Any], predicted: Any) -> bool:
    if predicted is None:
        return False
    if "currency" in gold and predicted.currency != gold["currency"]:
        return False
    amount = gold.get("amount")
    return amount is None or math.isclose(predicted.amount, float(amount), rel_tol=0.01)


NAME_FIELDS = ("actor", "target", "location", "about", "attributed_to", "subject", "object")


def field_problems(gold: GoldItem, predicted: Any, gold_index: NameIndex, pred_index: NameIndex) -> list[str]:
    """Return each gold field that the predicted event, claim or relation does not agree with."""
    problems = []
    for key, value in gold.fields.items():
        if key.endswith("_alternatives"):
            continue
        allowed = [value, *gold.fields.get(f"{key}_alternatives", [])]
        if key == "cameo_root":
            got: Any = (predicted.cameo or "")[:2] or None
            ok = got in allowed
        elif key in NAME_FIELDS:
            got = getattr(predicted, key, None)
            ok = any(names_agree(str(v), got, gold_index, pred_index) for v in allowed)
        elif key in ("killed", "injured"):
            got = getattr(predicted, key, None)
            ok = _bounds_agree(value, got)
            got = got.to_json() if got is not None else None
        elif key == "money":
            got = predicted.money
            ok = _money_agrees(value, got)
            got = f"{got.amount:g} {got.currency}" if got is not None else None
        else:
            got = getattr(predicted, key, None)
            ok = got in allowed
        if not ok:
            shown = value if len(allowed) == 1 else "|".join(map(str, allowed))
            problems.append(f"{key}: got {got!r}, gold {shown!r}")
    return problems


def _describe_gold(item: GoldItem) -> str:
    fields = " ".join(f"{k}={v}" for k, v in item.fields.items() if not k.endswith("_alternatives"))
    alternatives = item.fields.get("type_alternatives") or item.fields.get("certainty_alternatives")
    extra = f" (or {'|'.join(alternatives)})" if alternatives else ""
    optional = " [optional]" if item.optional else ""
    return f"{item.id} {fields}{extra}{optional}"


def _describe_event(event: Event) -> str:
    parts = [event.type]
    for key in ("actor", "target", "location", "mode", "cameo", "certainty"):
        value = getattr(event, key)
        if value is not None:
            parts.append(f"{key}={value}")
    if event.killed:
        parts.append(f"killed={event.killed.min}-{event.killed.max}")
    if event.injured:
        parts.append(f"injured={event.injured.min}-{event.injured.max}")
    if event.money:
        parts.append(f"money={event.money.amount:g} {event.money.currency}")
    if event.trigger:
        parts.append(f"trigger={event.trigger!r}")
    return " ".join(parts)


def _describe_claim(claim: Claim) -> str:
    return f"{claim.certainty} about={claim.about} by={claim.attributed_to} {claim.evidence.text!r}"


def _match_one_to_one(
    gold: Sequence[GoldItem],
    predicted: Sequence[Any],
    agrees: Callable[[GoldItem, Any], bool],
    spans: dict[str, tuple[int, int] | None],
    need_overlap: bool,
) -> dict[str, int]:
    """Return gold id → index of its predicted item: overlapping evidence first, then any that agrees."""
    matched: dict[str, int] = {}
    used: set[int] = set()
    passes = (True,) if need_overlap else (True, False)
    for by_overlap in passes:
        for item in gold:
            if item.id in matched:
                continue
            for i, pred in enumerate(predicted):
                if i in used or not agrees(item, pred):
                    continue
                if by_overlap and not overlaps(pred.evidence, spans[item.id]):
                    continue
                matched[item.id] = i
                used.add(i)
                break
    return matched


def _count_items(part: PartScore, gold: Sequence[GoldItem], matched: dict[str, int]) -> None:
    for item in gold:
        found = item.id in matched
        part.total += 1
        part.found += found
        part.gold += (not item.optional) or found
        if not item.optional:
            part.required += 1
            part.required_found += found


def score_seed(pairs: Iterable[tuple[SeedGold, Analysis]]) -> Score:
    """Score analyses of seed gold documents: entities, relations, events, claims."""
    parts = {
        "entities": PartScore("entities", target=Target("recall", 0.95)),
        "relations": PartScore("relations", target=Target("found", 1.0)),
        "events": PartScore("events", target=Target("required", 1.0)),
        "claims": PartScore("claims", target=Target("found", 8 / 9)),
    }
    score = Score(parts=list(parts.values()))
    for gold, analysis in pairs:
        name = str(gold.document_path.name)
        gold_index, pred_index = gold_names(gold.entities), predicted_names(analysis.entities)
        _score_entities(parts["entities"], score, name, gold, analysis, gold_index, pred_index)
        _score_relations(parts["relations"], score, name, gold, analysis, gold_index, pred_index)
        _score_events(parts["events"], score, name, gold, analysis, gold_index, pred_index)
        _score_claims(parts["claims"], score, name, gold, analysis, gold_index, pred_index)
    return score


def _score_entities(
    part: PartScore,
    score: Score,
    name: str,
    gold: SeedGold,
    analysis: Analysis,
    gold_index: NameIndex,
    pred_index: NameIndex,
) -> None:
    part.predicted += len(analysis.entities)
    part.correct += sum(
        any(not entity_problem(g, e, gold_index, pred_index) for g in gold.entities)
        for e in analysis.entities
    )
    for entity in gold.entities:
        found = any(not entity_problem(entity, e, gold_index, pred_index) for e in analysis.entities)
        part.total += 1
        part.found += found
        part.gold += (not entity.optional) or found
        if not entity.optional:
            part.required += 1
            part.required_found += found
        if not found and not entity.optional:
            surfaces = gold_index.aliases(entity.name)
            near = _entities_near(entity, analysis, gold_index, pred_index)
            score.misses.append(
                Miss("entities", name, f"{entity.name} ({entity.type})", _context(gold.text, surfaces), near)
            )


def _entities_near(
    entity: GoldEntity, analysis: Analysis, gold_index: NameIndex, pred_index: NameIndex
) -> tuple[str, ...]:
    """Describe predicted entities under the gold entity's names, and mentions of them read as others."""
    same_name = [e for e in analysis.entities if names_agree(entity.name, e.name, gold_index, pred_index)]
    near = [
        f"entity {e.name!r} {e.type}: {entity_problem(entity, e, gold_index, pred_index)}" for e in same_name
    ]
    surfaces = gold_index.aliases(entity.name)
    taken = {e.name for e in same_name}
    near += [
        f"mention {m.text!r} at {m.start} read as {m.entity!r} {m.type}"
        for m in analysis.mentions
        if normalise_name(m.text) in surfaces and m.entity not in taken
    ]
    return tuple(near) or ("nothing under any of its names",)


def _context(text: str, surfaces: set[str], width: int = 70) -> str | None:
    folded = _fold_quotes(text)
    starts = [i for s in surfaces if (i := folded.find(s)) >= 0]
    if not starts:
        return None
    start = min(starts)
    left, right = max(0, start - width), min(len(text), start + width)
    return ("…" if left else "") + " ".join(text[left:right].split()) + ("…" if right < len(text) else "")


def _score_relations(
    part: PartScore,
    score: Score,
    name: str,
    gold: SeedGold,
    analysis: Analysis,
    gold_index: NameIndex,
    pred_index: NameIndex,
) -> None:
    def agrees(item: GoldItem, relation: Relation) -> bool:
        return not field_problems(item, relation, gold_index, pred_index)

    spans: dict[str, tuple[int, int] | None] = {item.id: None for item in gold.relations}
    matched = _match_one_to_one(gold.relations, analysis.relations, agrees, spans, need_overlap=False)
    _count_items(part, gold.relations, matched)
    part.predicted += len(analysis.relations)
    part.correct += sum(any(agrees(g, r) for g in gold.relations) for r in analysis.relations)
    for item in gold.relations:
        if item.id in matched or item.optional:
            continue
        subject, obj = str(item.fields.get("subject")), str(item.fields.get("object"))
        near = [
            f"{r.subject} {r.predicate} {r.object}: "
            + "; ".join(field_problems(item, r, gold_index, pred_index))
            for r in analysis.relations
            if names_agree(subject, r.subject, gold_index, pred_index)
            or names_agree(obj, r.object, gold_index, pred_index)
        ]
        surfaces = gold_index.aliases(subject)
        score.misses.append(
            Miss("relations", name, _describe_gold(item), _context(gold.text, surfaces), tuple(near))
        )


def _near(evidence: Evidence, span: tuple[int, int] | None, width: int = 150) -> bool:
    if span is None:
        return False
    return evidence.start < span[1] + width and span[0] - width < evidence.end


def _score_events(
    part: PartScore,
    score: Score,
    name: str,
    gold: SeedGold,
    analysis: Analysis,
    gold_index: NameIndex,
    pred_index: NameIndex,
) -> None:
    def agrees(item: GoldItem, event: Event) -> bool:
        allowed = [item.fields.get("type"), *item.fields.get("type_alternatives", [])]
        if event.type not in allowed:
            return False
        return not field_problems(_without_types(item), event, gold_index, pred_index)

    spans = {item.id: locate(gold.text, item.evidence) for item in gold.events}
    matched = _match_one_to_one(gold.events, analysis.events, agrees, spans, need_overlap=False)
    _count_items(part, gold.events, matched)
    part.predicted += len(analysis.events)
    part.correct += sum(any(agrees(g, e) for g in gold.events) for e in analysis.events)
    for item in gold.events:
        if item.id in matched or item.optional:
            continue
        near = [
            f"{_describe_event(e)} — {'; '.join(_event_problems(item, e, gold_index, pred_index)) or 'taken'}"
            for e in analysis.events
            if _near(e.evidence, spans[item.id])
        ]
        score.misses.append(Miss("events", name, _describe_gold(item), item.evidence, tuple(near)))


def _without_types(item: GoldItem) -> GoldItem:
    fields = {k: v for k, v in item.fields.items() if k not in ("type", "type_alternatives")}
    return GoldItem(item.id, fields, item.evidence, item.optional)


def _event_problems(item: GoldItem, event: Event, gold_index: NameIndex, pred_index: NameIndex) -> list[str]:
    allowed = [item.fields.get("type"), *item.fields.get("type_alternatives", [])]
    problems = field_problems(_without_types(item), event, gold_index, pred_index)
    if event.type not in allowed:
        problems.insert(0, f"type: got {event.type!r}, gold {'|'.join(map(str, allowed))!r}")
    return problems


def _score_claims(
    part: PartScore,
    score: Score,
    name: str,
    gold: SeedGold,
    analysis: Analysis,
    gold_index: NameIndex,
    pred_index: NameIndex,
) -> None:
    spans = {item.id: locate(gold.text, item.evidence) for item in gold.claims}

    def agrees(item: GoldItem, claim: Claim) -> bool:
        problems = field_problems(item, claim, gold_index, pred_index)
        return overlaps(claim.evidence, spans[item.id]) and not problems

    matched = _match_one_to_one(gold.claims, analysis.claims, agrees, spans, need_overlap=True)
    _count_items(part, gold.claims, matched)
    part.predicted += len(analysis.claims)
    part.correct += sum(any(agrees(g, c) for g in gold.claims) for c in analysis.claims)
    for item in gold.claims:
        if item.id in matched or item.optional:
            continue
        near = [
            f"{_describe_claim(c)} — {'; '.join(field_problems(item, c, gold_index, pred_index)) or 'taken'}"
            for c in analysis.claims
            if _near(c.evidence, spans[item.id])
        ]
        score.misses.append(Miss("claims", name, _describe_gold(item), item.evidence, tuple(near)))


# ---------------------------------------------------------------- PLOVER records


def main_event(record: PloverRecord, analysis: Analysis) -> Event | None:
    """Return the first event whose trigger (or a trigger merged into it) is one of the gold event
    words, else the first event."""
    for event in analysis.events:
        words = {w for part in (event, *event.merged) for w in (part.trigger or "").lower().split()}
        if words & set(record.event_words):
            return event
    return analysis.events[0] if analysis.events else None


def _actor_agrees(gold_texts: Sequence[str], predicted: str | None, pred_index: NameIndex) -> bool:
    if predicted is None:
        return False
    names = pred_index.aliases(predicted)
    return any(g and (g in n or n in g) for g in map(normalise_name, gold_texts) for n in names if n)


HALVES = ("A", "B")


def plover_halves(ids: Iterable[str]) -> dict[str, str]:
    """Return record id -> half ("A" or "B"): the ids in sorted order, alternating, so that one
    half's misses can be read to find classes of error while the other half stays unseen."""
    return {record_id: HALVES[index % 2] for index, record_id in enumerate(sorted(set(ids)))}


def score_plover(pairs: Iterable[tuple[PloverRecord, Analysis]]) -> Score:
    """Score analyses of PLOVER records: main event type accuracy (overall and per fixed half),
    actors, dead and injured. Only half A's misses and per-type tables are listed; half B is a
    number only."""
    pairs = list(pairs)
    half_of = plover_halves(record.id for record, _ in pairs)
    event_type = PartScore("event_type", metric="accuracy", target=Target("accuracy", 0.70))
    halves = {half: PartScore(f"event_type half {half}", metric="accuracy") for half in HALVES}
    source = PartScore("source_actor")
    target = PartScore("target_actor")
    dead, injured = PartScore("dead"), PartScore("injured")
    score = Score(parts=[event_type, *halves.values(), source, target, dead, injured])
    misses = score.misses
    gold_types: Counter[str] = Counter()
    pred_types: Counter[str] = Counter()
    right_types: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for record, analysis in pairs:
        half = half_of[record.id]
        score.misses = misses if half == "A" else []
        event = main_event(record, analysis)
        predicted = event.type if event else "NONE"
        correct = predicted == record.event
        for part in (event_type, halves[half]):
            part.gold += 1
            part.total += 1
            part.predicted += event is not None
            part.found += correct
            part.correct += correct
        pred_index = predicted_names(analysis.entities)
        if half == "A":  # the per-type tables, like the misses, show half A only
            gold_types[record.event] += 1
            pred_types[predicted] += event is not None
            right_types[record.event] += correct
            confusion[(record.event, predicted)] += not correct
        if not correct:
            score.misses.append(
                Miss(
                    "event_type",
                    record.id,
                    f"{record.event} ({' '.join(record.event_words)})",
                    record.text,
                    tuple(_describe_event(e) for e in analysis.events) or ("no event",),
                )
            )
        _score_actor(source, score, record, record.sources, event, "actor", pred_index)
        _score_actor(target, score, record, record.targets, event, "target", pred_index)
        _score_figure(dead, score, record, record.dead, [e.killed for e in analysis.events])
        _score_figure(injured, score, record, record.injured, [e.injured for e in analysis.events])
    score.misses = misses
    score.tables["event_type by type"] = [
        _type_row(kind, gold_types[kind], pred_types[kind], right_types[kind])
        for kind in sorted(set(gold_types) | set(pred_types))
    ]
    score.tables["event_type confusion"] = [
        {"gold": g, "predicted": p, "count": n} for (g, p), n in confusion.most_common(15) if n
    ]
    return score


def _type_row(kind: str, gold: int, predicted: int, correct: int) -> dict[str, Any]:
    part = PartScore(kind, gold=gold, found=correct, predicted=predicted, correct=correct)
    return count_row(part, "type")


def count_row(part: PartScore, key: str) -> dict[str, Any]:
    """Return a table row of a part's counts, precision, recall and F1, named under ``key``."""
    return {
        key: part.name,
        "gold": part.gold,
        "predicted": part.predicted,
        "correct": part.correct,
        "precision": _round(part.precision),
        "recall": _round(part.recall),
        "f1": _round(part.f1),
    }


def _score_actor(
    part: PartScore,
    score: Score,
    record: PloverRecord,
    gold: Sequence[str],
    event: Event | None,
    role: str,
    pred_index: NameIndex,
) -> None:
    predicted = getattr(event, role) if event else None
    right = bool(gold) and _actor_agrees(gold, predicted, pred_index)
    part.gold += bool(gold)
    part.total += bool(gold)
    part.predicted += predicted is not None
    part.found += right
    part.correct += right
    if gold and not right:
        shown = f"{predicted!r} from {_describe_event(event)}" if event else "no event"
        score.misses.append(Miss(part.name, record.id, " / ".join(gold), record.text, (shown,)))


def _score_figure(
    part: PartScore, score: Score, record: PloverRecord, gold: int | None, predicted: Sequence[Any]
) -> None:
    figures = [b for b in predicted if b is not None]
    right = gold is not None and any(gold in (b.min, b.max) for b in figures)
    part.gold += gold is not None
    part.total += gold is not None
    part.predicted += bool(figures)
    part.found += right
    part.correct += right
    if gold is not None and not right:
        shown = tuple(f"{b.min}-{b.max}" for b in figures) or ("no figure",)
        score.misses.append(Miss(part.name, record.id, str(gold), record.text, shown))


# ---------------------------------------------------------------- CoNLL-2003 NER

# CoNLL types → sitroom entity types. LOC covers countries and cities (GPE), regions (LOC)
# and buildings (FAC). MISC is ignored on both sides: it mixes nationalities (NORP) with
# events, laws and works that sitroom does not extract, so predicted NORP mentions are
# neither credited nor counted as false positives.
CONLL_TYPES = {"PER": ("PERSON",), "ORG": ("ORG",), "LOC": ("GPE", "LOC", "FAC")}
IGNORED_PREDICTED_TYPES = ("NORP",)


def score_conll(pairs: Iterable[tuple[SpanDocument, Analysis]]) -> Score:
    """Score entity mentions against CoNLL-2003 spans: exact span and mapped type."""
    overall = PartScore("ner")
    by_type = {label: PartScore(label) for label in CONLL_TYPES}
    score = Score(parts=[overall])
    for document, analysis in pairs:
        gold = [s for s in document.spans if s.label in CONLL_TYPES]
        predicted = [m for m in analysis.mentions if m.type not in IGNORED_PREDICTED_TYPES]
        gold_keys = {(s.start, s.end): s.label for s in gold}
        right = {
            (m.start, m.end)
            for m in predicted
            if m.type in CONLL_TYPES.get(gold_keys.get((m.start, m.end), ""), ())
        }
        overall.predicted += len(predicted)
        overall.correct += sum((m.start, m.end) in right for m in predicted)
        for span in gold:
            found = (span.start, span.end) in right
            for part in (overall, by_type[span.label]):
                part.gold += 1
                part.total += 1
                part.found += found
            if not found:
                near = tuple(
                    f"{m.text!r} {m.type} at {m.start}-{m.end}"
                    for m in analysis.mentions
                    if m.start < span.end and span.start < m.end
                )
                score.misses.append(
                    Miss(
                        "ner",
                        document.id,
                        f"{span.text!r} {span.label} at {span.start}-{span.end}",
                        line_around(document.text, span.start),
                        near or ("no mention",),
                    )
                )
        for label, types in CONLL_TYPES.items():
            mine = [m for m in predicted if m.type in types]
            by_type[label].predicted += len(mine)
            by_type[label].correct += sum(gold_keys.get((m.start, m.end)) == label for m in mine)
    score.tables["ner by type"] = [count_row(p, "type") for p in by_type.values()]
    return score


def line_around(text: str, offset: int) -> str:
    """Return the line of ``text`` that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


# ---------------------------------------------------------------- WikiEvents triggers

KAIROS_GROUPS = {"attack": "Conflict.Attack", "die": "Life.Die", "injure": "Life.Injure"}
ATTACK_TYPES = ("ASSAULT", "FIGHT")
VICTIM_GROUPS = {"kill": "die", "injure": "injure"}


def event_groups(event: Event) -> set[str]:
    """Return the KAIROS group (attack, die or injure) of a predicted event's trigger.

    WikiEvents scores triggers, so the group follows the trigger word, not the figures an
    event carries: in "a strike killed four", "strike" is Conflict.Attack and "killed" is
    Life.Die. A trigger whose lexicon entry names a victim (``victim: kill|injure``) is a
    death or an injury, not an attack, and an attack that carries a death toll is not a Die trigger.
    """
    victim = victims_by_rule().get(event.rule or "")
    if victim is not None:
        return {VICTIM_GROUPS[victim]}
    if event.type in ATTACK_TYPES:
        return {"attack"}
    return set()


def trigger_span(event: Event) -> tuple[int, int] | None:
    """Return the character span of the event's trigger, found inside its evidence."""
    if not event.trigger:
        return None
    found = event.evidence.text.lower().find(event.trigger.lower())
    if found < 0:
        return None
    start = event.evidence.start + found
    return start, start + len(event.trigger)


def score_wikievents(pairs: Iterable[tuple[SpanDocument, Analysis]]) -> Score:
    """Score event triggers per KAIROS group, overall and per fixed half of the documents (sorted
    ids, alternating, as the NER scorer splits them): a predicted trigger matches when the spans
    overlap; the triggers merged into one happening ("killing" of a strike) are scored as the words
    they are. Only half A's misses and wrong triggers are listed; half B is a number only."""
    pairs = list(pairs)
    half_of = plover_halves(document.id for document, _ in pairs)
    parts = {group: PartScore(group, target=Target("f1", 0.6)) for group in KAIROS_GROUPS}
    halves = {(group, half): PartScore(f"{group} half {half}") for group in KAIROS_GROUPS for half in HALVES}
    score = Score(parts=[*parts.values(), *halves.values()])
    for document, analysis in pairs:
        half = half_of[document.id]
        for group, prefix in KAIROS_GROUPS.items():
            gold = [s for s in document.spans if s.label.startswith(prefix)]
            predicted = [
                (e, trigger_span(e))
                for event in analysis.events
                for e in (event, *event.merged)
                if group in event_groups(e)
            ]
            found = [any(_hit(p, g.start, g.end) for _e, p in predicted) for g in gold]
            right = [any(_hit(p, g.start, g.end) for g in gold) for _e, p in predicted]
            for part in (parts[group], halves[(group, half)]):
                part.predicted += len(predicted)
                part.correct += sum(right)
                part.gold += len(gold)
                part.total += len(gold)
                part.found += sum(found)
            if half == "A":
                score.misses += _trigger_misses(group, document, analysis, gold, found)
                score.misses += [
                    Miss(f"{group} wrong", document.id, f"{e.trigger!r} {_describe_event(e)}",
                         line_around(document.text, e.evidence.start), ("no gold trigger here",))
                    for (e, _p), ok in zip(predicted, right, strict=True)
                    if not ok
                ]  # fmt: skip
    return score


def _hit(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] < end and start < span[1]


def _trigger_misses(
    group: str, document: SpanDocument, analysis: Analysis, gold: Sequence[GoldSpan], found: Sequence[bool]
) -> list[Miss]:
    misses = []
    for g, ok in zip(gold, found, strict=True):
        if ok:
            continue
        near = tuple(_describe_event(e) for e in analysis.events if _near(e.evidence, (g.start, g.end), 0))
        misses.append(
            Miss(group, document.id, f"{g.text!r} {g.label} at {g.start}-{g.end}",
                 line_around(document.text, g.start), near or ("no event",))
        )  # fmt: skip
    return misses
