"""The views the read side returns: plain dataclasses, most with a ``to_json()``.

Names in them are canonical (``merged_into`` followed). An event view shows the fields of
``sitroom.model.Event`` (``EVENT_FIELDS``), so an event's shape is declared once, in the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sitroom.model import Bounds, Event, Evidence, FigureReport, Money

# The fields of a stored event its view shows, in order: the model's, less those not read back.
EVENT_FIELDS = tuple(
    f.name
    for f in fields(Event)
    if f.name not in {"evidence", "rule", "merged"}
)


def json_value(value: Any) -> Any:
    """Return a field's value as JSON: nested values through their ``to_json()``."""
    return value.to_json() if hasattr(value, "to_json") else value


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A document as a story or event cites it."""

    id: str
    title: str | None
    url: str | None
    published: datetime | None
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class EventView:
    """A stored event with canonical entity names, its evidence and the document it came from.

    It has a field for each of ``EVENT_FIELDS`` (``to_json`` shows them in the model's order),
    plus the ids, country and story that reading the store adds.
    """

    id: str
    type: str
    evidence: Evidence
    document: DocumentView
    outlets: tuple[tuple[str, datetime | None], ...]  # (outlet, published) per outlet
    mode: str | None = None
    context: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    actor_id: int | None = None
    target_id: int | None = None
    location_id: int | None = None
    country: str | None = None  # of the location
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    date_precision: str | None = None
    killed: Bounds | None = None
    injured: Bounds | None = None
    cumulative_killed: Bounds | None = None  # the war's count to date its sentence gives
    cumulative_injured: Bounds | None = None
    money: Money | None = None
    certainty: str = "asserted"
    attributed_to: str | None = None
    actor_code: str | None = None
    target_code: str | None = None
    trigger: str | None = None
    negated: bool = False
    story_id: int | None = None

    @property
    def when(self) -> str:
        """Return the event date, else the publication day, else an empty string (for sorting)."""
        if self.date:
            return self.date[:10]
        return self.document.published.date().isoformat() if self.document.published else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            **{name: json_value(getattr(self, name)) for name in EVENT_FIELDS},
            "evidence": self.evidence.to_json(),
            "document": self.document.to_json(),
            "story_id": self.story_id,
        }


@dataclass(frozen=True, slots=True)
class StoryView:
    """One real-world event across documents: its events, outlets, figures over time, conflicts."""

    id: int
    type: str
    title: str | None
    location: str | None
    lat: float | None
    lon: float | None
    date: str | None
    first_reported: datetime | None
    last_reported: datetime | None
    sources: list[str]
    documents: list[DocumentView]
    events: list[EventView]
    figures: list[FigureReport]
    conflicts: list[dict[str, Any]]
    outlet: str | None = None  # the outlet of the headline that is the title
    summary: str | None = None  # a short line of agreed facts
    rank: float | None = None  # the default order of listings, highest first
    outlets: int = 0  # independent outlets

    def to_json(self, with_events: bool = False) -> dict[str, Any]:
        """Return the story as JSON: ``documents`` is a count, ``reports`` the documents themselves."""
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "title": self.title,
            "outlet": self.outlet,
            "summary": self.summary,
            "rank": self.rank,
            "outlets": self.outlets,
            "location": self.location,
            "lat": self.lat,
            "lon": self.lon,
            "date": self.date,
            "first_reported": self.first_reported.isoformat() if self.first_reported else None,
            "last_reported": self.last_reported.isoformat() if self.last_reported else None,
            "sources": self.sources,
            "documents": len(self.documents),
            "reports": [d.to_json() for d in self.documents],
            "figures": [
                {
                    "kind": f.kind,
                    "min": f.min,
                    "max": f.max,
                    "source": f.source,
                    "published": f.published.isoformat() if f.published else None,
                    "document_id": f.document_id,
                    "running_total": f.running_total,
                    "claimed_by": f.claimed_by,
                    "elsewhere": f.elsewhere,
                }
                for f in self.figures
            ],
            "conflicts": self.conflicts,
        }
        if with_events:
            data["events"] = [e.to_json() for e in self.events]
        return data


@dataclass(frozen=True, slots=True)
class EntityView:
    """A canonical entity with everything resolved into it."""

    id: int
    name: str
    type: str
    subtype: str | None
    country: str | None
    lat: float | None
    lon: float | None
    aliases: list[str]
    merged: list[str]  # names of the stored entities resolved into this one
    roles: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    events: list[EventView]
    mentions_over_time: list[dict[str, Any]] = field(default_factory=list)
    events_total: int = 0  # all its events; ``events`` may be one page of them

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "subtype": self.subtype,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "aliases": self.aliases,
            "merged": self.merged,
            "roles": self.roles,
            "relations": self.relations,
            "events": [e.to_json() for e in self.events],
            "events_total": self.events_total,
            "mentions_over_time": self.mentions_over_time,
        }


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """A stored entity's own fields, with the entity it was merged into (None when canonical)."""

    id: int
    name: str
    type: str
    subtype: str | None
    country: str | None
    lat: float | None
    lon: float | None
    merged_into: int | None


@dataclass(frozen=True, slots=True)
class RelationView:
    """A relation between two canonical entities ("X leader_of Y"), with the span that states it."""

    id: int
    subject_id: int
    predicate: str
    object_id: int
    document_id: str
    start: int
    evidence: str


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What an events listing may be narrowed to; ``place`` and ``actor`` are names, aliases or ids."""

    type: str | None = None
    place: str | None = None
    actor: str | None = None
    certainty: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """What a stories listing may be narrowed to; ``place`` is a name, alias or id, ``outlet`` a name."""

    since: date | None = None
    until: date | None = None
    type: str | None = None
    place: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Facet values a search may be narrowed to: an outlet, an event type, a publication day."""

    outlet: str | None = None
    type: str | None = None
    day: str | None = None


@dataclass(slots=True)
class SearchResult:
    """The hits of a search (best first), one page of them, and facet counts over all of them."""

    total: int
    page: list[dict[str, Any]]
    outlets: list[tuple[str, int]] = field(default_factory=list)
    types: list[tuple[str, int]] = field(default_factory=list)
    days: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim in a story's reports: who says it, about whom, how sure, and where it is written."""

    text: str
    certainty: str
    polarity: str
    speaker: str | None
    speaker_id: int | None
    about: str | None
    about_id: int | None
    document: DocumentView
    start: int
    end: int

    @property
    def denial(self) -> bool:
        """Whether the speaker denies what the claim says."""
        return self.certainty == "denied" or self.polarity == "negative"


@dataclass(frozen=True, slots=True)
class RoleSource:
    """One report giving a role: its document, outlets, day and the sentence's span."""

    document: DocumentView
    start: int
    end: int
    evidence: str


@dataclass(frozen=True, slots=True)
class RoleSummary:
    """A title an entity holds, said once, with every report that gives it and their dates."""

    text: str  # "President of Ukraine"
    first: str | None  # publication days of the reports, "YYYY-MM-DD"
    last: str | None
    sources: list[RoleSource]


@dataclass(frozen=True, slots=True)
class Network:
    """Who acted on whom: entity ids with names and event counts, and (actor, target, type) links."""

    names: dict[int, str]
    events: dict[int, int]  # events each entity took part in as actor or target
    links: dict[tuple[int, int, str], int]
