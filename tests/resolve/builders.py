"""Builders of hand-made reports: documents with analyses whose evidence spans are exact."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from sitroom.model import Analysis, Bounds, Document, Entity, Event, Evidence, Mention, Role, document_id
from sitroom.resolve.stories.load import Passage, name_keys

KRAMATORSK = Entity("Kramatorsk", "GPE", country="UA", lat=48.7233, lon=37.5563)
KRAMATORSK_AREA = Entity("Kramatorsk district", "GPE", country="UA", lat=48.75, lon=37.6)
KHERSON = Entity("Kherson", "GPE", country="UA", lat=46.6354, lon=32.6169)
RUSSIA = Entity("Russia", "GPE", country="RU", lat=61.5, lon=105.3)


def evidence(text: str, sentence: str) -> Evidence:
    """Return the evidence span of ``sentence`` inside ``text``."""
    start = text.index(sentence)
    return Evidence(start, start + len(sentence), sentence)


def report(
    text: str,
    *,
    source: str,
    published: str,
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    entities: tuple[Entity, ...] = (),
    roles: tuple[tuple[str, str], ...] = (),
    title: str | None = None,
) -> tuple[Document, Analysis]:
    """Return a document and a hand-made analysis: each event dict names its sentence."""
    document = Document.from_text(
        text,
        source=source,
        published=datetime.fromisoformat(published).replace(tzinfo=UTC),
        title=title or text[:40],
        url=f"https://{source.lower().replace(' ', '')}.example/{document_id(text)[:12]}",
    )
    made = []
    for spec in events:
        fields = dict(spec)
        sentence = fields.pop("sentence")
        made.append(Event(evidence=evidence(text, sentence), **fields))
    mentions = tuple(
        Mention(e.name, e.type, text.index(e.name), text.index(e.name) + len(e.name), e.name)
        for e in entities
        if e.name in text
    )
    made_roles = tuple(Role(name, title, None, evidence(text, title)) for name, title in roles)
    return document, Analysis(
        document,
        mentions=mentions,
        entities=entities,
        roles=made_roles,
        events=tuple(made),
        extractor_version="test",
    )


def strike(sentence: str, **fields: Any) -> dict[str, Any]:
    """Return an ASSAULT event on Kramatorsk by Russia, with overrides."""
    base: dict[str, Any] = {
        "type": "ASSAULT",
        "sentence": sentence,
        "actor": "Russia",
        "target": None,
        "location": "Kramatorsk",
        "lat": 48.7233,
        "lon": 37.5563,
        "date": "2023-06-27",
        "date_precision": "day",
        "cameo": "195",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Air/drone strike",
    }
    base.update(fields)
    return base


def killed(n: int, most: int | None = -1) -> Bounds:
    return Bounds(n, n if most == -1 else most)


def passage(
    towns: tuple[tuple[str, float, float], ...],
    types: tuple[str, ...] = ("ASSAULT",),
    words: str = "missiles hit port overnight",
    names: tuple[str, ...] = (),
    day: date = date(2023, 7, 19),
) -> Passage:
    """A passage for the story features: its towns, event types, headline words and names."""
    return Passage(
        document_id="d",
        number=0,
        start=0,
        end=10,
        headline=words,
        outlets=("AP",),
        published=None,
        day=day,
        words=Counter(words.split()),
        names=name_keys(names),
        towns=towns,
        kinds=frozenset({"material conflict"}),
        event_types=Counter(types),
    )
