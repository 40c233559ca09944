"""Score named-entity mentions against WikiEvents' entity mentions, sitroom and plain spaCy sm alike.

Gold names: WikiEvents annotates names, nominals and pronouns ("Maduro", "the general", "he")
with KAIROS types; NER finds names only, so only the mentions that are names are scored:
those that start with a capital letter and are not pronouns ("He"), not a common word
capitalised at the start of a sentence ("Police said", with "police" written in lower case
elsewhere in the document), not a title directly before a name of the same type ("Agent" in
"Agent Kling") and not nested in a longer name ("U.S." in "U.S. Air Force"; CoNLL is flat too).
A predicted mention on the span of a mention left out that way counts neither way. Spans are
compared without a final period: WikiEvents' tokens split it off abbreviations ("U.S" + ".").

Types, as in the CoNLL scorer: PER; ORG; LOC for GPE, LOC and FAC (countries, cities,
regions and buildings: sitroom and spaCy draw the lines between them elsewhere than KAIROS).
Predicted PERSON is PER, ORG is ORG, GPE/LOC/FAC are LOC, and NORP is LOC too: KAIROS tags
nationality words ("Russian", "French") as GPE, the country they name. Predicted mentions that
start in lower case ("the group", a reference to an organisation) are no names and are skipped.

Documents are scored in two fixed halves (sorted ids, alternating): only half A's misses are
listed; half B is a number only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.util import find_spec

from sitroom.config import DEFAULT_MODELS
from sitroom.errors import ModelNotInstalled
from sitroom.evaluate.formats import GoldSpan, SpanDocument
from sitroom.evaluate.score import HALVES, Miss, PartScore, Score, count_row, line_around, plover_halves
from sitroom.model import Mention
from sitroom.nlp.load import spacy_module

GOLD_TYPES = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
PREDICTED_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "LOC"}
NER_TYPES = ("PER", "ORG", "LOC")
# fmt: off
PRONOUNS = frozenset((
    "i", "me", "my", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "hers",
    "it", "its", "we", "us", "our", "ours", "they", "them", "their", "theirs", "who", "whom",
    "whose", "which", "that", "this", "these", "those", "one", "others", "someone", "everyone",
))
# fmt: on
SYSTEMS = ("sitroom", "spaCy sm")


@dataclass(frozen=True, slots=True)
class GoldNames:
    """The gold names of one document, span -> allowed types, and the spans that count neither way."""

    names: dict[tuple[int, int], set[str]]
    neutral: set[tuple[int, int]]


def named_mentions(document: SpanDocument) -> GoldNames:
    """Return the named PER/ORG/LOC mentions of a WikiEvents document (see the module docstring)."""
    lower = {word for word in re.findall(r"[^\W\d_]+", document.text) if word[:1].islower()}
    typed = [m for m in document.names if m.label in GOLD_TYPES]
    named = [m for m in typed if _is_name(document.text, m, lower)]
    starts = {(m.start, GOLD_TYPES[m.label]) for m in named}
    named = [m for m in named if (m.end + 1, GOLD_TYPES[m.label]) not in starts]  # a title before a name
    outer = [m for m in named if not any(_inside(m, o) for o in named)]
    names: dict[tuple[int, int], set[str]] = {}
    for m in outer:
        names.setdefault(_without_period(document.text, m.start, m.end), set()).add(GOLD_TYPES[m.label])
    neutral = {_without_period(document.text, m.start, m.end) for m in typed} - set(names)
    return GoldNames(names, neutral)


def _without_period(text: str, start: int, end: int) -> tuple[int, int]:
    return (start, end - 1) if end - start > 1 and text[end - 1] == "." else (start, end)


def _inside(mention: GoldSpan, other: GoldSpan) -> bool:
    return (
        other.start <= mention.start
        and mention.end <= other.end
        and other.end - other.start > len(mention.text)
    )


def _is_name(text: str, mention: GoldSpan, lower: set[str]) -> bool:
    if not mention.text[:1].isupper() or mention.text.lower() in PRONOUNS:
        return False
    sentence_start = mention.start == 0 or text[mention.start - 1] == "\n"
    return not (sentence_start and " " not in mention.text and mention.text.lower() in lower)


def predicted_names(
    text: str, mentions: Iterable[Mention], neutral: set[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Return (start, end, NER type) of the mentions that are names of a scored type."""
    spans = [
        (*_without_period(text, m.start, m.end), PREDICTED_TYPES[m.type])
        for m in mentions
        if m.type in PREDICTED_TYPES and m.text[:1].isupper()
    ]
    return [(s, e, kind) for s, e, kind in spans if (s, e) not in neutral]


@dataclass(slots=True)
class NerCounts:
    """Typed and untyped counts of one system over one half, and typed counts per NER type."""

    typed: PartScore
    untyped: PartScore
    by_type: dict[str, PartScore]

    @classmethod
    def named(cls, prefix: str) -> NerCounts:
        return cls(
            PartScore(prefix),
            PartScore(prefix.replace("ner", "ner untyped", 1)),
            {kind: PartScore(kind) for kind in NER_TYPES},
        )

    def add(self, gold: GoldNames, predicted: Sequence[tuple[int, int, str]]) -> set[tuple[int, int]]:
        """Count one document; return the gold spans found with their type."""
        right = {(s, e) for s, e, kind in predicted if kind in gold.names.get((s, e), ())}
        for part in (self.typed, self.untyped):
            part.predicted += len(predicted)
            part.gold += len(gold.names)
            part.total += len(gold.names)
        self.typed.correct += sum((s, e) in right for s, e, _ in predicted)
        self.typed.found += len(right)
        self.untyped.correct += sum((s, e) in gold.names for s, e, _ in predicted)
        self.untyped.found += len({(s, e) for s, e, _ in predicted} & set(gold.names))
        for kind, part in self.by_type.items():
            part.predicted += sum(k == kind for _, _, k in predicted)
            part.correct += sum((s, e) in right for s, e, k in predicted if k == kind)
            spans = [span for span, kinds in gold.names.items() if kind in kinds]
            part.gold += len(spans)
            part.found += sum(span in right for span in spans)
        return right


def score_ner(
    documents: Sequence[SpanDocument],
    mentions: Sequence[Sequence[Mention]],
    plain: Sequence[Sequence[Mention]],
) -> Score:
    """Score sitroom's ``mentions`` and plain spaCy's ``plain`` mentions against the gold names,
    per half, typed and untyped; list the misses and wrong names of sitroom on half A."""
    half_of = plover_halves(d.id for d in documents)
    counts = {
        (system, half): NerCounts.named(f"{'' if system == 'sitroom' else system + ' '}ner half {half}")
        for system in SYSTEMS
        for half in HALVES
    }
    score = Score()
    for document, ours, theirs in zip(documents, mentions, plain, strict=True):
        gold = named_mentions(document)
        half = half_of[document.id]
        predicted = predicted_names(document.text, ours, gold.neutral)
        right = counts[("sitroom", half)].add(gold, predicted)
        counts[("spaCy sm", half)].add(gold, predicted_names(document.text, theirs, gold.neutral))
        if half == "A":
            score.misses.extend(_misses(document, gold, predicted, right))
    for system in SYSTEMS:
        score.parts += [counts[(system, half)].typed for half in HALVES]
        score.parts += [counts[(system, half)].untyped for half in HALVES]
    score.tables["wikievents ner by type"] = [
        {"system": system, "half": half, **count_row(part, "type")}
        for system in SYSTEMS
        for half in HALVES
        for part in counts[(system, half)].by_type.values()
    ]
    return score


def _misses(
    document: SpanDocument,
    gold: GoldNames,
    predicted: Sequence[tuple[int, int, str]],
    right: set[tuple[int, int]],
) -> list[Miss]:
    def shown(start: int, end: int) -> str:
        return f"{document.text[start:end]!r} at {start}-{end}"

    misses = []
    for (start, end), kinds in sorted(gold.names.items()):
        if (start, end) not in right:
            near = [f"{shown(s, e)} {k}" for s, e, k in predicted if s < end and start < e]
            misses.append(
                Miss("ner", document.id, f"{shown(start, end)} {'|'.join(sorted(kinds))}",
                     line_around(document.text, start), tuple(near) or ("no name",))
            )  # fmt: skip
    for start, end, kind in predicted:
        if (start, end) not in right:
            labels = gold.names.get((start, end))
            told = f"gold {'|'.join(sorted(labels))}" if labels else "no gold name at this span"
            line = line_around(document.text, start)
            misses.append(Miss("ner wrong", document.id, f"{shown(start, end)} {kind}", line, (told,)))
    return misses


def plain_spacy_mentions(texts: Sequence[str]) -> list[list[Mention]]:
    """Return plain spaCy sm's entities of each text as mentions (label as type), for comparison:
    the first installed of the default models, loaded as it ships, with nothing of sitroom's."""
    name = next((n for n in DEFAULT_MODELS if find_spec(n) is not None), None)
    if name is None:
        raise ModelNotInstalled(f"spaCy model {DEFAULT_MODELS[0]} is not installed: NER is compared with it")
    nlp = spacy_module().load(name)
    return [
        [Mention("", ent.label_, ent.start_char, ent.end_char, ent.text) for ent in doc.ents]
        for doc in nlp.pipe(texts)
    ]
