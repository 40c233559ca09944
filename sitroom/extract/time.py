"""Dates of events: relative and absolute expressions resolved against the publication date.

``resolve_date(text, published)`` reads one date expression (a spaCy DATE entity or a
phrase found by ``find_date``) and returns an ISO date or interval with its precision:
day, month, year or range. "march on" and the modal "may" are not dates: month names must
be capitalised and, for March and May, come with a day, a year or a preposition.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sitroom.extract.certainty import clause_head
from sitroom.lexicons import load_grammar
from sitroom.model import Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name and name != "May"})
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# March and May alone are usually a verb and a modal: require a cue next to them.
_AMBIGUOUS = {"March", "May"}
_YEAR_WORDS = {
    "this year": 0, "the current year": 0, "last year": -1, "the previous year": -1,
    "the past year": -1, "the year before": -1, "next year": 1, "the following year": 1,
}  # fmt: skip
_YEAR_REF = (
    r"(?:\d{4}|this year|the current year|last year|the previous year|the past year|next year"
    r"|the following year)"
)


def _month_ref(name: str) -> str:
    return rf"(?P<{name}>{_MONTH})(?:\s+(?:of\s+)?(?P<{name}_year>{_YEAR_REF}))?"


_RANGE_RE = re.compile(
    rf"\b(?:[Ff]rom|[Bb]etween)\s+{_month_ref('m1')}\s+(?:through|to|until|till|and)\s+{_month_ref('m2')}"
)
_DAY_MONTH_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?\b"
)
_MONTH_DAY_RE = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"
)
_MONTH_YEAR_RE = re.compile(rf"\b(?P<month>{_MONTH})(?:\s+(?:of\s+)?(?P<year>{_YEAR_REF}))?\b")
_ISO_RE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_YEAR_RE = re.compile(r"\b(?:in\s+)?(?P<year>(?:19|20)\d{2})\b")
_MONTH_CUE_RE = re.compile(
    r"\b(?:in|since|until|till|through|from|by|last|next|this|early|late|mid|of|during)\s*-?$", re.I
)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date: ISO ``value`` ("2023-06-27", "2023-06", "2022-05-01/2023-05-31"), its precision."""

    value: str
    precision: str  # day | month | year | range


def _year(ref: str | None, anchor: date | None) -> int | None:
    if ref is None:
        return anchor.year if anchor else None
    if ref.isdigit():
        return int(ref)
    return anchor.year + _YEAR_WORDS[ref] if anchor else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int | None, month: int, day: int) -> DateValue | None:
    if year is None:
        return None
    try:
        return DateValue(date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _relative(text: str, anchor: date) -> DateValue | None:
    lowered = text.lower()
    if re.search(r"\byesterday\b", lowered):
        return DateValue((anchor - timedelta(days=1)).isoformat(), "day")
    if re.search(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", lowered):
        return DateValue(anchor.isoformat(), "day")
    for name, index in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", lowered):
            back = (anchor.weekday() - index) % 7
            if re.search(rf"\blast {name}\b", lowered) and back == 0:
                back = 7
            return DateValue((anchor - timedelta(days=back)).isoformat(), "day")
    if re.search(r"\blast week\b", lowered):
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return DateValue(f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "range")
    if re.search(r"\bthis week\b", lowered):
        monday = anchor - timedelta(days=anchor.weekday())
        return DateValue(f"{monday.isoformat()}/{anchor.isoformat()}", "range")
    if re.search(r"\blast month\b", lowered):
        previous = anchor.replace(day=1) - timedelta(days=1)
        return DateValue(f"{previous.year:04d}-{previous.month:02d}", "month")
    if re.search(r"\bthis month\b", lowered):
        return DateValue(f"{anchor.year:04d}-{anchor.month:02d}", "month")
    for phrase, offset in _YEAR_WORDS.items():
        if re.fullmatch(rf"(?:in\s+|during\s+)?{phrase}", lowered.strip()):
            return DateValue(f"{anchor.year + offset:04d}", "year")
    return None


def resolve_date(text: str, published: datetime | date | None = None) -> DateValue | None:
    """Return the date ``text`` names, resolved against ``published``; None when it names none.

    Relative expressions need ``published``; absolute dates parse without it.
    """
    anchor = published.date() if isinstance(published, datetime) else published
    match = _RANGE_RE.search(text)
    if match:
        y1, y2 = _year(match.group("m1_year"), anchor), _year(match.group("m2_year"), anchor)
        if y1 is not None and y2 is not None:
            start = date(y1, MONTHS[match.group("m1")], 1)
            end = _month_end(y2, MONTHS[match.group("m2")])
            return DateValue(f"{start.isoformat()}/{end.isoformat()}", "range")
        return None
    for pattern in (_ISO_RE, _DAY_MONTH_RE, _MONTH_DAY_RE):
        match = pattern.search(text)
        if match:
            month = match.group("month")
            month_number = int(month) if month.isdigit() else MONTHS[month]
            year = _year(match.group("year"), anchor)
            return _day(year, month_number, int(match.group("day")))
    for match in _MONTH_YEAR_RE.finditer(text):
        month, year_ref = match.group("month"), match.group("year")
        if month in _AMBIGUOUS and year_ref is None and not _MONTH_CUE_RE.search(text[: match.start()]):
            continue
        year = _year(year_ref, anchor)
        if year is None:
            return None
        if year_ref is None and anchor and MONTHS[month] > anchor.month:
            year -= 1  # "in June" written in March means last June
        return DateValue(f"{year:04d}-{MONTHS[month]:02d}", "month")
    if anchor is not None:
        relative = _relative(text, anchor)
        if relative is not None:
            return relative
    match = _YEAR_RE.search(text)
    if match:
        return DateValue(match.group("year"), "year")
    return None


def find_date(sentence: str, date_entities: list[str], published: datetime | date | None) -> DateValue | None:
    """Return the first date of a sentence: a month range in its text, else its DATE entities in order."""
    match = _RANGE_RE.search(sentence)
    if match:
        return resolve_date(match.group(0), published)
    for text in date_entities:
        value = resolve_date(text, published)
        if value is not None:
            return value
    return None


def _date_rank(trigger: Token, date_root: Token) -> int | None:
    """How closely a date belongs to an event: 0 inside its trigger's phrase ("Tuesday's strike"), 1 on
    its clause ("struck on Tuesday"), 2 elsewhere in the sentence, None on a verb of saying."""
    clause = clause_head(trigger)
    current = date_root
    while current.head.i != current.i:
        current = current.head
        if current.i == trigger.i:
            return 0
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            if current.i == clause.i:
                return 1
            return None if current.lemma_.lower() in load_grammar()["reporting_verbs"] else 2
    return None if current.lemma_.lower() in load_grammar()["reporting_verbs"] else 2


def event_date(trigger: Token, sent: Span, published: datetime | None) -> DateValue | None:
    """The date of the event ``trigger`` names: a month range of its sentence, else the date nearest to it
    in the parse (its own phrase, its clause, the rest of the sentence), never the date of a saying."""
    ranged = find_date(sent.text, [], published)
    if ranged is not None:
        return ranged
    ranked: list[tuple[int, int, DateValue]] = []
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        rank = _date_rank(trigger, ent.root)
        value = resolve_date(ent.text, published) if rank is not None else None
        if rank is not None and value is not None:
            ranked.append((rank, ent.start, value))
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def historical(trigger: Token, sent: Span, published: datetime | None) -> bool:
    """Whether the event ``trigger`` names happened years before the report: a date of its own phrase or
    clause that falls before last year ("the city was occupied in 1941", "Moscow annexed Crimea in
    2014"). History told as background is no new event; "since 2014" runs up to now and is not history."""
    if published is None:
        return False
    for ent in sent.ents:
        if ent.label_ != "DATE" or _date_rank(trigger, ent.root) not in (0, 1):
            continue
        if ent.root.head.lower_ == "since" or sent.doc[max(ent.start - 1, 0)].lower_ == "since":
            continue
        value = resolve_date(ent.text, published)
        if value is not None and int(value.value[:4]) < published.year - 1:
            return True
    return False


def dated_from_published(doc: Doc, events: list[Event], published: datetime | None) -> list[Event]:
    """Date events from the publication day (precision "day") when the text names no date at all.

    A report that gives no date speaks of the day it was published; one that names dates may mean any
    of them in an undated sentence, so its undated events stay undated rather than take the wrong day.
    """
    if published is None or any(
        e.label_ == "DATE" and resolve_date(e.text, published) is not None for e in doc.ents
    ):
        return events
    day = published.date().isoformat()
    return [e if e.date else replace(e, date=day, date_precision="day") for e in events]
