"""Figures over time and contradictions inside a story.

Every source's figure is kept as its own ``FigureReport``; two sources are never averaged
into one number. A toll that rises through a day (3, 6, 11, 12) is the story's figure over
time, not a contradiction. A contradiction is two incompatible figures from different sources
for the same moment (published within the hour), one party denying what another asserts, or
two parties blaming each other (Kyiv blames Moscow for the dam, Moscow blames Kyiv).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sitroom.model import Bounds, FigureReport
from sitroom.times import as_utc

SAME_MOMENT = timedelta(hours=1)
BLAMING = ("ACCUSE", "DISAPPROVE")
ASSERTING = ("asserted", "reported", "believed")


@dataclass(frozen=True, slots=True)
class ReportedEvent:
    """What conflict finding needs of one event: its figures, certainty and who published it."""

    event_id: str
    document_id: str
    sources: tuple[tuple[str, datetime | None], ...]  # (outlet name, published) per outlet
    killed: Bounds | None
    injured: Bounds | None
    certainty: str
    negated: bool
    attributed_to: str | None = None
    type: str | None = None
    actor: str | None = None
    target: str | None = None

    def speakers(self) -> set[str]:
        """Return who makes the statement: the party it is attributed to, else its outlets."""
        return {self.attributed_to} if self.attributed_to else {s for s, _ in self.sources}


def figure_reports(events: list[ReportedEvent]) -> list[FigureReport]:
    """Return every casualty figure of the events, one per outlet, in the order they were published."""
    found: dict[tuple[str, int | None, int | None, str | None, str], FigureReport] = {}
    for event in events:
        for kind, bounds in (("killed", event.killed), ("injured", event.injured)):
            if bounds is None or (bounds.min is None and bounds.max is None):
                continue
            for source, published in event.sources:
                key = (kind, bounds.min, bounds.max, source, event.document_id)
                found.setdefault(
                    key,
                    FigureReport(
                        kind,
                        bounds.min,
                        bounds.max,
                        source,
                        as_utc(published),
                        event.document_id,
                        event.event_id,
                    ),
                )
    latest = datetime.max.replace(tzinfo=UTC)
    return sorted(
        found.values(), key=lambda f: (f.published or latest, f.kind, f.source or "", f.document_id)
    )


def figure_text(figure: FigureReport) -> str:
    """Return a figure as a reader says it: "12", "at least 4", "4-6"."""
    if figure.min == figure.max:
        return str(figure.min)
    if figure.max is None:
        return f"at least {figure.min}"
    if figure.min is None:
        return f"up to {figure.max}"
    return f"{figure.min}-{figure.max}"


def compatible(a: FigureReport, b: FigureReport) -> bool:
    """Return True when the two figures' ranges overlap ("at least 4" fits 12; 4 does not)."""
    low = max(a.min or 0, b.min or 0)
    highs = [x for x in (a.max, b.max) if x is not None]
    return not highs or low <= min(highs)


def about_same_time(a: datetime | None, b: datetime | None) -> bool:
    """Return True when two publication times are within the hour: figures for one moment."""
    if a is None or b is None:
        return False
    return abs(a - b) <= SAME_MOMENT


def find_conflicts(events: list[ReportedEvent], figures: list[FigureReport]) -> list[dict[str, Any]]:
    """Return the contradictions of one story as ``{kind, detail, sources, documents}`` dicts."""
    conflicts: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for i, a in enumerate(figures):
        for b in figures[i + 1 :]:
            if a.kind != b.kind or a.source == b.source or compatible(a, b):
                continue
            if not about_same_time(a.published, b.published):
                continue
            key = (a.kind, *sorted([(a.source or "", a.min, a.max), (b.source or "", b.min, b.max)]))
            if key in seen:
                continue
            seen.add(key)
            conflicts.append(
                {
                    "kind": "figures",
                    "detail": f"{a.kind}: {a.source} says {figure_text(a)}, {b.source} says {figure_text(b)}",
                    "sources": [a.source, b.source],
                    "documents": sorted({a.document_id, b.document_id}),
                }
            )
    denials = [e for e in events if e.certainty == "denied"]
    assertions = [e for e in events if e.certainty in ASSERTING and not e.negated]
    for denial in denials:
        for assertion in assertions:
            deniers = sorted(denial.speakers())
            asserters = sorted(assertion.speakers() - set(deniers))
            if not asserters:
                continue
            key = ("denial", tuple(deniers), tuple(asserters))
            if key in seen:
                continue
            seen.add(key)
            conflicts.append(
                {
                    "kind": "denial",
                    "detail": f"{', '.join(deniers)} denies what {', '.join(asserters)} asserts",
                    "sources": deniers + asserters,
                    "documents": sorted({denial.document_id, assertion.document_id}),
                }
            )
    conflicts.extend(mutual_blame(events, seen))
    return conflicts


def mutual_blame(events: list[ReportedEvent], seen: set[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Return the pairs of parties that blame each other in the story's events."""
    blame = [
        e
        for e in events
        if e.type in BLAMING and e.actor and e.target and e.actor != e.target and not e.negated
    ]
    found = []
    for a in blame:
        for b in blame:
            if (a.actor, a.target) != (b.target, b.actor) or a.actor > b.actor:  # type: ignore[operator]
                continue
            key = ("blame", a.actor, b.actor)
            if key in seen:
                continue
            seen.add(key)
            found.append(
                {
                    "kind": "blame",
                    "detail": f"{a.actor} blames {a.target}; {b.actor} blames {b.target}",
                    "sources": sorted({s for e in (a, b) for s, _ in e.sources}),
                    "documents": sorted({a.document_id, b.document_id}),
                }
            )
    return found
