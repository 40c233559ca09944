"""A story's main event: the type, place and day its reports agree on, weighted by where they say it.

A report says what happened in its headline and its lead sentence; the rest of it is
background ("thousands were evacuated", "the strike came a day after talks"). So a type is the
story's when its reports' headlines name it, else their leads; a type named only further down
never wins. Each report's vote is weighted by how close it is to the story's centre (the
cosine of its headline and lead with the story's words), so reports that drifted in from
another happening count for little. A headline that names a claim about a happening and the
happening ("Kyiv accuses Moscow of blowing up the dam") votes for the happening.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitroom.resolve.stories.load import QUAD_CLASSES, SENTENCE_BREAK, words

HEADLINE, LEAD, BODY = 3, 2, 1  # where in a report an event of a type is named, most telling first
VERBAL = frozenset(t for t, c in QUAD_CLASSES.items() if c.startswith("verbal"))
# The least weight a report's vote has, however far from the story's centre: a story of
# headlines alone (no words in common beyond the event) still counts each report.
MIN_CENTRALITY = 0.05


@dataclass(frozen=True, slots=True)
class Member:
    """One report (or round-up passage) of a story: its headline, lead end and closeness to the centre."""

    document_id: str
    start: int  # the passage's span in the document's text
    end: int
    headline: str
    lead_end: int  # where the passage's first sentence ends
    centrality: float


def lead_end(text: str, start: int, end: int) -> int:
    """Return where the first sentence of ``text[start:end]`` ends."""
    found = SENTENCE_BREAK.search(text, start, end)
    return found.start() if found else end


def trigger_stems(events: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """Return, by event type, the stems of the trigger words the story's events of that type use."""
    stems: dict[str, set[str]] = defaultdict(set)
    for e in events:
        for w in words(e.get("trigger") or ""):
            stems[e["type"]].add(w)
    return stems


def headline_types(headline: str, stems: Mapping[str, set[str]]) -> set[str]:
    """Return the event types a headline names by a trigger word of the story's events.

    A claim, an accusation or a warning about a happening named with it is not the story's
    event: the happening is ("Ukraine accuses Russia of blowing up dam" names a blowing up).
    """
    said = set(words(headline))
    named = {kind for kind, found in stems.items() if said & found}
    material = {kind for kind in named if kind not in VERBAL}
    return material or named


def positions(
    members: Sequence[Member], events: Sequence[Mapping[str, Any]]
) -> dict[tuple[str, int], dict[str, int]]:
    """Return, for each member (document, start) and event type, where it names that type best."""
    stems = trigger_stems(events)
    found: dict[tuple[str, int], dict[str, int]] = {}
    by_document: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        named = found.setdefault((m.document_id, m.start), {})
        for kind in headline_types(m.headline, stems):
            named[kind] = HEADLINE
        by_document[m.document_id].append(m)
    for e in events:
        for m in by_document.get(e["document_id"], []):
            if m.start <= e["start"] < m.end or len(by_document[e["document_id"]]) == 1:
                where = LEAD if e["start"] < m.lead_end else BODY
                named = found[(m.document_id, m.start)]
                named[e["type"]] = max(named.get(e["type"], 0), where)
                break
    return found


def main_type(members: Sequence[Member], events: Sequence[Mapping[str, Any]]) -> str | None:
    """Return the event type the story's headlines and leads agree on, else any its reports name.

    Each member votes for each type it names, by where it names it best (HEADLINE, LEAD,
    BODY) times its centrality. A type named only below the lead of every member competes
    only when no type is named higher up: background never outvotes what reports lead with.
    """
    named = positions(members, events)
    weight = {(m.document_id, m.start): max(m.centrality, MIN_CENTRALITY) for m in members}
    votes: Counter[str] = Counter()
    best: dict[str, int] = {}
    for key, kinds in named.items():
        for kind, where in kinds.items():
            votes[kind] += where * weight[key]  # type: ignore[assignment]
            best[kind] = max(best.get(kind, 0), where)
    if not votes:
        return None
    leading = [k for k in votes if best[k] > BODY] or list(votes)
    return min(leading, key=lambda k: (-votes[k], k))


def weighted_choice(
    members: Sequence[Member],
    events: Sequence[Mapping[str, Any]],
    value: Callable[[Mapping[str, Any]], Any],
    prefer: Callable[[Any], Any] | None = None,
) -> Any:
    """Return the value most members name, each counting once with its centrality.

    ``prefer`` ranks values first whatever their votes (a town before a country).
    """
    weight = {m.document_id: max(m.centrality, MIN_CENTRALITY) for m in members}
    votes: dict[Any, float] = defaultdict(float)
    for document_id, found in _per_document(events, value).items():
        for v in found:
            votes[v] += weight.get(document_id, MIN_CENTRALITY)
    if not votes:
        return None
    return min(votes, key=lambda k: ((prefer(k) if prefer else 0), -votes[k], str(k)))


def _per_document(
    events: Iterable[Mapping[str, Any]], value: Callable[[Mapping[str, Any]], Any]
) -> dict[str, set[Any]]:
    found: dict[str, set[Any]] = defaultdict(set)
    for e in events:
        v = value(e)
        if v is not None:
            found[e["document_id"]].add(v)
    return found


def of_type(events: Sequence[Mapping[str, Any]], kind: str | None) -> Sequence[Mapping[str, Any]]:
    """Return the events of the main type when there are some, else all: its place and day are theirs."""
    own = [e for e in events if e["type"] == kind]
    return own or events
