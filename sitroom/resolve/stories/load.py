"""Read what story building compares of one stored document: its passages and their features.

A report is one passage: its headline and lead. A round-up (a live blog, a daily summary of
the war, a weekly digest) reports several events, one per paragraph, so
each paragraph is a passage of its own and may join a different story. Everything is read for
one document at a time through indexed lookups, so the cost does not grow with the corpus.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from sitroom.lexicons import load_grammar, load_stopwords
from sitroom.nlp.gazetteer import capital_country, countries_by_code
from sitroom.store import schema as t
from sitroom.times import as_utc

# Titles of round-ups and live blogs, whose paragraphs report several events.
ROUNDUP_TITLE = re.compile(
    r"\b(live|as it happened|what we know|at a glance|key events|briefing|round-?up|weekend reads"
    r"|this week|the week|day \d+)\b",
    re.IGNORECASE,
)
# Where a sentence ends: a full stop, question or exclamation mark before a capital, or a line break.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'‘])|\n+")
LEAD_CHARS = 600  # the lead: the first paragraph after the headline, at most this long
PASSAGE_CHARS = 60  # shorter paragraphs of a round-up ("Here's the latest:") are no passage
NAME_WORD = 3  # words of a name longer than this are keys of their own ("kakhovka" of "nova kakhovka")
STEM = 7  # words compare by their first letters: "sanctions" and "sanctioned" agree
# Places of these kinds are regions, not towns: "Ukraine" holds "Kramatorsk" and "Kherson".
TOWN_TYPES = ("GPE", "LOC", "FAC")
# A place name next to one of these words names a river or a sea, not the town of that name:
# the Dnipro river is not the city of Dnipro, 300 km upstream of a breached dam. Such a name is
# one key, whole ("dnipro river").
WATER = frozenset({"river", "sea"})
WATER_AFTER = re.compile(r"^[\s'’s]{0,3}(?:river|sea)\b", re.IGNORECASE)
WATER_BEFORE = re.compile(r"\b(?:river|sea)\s+(?:of\s+)?$", re.IGNORECASE)
# What may stand between a capital and the verb it is the subject of: "Kyiv has said", "Moscow
# and Minsk denied", "Kyiv, however, said".
SPEAKER_GAP = re.compile(
    r"^(?:\s+and\s+[A-Z][\w'’-]+)?,?(?:\s+\w+,)?\s+(?:has\s+|have\s+|had\s+|also\s+|again\s+)*([a-z]+)"
)


@dataclass(slots=True)
class Passage:
    """One document, or one passage of a round-up, with what clustering compares."""

    document_id: str
    number: int  # 0: the whole document; n >= 1: the n-th passage of a round-up
    start: int
    end: int
    headline: str
    outlets: tuple[str, ...]
    published: datetime | None
    day: date | None  # the day its main event names, else its publication day
    words: Counter[str]  # content word stems of headline (twice) and lead
    names: frozenset[str]  # folded names of the people, groups and places it names
    towns: tuple[tuple[str, float, float], ...]  # named towns with coordinates
    kinds: frozenset[str]  # the PLOVER quad classes of its events
    roundup: bool = False
    event_types: Counter[str] = field(default_factory=Counter)
    event_ids: tuple[int, ...] = ()  # the events that join its story: a report's all, a passage's own

    def terms(self) -> set[str]:
        """Return the index keys of the passage: its words and names."""
        return {f"w:{w}" for w in self.words} | {f"e:{n}" for n in self.names}


QUAD_CLASSES = {
    **dict.fromkeys(["AGREE", "CONSULT", "SUPPORT", "REQUEST"], "verbal cooperation"),
    **dict.fromkeys(["COOPERATE", "AID", "RETREAT", "CONCEDE"], "material cooperation"),
    **dict.fromkeys(
        ["ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "DEMAND", "INVESTIGATE"], "verbal conflict"
    ),
    **dict.fromkeys(["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"], "material conflict"),
}


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents and punctuation."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.lower()).split())


def words(text: str) -> list[str]:
    """Return the content words of a text, cut to their first letters."""
    stopwords = load_stopwords()
    return [w[:STEM] for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) > 2 and w not in stopwords]


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """Return the keys names are compared by: each folded name and each of its longer words.

    "Nova Kakhovka", "Kakhovka dam" and "Kakhovka" share "kakhovka"; "Volodymyr Zelensky" and
    "Zelensky" share "zelensky". A river keeps its name whole: "Dnipro river" is no "Dnipro".
    """
    keys = set()
    stopwords = load_stopwords()
    for name in names:
        folded = fold(name)
        if not folded:
            continue
        keys.add(folded)
        parts = folded.split()
        if len(parts) > 1 and not WATER & {parts[0], parts[-1]}:
            keys.update(p for p in parts if len(p) > NAME_WORD and p not in stopwords)
    return frozenset(keys)


def is_roundup(title: str | None) -> bool:
    """Return True for a round-up or live blog, by its title."""
    return bool(ROUNDUP_TITLE.search(title or ""))


def lead_end(text: str, start: int = 0) -> int:
    """Return where the lead starting at ``start`` ends: the end of its paragraph, at most 600 characters."""
    ends = [m.end() for m in re.finditer(r"\n", text[start:]) if m.end() > 150]
    return start + min(ends[0] if ends else len(text) - start, LEAD_CHARS, len(text) - start)


def passage_spans(title: str | None, text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each passage: one for a report, one per paragraph of a round-up."""
    if not is_roundup(title):
        return [(0, lead_end(text))]
    spans = [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if len(m.group().strip()) >= PASSAGE_CHARS
    ]
    return spans if len(spans) > 1 else [(0, lead_end(text))]


def load_passages(conn: Connection, document_id: str) -> list[Passage]:
    """Return the passages of one stored document with their features (none if it is not stored)."""
    d = t.documents.c
    doc = conn.execute(select(d.title, d.text, d.published_at).where(d.id == document_id)).first()
    if doc is None:
        return []
    sources = conn.execute(
        select(t.sources.c.name, t.document_sources.c.published_at)
        .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
        .where(t.document_sources.c.document_id == document_id)
        .order_by(t.document_sources.c.id)
    ).all()
    times = [as_utc(when) for _, when in sources if when] + (
        [as_utc(doc.published_at)] if doc.published_at else []
    )
    published = min((x for x in times if x), default=None)
    outlets = tuple(dict.fromkeys(name for name, _ in sources))
    mentions = mention_rows(conn, document_id, doc.text)
    e, n = t.events.c, t.entities.c
    events = conn.execute(
        select(e.id, e.type, e.start, e.date, e.location_id, n.name, n.type.label("kind"), n.lat, n.lon)
        .outerjoin(t.entities, n.id == e.location_id)
        .where(e.document_id == document_id)
        .order_by(e.start)
    ).all()
    title = doc.title or ""
    spans = passage_spans(title, doc.text)
    roundup = len(spans) > 1 or is_roundup(title)
    passages = []
    for number, (start, end) in enumerate(spans, start=1 if len(spans) > 1 else 0):
        inside = [e for e in events if start <= e.start < end] or ([] if len(spans) > 1 else events[:1])
        headline = title if number == 0 else doc.text[start:end].split(". ")[0]
        counted: Counter[str] = Counter()
        for w in words(doc.text[start:end]):
            counted[w] = 1
        for w in words(title if number == 0 else headline):
            counted[w] = 2
        named = [m for m in mentions if start <= m[3] < end]
        passages.append(
            Passage(
                document_id=document_id,
                number=number,
                start=start,
                end=end,
                headline=headline.strip(),
                outlets=outlets,
                published=published,
                day=event_day(inside, published),
                words=counted,
                names=name_keys(m[0] for m in named),
                towns=tuple(
                    sorted({(fold(m[0]), float(m[4] or 0), float(m[5] or 0)) for m in named if m[6]})
                ),
                kinds=frozenset(QUAD_CLASSES.get(e.type, e.type) for e in inside),
                roundup=roundup,
                event_types=Counter(e.type for e in inside),
                event_ids=tuple(e.id for e in events if not number or start <= e.start < end),
            )
        )
    return passages


def mention_rows(
    conn: Connection, document_id: str, text: str
) -> list[tuple[str, str, str | None, int, float | None, float | None, bool]]:
    """Return the document's entity mentions as (canonical name, type, subtype, start, lat, lon, town).

    Media outlets named in a dateline ("KYIV (Reuters) -") are left out: they are no part of
    the event. A place named as a river or a sea ("the Dnipro river") is that water, no town.
    A capital that speaks ("Kyiv said", "Moscow denied") is its country's government, no town.
    """
    e, m = t.entities.c, t.mentions.c
    rows = conn.execute(
        select(e.id, e.name, e.type, e.subtype, e.country, e.lat, e.lon, e.merged_into, m.start, m.end)
        .join(t.mentions, m.entity_id == e.id)
        .where(m.document_id == document_id)
    ).all()
    merged = {r.merged_into for r in rows if r.merged_into is not None}
    canonical = (
        {r.id: r.name for r in conn.execute(select(e.id, e.name).where(e.id.in_(sorted(merged))))}
        if merged
        else {}
    )
    countries = set(countries_by_code().values())
    found = []
    for r in rows:
        if r.subtype == "media":
            continue
        name = canonical.get(r.merged_into, r.name) if r.merged_into is not None else r.name
        water = water_name(name, text, r.start, r.end) if r.type in TOWN_TYPES else None
        government = speaking_capital(name, text, r.end) if r.type in TOWN_TYPES else None
        name = water or government or name
        town = (
            r.type in TOWN_TYPES
            and water is None
            and government is None
            and r.lat is not None
            and r.lon is not None
            and name not in countries
        )
        found.append((name, r.type, r.subtype, r.start, r.lat, r.lon, town))
    return found


def water_name(name: str, text: str, start: int, end: int) -> str | None:
    """Return the name of the river or sea a place mention names ("Dnipro river"), else None."""
    if WATER & set(fold(name).split()):
        return name
    after = WATER_AFTER.match(text[end : end + 12])
    if after is not None:
        return f"{name} {fold(after.group()).split()[-1]}"
    before = WATER_BEFORE.search(text[max(0, start - 12) : start])
    return f"{name} {fold(before.group()).split()[0]}" if before is not None else None


def speaking_capital(name: str, text: str, end: int) -> str | None:
    """Return the country of a capital named as the subject of a verb of speaking, else None.

    "Warsaw said", "Ankara has denied": the government speaks, and the capital is no place of
    the event; it is named as its country.
    """
    country = capital_country(name)
    if country is None:
        return None
    verb = SPEAKER_GAP.match(text[end : end + 40])
    return country if verb is not None and verb.group(1) in load_grammar()["speaking_verbs"] else None


def event_day(events: Sequence[Any], published: datetime | None) -> date | None:
    """Return the day the passage's events name when they agree on one, else its publication day."""
    days = Counter(str(getattr(e, "date", None) or "")[:10] for e in events)
    days.pop("", None)
    named = [d for d in days if len(d) == 10]
    if named:
        best = min(named, key=lambda d: (-days[d], d))
        try:
            day = date.fromisoformat(best)
        except ValueError:
            day = None
        if day is not None and (published is None or abs(published.date() - day) <= timedelta(days=7)):
            return day
    return published.astimezone(UTC).date() if published else None
