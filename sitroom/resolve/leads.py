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

Similar wording alone is not enough below a high similarity: same-day neighbours on related
topics word their reports alike. Two documents link only when their main events agree
(``same_event``): one PLOVER/CAMEO quad class and a specific argument (an actor, target or
place that is not one of the corpus constants, towns within 30 km, uncommon title words), or
near-duplicate titles. Groups merge by average link: enough of their cross pairs must agree.
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
# Similarity that links two documents on wording alone. Below it, same-day neighbours on related
# topics ("US suspends New START data sharing" and "Russia rejects US offer of arms talks", about
# 0.25) score as high as true pairs, so their main events must also agree (``same_event``).
STRONG_SIMILARITY = 0.4
# An entity or title word named in the leads of at least this share of the documents, on at least
# UBIQUITOUS_DAYS of the busy days (days with BUSY_DAY documents or more), is one of the war's
# constants ("Russia", "Kyiv", "Putin", "war", "attack"): sharing it says nothing about the event.
# A big story's own words ("dam" on 6-10 June) are frequent only on its days, so they stay specific.
# A stream of fewer than BUSY_DAYS busy days has no constants to tell from its stories.
UBIQUITOUS_SHARE = 0.02
UBIQUITOUS_MIN = 5
UBIQUITOUS_DAYS = 0.75
# Title words of the news itself ("missile", "kills", "nuclear", "claims") recur on more days than
# names do, so a word on over half the busy days is common; a big story's word ("dam") is not.
UBIQUITOUS_TITLE_DAYS = 0.55
BUSY_DAY = 10
BUSY_DAYS = 3
# Titles that share this many uncommon words name one thing even where extraction found no entity:
# "Floodgates of a reservoir dam give way near Kherson" and "Kyiv blames Moscow as reservoir dam fails".
TITLE_ARGUMENT_WORDS = 2
# Titles sharing this share of their content words (and at least TITLE_WORDS of them) report one
# event whatever their extracted events say: "Moscow claims its troops repelled an assault near
# Vuhledar" and "Moscow says troops repelled large assault near Vuhledar".
TITLE_OVERLAP = 0.5
TITLE_WORDS = 3
# Share of the document pairs across two groups that must report one event for the groups to merge
# (average link): a chain "dam breach" - "dam flooding in Kherson" - "shelling in Kherson" does not
# make the shelling part of the dam story when it agrees with few of the dam reports.
GROUP_AGREEMENT = 0.25
NEAR_KM = 30.0
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
    title: frozenset[str] = frozenset()  # the content words of its title
    families: frozenset[str] = frozenset()  # the type families of its main events ("violence", "AID")
    arguments: frozenset[int] = frozenset()  # entity ids of its main events' actors, targets and places
    names: frozenset[int] = frozenset()  # entity ids named in its lead, its main events' arguments included
    points: tuple[tuple[int, float, float], ...] = ()  # its main events' towns: entity id, lat, lon
    weights: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


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


def ubiquitous(leads: list[Lead]) -> tuple[frozenset[int], frozenset[str]]:
    """Return the entities and the title words too common across the corpus to tell events apart."""
    day_of = [max(d for span in lead.spans for d in span) if lead.spans else None for lead in leads]
    per_day = Counter(d for d in day_of if d is not None)
    busy = {d for d, n in per_day.items() if n >= BUSY_DAY}
    entity_days: dict[int, set[date]] = defaultdict(set)
    word_days: dict[str, set[date]] = defaultdict(set)
    entities: Counter[int] = Counter()
    titles: Counter[str] = Counter()
    for lead, day in zip(leads, day_of, strict=True):
        entities.update(lead.names | lead.arguments)
        titles.update(lead.title)
        if day in busy:
            for e in lead.names | lead.arguments:
                entity_days[e].add(day)
            for w in lead.title:
                word_days[w].add(day)
    least = max(UBIQUITOUS_MIN, UBIQUITOUS_SHARE * len(leads))

    def constant(count: int, days: set[date], share: float) -> bool:
        return len(busy) >= BUSY_DAYS and count >= least and len(days) >= share * len(busy)

    return (
        frozenset(e for e, n in entities.items() if constant(n, entity_days[e], UBIQUITOUS_DAYS)),
        frozenset(w for w, n in titles.items() if constant(n, word_days[w], UBIQUITOUS_TITLE_DAYS)),
    )


def similar_titles(a: Lead, b: Lead) -> bool:
    """Return True when two titles are near-duplicates: most of their content words are shared."""
    shared = len(a.title & b.title)
    union = len(a.title | b.title)
    return shared >= TITLE_WORDS and shared / union >= TITLE_OVERLAP


def same_event(a: Lead, b: Lead, common: tuple[frozenset[int], frozenset[str]]) -> str | None:
    """Return why two documents' main events are one real-world event, or None.

    ``common`` holds the corpus constants (entities, title words), which count for nothing.
    Near-duplicate titles; or two specific names in both leads; or main events of one class that
    share a specific argument: an actor, target or place of one's main events named in the
    other's lead, two uncommon title words, or towns within 30 km. "Wagner withdraws from Bakhmut"
    and "Army takes over Wagner's Bakhmut positions" share Wagner and Bakhmut; "Russia shells
    Kherson" and "Russia seizes tanker" share only Russia, which is a constant; two interviews on
    one Sunday show share only the host, who is named in both leads but is no argument.
    """
    if similar_titles(a, b):
        return "near-duplicate titles"
    # Two specific names in both leads identify the event even where extraction typed it apart:
    # "Report traces collapse of Conti ..." (ASSAULT) and "Conti's downfall ..., study finds" (AID)
    # both name Conti and the Global Initiative against Transnational Organized Crime.
    if len(((a.names | a.arguments) & (b.names | b.arguments)) - common[0]) >= 2:
        return "leads share two specific names"
    if not a.families & b.families:
        return None
    if (involved(a) & (b.names | b.arguments)) - common[0] or (
        involved(b) & (a.names | a.arguments)
    ) - common[0]:
        return "main events share an actor, target or place"
    if len((a.title & b.title) - common[1]) >= TITLE_ARGUMENT_WORDS:
        return "titles share uncommon words"
    # A constant town ("Moscow", "Kyiv") is where statements are made, not what they are about.
    if any(
        distance_km(p[1], p[2], q[1], q[2]) <= NEAR_KM
        for p in a.points
        for q in b.points
        if p[0] not in common[0] and q[0] not in common[0]
    ):
        return "main events in one town"
    return None


def involved(lead: Lead) -> frozenset[int]:
    """Return the arguments of a document's main events, else (none extracted) every name in its lead.

    "General Surovikin knew of the mutiny in advance" yields an event without actor or target;
    the names of its lead then stand in for them.
    """
    return lead.arguments or lead.names


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
    common = ubiquitous(leads)
    # Pairs that report one event: their main events agree, or their wording alone is strong.
    agree = {
        pair
        for pair, s in sims.items()
        if s >= STRONG_SIMILARITY
        or (s >= LINK_SIMILARITY and same_event(leads[pair[0]], leads[pair[1]], common))
    }
    known: dict[tuple[int, int], bool] = {}

    def agrees(x: int, y: int) -> bool:
        """Return True when two documents report one event, by their main events or strong wording."""
        if (x, y) not in known:
            strong = sims.get((x, y), 0.0) >= STRONG_SIMILARITY
            known[(x, y)] = strong or same_event(leads[x], leads[y], common) is not None
        return known[(x, y)]

    groups: dict[int, list[int]] = {i: [i] for i in range(len(leads))}
    joined: dict[int, tuple[float, int]] = {}
    ranked = sorted(
        ((sims[(x, y)], x, y) for x, y in agree if dates_agree(leads[x], leads[y])),
        key=lambda k: (-k[0], k[1], k[2]),
    )
    ranked = without_bridges(ranked, leads)
    for score, x, y in ranked:
        gx, gy = groups[x], groups[y]
        if gx is gy:
            continue
        pairs = [(min(i, j), max(i, j)) for i in gx for j in gy]
        if sum(sims.get(p, 0.0) for p in pairs) / len(pairs) < GROUP_SIMILARITY:
            continue
        if sum(agrees(i, j) for i, j in pairs) / len(pairs) < GROUP_AGREEMENT:
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
