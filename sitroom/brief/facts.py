"""Read what a brief needs from the store: events, claims, roles, relations, stories, sources.

Entities are read under their resolved name (``merged_into`` followed to the entity kept),
with every alias of every entity merged into it, so a sentence can name a thing by the
form its evidence uses. Events that resolution put in no story stand as stories of their own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select

from sitroom.brief.check import numbers_in
from sitroom.ingest.outlets import outlet_name as lexicon_outlet
from sitroom.model import Bounds, FigureReport, Money
from sitroom.read.resolver import canonical_ids
from sitroom.read.stories import list_stories
from sitroom.resolve.stories.conflicts import ReportedEvent, figure_reports
from sitroom.store import schema as t


@dataclass(frozen=True, slots=True)
class Name:
    """A resolved entity: its canonical name, type, every other name it goes by, and the country
    (ISO2) it belongs to when the store knows it ("Kremlin" is RU, "Kherson" UA)."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Report:
    """A stored document as a source of the brief: title, outlets, date, link, text length."""

    id: str
    title: str | None
    url: str | None
    published: datetime | None
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """The evidence behind a fact: a slice of a stored document."""

    document_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EventFact:
    """A stored event with its entities resolved."""

    id: str
    type: str
    span: Span
    actor: Name | None
    target: Name | None
    location: Name | None
    attributed_to: Name | None
    date: str | None
    killed: Bounds | None
    injured: Bounds | None
    money: Money | None
    certainty: str
    negated: bool
    story_id: int | None
    cameo: str | None = None  # the CAMEO code of the act ("173": an arrest), when coded


@dataclass(frozen=True, slots=True)
class ClaimFact:
    """A stored claim: who says what about whom and how sure."""

    id: str
    text: str
    certainty: str
    polarity: str
    span: Span
    about: Name | None
    attributed_to: Name | None


@dataclass(frozen=True, slots=True)
class RoleFact:
    """A title an entity holds, as a document gives it."""

    entity: Name
    title: str
    organisation: Name | None
    span: Span


@dataclass(frozen=True, slots=True)
class RelationFact:
    """An entity-to-entity fact (leader_of, member_of, ...)."""

    subject: Name
    predicate: str
    object: Name
    span: Span


@dataclass(frozen=True, slots=True)
class StoryFact:
    """One real-world event across documents: its events, figures over time and outlets."""

    key: str  # "story:<id>" for a stored story, "event:<id>" for an event standing alone
    title: str | None
    type: str
    events: tuple[EventFact, ...]
    figures: tuple[FigureReport, ...]
    outlets: tuple[str, ...]
    conflicts: tuple[Any, ...] = ()


@dataclass(slots=True)
class Facts:
    """Everything a brief is written from, already filtered."""

    reports: dict[str, Report] = field(default_factory=dict)
    events: list[EventFact] = field(default_factory=list)
    claims: list[ClaimFact] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)
    relations: list[RelationFact] = field(default_factory=list)
    stories: list[StoryFact] = field(default_factory=list)
    entities: dict[int, Name] = field(default_factory=dict)

    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Map every name (lower case) to all names of its entity."""
        table: dict[str, set[str]] = defaultdict(set)
        for name in self.entities.values():
            for each in name.names:
                table[each.lower()].update(name.names)
        return {key: tuple(sorted(values)) for key, values in table.items()}


@dataclass(frozen=True, slots=True)
class Scope:
    """What a brief covers: a publication window and optional entity, place and topic filters."""

    since: datetime | None = None
    until: datetime | None = None
    entity: str | None = None
    place: str | None = None
    topic: str | None = None


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def load_entities(engine: Engine) -> dict[int, Name]:
    """Return every stored entity id mapped to its resolved Name, with the names of all merged into it."""
    with engine.connect() as conn:
        canonical = canonical_ids(conn)
        rows = {
            row.id: row
            for row in conn.execute(
                select(t.entities.c.id, t.entities.c.name, t.entities.c.type, t.entities.c.country)
            )
        }
        alias_rows = conn.execute(select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)).all()
    names: dict[int, set[str]] = defaultdict(set)
    for row in rows.values():
        names[canonical.get(row.id, row.id)].add(row.name)
    for alias in alias_rows:
        names[canonical.get(alias.entity_id, alias.entity_id)].add(alias.alias)
    resolved: dict[int, Name] = {}
    for entity_id in rows:
        kept = rows[canonical.get(entity_id, entity_id)]
        others = tuple(sorted(n for n in names[kept.id] if n != kept.name))
        resolved[entity_id] = Name(kept.id, kept.name, kept.type, others, kept.country)
    return resolved


def outlet_name(source: str) -> str:
    """Return the name readers know an outlet by, as its stored source names it.

    Ingest stores a source under the outlet's name (``lexicons/outlets.yaml``); a source stored
    under a domain before that (an older database) is named through the same lexicon.
    """
    return lexicon_outlet(source) or source


def load_reports(engine: Engine) -> dict[str, Report]:
    """Return every stored document as a Report with the outlets that published it."""
    with engine.connect() as conn:
        docs = conn.execute(
            select(t.documents.c.id, t.documents.c.title, t.documents.c.url, t.documents.c.published_at)
        ).all()
        links = conn.execute(
            select(t.document_sources.c.document_id, t.sources.c.name)
            .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
            .order_by(t.document_sources.c.id)
        ).all()
    outlets: dict[str, list[str]] = defaultdict(list)
    for link in links:
        if link.name != "unknown" and outlet_name(link.name) not in outlets[link.document_id]:
            outlets[link.document_id].append(outlet_name(link.name))
    return {
        d.id: Report(
            id=d.id, title=d.title, url=d.url, published=_aware(d.published_at), outlets=tuple(outlets[d.id])
        )
        for d in docs
    }


def _matches(name: Name | None, wanted: str) -> bool:
    return name is not None and any(wanted.lower() == n.lower() for n in name.names)


def _in_window(report: Report | None, scope: Scope) -> bool:
    if report is None:
        return False
    published = report.published
    if scope.since is not None and (published is None or published < scope.since):
        return False
    return not (scope.until is not None and (published is None or published >= scope.until))


# Where a sentence ends: a full stop, question or exclamation mark before a space, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def sentence_span(document_id: str, text: str | None, start: int, end: int, evidence: str) -> Span:
    """Return the evidence widened to the sentence(s) holding it, so a citation states its figures
    and names ("killed" becomes "At least eight people ... were killed when a Russian missile ...")."""
    if not text or not (0 <= start < end <= len(text)):
        return Span(document_id, start, end, evidence)
    begin = max((m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= start), default=0)
    after = _SENTENCE_END.search(text, end)
    finish = after.start() if after else len(text)
    while finish > begin and text[finish - 1].isspace():
        finish -= 1
    return Span(document_id, begin, finish, text[begin:finish])


# How many following sentences an event's evidence may take in to state its figures.
FIGURE_SENTENCES = 2


def _stating(span: Span, text: str | None, *figures: Bounds | None) -> Span:
    """Return ``span`` widened over up to FIGURE_SENTENCES following sentences until it states the
    event's figures ("... killing two people. Another 22 were injured."), else ``span`` itself."""
    wanted = {float(v) for b in figures if b is not None for v in (b.min, b.max) if v is not None}
    if not text or not wanted or wanted <= numbers_in(span.text):
        return span
    wider = span
    for _ in range(FIGURE_SENTENCES):
        after = _SENTENCE_END.search(text, wider.end + 1)
        if after is None or after.end() >= len(text):
            break
        wider = sentence_span(span.document_id, text, span.start, min(len(text), after.end() + 1), "")
        if wanted <= numbers_in(wider.text):
            return wider
    return span


def load_facts(engine: Engine, scope: Scope) -> Facts:
    """Return the facts of the store inside ``scope``, stories ranked later by compose."""
    scope = Scope(_aware(scope.since), _aware(scope.until), scope.entity, scope.place, scope.topic)
    entities = load_entities(engine)
    reports = load_reports(engine)

    def ref(entity_id: int | None) -> Name | None:
        return entities.get(entity_id) if entity_id is not None else None

    with engine.connect() as conn:
        event_rows = conn.execute(select(t.events).order_by(t.events.c.document_id, t.events.c.start)).all()
        claim_rows = conn.execute(select(t.claims).order_by(t.claims.c.document_id, t.claims.c.start)).all()
        role_rows = conn.execute(select(t.roles).order_by(t.roles.c.document_id, t.roles.c.start)).all()
        relation_rows = conn.execute(
            select(t.relations).order_by(t.relations.c.document_id, t.relations.c.start)
        ).all()
        texts = {row.id: row.text for row in conn.execute(select(t.documents.c.id, t.documents.c.text))}
        stored = any(row.story_id is not None for row in event_rows)
        story_views = {view.id: view for view in list_stories(conn)} if stored else {}

    facts = Facts(entities=entities)
    for row in event_rows:
        if not _in_window(reports.get(row.document_id), scope):
            continue
        money = (
            Money(row.money_amount, row.money_currency, row.money_usd)
            if row.money_amount is not None and row.money_currency
            else None
        )
        killed = Bounds.stored(row.killed_min, row.killed_max)
        injured = Bounds.stored(row.injured_min, row.injured_max)
        span = sentence_span(row.document_id, texts.get(row.document_id), row.start, row.end, row.evidence)
        event = EventFact(
            id=row.id,
            type=row.type,
            span=_stating(span, texts.get(row.document_id), killed, injured),
            actor=ref(row.actor_id),
            target=ref(row.target_id),
            location=ref(row.location_id),
            attributed_to=ref(row.attributed_to_id),
            date=row.date,
            killed=killed,
            injured=injured,
            money=money,
            certainty=row.certainty,
            negated=bool(row.negated),
            story_id=row.story_id,
            cameo=row.cameo,
        )
        if _event_in_scope(event, scope):
            facts.events.append(event)
    kept_documents = {e.span.document_id for e in facts.events}
    for row in claim_rows:
        if not _in_window(reports.get(row.document_id), scope):
            continue
        claim = ClaimFact(
            id=row.id,
            text=row.text,
            certainty=row.certainty,
            polarity=row.polarity,
            span=sentence_span(row.document_id, texts.get(row.document_id), row.start, row.end, row.evidence),
            about=ref(row.about_id),
            attributed_to=ref(row.attributed_to_id),
        )
        if _claim_in_scope(claim, scope, kept_documents):
            facts.claims.append(claim)
    involved = {n.id for e in facts.events for n in (e.actor, e.target, e.attributed_to) if n}
    involved |= {n.id for c in facts.claims for n in (c.about, c.attributed_to) if n}
    filtered = bool(scope.entity or scope.place or scope.topic)
    for row in role_rows:
        entity = ref(row.entity_id)
        if entity is None or not _in_window(reports.get(row.document_id), scope):
            continue
        if filtered and entity.id not in involved:
            continue
        facts.roles.append(
            RoleFact(
                entity,
                row.title,
                ref(row.organisation_id),
                sentence_span(row.document_id, texts.get(row.document_id), row.start, row.end, row.evidence),
            )
        )
    for row in relation_rows:
        subject, obj = ref(row.subject_id), ref(row.object_id)
        if subject is None or obj is None or not _in_window(reports.get(row.document_id), scope):
            continue
        if filtered and subject.id not in involved and obj.id not in involved:
            continue
        facts.relations.append(
            RelationFact(
                subject,
                row.predicate,
                obj,
                sentence_span(row.document_id, texts.get(row.document_id), row.start, row.end, row.evidence),
            )
        )
    used = kept_documents | {c.span.document_id for c in facts.claims}
    used |= {r.span.document_id for r in facts.roles} | {r.span.document_id for r in facts.relations}
    facts.reports = {doc_id: reports[doc_id] for doc_id in used}
    facts.stories = group_stories(facts.events, facts.reports, story_views)
    return facts


def _event_in_scope(event: EventFact, scope: Scope) -> bool:
    if event.negated:
        return False
    if scope.entity and not any(
        _matches(n, scope.entity) for n in (event.actor, event.target, event.attributed_to)
    ):
        return False
    if scope.place and not (
        _matches(event.location, scope.place) or scope.place.lower() in event.span.text.lower()
    ):
        return False
    return not (
        scope.topic
        and scope.topic.upper() != event.type
        and scope.topic.lower() not in event.span.text.lower()
    )


def _claim_in_scope(claim: ClaimFact, scope: Scope, kept_documents: set[str]) -> bool:
    text = claim.span.text.lower()
    if scope.entity and not (
        _matches(claim.about, scope.entity)
        or _matches(claim.attributed_to, scope.entity)
        or scope.entity.lower() in text
    ):
        return False
    if scope.place and not (scope.place.lower() in text or claim.span.document_id in kept_documents):
        return False
    return not (
        scope.topic and scope.topic.lower() not in text and claim.span.document_id not in kept_documents
    )


def group_stories(
    events: list[EventFact], reports: dict[str, Report], views: dict[int, Any]
) -> list[StoryFact]:
    """Group events into stories by ``story_id``; an event with none is a story of its own.

    ``views`` are the stored stories as ``read.stories.list_stories`` reads them; a
    story's figures (one per outlet, in publication order) are kept for the events in scope.
    """
    groups: dict[str, list[EventFact]] = defaultdict(list)
    for event in events:
        key = f"story:{event.story_id}" if event.story_id is not None else f"event:{event.id}"
        groups[key].append(event)
    stories = []
    undated = datetime.max.replace(tzinfo=UTC)
    for key, group in groups.items():
        members = sorted(
            group, key=lambda e: (reports[e.span.document_id].published or undated, e.span.start)
        )
        view = views.get(members[0].story_id) if members[0].story_id is not None else None
        kept = {e.id for e in members}
        if view is not None:
            figures = [f for f in view.figures if f.event_id in kept]
        else:
            figures = figure_reports(
                [
                    ReportedEvent(
                        e.id,
                        e.span.document_id,
                        tuple(
                            (o, reports[e.span.document_id].published)
                            for o in reports[e.span.document_id].outlets
                        ),
                        e.killed,
                        e.injured,
                        e.certainty,
                        e.negated,
                    )
                    for e in members
                ]
            )
        figures = [replace(f, source=outlet_name(f.source)) if f.source else f for f in figures]
        outlets = tuple(dict.fromkeys(o for e in members for o in reports[e.span.document_id].outlets))
        stories.append(
            StoryFact(
                key=key,
                title=view.title if view is not None else None,
                type=view.type if view is not None else members[0].type,
                events=tuple(members),
                figures=tuple(figures),
                outlets=outlets,
                conflicts=tuple(view.conflicts) if view is not None else (),
            )
        )
    return stories
