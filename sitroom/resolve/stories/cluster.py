"""Online story clustering: each new document joins the best active story or opens one.

A new document's passages (one for a report, one per paragraph of a round-up) are compared
with the candidate stories only: those indexed under one of its rarest words or names whose
days lie within the window of its day (``story_keys`` and ``stories.last_day`` are indexed),
at most MAX_CANDIDATES of them. So the cost of a document does not grow with the corpus.
A passage joins the story it scores best with above the threshold (features.judge), else opens
a new story; the unmatched passages of one round-up share one story. After each batch a merge
pass joins touched stories whose profiles have converged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, func, select

from sitroom.resolve.stories.features import (
    APART_KM,
    LARGE_MERGE_COSINE,
    MERGE_COSINE,
    MERGE_SCORE,
    VIOLENT_APART_KM,
    WINDOW,
    Match,
    Profile,
    Stats,
    core,
    cosine,
    judge,
    judge_stories,
    near,
    strays,
    threshold,
    vector,
)
from sitroom.resolve.stories.load import Passage, load_passages
from sitroom.resolve.stories.write import (
    add_member,
    count_terms,
    index_keys,
    lookup_keys,
    merge_into,
    open_story,
    read_stats,
    refresh_stale,
)
from sitroom.store import schema as t
from sitroom.store.chunks import in_chunks
from sitroom.times import as_utc

MAX_CANDIDATES = 40
PENDING_BATCH = 64
MERGE_KEYS = 12
# A story of at most this many passages merges into a larger one it fits as a passage would;
# two larger stories merge only when their profiles converged (MERGE_COSINE).
SMALL_STORY = 3
UNDATED = datetime.min.replace(tzinfo=UTC)


def candidates(
    conn: Connection, keys: list[str], first: date | None, last: date | None, exclude: int | None = None
) -> list[tuple[int, Profile]]:
    """Return the stories indexed under ``keys`` whose days meet the window ``first``..``last``."""
    if not keys:
        return []
    s, k = t.stories.c, t.story_keys.c
    shared = func.count().label("shared")
    query = (
        select(k.story_id, shared)
        .join(t.stories, s.id == k.story_id)
        .where(k.key.in_(keys))
        .group_by(k.story_id)
        .order_by(shared.desc(), k.story_id)
        .limit(MAX_CANDIDATES)
    )
    if first is not None and last is not None:
        since = (first - WINDOW).isoformat()
        # No story of a smaller id than the first whose last day meets the window can meet it; as
        # stories open in order of time, the keys are read from there on, not over the whole corpus.
        window = t.stories.alias("window")
        # "id + 0": a bare min(id) makes SQLite walk the stories by id until one meets the window
        # (the whole corpus); the sum makes it read the last_day index, the window's stories only.
        oldest = select(func.min(window.c.id + 0)).where(window.c.last_day >= since).scalar_subquery()
        query = query.where(
            k.story_id >= oldest, s.last_day >= since, s.first_day <= (last + WINDOW).isoformat()
        )  # type: ignore[operator]
    if exclude is not None:
        query = query.where(k.story_id != exclude)
    ids = [r.story_id for r in conn.execute(query)]
    if not ids:
        return []
    profiles = {
        r.id: Profile.from_json(r.profile) for r in conn.execute(select(s.id, s.profile).where(s.id.in_(ids)))
    }
    return [(i, profiles[i]) for i in ids if i in profiles]


def is_assigned(conn: Connection, document_id: str) -> bool:
    sd = t.story_documents.c
    return (
        conn.execute(select(sd.document_id).where(sd.document_id == document_id).limit(1)).first() is not None
    )


def assign_document(conn: Connection, document_id: str) -> list[int]:
    """Put each passage of a stored document in a story; return the stories touched (none if done before)."""
    if is_assigned(conn, document_id):
        return []
    passages = load_passages(conn, document_id)
    if not passages:
        return []
    keys = set().union(*(p.terms() for p in passages))
    stats = read_stats(conn, keys)
    touched: list[int] = []
    leftover: tuple[int, Profile] | None = None  # the story of a round-up's passages that matched no other
    for passage in passages:
        vec = vector(passage, stats)
        found = index_keys(passage, stats)
        best: tuple[float, int, list[Match], Profile] | None = None
        for story_id, profile in candidates(conn, lookup_keys(passage, stats), passage.day, passage.day):
            judged = judge(passage, vec, profile, stats)
            if judged is None or judged[0] < threshold(passage):
                continue
            if best is None or judged[0] > best[0]:
                best = (judged[0], story_id, judged[1], profile)
        if best is not None:
            profile = add_member(conn, best[1], passage, vec, best[0], best[2], found, best[3])
            if leftover is not None and leftover[0] == best[1]:
                leftover = (best[1], profile)  # the round-up's own story, found as a candidate
            touched.append(best[1])
            continue
        if leftover is None or not passage.number:
            story_id = open_story(conn)
            leftover = (story_id, add_member(conn, story_id, passage, vec, 1.0, [], found, Profile.empty()))
        else:
            same = Match("round-up", 1.0, 1.0, "another passage of the same round-up")
            add_member(conn, leftover[0], passage, vec, 1.0, [same], found, leftover[1])
        touched.append(leftover[0])
    count_terms(conn, keys, stats=stats)
    return touched


def profiles_apart(a: Profile, b: Profile) -> bool:
    """Return True when two stories cannot be one: days beyond the window, or towns far apart."""
    dated = a.first and a.last and b.first and b.last
    if dated and (b.first - a.last > WINDOW or a.first - b.last > WINDOW):  # type: ignore[operator]
        return True
    km = VIOLENT_APART_KM if a.violent and b.violent else APART_KM
    return bool(a.towns and b.towns and not any(near(x, y, km) for x in a.towns for y in b.towns))


def merge_pass(conn: Connection, story_ids: Iterable[int]) -> int:
    """Merge each touched story into a candidate it fits (judge_stories); return merges made.

    A merged story is looked at again, so chains of stories that converged become one; a story
    whose own towns (CORE_SHARE of its passages name them) are foreign to a large one
    (``strays``) stays apart.
    """
    merges = 0
    queue = sorted(set(story_ids))
    while queue:
        story_id = queue.pop(0)
        row = conn.execute(select(t.stories.c.profile).where(t.stories.c.id == story_id)).first()
        if row is None:
            continue
        profile = Profile.from_json(row.profile)
        heaviest = sorted(profile.words, key=lambda w: (-profile.words[w], w))[:MERGE_KEYS]
        named = sorted(profile.names, key=lambda n: (-profile.names[n], n))[:MERGE_KEYS]
        keys = [f"w:{w}"[:200] for w in heaviest] + [f"e:{n}"[:200] for n in named]
        stats = read_stats(conn, {f"e:{n}" for n in profile.names})
        best: tuple[float, int, Profile] | None = None
        for other, theirs in candidates(conn, keys, profile.first, profile.last, exclude=story_id):
            if profiles_apart(profile, theirs):
                continue
            small, large = (profile, theirs) if profile.size <= theirs.size else (theirs, profile)
            wording = cosine(profile.words, theirs.words)
            own = [x for x in small.towns if core(small, x[0]) >= 1.0]
            if wording < LARGE_MERGE_COSINE and strays(own, large):
                continue
            if wording >= MERGE_COSINE:
                score = 1.0
            elif small.size > SMALL_STORY:
                continue
            else:
                stats.counts.update(read_stats(conn, {f"e:{n}" for n in small.names}).counts)
                score = judge_stories(small, large, stats)[0]
            if score >= MERGE_SCORE and (best is None or score > best[0]):
                best = (score, other, theirs)
        if best is None:
            continue
        score, other, theirs = best
        kept, gone = (
            (other, story_id) if (theirs.size, -other) >= (profile.size, -story_id) else (story_id, other)
        )
        merge_into(conn, kept, gone, f"stories converged (score {score:.2f})")
        merges += 1
        queue.append(kept)
    return merges


def pending(conn: Connection, limit: int) -> list[str]:
    """Return extracted documents not yet in any story, oldest first (those a killed run left)."""
    d, sd = t.documents.c, t.story_documents.c
    assigned = select(sd.document_id).where(sd.document_id == d.id).exists()
    query = (
        select(d.id)
        .where(d.extractor_version.is_not(None), ~assigned)
        .order_by(d.published_at.is_(None), d.published_at, d.id)
        .limit(limit)
    )
    return list(conn.execute(query).scalars())


def canonical_order(conn: Connection, document_ids: Iterable[str]) -> list[str]:
    """Return the stored documents among ``document_ids`` by publication time (undated last), then id.

    Documents are placed in this order, whatever order they arrived in, so that one process
    and Dask workers (which finish out of order) build the same stories.
    """
    d = t.documents.c
    wanted = sorted(set(document_ids))
    rows: list[tuple[bool, datetime, str]] = []
    for chunk in in_chunks(wanted):
        for r in conn.execute(select(d.id, d.published_at).where(d.id.in_(chunk))):
            when = as_utc(r.published_at)
            rows.append((when is None, when or UNDATED, r.id))
    return [document_id for _, _, document_id in sorted(rows)]


def assign_documents(engine: Engine, document_ids: Iterable[str]) -> set[int]:
    """Cluster the given stored documents in canonical order, one transaction each.

    Returns the stories touched.
    """
    with engine.connect() as conn:
        ordered = canonical_order(conn, document_ids)
    touched: set[int] = set()
    for document_id in ordered:
        with engine.begin() as conn:
            touched.update(assign_document(conn, document_id))
    return touched


def settle(engine: Engine, touched: Iterable[int]) -> None:
    """Merge touched stories that converged, then refresh every stale story (one transaction)."""
    with engine.begin() as conn:
        merge_pass(conn, touched)
        refresh_stale(conn)


def assign_pending(engine: Engine) -> int:
    """Cluster every extracted document not yet in a story, then settle; return how many.

    A run killed at any moment leaves whole documents in stories and stale stories marked;
    this finishes the rest, so the next run gives the stories of a run never killed.
    """
    done = 0
    touched: set[int] = set()
    while True:
        with engine.begin() as conn:
            batch = pending(conn, PENDING_BATCH)
        if not batch:
            break
        touched |= assign_documents(engine, batch)
        done += len(batch)
    settle(engine, touched)
    return done


def forget_document(conn: Connection, document_id: str) -> None:
    """Take a document out of its stories (before it is extracted again); rebuild what it leaves."""
    passages = load_passages(conn, document_id)
    sd = t.story_documents.c
    stories = set(conn.execute(select(sd.story_id).where(sd.document_id == document_id)).scalars())
    if not stories:
        return
    count_terms(conn, set().union(*(p.terms() for p in passages)) if passages else set(), change=-1)
    conn.execute(t.story_documents.delete().where(sd.document_id == document_id))
    conn.execute(t.events.update().where(t.events.c.document_id == document_id).values(story_id=None))
    for story_id in sorted(stories):
        rest = conn.execute(select(sd.document_id, sd.passage).where(sd.story_id == story_id)).all()
        profile = Profile.empty()
        members: list[Passage] = []
        for doc, number in rest:
            members.extend(p for p in load_passages(conn, doc) if p.number == number)
        stats: Stats = read_stats(conn, set().union(*(p.terms() for p in members)) if members else set())
        for member in members:
            profile.add(member, vector(member, stats))
        conn.execute(
            t.stories.update()
            .where(t.stories.c.id == story_id)
            .values(
                profile=profile.to_json(),
                first_day=_day(profile.first),
                last_day=_day(profile.last),
                rank=None,
            )
        )


def _day(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]
