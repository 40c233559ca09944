"""The JSON API under /api/: documents, entities, events, stories, search, brief, stats.

Lists answer ``{"items", "limit", "offset", "next_offset"}``; ``next_offset`` is null on the
last page. Unknown ids answer 404 with ``{"detail": message}``, bad parameters 422.
"""

from __future__ import annotations

import hmac
import io
import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field, model_validator

from sitroom.brief import write_brief
from sitroom.errors import InputError, NotFound
from sitroom.ingest.common import one_line
from sitroom.model import CERTAINTIES, PLOVER_TYPES
from sitroom.read.documents import corpus_stats, get_document, list_documents, search_documents
from sitroom.read.entities import get_entity, list_entities
from sitroom.read.events import document_events, get_event, list_events
from sitroom.read.stories import get_story, list_stories
from sitroom.read.views import EventFilters, EventView
from sitroom.web.deps import Conn

router = APIRouter(prefix="/api", tags=["api"])
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
# Larger numbers than the databases hold are refused with 422: offsets are 64-bit, and
# entity and story ids are INTEGER columns (32-bit on PostgreSQL).
MAX_OFFSET = 2**63 - 1
MAX_ID = 2**31 - 1
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
RowId = Annotated[int, Path(ge=0, le=MAX_ID, description="Numeric id.")]
TypeFilter = Annotated[
    str | None, Query(pattern=f"^({'|'.join(PLOVER_TYPES)})$", description="PLOVER event type.")
]
Since = Annotated[date | None, Query(description="On or after this date (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="On or before this date (YYYY-MM-DD).")]
Place = Annotated[str | None, Query(min_length=1, description="Place name, alias or entity id.")]


def paged(fetch: Callable[[int, int], Sequence[Any]], limit: int, offset: int) -> dict[str, Any]:
    """Return one page from ``fetch(limit, offset)``, asking one item more to know if another page follows."""
    found = list(fetch(limit + 1, offset))
    return {
        "items": found[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(found) > limit else None,
    }


def event_json(event: EventView) -> dict[str, Any]:
    """Return an event as JSON with the ids of its actor, target and place for linking."""
    return {
        **event.to_json(),
        "actor_id": event.actor_id,
        "target_id": event.target_id,
        "location_id": event.location_id,
    }


@router.get("/documents")
def documents(
    conn: Conn,
    limit: Limit = 50,
    offset: Offset = 0,
    source: Annotated[str | None, Query(description="Only documents from this outlet.")] = None,
) -> dict[str, Any]:
    """List stored documents, newest publication first."""
    return paged(lambda n, skip: list_documents(conn, n, skip, source), limit, offset)


@router.get("/documents/{document_id}")
def document(conn: Conn, document_id: str) -> dict[str, Any]:
    """Return one document with its text and the events extracted from it."""
    found = get_document(conn, document_id)
    found["events"] = [event_json(ev) for ev in document_events(conn, document_id)]
    return found


class DocumentIn(BaseModel):
    """A report to ingest: its text with metadata, or only a URL to fetch it from."""

    text: str | None = Field(default=None, min_length=1, max_length=5_000_000)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: datetime | None = None

    @model_validator(mode="after")
    def text_or_url(self) -> DocumentIn:
        if not self.text and not self.url:
            raise ValueError("give the report's text, or a url to fetch it from")
        return self


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Allow the request only with the configured bearer token: 403 with none configured, else 401."""
    token = request.app.state.api_token
    if token is None:
        raise HTTPException(
            status_code=403,
            detail="this server is read-only: start it with --api-token or SITROOM_API_TOKEN to allow writes",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(
            status_code=401,
            detail="missing or wrong API token: send Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.post("/documents", status_code=201, dependencies=[Depends(require_token)])
def add_document(request: Request, body: DocumentIn) -> dict[str, Any]:
    """Ingest a report (text with metadata, or a URL), extract it and resolve the corpus."""
    if body.url is not None:
        check_web_url(body.url)
    room = request.app.state.room
    stored: list[str] = []
    if body.text:
        record = {
            "text": body.text,
            "title": body.title,
            "source": body.source,
            "url": body.url,
            "published": body.published.isoformat() if body.published else None,
        }
        line = json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n"
        report = room.ingest(["-"], stdin=io.StringIO(line), progress=lambda _, item: _note(stored, item))
    else:
        report = room.ingest([body.url], progress=lambda _, item: _note(stored, item))
    if not stored:
        raise report.errors[0] if report.errors else InputError(body.url or "text", "no report found in it")
    return {"documents": stored, **report.to_json()}


def check_web_url(url: str) -> None:
    """Refuse, as a 422 InputError, a ``url`` that is not an absolute http(s) URL with a host.

    The server fetches only web pages (never a path on its own disk); private addresses are
    refused later, when the URL is resolved, as on the command line.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a malformed host such as "http://[::1"
        host = None
    if host is None or parts.scheme.lower() not in ("http", "https"):
        refused = one_line(url)[:200] or repr(url)
        raise InputError(refused, "only http:// and https:// URLs with a host are accepted")


def _note(stored: list[str], item: object) -> None:
    if not isinstance(item, InputError):
        stored.append(item.id)  # type: ignore[attr-defined]


@router.get("/entities")
def entities(
    conn: Conn,
    q: Annotated[str | None, Query(description="Part of a name or alias.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """List canonical entities, most mentioned first; ``q`` keeps those whose name or alias contains it."""
    return paged(lambda n, skip: list_entities(conn, q, n, skip), limit, offset)


@router.get("/entities/{entity_id}")
def entity(conn: Conn, entity_id: RowId, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Return one entity with aliases, roles, relations, mentions over time, and a page of its events.

    ``events`` holds ``limit`` events by date from ``offset`` on; ``events_total`` counts them all.
    """
    found = get_entity(conn, entity_id, limit, offset)
    return {**found.to_json(), "events": [event_json(ev) for ev in found.events]}


@router.get("/events")
def events(
    conn: Conn,
    type: TypeFilter = None,
    place: Place = None,
    since: Since = None,
    until: Until = None,
    actor: Annotated[str | None, Query(min_length=1, description="Actor name, alias or entity id.")] = None,
    certainty: Annotated[str | None, Query(pattern=f"^({'|'.join(CERTAINTIES)})$")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """List events by event date, filtered by type, place, dates, actor and certainty."""
    filters = EventFilters(type, place, actor, certainty, since, until)
    return paged(
        lambda n, skip: [event_json(ev) for ev in list_events(conn, filters, n, skip)], limit, offset
    )


@router.get("/events/{event_id}")
def event(conn: Conn, event_id: str) -> dict[str, Any]:
    """Return one event with its evidence span and document."""
    return event_json(get_event(conn, event_id))


@router.get("/stories")
def stories(
    conn: Conn,
    type: TypeFilter = None,
    place: Place = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """List stories (one real-world event across documents) by rank: outlets, severity, recency."""

    def page(n: int, skip: int) -> list[dict[str, Any]]:
        try:
            found = list_stories(conn, since=since, until=until, type=type, place=place, limit=n, offset=skip)
        except NotFound:
            return []  # no entity has the place's name: no story is there
        return [s.to_json() for s in found]

    return paged(page, limit, offset)


@router.get("/stories/{story_id}")
def story(conn: Conn, story_id: RowId) -> dict[str, Any]:
    """Return one story with its reports, events, figures over time and conflicts."""
    found = get_story(conn, story_id)
    return {**found.to_json(), "events": [event_json(ev) for ev in found.events]}


@router.get("/search")
def search(
    conn: Conn,
    q: Annotated[str, Query(min_length=1, description="Words that must all appear.")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Search document titles and texts; each hit has a snippet with matches in [brackets]."""
    return paged(lambda n, skip: search_documents(conn, q, n, skip), limit, offset)


def _midnight(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None


@router.get("/brief")
def brief(
    request: Request,
    since: Since = None,
    until: Until = None,
    entity: Annotated[str | None, Query(min_length=1)] = None,
    place: Place = None,
    topic: Annotated[str | None, Query(min_length=1)] = None,
) -> dict[str, Any]:
    """Write the situation report: Markdown text, and each sentence with the sources it cites."""
    written = write_brief(
        request.app.state.room.store.engine,
        since=_midnight(since),
        until=_midnight(until),
        entity=entity,
        place=place,
        topic=topic,
        fmt="md",
    )
    return {
        "markdown": written.markdown,
        "sections": [
            {
                "key": section.key,
                "heading": section.heading,
                "sentences": [{"text": s.text, "citations": list(s.citations)} for s in section.sentences],
                "note": section.note,
            }
            for section in written.sections
        ],
        "sources": [
            {
                "number": c.number,
                "document_id": c.span.document_id,
                "start": c.span.start,
                "end": c.span.end,
                "text": c.span.text,
                "title": c.report.title,
                "url": c.report.url,
                "outlets": list(c.report.outlets),
                "published": c.report.published.isoformat() if c.report.published else None,
            }
            for c in written.sources
        ],
    }


@router.get("/stats")
def stats(conn: Conn) -> dict[str, int]:
    """Count documents, sources, entities, events, claims and stories."""
    return corpus_stats(conn)
