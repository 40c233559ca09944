"""Cross-document entity resolution: judge which stored entities name the same thing.

Entities stay as extraction stored them. Each decision is a row of ``entity_merges``
(same | different | unsure, with its reason and score) and ``entities.merged_into`` points
each merged entity at the one kept. Automatic judgements carry reasons starting with
``auto:`` and are recomputed on every run; any other row is a reviewer's judgement and is
obeyed: ``same`` forces a merge, ``different`` forbids one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from rapidfuzz import fuzz
from sqlalchemy import Connection, delete, func, select, update

from sitroom.geo import NEAR_KM, distance_km
from sitroom.store import schema as t
from sitroom.store.write import now

AUTO = "auto: "
SURNAME_SIMILARITY = 90  # "Lukashenka" vs "Lukashenko" scores 90; "Comey" vs "Comer" 80, "Scot" vs "Scott" 89
FIRST_NAME_SIMILARITY = 85
ORG_SIMILARITY = 92
# A shared alias alone does not make "House" the "House Armed Services Committee" (sort ratio 29);
# "Wagner" and "Wagner Group" (67) pass.
ALIAS_NAME_SIMILARITY = 60
PLACE_SIMILARITY = 95
# Words that carry no identity in a role title ("President of Belarus" -> {"president", "belarus"}).
ROLE_STOPWORDS = frozenset({"of", "the", "a", "an", "for", "and", "in", "to", "former", "then", "acting"})
NAME_STOPWORDS = frozenset({"the", "of", "and", "for", "a", "an"})


@dataclass(slots=True)
class Candidate:
    """One stored entity with what resolution compares: names, roles, country."""

    id: int
    name: str
    type: str
    subtype: str | None
    country: str | None
    lat: float | None
    lon: float | None
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Judgement:
    """A decision about two entities: ``same``, ``different`` or ``unsure``, and why."""

    a: int
    b: int
    judgement: str
    reason: str
    score: float


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents and punctuation, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def name_tokens(name: str) -> list[str]:
    """Return the folded words of a name without articles ("The Wagner Group" -> wagner, group)."""
    return [w for w in fold(name).split() if w not in NAME_STOPWORDS]


def initials(name: str) -> set[str]:
    """Return the acronym a multi-word name would have: "Radio Free Europe" gives {"rfe"}."""
    words = name_tokens(name)
    return {"".join(w[0] for w in words)} if len(words) >= 2 and not short_forms(name) else set()


def short_forms(name: str) -> set[str]:
    """Return the acronyms a name is made of: "RFE/RL" gives {"rfe", "rl", "rferl"}, "NATO" {"nato"}."""
    parts = [p for p in re.split(r"[/\s\-&]+", name) if p]
    if not parts or not all(p.isupper() and p.isalpha() and len(p) >= 2 for p in parts):
        return set()
    return {p.lower() for p in parts} | {"".join(parts).lower()}


def acronyms(name: str) -> set[str]:
    """Return every acronym form of a name, for blocking."""
    return initials(name) | short_forms(name)


def load_candidates(conn: Connection) -> dict[int, Candidate]:
    """Return every stored entity with its aliases, role titles and mention count."""
    rows = conn.execute(
        select(
            t.entities.c.id,
            t.entities.c.name,
            t.entities.c.type,
            t.entities.c.subtype,
            t.entities.c.country,
            t.entities.c.lat,
            t.entities.c.lon,
        )
    ).all()
    candidates = {r.id: Candidate(r.id, r.name, r.type, r.subtype, r.country, r.lat, r.lon) for r in rows}
    for entity_id, alias in conn.execute(select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)):
        candidates[entity_id].aliases.add(alias)
    for entity_id, title in conn.execute(select(t.roles.c.entity_id, t.roles.c.title)):
        candidates[entity_id].roles.add(title)
    counts = conn.execute(select(t.mentions.c.entity_id, func.count()).group_by(t.mentions.c.entity_id))
    for entity_id, count in counts:
        candidates[entity_id].mentions = int(count)
    return candidates


def blocking_keys(c: Candidate) -> set[str]:
    """Return the keys under which ``c`` is compared with others of its type."""
    keys = {f"alias:{fold(a)}" for a in c.aliases | {c.name}}
    words = name_tokens(c.name)
    if not words:
        return keys
    if c.type == "PERSON":
        keys.add(f"surname:{words[-1][:4]}")
    else:
        keys.add(f"first:{words[0][:4]}")
        keys.update(f"acronym:{a}" for x in c.aliases | {c.name} for a in acronyms(x))
    return keys


def role_words(c: Candidate) -> set[str]:
    """Return the content words of the roles ``c`` holds."""
    return {w for r in c.roles for w in fold(r).split() if w not in ROLE_STOPWORDS}


def compare(a: Candidate, b: Candidate) -> Judgement | None:
    """Judge whether two entities of one type are the same; None when they are simply unrelated."""
    shared = {fold(x) for x in a.aliases | {a.name}} & {fold(x) for x in b.aliases | {b.name}}
    if a.country and b.country and a.country != b.country:
        wa, wb = name_tokens(a.name) or [""], name_tokens(b.name) or [""]
        similar = fuzz.ratio(wa[-1], wb[-1]) if a.type == "PERSON" else fuzz.ratio(fold(a.name), fold(b.name))
        if shared or similar >= SURNAME_SIMILARITY:
            return Judgement(
                a.id, b.id, "different", f"{AUTO}countries differ ({a.country} vs {b.country})", 0.0
            )
        return None
    if a.type == "PERSON":
        return compare_people(a, b, shared)
    if a.type in ("GPE", "LOC", "FAC"):
        return compare_places(a, b, shared)
    return compare_organisations(a, b, shared)


def compare_people(a: Candidate, b: Candidate, shared: set[str]) -> Judgement | None:
    """Judge two people by surname, first name, shared aliases and roles."""
    wa, wb = name_tokens(a.name), name_tokens(b.name)
    # Photo credits read as names ("Patrick Semansky/AP Photo") are no one's name.
    if not wa or not wb or any(re.search(r"[/\d]", n) for n in (a.name, b.name)):
        return None
    surname = fuzz.ratio(wa[-1], wb[-1])
    if surname < SURNAME_SIMILARITY:
        return None
    if len(wa) > 1 and len(wb) > 1:
        first = fuzz.ratio(wa[0], wb[0])
        initial = (len(wa[0]) == 1 or len(wb[0]) == 1) and wa[0][0] == wb[0][0]
        if first < FIRST_NAME_SIMILARITY and not initial:
            return Judgement(
                a.id, b.id, "different", f"{AUTO}first names differ ({wa[0]} vs {wb[0]})", surname / 100
            )
    ra, rb = role_words(a), role_words(b)
    if ra and rb and not ra & rb:
        reason = f"{AUTO}roles differ ({'; '.join(sorted(a.roles))} vs {'; '.join(sorted(b.roles))})"
        return Judgement(a.id, b.id, "unsure", reason, surname / 100)
    reasons = [f"surname match {surname:.0f}"]
    if shared:
        reasons.append(f"shared alias {sorted(shared)[0]!r}")
    if ra & rb:
        reasons.append(f"shared role word {sorted(ra & rb)[0]!r}")
    score = min(1.0, surname / 100 + (0.1 if shared else 0) + (0.1 if ra & rb else 0))
    return Judgement(a.id, b.id, "same", AUTO + ", ".join(reasons), score)


def compare_organisations(a: Candidate, b: Candidate, shared: set[str]) -> Judgement | None:
    """Judge two organisations (or groups) by shared aliases, acronyms and fuzzy names."""
    if a.subtype and b.subtype and a.subtype != b.subtype and not shared:
        return None
    long_a = {i for x in a.aliases | {a.name} for i in initials(x)}
    long_b = {i for x in b.aliases | {b.name} for i in initials(x)}
    short_a = {s for x in a.aliases | {a.name} for s in short_forms(x)}
    short_b = {s for x in b.aliases | {b.name} for s in short_forms(x)}
    similarity = fuzz.token_sort_ratio(" ".join(name_tokens(a.name)), " ".join(name_tokens(b.name)))
    if shared and similarity >= ALIAS_NAME_SIMILARITY:
        return Judgement(a.id, b.id, "same", f"{AUTO}shared alias {sorted(shared)[0]!r}", 1.0)
    if long_a & short_b or long_b & short_a:
        acronym = sorted((long_a & short_b) | (long_b & short_a))[0]
        return Judgement(a.id, b.id, "same", f"{AUTO}acronym {acronym!r} matches", 0.9)
    if similarity >= ORG_SIMILARITY:
        return Judgement(a.id, b.id, "same", f"{AUTO}name similarity {similarity:.0f}", similarity / 100)
    return None


def compare_places(a: Candidate, b: Candidate, shared: set[str]) -> Judgement | None:
    """Judge two places by shared aliases or near-identical names, never across 30 km."""
    located = a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None
    if located and distance_km(a.lat, a.lon, b.lat, b.lon) > NEAR_KM:  # type: ignore[arg-type]
        return None
    if shared:
        return Judgement(a.id, b.id, "same", f"{AUTO}shared alias {sorted(shared)[0]!r}", 1.0)
    similarity = fuzz.ratio(fold(a.name), fold(b.name))
    if similarity >= PLACE_SIMILARITY:
        return Judgement(a.id, b.id, "same", f"{AUTO}name similarity {similarity:.0f}", similarity / 100)
    return None


def canonical_order(c: Candidate) -> tuple[int, int, int, int]:
    """Sort key of the entity kept: a person's fullest name, else the most mentioned name; then the oldest."""
    tokens = len(name_tokens(c.name))
    if c.type == "PERSON":
        return (-tokens, -c.mentions, -len(c.name), c.id)
    return (-c.mentions, -tokens, -len(c.name), c.id)


def judge_all(candidates: dict[int, Candidate]) -> list[Judgement]:
    """Return a judgement for every pair of same-type entities sharing a blocking key."""
    blocks: dict[tuple[str, str], set[int]] = defaultdict(set)
    for c in candidates.values():
        for key in blocking_keys(c):
            blocks[(c.type, key)].add(c.id)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        pairs.update(combinations(sorted(members), 2))
    found = (compare(candidates[a], candidates[b]) for a, b in sorted(pairs))
    return [j for j in found if j is not None]


def cluster(
    candidates: dict[int, Candidate],
    judgements: list[Judgement],
    forced: set[tuple[int, int]],
    forbidden: set[tuple[int, int]],
) -> dict[int, tuple[int, Judgement]]:
    """Group entities greedily by best ``same`` judgement; a group never holds a ``different`` pair.

    Returns, for each entity merged away, its kept entity and the judgement that linked it.
    """
    groups: dict[int, set[int]] = {i: {i} for i in candidates}
    accepted: list[Judgement] = []
    different = forbidden | {(j.a, j.b) for j in judgements if j.judgement == "different"}
    different |= {(b, a) for a, b in different}
    same = [
        Judgement(a, b, "same", f"{AUTO}reviewed as same", 1.0)
        for a, b in sorted(forced)
        if a in groups and b in groups
    ]
    same += sorted((j for j in judgements if j.judgement == "same"), key=lambda j: (-j.score, j.a, j.b))
    judged_same = {(j.a, j.b) for j in same} | {(j.b, j.a) for j in same}
    for j in same:
        ga, gb = groups[j.a], groups[j.b]
        if ga is gb or any((x, y) in different for x in ga for y in gb):
            continue
        # More than half of the pairs across the two groups must be judged the same, so that
        # "NSA" does not chain "Norwegian Seismic Array" to "National Security Agency".
        if sum((x, y) in judged_same for x in ga for y in gb) * 2 <= len(ga) * len(gb):
            continue
        merged = ga | gb
        for member in merged:
            groups[member] = merged
        accepted.append(j)
    result: dict[int, tuple[int, Judgement]] = {}
    seen: set[int] = set()
    for members in groups.values():
        if id(members) in seen or len(members) == 1:
            continue
        seen.add(id(members))
        kept = min((candidates[m] for m in members), key=canonical_order).id
        for member in sorted(members - {kept}):
            result[member] = (kept, next(j for j in accepted if member in (j.a, j.b)))
    return result


def resolve_entities(conn: Connection) -> int:
    """Judge every stored entity against the others, record judgements; return how many are merged."""
    candidates = load_candidates(conn)
    manual = conn.execute(
        select(t.entity_merges.c.kept_id, t.entity_merges.c.merged_id, t.entity_merges.c.judgement).where(
            ~t.entity_merges.c.reason.startswith(AUTO)
        )
    ).all()
    forced = {(r.kept_id, r.merged_id) for r in manual if r.judgement == "same"}
    forbidden = {(r.kept_id, r.merged_id) for r in manual if r.judgement == "different"}
    judgements = judge_all(candidates)
    merged = cluster(candidates, judgements, forced, forbidden)
    manual_pairs = {frozenset((r.kept_id, r.merged_id)) for r in manual}
    rows: dict[tuple[int, int], tuple[str, str, float]] = {}
    for member, (kept, j) in merged.items():
        if frozenset((kept, member)) in manual_pairs:
            continue
        reason = j.reason
        if {j.a, j.b} != {kept, member}:
            other = j.a if j.b == member else j.b
            reason = f"{j.reason} (via {candidates[other].name!r})"
        rows[(kept, member)] = ("same", reason, j.score)
    grouped = {m: k for m, (k, _) in merged.items()}
    for j in judgements:
        if j.judgement == "same" or frozenset((j.a, j.b)) in manual_pairs:
            continue
        if grouped.get(j.a, j.a) == grouped.get(j.b, j.b):
            continue
        rows.setdefault((j.a, j.b), (j.judgement, j.reason, j.score))
    write_judgements(conn, rows)
    for c in candidates.values():
        target = grouped.get(c.id)
        conn.execute(
            update(t.entities)
            .where(t.entities.c.id == c.id, t.entities.c.merged_into.is_distinct_from(target))
            .values(merged_into=target)
        )
    return len(merged)


def write_judgements(conn: Connection, rows: dict[tuple[int, int], tuple[str, str, float]]) -> None:
    """Make the automatic rows of ``entity_merges`` equal ``rows``, touching unchanged rows not at all."""
    existing = {
        (r.kept_id, r.merged_id): (r.judgement, r.reason, r.score)
        for r in conn.execute(
            select(
                t.entity_merges.c.kept_id,
                t.entity_merges.c.merged_id,
                t.entity_merges.c.judgement,
                t.entity_merges.c.reason,
                t.entity_merges.c.score,
            ).where(t.entity_merges.c.reason.startswith(AUTO))
        )
    }
    for key in existing.keys() - rows.keys():
        conn.execute(
            delete(t.entity_merges).where(
                t.entity_merges.c.kept_id == key[0], t.entity_merges.c.merged_id == key[1]
            )
        )
    for key, (judgement, reason, score) in sorted(rows.items()):
        old = existing.get(key)
        if old is None:
            conn.execute(
                t.entity_merges.insert().values(
                    kept_id=key[0],
                    merged_id=key[1],
                    judgement=judgement,
                    reason=reason,
                    score=score,
                    created_at=now(),
                )
            )
        elif old != (judgement, reason, score):
            conn.execute(
                update(t.entity_merges)
                .where(t.entity_merges.c.kept_id == key[0], t.entity_merges.c.merged_id == key[1])
                .values(judgement=judgement, reason=reason, score=score)
            )
