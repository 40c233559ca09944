"""Stories: events from many documents that report one real-world event.

Two events join when their PLOVER types are compatible, their places agree (the same
resolved entity, or within 30 km), their dates (event date, else publication date) lie
within three days, and their actors and wording support it. Groups grow greedily from the
strongest link and never hold two places apart or dates more than six days apart. A story
built on one group of documents (leads.py) never merges with another group's story through
an event-level link, and an event outside its document's title and lead, or from a round-up,
links to another document's event only on strong agreement (one town, dates within a day, shared
wording), so a minor mention does not pull its document into another story; and the main
events of two documents join only when the documents' main events agree (leads.same_event). Each
event's ``story_links`` row keeps the score and the features that matched. Story ids are
reused from the previous build, so rebuilding over the same data changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, select, update

from sitroom.model import Bounds
from sitroom.resolve.conflicts import ReportedEvent, as_utc, figure_reports, find_conflicts
from sitroom.resolve.entities import canonical_ids
from sitroom.resolve.leads import (
    UNDATED_BEFORE,
    Lead,
    distance_km,
    features,
    group_documents,
    is_roundup,
    lead_end,
    same_event,
    ubiquitous,
    words,
)
from sitroom.store import schema as t
from sitroom.store.write import now

NEAR_KM = 30.0
DATE_WINDOW = timedelta(days=3)
MAX_SPAN = timedelta(days=6)
LINK_THRESHOLD = 0.5
SAME_DOCUMENT = 0.2
COARSE_WORDING = 0.35
# Background phrases ("Russia's invasion of Ukraine", "support for Ukraine") recur in unrelated
# reports; when neither names a town, two events must share at least this many content words.
COARSE_SHARED_WORDS = 4
# A minor event (outside the title and lead, or in a round-up) links to another document's event
# only in one town, within a day, with this much shared wording: "a Russian missile hit a
# high-rise in Dnipro" in a dam report joins no Dnipro story on a place and date alone.
MINOR_WORDING = 0.2
MINOR_GAP = timedelta(days=1)
# Types that news reports use for one real-world event: "Russian forces shelled Kramatorsk"
# (ASSAULT) and "fighting in Kramatorsk" (FIGHT) may describe the same attack.
TYPE_FAMILIES = {"ASSAULT": "violence", "FIGHT": "violence", "ACCUSE": "blame", "DISAPPROVE": "blame"}
# The PLOVER/CAMEO quad classes, which documents' main events must share: the lead of a report on
# one event mixes kinds ("the dam was blown up [COERCE]; Kyiv blamed Moscow [ACCUSE]; thousands
# were evacuated [AID]"), but two reports of one event rarely differ in every class.
QUAD_CLASSES = {
    **dict.fromkeys(["AGREE", "CONSULT", "SUPPORT", "REQUEST"], "verbal cooperation"),
    **dict.fromkeys(["COOPERATE", "AID", "RETREAT", "CONCEDE"], "material cooperation"),
    **dict.fromkeys(
        ["ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "DEMAND", "INVESTIGATE"], "verbal conflict"
    ),
    **dict.fromkeys(["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"], "material conflict"),
}
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
        "as",
        "said",
        "says",
        "after",
        "before",
        "during",
        "into",
        "over",
        "than",
    ]
)


@dataclass(slots=True)
class StoryEvent:
    """One stored event with what story building compares, its entities already resolved."""

    id: str
    document_id: str
    start: int  # character offset of the evidence in its document
    type: str
    actor: int | None
    target: int | None
    location: int | None
    lat: float | None
    lon: float | None
    country: str | None  # of the location: lets "Ukraine" hold "Kramatorsk" but not "Moscow"
    span: tuple[date, date] | None  # the days the event's date covers, else its publication day
    day: date | None  # the one day of ``span`` when it is a single day
    own_date: date | None
    published: datetime | None
    sources: tuple[tuple[str, datetime | None], ...]
    words: frozenset[str]
    killed: Bounds | None
    injured: Bounds | None
    certainty: str
    negated: bool
    attributed_to: str | None
    story_id: int | None
    names: dict[str, str] = field(default_factory=dict)
    main: bool = False  # in its document's title or lead (or its first event)
    roundup: bool = False  # from a round-up or live blog


def words_of(text: str) -> frozenset[str]:
    """Return the content words of an evidence sentence, lower-cased."""
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS and len(w) > 1)


def parse_span(value: str | None, precision: str | None) -> tuple[date, date] | None:
    """Return the first and last day an event date covers: "2022-04" is April 2022, "a/b" a range."""
    if not value:
        return None
    if "/" in value:
        start, end = (parse_span(part, None) for part in value.split("/", 1))
        return (start[0], end[1]) if start and end else None
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def load_events(conn: Connection) -> list[StoryEvent]:
    """Return every stored event with resolved entities, coordinates, dates and outlets."""
    canon = canonical_ids(conn)
    entity_rows = conn.execute(
        select(t.entities.c.id, t.entities.c.name, t.entities.c.lat, t.entities.c.lon, t.entities.c.country)
    ).all()
    countries = {r.id: r.country for r in entity_rows}
    names = {r.id: r.name for r in entity_rows}
    coords = {r.id: (r.lat, r.lon) for r in entity_rows if r.lat is not None and r.lon is not None}
    outlets: dict[str, list[tuple[str, datetime | None]]] = defaultdict(list)
    published: dict[str, datetime | None] = {}
    doc_rows = conn.execute(
        select(
            t.documents.c.id, t.documents.c.published_at, t.sources.c.name, t.document_sources.c.published_at
        )
        .join(t.document_sources, t.document_sources.c.document_id == t.documents.c.id)
        .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
        .order_by(t.documents.c.id, t.sources.c.name)
    ).all()
    for doc_id, doc_published, source, source_published in doc_rows:
        when = as_utc(source_published or doc_published)
        outlets[doc_id].append((source, when))
        first = published.get(doc_id)
        published[doc_id] = min((x for x in (first, when, as_utc(doc_published)) if x), default=None)
    e = t.events.c
    rows = conn.execute(select(t.events).order_by(e.document_id, e.start, e.id)).all()
    found = []
    for r in rows:

        def resolved(entity_id: int | None) -> int | None:
            return canon.get(entity_id, entity_id) if entity_id is not None else None

        location = resolved(r.location_id)
        lat, lon = (
            (r.lat, r.lon)
            if r.lat is not None and r.lon is not None
            else coords.get(
                location if location is not None else -1, coords.get(r.location_id or -1, (None, None))
            )
        )
        own = parse_span(r.date, r.date_precision)
        when = published.get(r.document_id)
        span = own or ((when.date(), when.date()) if when else None)
        found.append(
            StoryEvent(
                id=r.id,
                document_id=r.document_id,
                start=r.start,
                type=r.type,
                actor=resolved(r.actor_id),
                target=resolved(r.target_id),
                location=location,
                lat=lat,
                lon=lon,
                country=countries.get(location) if location is not None else None,
                span=span,
                day=span[0] if span and span[0] == span[1] else None,
                own_date=own[0] if own and own[0] == own[1] else None,
                published=when,
                sources=tuple(outlets.get(r.document_id, ())),
                words=words_of(r.evidence),
                killed=Bounds(r.killed_min, r.killed_max)
                if r.killed_min is not None or r.killed_max is not None
                else None,
                injured=Bounds(r.injured_min, r.injured_max)
                if r.injured_min is not None or r.injured_max is not None
                else None,
                certainty=r.certainty,
                negated=bool(r.negated),
                attributed_to=names.get(resolved(r.attributed_to_id) or -1),
                story_id=r.story_id,
                names={
                    k: names[v]
                    for k, v in (("actor", resolved(r.actor_id)), ("location", location))
                    if v is not None
                },
            )
        )
    return found


def main_events(events: list[StoryEvent], ends: dict[str, int]) -> dict[str, list[int]]:
    """Return, per document, its main events: those in its title or lead, else its first event."""
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        by_document[ev.document_id].append(i)
    main = {}
    for doc_id, members in by_document.items():
        first = min(members, key=lambda i: (events[i].start, i))
        main[doc_id] = [i for i in members if events[i].start < ends.get(doc_id, 0)] or [first]
    return main


def lead_names(members: list[StoryEvent], mentions: list[tuple[int, int]], end: int) -> frozenset[int]:
    """Return the entities a document's lead names (``end`` its end), with its main events' arguments."""
    found = {e for m in members for e in (m.actor, m.target, m.location) if e is not None}
    return frozenset(found | {entity for entity, start in mentions if start < end})


def town_points(members: list[StoryEvent]) -> tuple[tuple[int, float, float], ...]:
    """Return the towns of a document's main events as (entity id, latitude, longitude)."""
    return tuple(
        sorted(
            {
                (m.location, m.lat, m.lon)
                for m in members
                if m.location is not None and m.lat is not None and m.lon is not None
            }
        )
    )


def load_leads(conn: Connection, events: list[StoryEvent]) -> tuple[list[Lead], list[list[int]]]:
    """Return each document with events as a ``Lead``, and the indices of its main events."""
    canon = canonical_ids(conn)
    mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, entity_id, start in conn.execute(
        select(t.mentions.c.document_id, t.mentions.c.entity_id, t.mentions.c.start)
    ):
        mentions[doc_id].append((canon.get(entity_id, entity_id), start))
    # Outlets named in a dateline ("KYIV (Reuters) -") are no argument of the event reported.
    media = {
        canon.get(r.id, r.id)
        for r in conn.execute(select(t.entities.c.id).where(t.entities.c.subtype == "media"))
    }
    wanted = sorted({ev.document_id for ev in events})
    leads, mains = [], []
    texts = {
        r.id: (r.title, r.text)
        for r in conn.execute(select(t.documents.c.id, t.documents.c.title, t.documents.c.text))
    }
    ends = {doc_id: lead_end(texts[doc_id][1]) for doc_id in wanted}
    position = {doc_id: n for n, doc_id in enumerate(wanted)}
    main = main_events(events, ends)
    for doc_id in wanted:
        title, text = texts[doc_id]
        members = [events[i] for i in main[doc_id]]
        own = sorted({m.own_date for m in members if m.own_date})
        published = members[0].published
        spans = [(d, d) for d in own] or (
            [(published.date() - UNDATED_BEFORE, published.date())] if published else []
        )
        towns = frozenset(m.location for m in members if has_point(m) and m.location is not None)
        roundup = is_roundup(title, len(towns))
        leads.append(
            Lead(
                doc_id,
                features(title, text, mentions[doc_id]),
                spans,
                towns,
                roundup,
                title=frozenset(words(title or "")),
                families=frozenset(QUAD_CLASSES.get(m.type, m.type) for m in members),
                arguments=frozenset(
                    e for m in members for e in (m.actor, m.target, m.location) if e is not None
                )
                - media,
                names=lead_names(members, mentions[doc_id], ends[doc_id]) - media,
                points=town_points(members),
            )
        )
        mains.append(main[doc_id])
        for m in members:
            m.main = True
    for ev in events:
        ev.roundup = leads[position[ev.document_id]].roundup
    return leads, mains


def family(event_type: str) -> str:
    """Return the group of PLOVER types an event type can share a story with."""
    return TYPE_FAMILIES.get(event_type, event_type)


def has_point(event: StoryEvent) -> bool:
    """Return True when the event's place has coordinates (a town, not a country or region)."""
    return event.lat is not None and event.lon is not None


def places_apart(a: StoryEvent, b: StoryEvent) -> bool:
    """Return True when the events' places cannot be one: over 30 km apart, or in different countries.

    A place without coordinates (a country or region) holds any place of its country, so
    "strikes on Ukraine" and "a strike on Kramatorsk" are not apart, but "Russia" and
    "Kramatorsk" are.
    """
    if (a.location is None and not has_point(a)) or (b.location is None and not has_point(b)):
        return False
    if a.location is not None and a.location == b.location:
        return False
    if has_point(a) and has_point(b):
        return distance_km(a.lat, a.lon, b.lat, b.lon) > NEAR_KM  # type: ignore[arg-type]
    if a.country and b.country:
        return a.country != b.country
    return True


def same_place(a: StoryEvent, b: StoryEvent) -> tuple[float, str] | None:
    """Return a place score and reason, else None.

    0.35 for one town (the same entity with coordinates, or within 30 km); 0.1 for one
    country or region ("in Ukraine"), or a town inside the country the other names.
    """
    if a.location is not None and a.location == b.location:
        name = a.names.get("location")
        return (0.35, f"same place ({name})") if has_point(a) else (0.1, f"same country or region ({name})")
    if has_point(a) and has_point(b):
        km = distance_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return (0.35, f"{km:.0f} km apart") if km <= NEAR_KM else None
    if a.country and a.country == b.country:
        return 0.1, f"same country ({a.country})"
    return None


def link(a: StoryEvent, b: StoryEvent) -> tuple[float, str] | None:
    """Return the score and reasons for putting two events in one story, or None."""
    if family(a.type) != family(b.type) or places_apart(a, b):
        return None
    gap = None
    if a.span and b.span:
        gap = max(timedelta(0), max(a.span[0], b.span[0]) - min(a.span[1], b.span[1]))
        if gap > DATE_WINDOW:
            return None
    score, reasons = 0.0, []
    place_score, place = same_place(a, b) or (0.0, "")
    if place:
        score += place_score
        reasons.append(place)
    if gap is not None:
        score += 0.15
        reasons.append(f"dates {gap.days} day(s) apart")
    parties = {a.actor, a.target} & {b.actor, b.target} - {None}
    if parties:
        score += 0.2
        reasons.append("shared actor/target")
    union = a.words | b.words
    wording = len(a.words & b.words) / len(union) if union else 0.0
    score += 0.3 * wording
    reasons.append(f"wording {wording:.2f}")
    if a.document_id == b.document_id:
        score += SAME_DOCUMENT
        if bare(a) or bare(b):  # joins the document's main story later, whatever its score
            score = max(score, LINK_THRESHOLD)
        elif a.roundup and place_score < 0.35:  # a live blog's "in Ukraine" events are many events
            return None
        return (score, "same document; " + "; ".join(reasons)) if score >= LINK_THRESHOLD else None
    weak = place_score < 0.35 or gap is None or gap > MINOR_GAP or wording < MINOR_WORDING
    if weak and (minor(a) or minor(b)):
        return None
    # Without one town, two reports need shared parties and shared wording: "Russia" acting
    # somewhere "in Ukraine" on nearby days is too common to make one event.
    if place_score < 0.35 and (not parties or wording < COARSE_WORDING):
        return None
    if not (has_point(a) or has_point(b)) and len(a.words & b.words) < COARSE_SHARED_WORDS:
        return None
    return (score, "; ".join(reasons)) if score >= LINK_THRESHOLD else None


def candidate_links(events: list[StoryEvent]) -> list[tuple[float, int, int, str]]:
    """Return scored links between events of one document or of nearby dates, strongest first."""
    links: dict[tuple[int, int], tuple[float, str]] = {}
    by_family: dict[str, list[int]] = defaultdict(list)
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        by_document[ev.document_id].append(i)
        if ev.day is not None:
            by_family[family(ev.type)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_document.values():
        pairs.update((x, y) for n, x in enumerate(members) for y in members[n + 1 :])
    for members in by_family.values():
        members.sort(key=lambda i: (events[i].day, i))
        for n, x in enumerate(members):
            for y in members[n + 1 :]:
                if events[y].day - events[x].day > DATE_WINDOW:  # type: ignore[operator]
                    break
                pairs.add((min(x, y), max(x, y)))
    for x, y in pairs:
        found = link(events[x], events[y])
        if found:
            links[(x, y)] = found
    return sorted(((s, x, y, why) for (x, y), (s, why) in links.items()), key=lambda k: (-k[0], k[1], k[2]))


def minor(event: StoryEvent) -> bool:
    """Return True for an event its document does not report on: outside the lead, or in a round-up."""
    return not event.main or event.roundup


def bare(event: StoryEvent) -> bool:
    """Return True for an event without any place ("The attack killed 12 people.")."""
    return event.location is None and not has_point(event)


def headline_family(events: list[StoryEvent], indices: list[int]) -> list[int]:
    """Return the events of ``indices`` in the type family of the first (the headline event).

    A lead may report two things: "Russia struck Kramatorsk. The US pledged $500 million in aid."
    Only the events of the headline's kind make up the document's main story; the others find
    their own stories through the ordinary links.
    """
    if not indices:
        return []
    headline = family(events[min(indices, key=lambda i: (events[i].start, i))].type)
    return [i for i in indices if family(events[i].type) == headline]


def story_mains(
    events: list[StoryEvent], leads: list[Lead], mains: list[list[int]], members: list[int], d: int
) -> list[int]:
    """Return the main events of document ``d`` that join the story of its group of documents.

    All of them for a report; for a round-up, only those compatible with another member's main
    events, so "Kyiv shoots down 30 drones; dam flooding spreads" gives the dam story only its dam event.
    """
    if not leads[d].roundup or len(members) == 1:
        return headline_family(events, mains[d])
    others = [events[j] for o in members if o != d and not leads[o].roundup for j in mains[o]]
    return [
        i
        for i in mains[d]
        if any(family(events[i].type) == family(o.type) and not places_apart(events[i], o) for o in others)
    ]


def group_events(
    events: list[StoryEvent], leads: list[Lead], mains: list[list[int]]
) -> tuple[list[list[int]], dict[int, tuple[float, str]]]:
    """Group events; return the groups and, for each event that joined a group, its score and reason.

    The main events of documents that report one main event (``leads``, with ``mains`` the
    indices of each one's main events) share a story, whatever their extracted places say.
    Other events join greedily by strongest link. An event without a place then joins the
    largest group of its own document it is compatible with (nearest in the text on a tie):
    "The attack killed 12 people." belongs to the document's main story.
    """
    groups: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    joined: dict[int, tuple[float, str]] = {}
    owner: dict[int, int] = {}  # event -> the group of documents whose story it was put in

    def merge(x: int, y: int, score: float, why: str) -> bool:
        gx, gy = groups[x], groups[y]
        if gx is gy:
            return False
        owners = {owner[i] for i in gx + gy if i in owner}
        if len(owners) > 1:  # two groups of documents, each one real-world event
            return False
        days = [events[i].day for i in gx + gy if events[i].day is not None]
        if days and max(days) - min(days) > MAX_SPAN:  # type: ignore[type-var, operator]
            return False
        if any(places_apart(events[i], events[j]) for i in gx for j in gy):
            return False
        merged = sorted(gx + gy)
        for i in merged:
            groups[i] = merged
        newcomer = y if gx[0] < gy[0] else x
        other = x if newcomer == y else y
        joined.setdefault(newcomer, (score, f"{why} (with event {events[other].id[:8]})"))
        return True

    def unite(x: int, y: int, score: float, why: str) -> None:
        gx, gy = groups[x], groups[y]
        if gx is gy:
            return
        merged = sorted(gx + gy)
        for i in merged:
            groups[i] = merged
        newcomer, other = (y, x) if gx[0] < gy[0] else (x, y)
        joined.setdefault(newcomer, (score, f"{why} (with event {events[other].id[:8]})"))

    document_groups, linked = group_documents(leads)
    for number, members in enumerate(document_groups):
        kept = {d: story_mains(events, leads, mains, members, d) for d in members}
        first = next((kept[d][0] for d in members if kept[d]), None)
        if first is None:
            continue
        for d in members:
            score, partner = linked.get(d, (1.0, d))
            for i in kept[d]:
                if len(members) > 1:
                    owner[i] = number
                if i == first or d == members[0]:
                    unite(first, i, 1.0, "the document's main event (title and lead)")
                else:
                    why = (
                        "main event of a report whose text matches document "
                        + leads[partner].document_id[:10]
                    )
                    unite(first, i, round(score, 3), f"{why} (similarity {score:.2f})")
    # Main events of two documents that document grouping kept apart join only when the documents'
    # main events agree (leads.same_event): "Putin meets war correspondents" and "Putin visits a
    # hospital with Shoigu", both CONSULT in Moscow on one day, are two events.
    position = {lead.document_id: n for n, lead in enumerate(leads)}
    common = ubiquitous(leads)
    placeless: list[tuple[int, int, float, str]] = []
    for score, x, y, why in candidate_links(events):
        a, b = events[x], events[y]
        if a.document_id == b.document_id and (bare(a) or bare(b)):
            placeless.append((x, y, score, why))
        elif (
            a.document_id == b.document_id
            or not (a.main and b.main)
            or same_event(leads[position[a.document_id]], leads[position[b.document_id]], common)
        ):
            merge(x, y, score, why)
    options: dict[int, list[tuple[int, float, str]]] = defaultdict(list)
    for x, y, score, why in placeless:
        if bare(events[x]):
            options[x].append((y, score, why))
        if bare(events[y]):
            options[y].append((x, score, why))
    for i in sorted(options):
        if len(groups[i]) > 1:
            continue
        ranked = sorted(
            options[i], key=lambda o: (-len(groups[o[0]]), abs(events[o[0]].start - events[i].start), o[0])
        )
        for j, score, why in ranked:
            if merge(j, i, score, why + "; the document's main story"):
                break
    unique = {id(g): g for g in groups.values()}
    return sorted(unique.values(), key=lambda g: g[0]), joined


def story_row(members: list[StoryEvent]) -> dict[str, Any]:
    """Return the stored fields of a story made of ``members``."""
    types = Counter(m.type for m in members)
    story_type = min(types, key=lambda k: (-types[k], k))
    locations = Counter(m.location for m in members if m.location is not None)
    pinned = {m.location for m in members if has_point(m)}
    # The finest place named wins: "Kramatorsk" over "Ukraine".
    location = min(locations, key=lambda k: (k not in pinned, -locations[k], k)) if locations else None
    place = next((m for m in members if m.location == location and location is not None), None)
    located = [m for m in members if m.lat is not None and m.lon is not None]
    anchor = next((m for m in located if m.location == location), located[0] if located else None)
    actors = Counter(m.names["actor"] for m in members if "actor" in m.names)
    actor = min(actors, key=lambda k: (-actors[k], k)) if actors else None
    title = story_type.capitalize()
    if place is not None:
        title += f" in {place.names['location']}"
    if actor:
        title += f" by {actor}"
    own = [m.own_date for m in members if m.own_date]
    days = own or [m.day for m in members if m.day]
    times = [when for m in members for _, when in m.sources if when]
    reported = [
        ReportedEvent(
            m.id, m.document_id, m.sources, m.killed, m.injured, m.certainty, m.negated, m.attributed_to
        )
        for m in members
    ]
    return {
        "type": story_type,
        "title": title,
        "location_id": location,
        "lat": anchor.lat if anchor else None,
        "lon": anchor.lon if anchor else None,
        "date": min(days).isoformat() if days else None,  # type: ignore[type-var]
        "first_reported": min(times) if times else None,
        "last_reported": max(times) if times else None,
        "conflicts": find_conflicts(reported, figure_reports(reported)),
    }


def same_row(old: Any, new: dict[str, Any]) -> bool:
    """Return True when a stored story row already holds the new values."""
    for key, value in new.items():
        stored = getattr(old, key)
        if isinstance(value, datetime):
            stored = as_utc(stored)
        if stored != value:
            return False
    return True


def build_stories(conn: Connection) -> tuple[int, int]:
    """Rebuild the stories of all stored events; return (stories, events linked to another)."""
    events = load_events(conn)
    leads, mains = load_leads(conn, events)
    groups, joined = group_events(events, leads, mains)
    existing = {r.id: r for r in conn.execute(select(t.stories)).all()}
    claimed: set[int] = set()
    assigned: list[tuple[int | None, list[int]]] = []
    for members in sorted(groups, key=lambda g: (-len(g), g[0])):
        previous = Counter(events[i].story_id for i in members if events[i].story_id in existing)
        choices = sorted((sid for sid in previous if sid not in claimed), key=lambda s: (-previous[s], s))
        story_id = choices[0] if choices else None
        if story_id is not None:
            claimed.add(story_id)
        assigned.append((story_id, members))
    for story_id, members in sorted(assigned, key=lambda a: a[1][0]):
        row = story_row([events[i] for i in members])
        if story_id is None:
            inserted = conn.execute(t.stories.insert().values(**row, updated_at=now()))
            story_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
        elif not same_row(existing[story_id], row):
            conn.execute(update(t.stories).where(t.stories.c.id == story_id).values(**row, updated_at=now()))
        write_links(
            conn, story_id, [events[i] for i in members], {events[i].id: joined.get(i) for i in members}
        )
    stale = set(existing) - claimed
    if stale:
        conn.execute(delete(t.stories).where(t.stories.c.id.in_(sorted(stale))))
    return len(groups), len(joined)


def write_links(
    conn: Connection, story_id: int, members: list[StoryEvent], joined: dict[str, tuple[float, str] | None]
) -> None:
    """Point each member event at its story and record why it joined."""
    current = {
        r.event_id: (r.story_id, r.score, r.reason)
        for r in conn.execute(
            select(t.story_links).where(t.story_links.c.event_id.in_([m.id for m in members]))
        )
    }
    for m in members:
        score, reason = joined.get(m.id) or (1.0, "first event of the story")
        if m.story_id != story_id:
            conn.execute(update(t.events).where(t.events.c.id == m.id).values(story_id=story_id))
        old = current.get(m.id)
        if old == (story_id, score, reason):
            continue
        if old is None:
            conn.execute(
                t.story_links.insert().values(event_id=m.id, story_id=story_id, score=score, reason=reason)
            )
        else:
            conn.execute(
                update(t.story_links)
                .where(t.story_links.c.event_id == m.id)
                .values(story_id=story_id, score=score, reason=reason)
            )
