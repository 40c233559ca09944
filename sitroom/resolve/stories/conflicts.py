"""Figures over time and contradictions inside a story.

Every source's figure is kept as its own ``FigureReport``; two sources are never averaged
into one number. A toll that rises through a day (3, 6, 11, 12) is the story's figure over
time, not a contradiction. A contradiction is two incompatible figures from different sources
for the same moment (published within the hour), one party denying what another asserts, or
two parties blaming each other (Kyiv blames Moscow for the dam, Moscow blames Kyiv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sitroom.geo import distance_km
from sitroom.lexicons import load_lexicon
from sitroom.model import Bounds, FigureReport
from sitroom.nlp.gazetteer import capital_country, countries_by_code, country_entries, lookup_country
from sitroom.times import as_utc

SAME_MOMENT = timedelta(hours=1)
# A toll is its story's only near the story's town: the dam's flood reaches towns 60 km downstream;
# a strike on a town 100 km away is another happening with its own toll.
TOLL_KM = 100.0
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
    evidence: str = ""  # the sentence the event was read from
    speaker_country: str | None = None  # ISO2 of the party it is attributed to, else of its actor
    town: tuple[float, float] | None = None  # (lat, lon) of the town it happened in, if it names one
    cumulative_killed: Bounds | None = None  # the war's count to date its sentence gives
    cumulative_injured: Bounds | None = None

    def speakers(self) -> set[str]:
        """Return who makes the statement: the party it is attributed to, else its outlets."""
        return {self.attributed_to} if self.attributed_to else {s for s, _ in self.sources}


def figure_reports(
    events: list[ReportedEvent], story_town: tuple[float, float] | None = None
) -> list[FigureReport]:
    """Return every casualty figure of the events, one per outlet, in the order they were published.

    The war's counts to date that extraction read (``cumulative_killed``) are kept as figures of
    their source marked ``running_total``; a figure of an event in a town more than TOLL_KM from
    ``story_town`` is marked ``elsewhere``.
    """
    found: dict[tuple[str, int | None, int | None, str | None, str, bool], FigureReport] = {}
    for event in events:
        counts = (
            ("killed", event.killed, False),
            ("injured", event.injured, False),
            ("killed", event.cumulative_killed, True),
            ("injured", event.cumulative_injured, True),
        )
        for kind, bounds, to_date in counts:
            if bounds is None or (bounds.min is None and bounds.max is None):
                continue
            for source, published in event.sources:
                key = (kind, bounds.min, bounds.max, source, event.document_id, to_date)
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
                        to_date,
                        enemy_losses_claimer(event) if kind == "killed" and not to_date else None,
                        far_apart(event.town, story_town),
                    ),
                )
    latest = datetime.max.replace(tzinfo=UTC)
    return sorted(
        found.values(), key=lambda f: (f.published or latest, f.kind, f.source or "", f.document_id)
    )


def town_point(name: str | None, lat: float | None, lon: float | None) -> tuple[float, float] | None:
    """Return the (lat, lon) of a named town; None for a country or a place not located."""
    if name is None or lat is None or lon is None or name in country_names():
        return None
    return (lat, lon)


@cache
def country_names() -> frozenset[str]:
    """Return the canonical names of the countries."""
    return frozenset(countries_by_code().values())


def far_apart(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """Return True when two towns are more than TOLL_KM apart; False when either is unknown."""
    return a is not None and b is not None and distance_km(*a, *b) > TOLL_KM


@cache
def _fighters_of() -> re.Pattern[str]:
    """Return the pattern of a count of one side's fighters: "250 Ukrainian troops"."""
    demonyms = sorted({d for e in country_entries() if e.kind == "demonym" for d in e.aliases}, key=len)
    nouns = sorted(str(n) for n in load_lexicon("phrases.yaml").get("combatants") or [])
    return re.compile(
        rf"\b\d[\d,.]*\s+(?:\w+\s+)?(?P<side>{'|'.join(map(re.escape, reversed(demonyms)))})"
        rf"\s+(?:{'|'.join(map(re.escape, nouns))})\b"
    )


@cache
def _demonym_countries() -> dict[str, str]:
    return {d: e.country for e in country_entries() if e.kind == "demonym" and e.country for d in e.aliases}


def enemy_losses_claimer(event: ReportedEvent) -> str | None:
    """Return the party that counts the other side's fighters killed in the event's sentence, else None.

    "Moscow said its forces had killed 300 Ukrainian soldiers" is Russia's claim of its enemy's
    losses, never the toll of what happened.
    """
    found = _fighters_of().search(event.evidence)
    speaker = event.attributed_to or event.actor
    if found is None or speaker is None:
        return None
    country = event.speaker_country or getattr(
        lookup_country(capital_country(speaker) or speaker), "iso2", None
    )
    side = _demonym_countries().get(found.group("side"))
    if country is None or side is None or side == country:
        return None
    return speaker


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
            if a.running_total or b.running_total:
                continue  # the war's count to date and one happening's toll are no contradiction
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
    conflicts.extend(denials_against_assertions(events, seen))
    conflicts.extend(mutual_blame(events, seen))
    return conflicts


def denials_against_assertions(
    events: list[ReportedEvent], seen: set[tuple[Any, ...]]
) -> list[dict[str, Any]]:
    """Return one conflict per denied deed that other speakers assert.

    A denial answers only what it denies: "Putin denied Kyiv's claims of advances" contradicts
    reports of Ukraine's fighting, never the same story's strike or its toll.
    """
    assertions = [e for e in events if e.certainty in ASSERTING and not e.negated]
    found = []
    for denial in (e for e in events if e.certainty == "denied"):
        deniers = sorted(denier_of(denial, events))
        asserted = [a for a in assertions if same_deed(denial, a)]
        sides = {party(d) for d in deniers}
        asserters = sorted({s for a in asserted for s in a.speakers() if party(s) not in sides})
        key = ("denial", tuple(deniers), denial.type, party(denial.actor))
        if not deniers or not asserters or key in seen:
            continue
        seen.add(key)
        verb = "asserts" if len(asserters) == 1 else "assert"
        found.append(
            {
                "kind": "denial",
                "detail": f"{', '.join(deniers)} denies what {', '.join(asserters)} {verb}",
                "sources": deniers + asserters,
                "documents": sorted({denial.document_id, *(a.document_id for a in asserted)}),
            }
        )
    return found


def denier_of(denial: ReportedEvent, events: list[ReportedEvent]) -> set[str]:
    """Return who denies the deed: the party it is attributed to, else the actor of the rejection
    read from the same sentence ("Putin denied Zelenskiy's claims").

    An outlet's own negation ("Russia did not provide the figures") is nobody's denial: empty.
    """
    if denial.attributed_to:
        return {denial.attributed_to}
    return {
        e.actor
        for e in events
        if e.type == "REJECT"
        and e.actor
        and (e.document_id, e.evidence) == (denial.document_id, denial.evidence)
    }


def same_deed(denial: ReportedEvent, assertion: ReportedEvent) -> bool:
    """Return True when an assertion reports the deed a denial denies: the same type of event by
    the same party, where both name one ("Kyiv" and "Ukraine" are one party)."""
    if denial.type != assertion.type:
        return False
    return denial.actor is None or assertion.actor is None or party(denial.actor) == party(assertion.actor)


def party(name: str | None) -> str | None:
    """Return the country a name stands for (its ISO code: "Kyiv" is UA), else the name lower-cased."""
    if name is None:
        return None
    country = lookup_country(capital_country(name) or name)
    return country.iso2 if country is not None and country.iso2 else name.lower()


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
