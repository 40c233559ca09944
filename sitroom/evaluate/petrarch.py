"""Score PETRARCH-style coding cases: sentences with the codings their dictionaries should give.

A case file (YAML) holds ``cases``: ``{text, date?, codings: [[source, target, code], ...]}``.
Each sentence is analysed with the given actor, agent and verb dictionaries. A case is *fully*
coded when every expected coding is among the events' (actor_code, target_code, CAMEO root)
and, for a case expecting none, when no event joins two dictionary actors. It is right on the
*root* when every expected CAMEO root is among the events' roots (none expected: as for full).
Cases alternate between half A (1st, 3rd, ...) and half B (2nd, 4th, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from sitroom.errors import InputError
from sitroom.extract.actors import ActorCoder
from sitroom.extract.pipeline import analyze_documents
from sitroom.extract.verbs import VerbDictionary
from sitroom.model import Analysis, Document

DEFAULT_DAY = date(2014, 6, 1)
Coding = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Case:
    """One sentence, its report date and the codings expected of it."""

    number: int
    text: str
    day: date
    codings: tuple[Coding, ...]

    @property
    def half(self) -> str:
        return "A" if self.number % 2 == 1 else "B"


@dataclass(slots=True)
class HalfScore:
    """Cases, fully coded cases and cases with the right CAMEO roots, of one half."""

    cases: int = 0
    full: int = 0
    root: int = 0

    def rate(self, count: int) -> float:
        return count / self.cases if self.cases else 0.0


@dataclass(slots=True)
class PetrarchScore:
    """The score of each half, and each case coded wrong (the half's label, text, expected, got)."""

    halves: dict[str, HalfScore] = field(default_factory=lambda: {"A": HalfScore(), "B": HalfScore()})
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            half: {"cases": s.cases, "full": round(s.rate(s.full), 3), "root": round(s.rate(s.root), 3)}
            for half, s in self.halves.items()
        }


def _coding(raw: Any, where: str) -> Coding:
    if not (isinstance(raw, list) and len(raw) == 3 and all(isinstance(v, str) for v in raw)):
        raise InputError(where, f"a coding is [source, target, code], got {raw!r}")
    return raw[0], raw[1], raw[2]


def read_cases(path: Path) -> list[Case]:
    """Read a case file; raise InputError naming the file and case on a bad one."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(str(path), f"cannot read PETRARCH cases ({error})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cases"), list):
        raise InputError(str(path), "expected a mapping with a list of 'cases'")
    cases = []
    for number, item in enumerate(raw["cases"], 1):
        where = f"{path}, case {number}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(where, "a case needs a 'text'")
        day = item.get("date", DEFAULT_DAY)
        if not isinstance(day, date):
            raise InputError(where, "'date' must be YYYY-MM-DD")
        codings = tuple(_coding(c, where) for c in item.get("codings") or ())
        cases.append(Case(number, item["text"], day, codings))
    return cases


def predicted(analysis: Analysis) -> set[Coding]:
    """The (source, target, CAMEO root) of each event of ``analysis`` between two coded actors."""
    return {
        (e.actor_code, e.target_code, e.cameo[:2])
        for event in analysis.events
        for e in (event, *event.merged)
        if e.actor_code and e.target_code and e.cameo
    }


def _roots(analysis: Analysis) -> set[str]:
    return {e.cameo[:2] for event in analysis.events for e in (event, *event.merged) if e.cameo}


def score_cases(cases: Sequence[Case], analyses: Sequence[Analysis]) -> PetrarchScore:
    """Score each case against the analysis of its sentence."""
    score = PetrarchScore()
    for case, analysis in zip(cases, analyses, strict=True):
        got = predicted(analysis)
        wanted = {(source, target, code[:2]) for source, target, code in case.codings}
        full = wanted <= got if wanted else not got
        root = {code for _, _, code in wanted} <= _roots(analysis) if wanted else not got
        half = score.halves[case.half]
        half.cases += 1
        half.full += full
        half.root += root
        if not full:
            shown = ", ".join(" ".join(c) for c in sorted(got)) or "nothing"
            expected = ", ".join(" ".join(c) for c in sorted(wanted)) or "nothing"
            score.misses.append((case.half, case.text, expected, shown))
    return score


def evaluate_cases(
    path: Path, actors: Path, agents: Path | None, verbs: Path | None, model: str | None = None
) -> PetrarchScore:
    """Analyse the sentences of a case file with the dictionaries and score them."""
    cases = read_cases(path)
    coder = ActorCoder.from_files(actors, agents)
    dictionary = VerbDictionary.from_file(verbs) if verbs else None
    documents = [
        Document.from_text(case.text, published=datetime(case.day.year, case.day.month, case.day.day))
        for case in cases
    ]
    analyses = list(analyze_documents(documents, model=model, actor_coder=coder, verbs=dictionary))
    return score_cases(cases, analyses)
