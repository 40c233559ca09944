"""The domain model: plain frozen dataclasses passed between stages.

Every extracted fact carries an ``Evidence`` (character offsets into ``Document.text``
plus the text of that slice), so nothing is asserted without the sentence behind it.
The JSON form of an ``Analysis`` is the output contract of DESIGN.md.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

CERTAINTIES = ("asserted", "reported", "believed", "speculated", "uncertain", "denied", "opinion")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT", "FIGHT", "INVESTIGATE", "DEMAND",
)  # fmt: skip
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
PREDICATES = (
    "leader_of", "deputy_of", "commander_of", "head_of_state_of", "member_of",
    "owner_of", "part_of", "located_in",
)  # fmt: skip


def normalise_text(text: str) -> str:
    """Return the text in NFC with runs of whitespace collapsed: the basis of document ids."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def document_id(text: str) -> str:
    """Return the sha256 hex digest of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Evidence:
    """A character span of a document's text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Document:
    """One report as read, before analysis. ``id`` is ``document_id(text)``."""

    id: str
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    origin: str | None = None  # the path, URL or "-" it was read from
    metadata: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_text(cls, text: str, **fields: Any) -> Document:
        """Make a document from text and metadata, computing its content id."""
        return cls(id=document_id(text), text=text, **fields)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in the text; ``entity`` is the canonical name."""

    entity: str
    type: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world thing named in a document, under its canonical name."""

    name: str
    type: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    external_ids: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "subtype": self.subtype,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True, slots=True)
class Role:
    """A title an entity holds, as the text gives it ("President of Belarus")."""

    entity: str
    title: str
    organisation: str | None
    evidence: Evidence

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "title": self.title,
            "organisation": self.organisation,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Relation:
    """An entity-to-entity fact, ``predicate`` one of ``PREDICATES``."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Bounds:
    """A count with bounds: "at least four" is (4, None), "dozens" is (24, None)."""

    min: int | None
    max: int | None

    def to_json(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max}

    @classmethod
    def stored(cls, low: int | None, high: int | None) -> Bounds | None:
        """Return the bounds read from a row's two columns; None when both are empty."""
        return None if low is None and high is None else cls(low, high)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money; ``usd`` is set when the text states or implies a dollar value."""

    amount: float
    currency: str  # ISO 4217
    usd: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"amount": self.amount, "currency": self.currency, "usd": self.usd}


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, with the trigger and lexicon rule that fired."""

    type: str  # PLOVER
    evidence: Evidence
    mode: str | None = None
    context: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None  # ISO date, or "start/end" for a range
    date_precision: str | None = None  # day | month | year | range
    killed: Bounds | None = None
    injured: Bounds | None = None
    money: Money | None = None
    certainty: str = "asserted"
    attributed_to: str | None = None
    actor_code: str | None = None
    target_code: str | None = None
    trigger: str | None = None
    rule: str | None = None  # the lexicon entry that fired
    negated: bool = False
    # Running totals of the conflict a sentence gives ("500 killed since the invasion"), never the toll.
    cumulative_killed: Bounds | None = None
    cumulative_injured: Bounds | None = None
    # The other trigger words of the same happening ("killing", "injuring" of a strike), as events.
    merged: tuple[Event, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "actor": self.actor,
            "target": self.target,
            "location": self.location,
            "lat": self.lat,
            "lon": self.lon,
            "date": self.date,
            "date_precision": self.date_precision,
            "killed": self.killed.to_json() if self.killed else None,
            "injured": self.injured.to_json() if self.injured else None,
            "money": self.money.to_json() if self.money else None,
            "certainty": self.certainty,
            "attributed_to": self.attributed_to,
            "actor_code": self.actor_code,
            "target_code": self.target_code,
            "trigger": self.trigger,
            "rule": self.rule,
            "negated": self.negated,
            "evidence": self.evidence.to_json(),
            **self._extra_json(),
        }

    def _extra_json(self) -> dict[str, Any]:
        """The keys of running totals and merged triggers, present only when the event has them."""
        extra: dict[str, Any] = {}
        if self.cumulative_killed:
            extra["cumulative_killed"] = self.cumulative_killed.to_json()
        if self.cumulative_injured:
            extra["cumulative_injured"] = self.cumulative_injured.to_json()
        if self.merged:
            extra["merged"] = [{"trigger": m.trigger, "rule": m.rule, "evidence": m.evidence.to_json()}
                               for m in self.merged]  # fmt: skip
        return extra


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement and how sure its speaker is (``certainty`` one of ``CERTAINTIES``)."""

    text: str
    certainty: str
    evidence: Evidence
    about: str | None = None
    attributed_to: str | None = None
    polarity: str = "positive"

    def to_json(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "text": self.text,
            "certainty": self.certainty,
            "attributed_to": self.attributed_to,
            "polarity": self.polarity,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one document."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    extractor_version: str = ""

    def to_json(self) -> dict[str, Any]:
        """Return the output contract of DESIGN.md as a JSON-ready dict."""
        return {
            "document": self.document.to_json(),
            "mentions": [m.to_json() for m in self.mentions],
            "entities": [e.to_json() for e in self.entities],
            "roles": [r.to_json() for r in self.roles],
            "relations": [r.to_json() for r in self.relations],
            "events": [e.to_json() for e in self.events],
            "claims": [c.to_json() for c in self.claims],
            "extractor_version": self.extractor_version,
        }


@dataclass(frozen=True, slots=True)
class FigureReport:
    """One casualty figure as one source gave it at one time, inside a story."""

    kind: str  # killed | injured
    min: int | None
    max: int | None
    source: str | None
    published: datetime | None
    document_id: str
    event_id: str
    # The whole war's count to date ("500 children killed since the invasion"), no happening's toll.
    running_total: bool = False
    # The party that counts its enemy's losses ("Moscow said it killed 250 Ukrainian troops"): a claim.
    claimed_by: str | None = None
    # The toll of a happening in a town far from the story's (a round-up's "in Odesa, three died").
    elsewhere: bool = False

    @property
    def own_toll(self) -> bool:
        """Whether the figure counts its story's own happening: no running total, no party's claim,
        no toll of a town far away."""
        return not self.running_total and self.claimed_by is None and not self.elsewhere

    @property
    def highest(self) -> int | None:
        """The figure's highest value: its maximum, else its minimum ("at least 4")."""
        return self.max if self.max is not None else self.min

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "min": self.min,
            "max": self.max,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "document_id": self.document_id,
            "event_id": self.event_id,
            "running_total": self.running_total,
            "claimed_by": self.claimed_by,
            "elsewhere": self.elsewhere,
        }
