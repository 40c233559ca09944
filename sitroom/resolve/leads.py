"""Which documents report the same main event: grouping by headline, lead and rare names.

A news report is about one main event, named in its title and lead paragraph. Two
documents report the same one when their texts share rare words and names (TF-IDF cosine
over the whole text, with the title and lead counted twice and entities by their resolved
id) and their dates agree. Words and names found in most documents ("Russia", "Ukraine")
weigh almost nothing. A document's date is the day its main events name ("on Tuesday"),
else its publication day or the day before; follow-up reports ("the toll rose to 13") may
come days later when their main events name the same town. Groups grow from the strongest
pair and a document joins a group only when its average similarity to all its members is
high enough, so a chain of loosely related reports does not drift into one story.
Round-ups and live blogs ("Russia-Ukraine war live: ...", "what we know on day 463") name
several events in their lead, so they join at most one group, by their strongest match, and
never bridge two groups.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

# Cosine similarity two documents need to be linked at all; "Kramatorsk toll climbs to 10" and
# "Eight killed in Kramatorsk restaurant strike" score about 0.2, two unrelated wire items under 0.07.
LINK_SIMILARITY = 0.12
# Average similarity of a newcomer to every member of a group it joins: keeps groups on one event.
GROUP_SIMILARITY = 0.08
DATE_GAP = timedelta(days=1)
FOLLOW_UP_GAP = timedelta(days=5)  # when main events share a town: "toll rises to 13" four days on
UNDATED_BEFORE = timedelta(days=1)  # a report without a date names an event of the day before it, or its own
GROUP_SPAN = timedelta(days=8)
# A lead whose events name this many towns is a round-up: "strikes on Kyiv, Odesa and Kharkiv".
ROUNDUP_TOWNS = 3
LEAD_CHARS = 600
# A feature in more than this share of documents says nothing about the event ("Ukraine").
COMMON_SHARE = 0.5
# Titles of round-ups and live blogs, whose lead names several events: "Ukraine war live: air
# defences busy over Odesa", "Ukraine live briefing: ...", "the conflict at a glance",
# "the breach: what we know".
ROUNDUP_TITLE = re.compile(
    r"\b(live|as it happened|what we know|at a glance|key events|briefing|round-?up|weekend reads"
    r"|this week|the week)\b",
    re.IGNORECASE,
)
STEM = 7  # words are compared by their first letters: "sanctions" and "sanctioned" agree
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "was",
        "were",
        "are",
        "been",
        "has",
        "have",
        "had",
        "its",
        "his",
        "her",
        "their",
        "they",
        "said",
        "says",
        "after",
        "before",
        "during",
        "into",
        "over",
        "than",
        "also",
        "about",
        "which",
        "who",
        "when",
        "where",
        "while",
        "would",
        "could",
        "will",
        "not",
        "but",
        "more",
        "most",
        "other",
        "some",
        "such",
        "there",
        "what",
        "being",
        "year",
        "years",
    ]
)


@dataclass(slots=True)
class Lead:
    """What document grouping compares of one document."""

    document_id: str
    features: Counter[str]
    spans: list[tuple[date, date]]  # the days its main event may have happened on
    towns: frozenset[int]  # places with coordinates its main events name
    roundup: bool = False  # a round-up or live blog: joins one group at most, by its top match
    weights: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0


def is_roundup(title: str | None, towns: int) -> bool:
    """Return True for a round-up or live blog: a title that says so, or a lead naming three towns or more."""
    return bool(ROUNDUP_TITLE.search(title or "")) or towns >= ROUNDUP_TOWNS


def lead_end(text: str) -> int:
    """Return where the lead ends: the end of the first paragraph after the title, at most 600 characters."""
    paragraphs = [m.end() for m in re.finditer(r"\n\s*\n|\n", text)]
    ends = [p for p in paragraphs if p > 150]
    return min(ends[0] if ends else len(text), LEAD_CHARS, len(text))


def words(text: str) -> list[str]:
    """Return the content words of a text, cut to their first letters."""
    return [w[:STEM] for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in STOPWORDS]


def features(title: str | None, text: str, entities: list[tuple[int, int]]) -> Counter[str]:
    """Return a document's features: each word and entity once, twice when in the title or lead.

    ``entities`` holds (resolved entity id, character offset) for each mention.
    """
    end = lead_end(text)
    found: Counter[str] = Counter({f"w:{w}": 1 for w in words(text)})
    for w in set(words(f"{title or ''} {text[:end]}")):
        found[f"w:{w}"] = 2
    for entity, start in entities:
        key = f"e:{entity}"
        found[key] = max(found[key], 2 if start < end else 1)
    return found


def weigh(leads: list[Lead]) -> None:
    """Give every feature its TF-IDF weight and every document its norm; drop common features."""
    df: Counter[str] = Counter()
    for lead in leads:
        df.update(lead.features.keys())
    total = len(leads)
    for lead in leads:
        lead.weights = {
            f: n * math.log(total / df[f])
            for f, n in lead.features.items()
            if df[f] <= max(2, COMMON_SHARE * total)
        }
        lead.norm = math.sqrt(sum(w * w for w in lead.weights.values()))


def similarities(leads: list[Lead]) -> dict[tuple[int, int], float]:
    """Return the cosine similarity of every pair of documents sharing a feature."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, lead in enumerate(leads):
        for f in lead.weights:
            postings[f].append(i)
    dot: dict[tuple[int, int], float] = defaultdict(float)
    for f, members in postings.items():
        if len(members) < 2:
            continue
        for n, x in enumerate(members):
            wx = leads[x].weights[f]
            for y in members[n + 1 :]:
                dot[(x, y)] += wx * leads[y].weights[f]
    return {
        pair: value / (leads[pair[0]].norm * leads[pair[1]].norm)
        for pair, value in dot.items()
        if leads[pair[0]].norm and leads[pair[1]].norm
    }


def span_gap(a: tuple[date, date], b: tuple[date, date]) -> timedelta:
    """Return the days between two date spans (zero when they overlap)."""
    return max(timedelta(0), max(a[0], b[0]) - min(a[1], b[1]))


def dates_agree(a: Lead, b: Lead) -> bool:
    """Return True when two documents' main events can be one: close dates, or a shared town a few days on."""
    if not a.spans or not b.spans:
        return True
    gap = min(span_gap(x, y) for x in a.spans for y in b.spans)
    return gap <= (FOLLOW_UP_GAP if a.towns & b.towns else DATE_GAP)


def without_bridges(ranked: list[tuple[float, int, int]], leads: list[Lead]) -> list[tuple[float, int, int]]:
    """Keep, of the links of each round-up, only its strongest: a live blog cannot bridge two groups."""
    top: dict[int, tuple[int, int]] = {}
    for _, x, y in ranked:
        for doc in (x, y):
            if leads[doc].roundup:
                top.setdefault(doc, (x, y))
    return [
        (s, x, y) for s, x, y in ranked if all(not leads[doc].roundup or top[doc] == (x, y) for doc in (x, y))
    ]


def group_documents(leads: list[Lead]) -> tuple[list[list[int]], dict[int, tuple[float, int]]]:
    """Group documents that report one main event.

    Return groups of indices into ``leads`` and, for each document that joined a group, the
    similarity and index of the document it was linked to.
    """
    weigh(leads)
    sims = similarities(leads)
    groups: dict[int, list[int]] = {i: [i] for i in range(len(leads))}
    joined: dict[int, tuple[float, int]] = {}
    ranked = sorted(
        ((s, x, y) for (x, y), s in sims.items() if s >= LINK_SIMILARITY and dates_agree(leads[x], leads[y])),
        key=lambda k: (-k[0], k[1], k[2]),
    )
    ranked = without_bridges(ranked, leads)
    for score, x, y in ranked:
        gx, gy = groups[x], groups[y]
        if gx is gy:
            continue
        cross = [sims.get((min(i, j), max(i, j)), 0.0) for i in gx for j in gy]
        if sum(cross) / len(cross) < GROUP_SIMILARITY:
            continue
        days = [d for i in gx + gy for span in leads[i].spans for d in span]
        if days and max(days) - min(days) > GROUP_SPAN:
            continue
        merged = sorted(gx + gy)
        for i in merged:
            groups[i] = merged
        newcomer, other = (y, x) if gx[0] < gy[0] else (x, y)
        joined.setdefault(newcomer, (score, other))
    unique = {id(g): g for g in groups.values()}
    return sorted(unique.values(), key=lambda g: g[0]), joined
