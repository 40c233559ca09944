"""Write stories: members and their reasons, profiles, the candidate index, term counts, story rows.

Joining a story marks it stale (``rank`` NULL); ``refresh_stale`` then recomputes each stale
story's title, summary line, main event, figures' conflicts and rank from its members. A run
killed between the two leaves stale stories that the next run refreshes first.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, case, delete, func, select, update

from sitroom.model import Bounds
from sitroom.nlp.gazetteer import countries_by_code
from sitroom.resolve.stories.agree import Member, lead_end, main_type, of_type, weighted_choice
from sitroom.resolve.stories.conflicts import ReportedEvent, figure_reports, find_conflicts, town_point
from sitroom.resolve.stories.features import Match, Profile, Stats, cosine
from sitroom.resolve.stories.load import SENTENCE_BREAK, Passage, is_roundup, words
from sitroom.resolve.stories.title import headline_text, own_killed, summary_line
from sitroom.store import schema as t
from sitroom.store.chunks import in_chunks
from sitroom.store.write import now
from sitroom.times import as_utc

INDEX_KEYS = 40  # the words and names of a passage under which its story is indexed, rarest first
LOOKUP_KEYS = 20  # the words and names of a new passage its candidate stories are looked up by
# Rank: each doubling of independent outlets counts as much as about ten days of recency.
OUTLET_WEIGHT = 3.0
SEVERITY_WEIGHT = 0.5
DAYS_PER_POINT = 7.0
VIOLENT = frozenset({"ASSAULT", "FIGHT", "COERCE"})
NO_TYPE = ""  # a story none of whose documents has an extracted event


def read_stats(conn: Connection, keys: set[str]) -> Stats:
    """Return the document count and the document frequency of ``keys``."""
    c = t.term_counts.c
    wanted = sorted(keys | {""})
    counts: dict[str, int] = {}
    for chunk in in_chunks(wanted):
        counts.update(
            {k: int(n) for k, n in conn.execute(select(c.key, c.documents).where(c.key.in_(chunk)))}
        )
    stored = frozenset(counts)
    return Stats(counts.pop("", 0), counts, stored)


def count_terms(conn: Connection, keys: set[str], change: int = 1, stats: Stats | None = None) -> None:
    """Add ``change`` to the document frequency of each key and to the document count.

    ``stats``, read for these keys in this transaction, says which keys have a row already.
    """
    c = t.term_counts.c
    wanted = sorted(keys | {""})
    for chunk in in_chunks(wanted):
        if stats is not None and stats.stored is not None:
            present = {k for k in chunk if k in stats.stored}
        else:
            present = set(conn.execute(select(c.key).where(c.key.in_(chunk))).scalars())
        if present:
            conn.execute(
                update(t.term_counts).where(c.key.in_(sorted(present))).values(documents=c.documents + change)
            )
        missing = [k for k in chunk if k not in present]
        if missing and change > 0:
            conn.execute(t.term_counts.insert(), [{"key": k, "documents": change} for k in missing])


def index_keys(passage: Passage, stats: Stats) -> list[str]:
    """Return the words and names its story is indexed under: all but the coverage's constants."""
    keys = sorted((k for k in passage.terms() if not stats.common(k)), key=lambda k: (-stats.idf(k), k))
    return [k[:200] for k in keys[:INDEX_KEYS]]


def lookup_keys(passage: Passage, stats: Stats) -> list[str]:
    """Return the keys to look candidate stories up by: the rarest words and names seen before.

    A word no earlier document used is in no story's index, so it cannot find one.
    """
    seen = [k for k in passage.terms() if stats.counts.get(k[:200], 0) and not stats.common(k)]
    return [k[:200] for k in sorted(seen, key=lambda k: (-stats.idf(k), k))[:LOOKUP_KEYS]]


def open_story(conn: Connection) -> int:
    """Insert an empty, stale story and return its id."""
    inserted = conn.execute(t.stories.insert().values(type=NO_TYPE, updated_at=now(), profile={}))
    return int(inserted.inserted_primary_key[0])  # type: ignore[index]


def add_member(
    conn: Connection,
    story_id: int,
    passage: Passage,
    vec: dict[str, float],
    score: float,
    matches: list[Match],
    keys: list[str],
    profile: Profile | None = None,
) -> Profile:
    """Put a passage (and its events) in a story, with the reasons, and mark the story stale.

    ``profile`` is the story's profile when the caller has just read it; returns it updated.
    """
    reasons = [m.to_json() for m in matches] or [{"feature": "new", "reason": "opened the story"}]
    conn.execute(
        t.story_documents.insert().values(
            document_id=passage.document_id,
            passage=passage.number,
            start=passage.start,
            end=passage.end,
            story_id=story_id,
            score=round(score, 4),
            reasons=reasons,
        )
    )
    if profile is None:
        row = conn.execute(select(t.stories.c.profile).where(t.stories.c.id == story_id)).first()
        profile = Profile.from_json(row.profile if row else None)
    profile.add(passage, vec)
    conn.execute(
        update(t.stories)
        .where(t.stories.c.id == story_id)
        .values(
            profile=profile.to_json(),
            first_day=profile.first.isoformat() if profile.first else None,
            last_day=profile.last.isoformat() if profile.last else None,
            rank=None,
        )
    )
    add_keys(conn, story_id, keys)
    link_events(conn, story_id, passage, score, reasons)
    return profile


def add_keys(conn: Connection, story_id: int, keys: list[str]) -> None:
    """Index the story under ``keys`` (those it already has are kept)."""
    k = t.story_keys.c
    present = set(conn.execute(select(k.key).where(k.story_id == story_id, k.key.in_(keys))).scalars())
    fresh = [{"key": key, "story_id": story_id} for key in dict.fromkeys(keys) if key not in present]
    if fresh:
        conn.execute(t.story_keys.insert(), fresh)


def link_events(conn: Connection, story_id: int, passage: Passage, score: float, reasons: list[Any]) -> None:
    """Point the passage's events at the story; a report's events all belong to its story."""
    e = t.events.c
    ids = list(passage.event_ids)
    if not ids:
        return
    conn.execute(update(t.events).where(e.id.in_(ids)).values(story_id=story_id))
    conn.execute(delete(t.story_links).where(t.story_links.c.event_id.in_(ids)))
    reason = {
        "document": passage.document_id,
        "passage": passage.number,
        "score": round(score, 4),
        "reasons": reasons,
    }
    conn.execute(
        t.story_links.insert(),
        [
            {"event_id": i, "story_id": story_id, "score": round(score, 4), "reason": _json(reason)}
            for i in ids
        ],
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def merge_into(conn: Connection, kept: int, merged: int, why: str) -> None:
    """Move every member, event and key of story ``merged`` into ``kept``; delete ``merged``."""
    rows = {
        r.id: r
        for r in conn.execute(
            select(t.stories.c.id, t.stories.c.profile).where(t.stories.c.id.in_([kept, merged]))
        )
    }
    a, b = Profile.from_json(rows[kept].profile), Profile.from_json(rows[merged].profile)
    combined = combine(a, b)
    sd = t.story_documents.c
    for r in conn.execute(select(sd.document_id, sd.passage, sd.reasons).where(sd.story_id == merged)).all():
        conn.execute(
            update(t.story_documents)
            .where(sd.document_id == r.document_id, sd.passage == r.passage)
            .values(story_id=kept, reasons=[*r.reasons, {"feature": "merge", "reason": why}])
        )
    conn.execute(update(t.events).where(t.events.c.story_id == merged).values(story_id=kept))
    conn.execute(update(t.story_links).where(t.story_links.c.story_id == merged).values(story_id=kept))
    add_keys(
        conn,
        kept,
        list(conn.execute(select(t.story_keys.c.key).where(t.story_keys.c.story_id == merged)).scalars()),
    )
    conn.execute(delete(t.story_keys).where(t.story_keys.c.story_id == merged))
    conn.execute(delete(t.stories).where(t.stories.c.id == merged))
    conn.execute(
        update(t.stories)
        .where(t.stories.c.id == kept)
        .values(
            profile=combined.to_json(),
            first_day=combined.first.isoformat() if combined.first else None,
            last_day=combined.last.isoformat() if combined.last else None,
            rank=None,
        )
    )


def combine(a: Profile, b: Profile) -> Profile:
    """Return the profile of two stories made one."""
    joined = Profile.from_json(a.to_json())
    for w, x in b.words.items():
        joined.words[w] = joined.words.get(w, 0.0) + x
    joined.words = dict(
        sorted(joined.words.items(), key=lambda kv: (-kv[1], kv[0]))[: len(a.words) or len(b.words)]
    )
    for n, c in b.names.items():
        joined.names[n] = joined.names.get(n, 0) + c
    known = {n for n, _, _ in joined.towns}
    joined.towns.extend(x for x in b.towns if x[0] not in known)
    for k, c in b.kinds.items():
        joined.kinds[k] = joined.kinds.get(k, 0) + c
    days = [d for d in (a.first, a.last, b.first, b.last) if d is not None]
    joined.first, joined.last = (min(days), max(days)) if days else (None, None)
    joined.size = a.size + b.size
    joined.violent = a.violent + b.violent
    return joined


def refresh_stale(conn: Connection) -> int:
    """Recompute every stale story's row from its members; delete stories left empty. Return how many."""
    stale = list(conn.execute(select(t.stories.c.id).where(t.stories.c.rank.is_(None))).scalars())
    for story_id in stale:
        refresh(conn, story_id)
    return len(stale)


def refresh(conn: Connection, story_id: int) -> None:
    """Recompute one story's title, outlet, summary, main event, dates, conflicts and rank."""
    sd, d = t.story_documents.c, t.documents.c
    members = conn.execute(
        select(
            sd.document_id, sd.passage, sd.start, sd.end, d.title, func.substr(d.text, 1, 2000).label("head")
        )
        .join(t.documents, d.id == sd.document_id)
        .where(sd.story_id == story_id)
        .order_by(sd.document_id, sd.passage)
    ).all()
    if not members:
        conn.execute(delete(t.stories).where(t.stories.c.id == story_id))
        return
    profile_row = conn.execute(select(t.stories.c.profile).where(t.stories.c.id == story_id)).first()
    profile = Profile.from_json(profile_row.profile if profile_row else None)
    doc_ids = sorted({m.document_id for m in members})
    outlets = outlets_of(conn, doc_ids)
    events = story_events(conn, story_id)
    latest = datetime.max.replace(tzinfo=UTC)

    def centrality(m: Any) -> tuple[bool, float, datetime, str]:
        """Sort key of the headline: a report's own title first, closest to the story's centre."""
        own = m.passage == 0 and bool(m.title) and not is_roundup(m.title)
        text = m.title if m.passage == 0 and m.title else m.head[m.start : m.end]
        counted = Counter(words(text))
        first = min((w for _, w in outlets.get(m.document_id, []) if w), default=latest)
        return (not own, -cosine(dict(counted), profile.words), first, m.document_id)

    central = min(members, key=centrality)
    headline = (
        central.title if central.passage == 0 and central.title else central.head[central.start : central.end]
    )
    voters = [member(m, profile) for m in members]
    story_type = main_type(voters, events) or NO_TYPE
    own = of_type(events, story_type)
    # The main event's place, a town before a country; when none of its events names a town,
    # the town the story's other events name (a shelling "in Ukraine" that its reports place).
    place = weighted_choice(voters, own, place_of, prefer=lambda k: not k[0])
    if place and not place[0]:
        place = weighted_choice(voters, events, town_of) or place
    # A date the documents name, within a week before their days: "25 August" in a June report
    # is a date it mentions, not the day of its event.
    plausible = (
        {
            (profile.first + timedelta(days=n)).isoformat()
            for n in range(-7, (profile.last - profile.first).days + 2)
        }
        if profile.first and profile.last
        else set()
    )
    day = weighted_choice(
        voters,
        own,
        lambda e: e["date"][:10] if e["date"] and e["date"][:10] in plausible else None,
    )
    day = day or (profile.first.isoformat() if profile.first else None)
    times = [w for doc in outlets.values() for _, w in doc if w]
    names = sorted({name for doc in outlets.values() for name, _ in doc})
    reported = [
        ReportedEvent(
            e["id"],
            e["document_id"],
            tuple(outlets.get(e["document_id"], ())),
            e["killed"],
            e["injured"],
            e["certainty"],
            e["negated"],
            e["attributed_to"],
            e["type"],
            e["actor"],
            e["target"],
            e["evidence"],
            e["speaker_country"],
            town_point(e["location"], e["lat"], e["lon"]),
            e["cumulative_killed"],
            e["cumulative_injured"],
        )
        for e in events
    ]
    figures = figure_reports(reported, town_point(place[2], place[3], place[4]) if place else None)
    killed = max(own_killed(figures), default=0)
    summary = summary_line(
        story_type,
        [(e["trigger"], e["rule"]) for e in events if e["type"] == story_type],
        place[2] if place else None,
        day,
        figures,
        [e["cameo"] for e in own if e["type"] == story_type],
    )
    values = {
        "type": story_type,
        "title": headline_text(headline)[:500] or None,
        "headline_document_id": central.document_id,
        "outlet": next(iter(outlets.get(central.document_id, [])), (None, None))[0],
        "summary": summary,
        "outlets": len(names),
        "documents": len(members),
        "location_id": place[1] if place else None,
        "lat": place[3] if place else None,
        "lon": place[4] if place else None,
        "date": day,
        "first_reported": min(times) if times else None,
        "last_reported": max(times) if times else None,
        "conflicts": find_conflicts(reported, figures),
        "rank": rank(len(names), killed, story_type, day),
        "updated_at": now(),
    }
    conn.execute(update(t.stories).where(t.stories.c.id == story_id).values(**values))


def place_of(event: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """Return an event's place as (is a town, entity id, name, lat, lon), or None."""
    if not event["location_id"]:
        return None
    return (event["town"], event["location_id"], event["location"], event["lat"], event["lon"])


def town_of(event: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """Return an event's place when it is a town, else None."""
    return place_of(event) if event["town"] else None


def member(row: Any, profile: Profile) -> Member:
    """Return a story member as its main event's vote reads it: headline, lead, closeness to the centre."""
    own = row.passage == 0 and bool(row.title)
    headline = row.title if own else row.head[row.start : row.end].split(". ")[0]
    lead = row.head[row.start : row.end]
    counted = Counter(words(f"{headline} {lead}" if own else lead))
    return Member(
        row.document_id,
        row.start,
        row.end,
        headline or "",
        lead_end(row.head, row.start, row.end) if row.start < len(row.head) else row.end,
        cosine(dict(counted), profile.words),
    )


def rank(outlets: int, killed: int, story_type: str, day: str | None) -> float:
    """Return a story's rank: independent outlets, severity (deaths, violence), recency.

    ``3·ln(1 + outlets) + 0.5·(ln(1 + killed) + 1 if violent) + days since 2000 / 7``: a story
    told by twice the outlets outranks one about ten days newer; the rank of a story does not
    change as others arrive, so it is stored and listings sort by it.
    """
    severity = math.log1p(killed) + (1.0 if story_type in VIOLENT else 0.0)
    recency = 0.0
    if day:
        try:
            recency = (date.fromisoformat(day[:10]) - date(2000, 1, 1)).days / DAYS_PER_POINT
        except ValueError:
            recency = 0.0
    return round(OUTLET_WEIGHT * math.log1p(outlets) + SEVERITY_WEIGHT * severity + recency, 4)


def outlets_of(conn: Connection, document_ids: list[str]) -> dict[str, list[tuple[str, datetime | None]]]:
    """Return each document's outlets with the time each published it, in the order they came."""
    ds, d = t.document_sources.c, t.documents.c
    found: dict[str, list[tuple[str, datetime | None]]] = {}
    for chunk in in_chunks(document_ids):
        rows = conn.execute(
            select(ds.document_id, t.sources.c.name, ds.published_at, d.published_at.label("doc_published"))
            .join(t.sources, t.sources.c.id == ds.source_id)
            .join(t.documents, d.id == ds.document_id)
            .where(ds.document_id.in_(chunk))
            .order_by(ds.document_id, ds.id)
        )
        for r in rows:
            found.setdefault(r.document_id, []).append((r.name, as_utc(r.published_at or r.doc_published)))
    return found


SENTENCE_CHARS = 400  # how far before and after its span an event's sentence is looked for


def event_sentences(conn: Connection, event_ids: list[str]) -> dict[str, str]:
    """Return the sentence each event was read from, by event id (the span widened to full stops).

    The span is the trigger's words ("claims to have killed 250"); whose count it is and whether
    it counts the whole war ("since the invasion") is said in the rest of its sentence.
    """
    e, d = t.events.c, t.documents.c
    begin = case((e.start > SENTENCE_CHARS, e.start - SENTENCE_CHARS), else_=0)
    found: dict[str, str] = {}
    for chunk in in_chunks(sorted(set(event_ids))):
        rows = conn.execute(
            select(
                e.id,
                e.start,
                e.end,
                begin.label("begin"),
                func.substr(d.text, begin + 1, e.end - begin + SENTENCE_CHARS).label("around"),
            )
            .join(t.documents, d.id == e.document_id)
            .where(e.id.in_(chunk))
        )
        for r in rows:
            found[r.id] = sentence_of(r.around or "", r.start - r.begin, r.end - r.begin)
    return found


def sentence_of(text: str, start: int, end: int) -> str:
    """Return the sentence of ``text`` that holds the span ``start``..``end``."""
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, 0, max(0, start))]
    after = SENTENCE_BREAK.search(text, max(end, start))
    return text[breaks[-1] if breaks else 0 : after.start() if after else len(text)].strip()


def story_events(conn: Connection, story_id: int) -> list[dict[str, Any]]:
    """Return the story's events with what titles, figures and conflicts need."""
    e, n = t.events.c, t.entities.c
    rows = conn.execute(select(t.events).where(e.story_id == story_id).order_by(e.document_id, e.start)).all()
    ids = {
        i for r in rows for i in (r.actor_id, r.target_id, r.location_id, r.attributed_to_id) if i is not None
    }
    entities = (
        {
            r.id: r
            for r in conn.execute(
                select(n.id, n.name, n.lat, n.lon, n.merged_into, n.country).where(n.id.in_(sorted(ids)))
            )
        }
        if ids
        else {}
    )

    def name(i: int | None) -> str | None:
        return entities[i].name if i in entities else None

    def country(i: int | None) -> str | None:
        return entities[i].country if i in entities else None

    countries = set(countries_by_code().values())
    sentences = event_sentences(conn, [r.id for r in rows])
    found = []
    for r in rows:
        place = entities.get(r.location_id) if r.location_id is not None else None
        found.append(
            {
                "id": r.id,
                "document_id": r.document_id,
                "type": r.type,
                "trigger": r.trigger,
                "rule": r.rule,
                "date": r.date,
                "start": r.start,
                "cameo": r.cameo,
                "location_id": r.location_id,
                "location": place.name if place else None,
                "lat": r.lat if r.lat is not None else (place.lat if place else None),
                "lon": r.lon if r.lon is not None else (place.lon if place else None),
                "town": bool(place and place.lat is not None and place.name not in countries),
                "killed": Bounds.stored(r.killed_min, r.killed_max),
                "injured": Bounds.stored(r.injured_min, r.injured_max),
                "cumulative_killed": Bounds.stored(r.cumulative_killed_min, r.cumulative_killed_max),
                "cumulative_injured": Bounds.stored(r.cumulative_injured_min, r.cumulative_injured_max),
                "certainty": r.certainty,
                "negated": bool(r.negated),
                "attributed_to": name(r.attributed_to_id),
                "actor": name(r.actor_id),
                "target": name(r.target_id),
                "evidence": sentences.get(r.id) or r.evidence or "",
                "speaker_country": country(r.attributed_to_id) or country(r.actor_id),
            }
        )
    return found
