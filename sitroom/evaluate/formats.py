"""Readers of gold data: the seed gold JSON, PLOVER records, CoNLL-2003 NER and WikiEvents.

Each reader returns plain gold documents: the text to analyse plus what a correct
extraction of it holds, with character offsets into that text where the format gives them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sitroom.errors import InputError

FORMATS = ("seed", "plover", "conll", "wikievents")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """An entity the seed gold expects, with every name it may go by."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    optional: bool = False
    lat: float | None = None
    lon: float | None = None
    tolerance_km: float | None = None


@dataclass(frozen=True, slots=True)
class GoldItem:
    """A relation, event or claim of the seed gold: its fields as written, and its evidence text."""

    id: str
    fields: dict[str, Any]
    evidence: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class SeedGold:
    """One document of the seed gold JSON with its expected entities, relations, events, claims."""

    path: Path
    document_path: Path
    text: str
    published: datetime | None
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldItem, ...]
    events: tuple[GoldItem, ...]
    claims: tuple[GoldItem, ...]


@dataclass(frozen=True, slots=True)
class PloverRecord:
    """One PLOVER gold-standard sentence: event type, trigger words, actor texts, figures."""

    id: str
    text: str
    event: str
    event_words: tuple[str, ...]
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    dead: int | None = None
    injured: int | None = None


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A labelled character span of a rebuilt text (an entity mention or an event trigger)."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class SpanDocument:
    """A text rebuilt from tokens, with gold spans: a CoNLL document or a WikiEvents document.

    ``spans`` are CoNLL entities or WikiEvents event triggers; ``names`` are WikiEvents entity
    mentions (KAIROS types: PER, ORG, GPE, LOC, FAC, WEA...; names, nominals and pronouns alike).
    """

    id: str
    text: str
    spans: tuple[GoldSpan, ...] = field(default_factory=tuple)
    names: tuple[GoldSpan, ...] = field(default_factory=tuple)


def detect_format(path: Path) -> str:
    """Return the gold format of ``path`` (a file, or a directory of seed gold files) from its content."""
    if path.is_dir():
        if any(path.glob("*.json")):
            return "seed"
        raise InputError(str(path), "directory holds no gold .json files")
    head = _read_text(path)[:65536].lstrip("\ufeff")
    stripped = head.lstrip()
    if stripped.startswith("-DOCSTART-") or _looks_like_conll(head):
        return "conll"
    if stripped.startswith("{"):
        first_line = stripped.splitlines()[0]
        try:
            first = json.loads(first_line)
        except json.JSONDecodeError:
            return "seed"  # a multi-line JSON object
        if "document" in first and ("events" in first or "entities" in first):
            return "seed"
        if "event_mentions" in first and "tokens" in first:
            return "wikievents"
        if "eventText" in first or "event" in first:
            return "plover"
    raise InputError(str(path), "cannot tell its gold format; name it with --format")


def _looks_like_conll(head: str) -> bool:
    lines = [line for line in head.splitlines()[:50] if line.strip()]
    tagged = sum(1 for line in lines if re.fullmatch(r"\S+(\s+\S+)*\s+(O|[BI]-[A-Z]+)", line.strip()))
    return bool(lines) and tagged >= 0.8 * len(lines)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read: {error}") from None


def _load_json(path: Path) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not valid JSON: {error.msg} at line {error.lineno}") from None


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}", f"not valid JSON: {error.msg}") from None
        if not isinstance(value, dict):
            raise InputError(f"{path}:{number}", "expected a JSON object")
        yield number, value


def read_seed(path: Path) -> list[SeedGold]:
    """Read a seed gold JSON file, or every ``*.json`` file of a directory, with its document text."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return [_read_seed_file(file) for file in files]


def _read_seed_file(path: Path) -> SeedGold:
    data = _load_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("document"), str):
        raise InputError(str(path), "seed gold needs an object with a 'document' path")
    document_path = (path.parent / data["document"]).resolve()
    published = None
    if data.get("published"):
        try:
            published = datetime.fromisoformat(str(data["published"]))
        except ValueError:
            raise InputError(str(path), f"'published' is not an ISO date: {data['published']!r}") from None
    entities = tuple(_seed_entity(path, item) for item in data.get("entities", []))
    return SeedGold(
        path=path,
        document_path=document_path,
        text=_read_text(document_path),
        published=published,
        entities=entities,
        relations=_seed_items(data.get("relations", []), "R"),
        events=_seed_items(data.get("events", []), "E"),
        claims=_seed_items(data.get("claims", []), "C"),
    )


def _seed_entity(path: Path, item: dict[str, Any]) -> GoldEntity:
    if "name" not in item or "type" not in item:
        raise InputError(str(path), f"gold entity without name or type: {item!r}")
    return GoldEntity(
        name=item["name"],
        type=item["type"],
        aliases=tuple(item.get("aliases", ())),
        optional=bool(item.get("optional", False)),
        lat=item.get("lat"),
        lon=item.get("lon"),
        tolerance_km=item.get("tolerance_km"),
    )


def _seed_items(items: list[dict[str, Any]], prefix: str) -> tuple[GoldItem, ...]:
    gold = []
    for number, item in enumerate(items, start=1):
        fields = {k: v for k, v in item.items() if k not in ("id", "evidence", "optional")}
        gold.append(
            GoldItem(
                id=str(item.get("id", f"{prefix}{number}")),
                fields=fields,
                evidence=item.get("evidence"),
                optional=bool(item.get("optional", False)),
            )
        )
    return tuple(gold)


def read_plover(path: Path) -> list[PloverRecord]:
    """Read PLOVER gold-standard records (JSON Lines), skipping DOCUMENT header lines."""
    records = []
    for number, item in _json_lines(path):
        if item.get("event") == "DOCUMENT":
            continue
        if not isinstance(item.get("text"), str) or not item.get("event"):
            raise InputError(f"{path}:{number}", "PLOVER record needs 'text' and 'event'")
        records.append(
            PloverRecord(
                id=str(item.get("id", f"{path.name}:{number}")),
                text=item["text"],
                event=str(item["event"]),
                event_words=tuple(str(item.get("eventText") or "").lower().split()),
                sources=_actor_texts(item.get("source")),
                targets=_actor_texts(item.get("target")),
                dead=_count(item.get("dead")),
                injured=_count(item.get("injured")),
            )
        )
    return records


def _actor_texts(value: Any) -> tuple[str, ...]:
    # Actors are lists of {"actorText", "code", ...}; a few records carry a bare string in
    # "target" that is a mis-placed context ("diplomatic"), not an actor, so it is ignored.
    if not isinstance(value, list):
        return ()
    return tuple(a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText"))


def _count(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def read_conll(path: Path) -> list[SpanDocument]:
    """Read a CoNLL-2003 file: one document per ``-DOCSTART-``, tokens joined by spaces, IOB1 or IOB2."""
    documents: list[SpanDocument] = []
    sentences: list[list[tuple[str, str]]] = [[]]

    def close_document() -> None:
        if any(sentences):
            documents.append(_conll_document(f"{path.name}#{len(documents) + 1}", sentences))
        sentences[:] = [[]]

    for line in _read_text(path).splitlines():
        columns = line.split()
        if not columns:
            if sentences[-1]:
                sentences.append([])
        elif columns[0] == "-DOCSTART-":
            close_document()
        else:
            sentences[-1].append((columns[0], columns[-1] if len(columns) > 1 else "O"))
    close_document()
    return documents


def _conll_document(doc_id: str, sentences: list[list[tuple[str, str]]]) -> SpanDocument:
    parts: list[str] = []
    spans: list[GoldSpan] = []
    offset = 0
    for sentence in (s for s in sentences if s):
        if parts:
            parts.append("\n")
            offset += 1
        chunk: tuple[int, int, str] | None = None  # start offset, end offset, type
        previous = "O"
        for index, (token, tag) in enumerate(sentence):
            if index:
                parts.append(" ")
                offset += 1
            start, end = offset, offset + len(token)
            parts.append(token)
            offset = end
            kind = tag[2:] if tag[:2] in ("B-", "I-") else None
            # IOB2 starts a chunk at B-; IOB1 starts one at I- after O or another type, and
            # uses B- only between two adjacent chunks of the same type: one rule reads both.
            begins = kind is not None and (tag.startswith("B-") or previous[2:] != kind)
            if chunk and (kind is None or begins):
                spans.append(_span_from(parts, chunk))
                chunk = None
            if kind is not None:
                chunk = (start, end, kind) if begins or chunk is None else (chunk[0], end, kind)
            previous = tag if kind else "O"
        if chunk:
            spans.append(_span_from(parts, chunk))
    return SpanDocument(id=doc_id, text="".join(parts), spans=tuple(spans))


def _span_from(parts: list[str], chunk: tuple[int, int, str]) -> GoldSpan:
    text = "".join(parts)
    return GoldSpan(start=chunk[0], end=chunk[1], label=chunk[2], text=text[chunk[0] : chunk[1]])


def read_wikievents(path: Path) -> list[SpanDocument]:
    """Read WikiEvents JSON Lines: text rebuilt from the sentences' tokens, event triggers as spans
    and entity mentions as names.

    Sentences are joined by a newline (the source ``text`` runs them together with no space,
    which glues a headline to the next sentence); tokens keep their spacing within a sentence.
    """
    documents = []
    for number, item in _json_lines(path):
        where = f"{path}:{number}"
        try:
            text, token_spans = _wikievents_text(item["sentences"])
            spans = []
            for mention in item.get("event_mentions", []):
                trigger = mention["trigger"]
                start, end = token_spans[trigger["start"]][0], token_spans[trigger["end"] - 1][1]
                spans.append(GoldSpan(start, end, mention["event_type"], text[start:end]))
            names = []
            for mention in item.get("entity_mentions", []):
                start, end = token_spans[mention["start"]][0], token_spans[mention["end"] - 1][1]
                names.append(GoldSpan(start, end, mention["entity_type"], text[start:end]))
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise InputError(where, f"not a WikiEvents record: {error!r}") from None
        doc_id = str(item.get("doc_id", where))
        documents.append(SpanDocument(id=doc_id, text=text, spans=tuple(spans), names=tuple(names)))
    return documents


def _wikievents_text(sentences: list[Any]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    token_spans: list[tuple[int, int]] = []
    offset = 0
    for tokens, _sentence_text in sentences:
        if parts:
            parts.append("\n")
            offset += 1
        previous_end: int | None = None
        for token, start, end in tokens:
            if previous_end is not None and start > previous_end:
                parts.append(" ")
                offset += 1
            token_spans.append((offset, offset + len(token)))
            parts.append(token)
            offset += len(token)
            previous_end = end
    return "".join(parts), token_spans


READERS: dict[str, Callable[[Path], Sequence[Any]]] = {
    "seed": read_seed,
    "plover": read_plover,
    "conll": read_conll,
    "wikievents": read_wikievents,
}
