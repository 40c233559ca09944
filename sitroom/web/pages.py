"""The HTML pages, rendered on the server with Jinja2 (autoescape on) and usable without JavaScript.

Charts, maps and the actor network are inline SVG laid out by ``charts``, ``maps`` and
``graph``; every text that comes from a document reaches the page through the template
engine's escaping, and only http(s) URLs become links. Every fact links to its evidence: an
event page, or a document page with the span highlighted (``?start=&end=#evidence``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection

from sitroom.brief.agree import Agreed, agree
from sitroom.brief.facts import EventFact, Name, Report, Span, StoryFact
from sitroom.errors import InputError, NotFound
from sitroom.model import PLOVER_TYPES
from sitroom.read.documents import (
    SNIPPET_MARKS,
    corpus_stats,
    count_documents,
    get_document,
    last_published,
    list_documents,
    outlets,
    search,
)
from sitroom.read.entities import entity_roles, entity_types, get_entity, list_entities
from sitroom.read.events import actor_network, document_events, get_event, list_events, timeline
from sitroom.read.resolver import Resolver, find_entity
from sitroom.read.stories import find_stories, get_story, story_claims
from sitroom.read.views import ClaimView, EventFilters, EventView, SearchFilters, StoryFilters, StoryView
from sitroom.resolve.stories.conflicts import figure_text
from sitroom.web.charts import bar_chart, figures_chart
from sitroom.web.deps import AppSettings, Conn
from sitroom.web.graph import network_view
from sitroom.web.maps import map_view, tile_layer
from sitroom.web.render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE = 25  # rows of a listing page
TOP_STORIES = 10
WINDOW_DAYS = 14  # the home page's default window ends on the day of the newest report
TypeParam = Annotated[str | None, Query(pattern=f"^(|{'|'.join(PLOVER_TYPES)})$")]
Day = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD; empty: no bound")]
Text = Annotated[str | None, Query(max_length=200)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def parse_day(value: str | None, name: str) -> date | None:
    """Return the day of a date field ("" from an empty form field: None); raise InputError if not a date."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(name, f"{value!r} is not a date (YYYY-MM-DD)") from None


def paging(offset: int, shown: int, total: int, size: int = PAGE) -> dict[str, Any]:
    """Return what the pager of a listing shows: rows first-last of total, previous and next offsets."""
    return {
        "first": offset + 1 if shown else 0,
        "last": offset + shown,
        "total": total,
        "previous": max(0, offset - size) if offset else None,
        "next": offset + size if offset + shown < total else None,
    }


def marked_segments(snippet: str) -> list[tuple[str, bool]]:
    """Split a search snippet into (text, is_match) pieces at the store's snippet marks."""
    start, stop = SNIPPET_MARKS
    pieces: list[tuple[str, bool]] = []
    rest = snippet
    while start in rest:
        before, _, after = rest.partition(start)
        match, found, rest = after.partition(stop)
        pieces.append((before, False))
        if not found:
            pieces.append((start + match, False))
            break
        pieces.append((match, True))
    pieces.append((rest, False))
    return [p for p in pieces if p[0]]


def latest_figures(story: StoryView) -> dict[str, str]:
    """Return the latest reported figure of each kind with its source, e.g. ``{"killed": "12 (Reuters)"}``.

    A running total of the war, or a toll of a town far away, is no figure of the story; a party's
    count of its enemy's losses is shown as its claim ("Russia claims 250 (The Guardian)"), and only
    when no other figure is reported.
    """
    latest: dict[str, str] = {}
    claimed: dict[str, str] = {}
    for figure in story.figures:  # in order of publication
        if figure.running_total or figure.elsewhere:
            continue
        if figure.claimed_by:
            claimed[figure.kind] = f"{figure.claimed_by} claims {figure_text(figure)} ({figure.source})"
        else:
            latest[figure.kind] = f"{figure_text(figure)} ({figure.source})"
    return {**claimed, **latest}


def story_outlets(story: StoryView) -> list[dict[str, Any]]:
    """Return the outlets of a story, first to report first, with how many of its reports each wrote."""
    seen: dict[str, dict[str, Any]] = {}
    for doc in story.documents:  # in order of publication
        for outlet in doc.sources:
            row = seen.setdefault(
                outlet, {"name": outlet, "reports": 0, "first": doc.published, "document": doc}
            )
            row["reports"] += 1
    return list(seen.values())


def latest_killed(story: StoryView) -> int:
    """Return the latest killed figure of a story (its upper bound), 0 when none is reported; running
    totals of the war and a party's claims of its enemy's losses do not count."""
    value = 0
    for figure in story.figures:
        if figure.kind == "killed" and figure.own_toll:
            value = figure.highest or 0
    return value


def home_window(conn: Connection, since: date | None, until: date | None) -> tuple[date | None, date | None]:
    """Return the home page's window: the one asked for, else the WINDOW_DAYS up to the newest report.

    The newest report, not the latest story date: a report may name a day still to come.
    """
    if since or until:
        return since, until
    last = last_published(conn)
    if last is None:
        return None, None
    return last - timedelta(days=WINDOW_DAYS - 1), last


@router.get("/")
def dashboard(conn: Conn, since: Day = None, until: Day = None) -> HTMLResponse:
    """Home: the window's top stories (by rank), their outlets and a casualty chart."""
    start, end = home_window(conn, parse_day(since, "since"), parse_day(until, "until"))
    stories, _ = find_stories(conn, StoryFilters(since=start, until=end))
    top = stories[:TOP_STORIES]
    rows = [{"story": s, "figures": latest_figures(s), "outlets": story_outlets(s)} for s in top]
    killed: Counter[str] = Counter()
    for story in stories:
        if story.date:
            killed[story.date[:10]] += latest_killed(story)
    days = []
    if start and end and killed:
        days = [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]
    chart = (
        bar_chart([(d, killed[d]) for d in days], "killed", "#b3261e", (352, 200))
        if any(killed.values())
        else None
    )
    return render(
        "dashboard.html",
        title="Situation room",
        stats=corpus_stats(conn),
        rows=rows,
        since=start,
        until=end,
        stories_in_window=len(stories),
        chart=chart,
    )


@router.get("/stories")
def stories(
    conn: Conn,
    since: Day = None,
    until: Day = None,
    type: TypeParam = None,
    place: Text = None,
    outlet: Text = None,
    offset: Offset = 0,
) -> HTMLResponse:
    """Stories by rank, filtered by date, type, place and outlet, a page at a time."""
    filters = StoryFilters(
        parse_day(since, "since"), parse_day(until, "until"), type or None, place or None, outlet or None
    )
    found, total = find_stories(conn, filters, PAGE, offset)
    params = {"since": since, "until": until, "type": type, "place": place, "outlet": outlet}
    rows = [{"story": s, "figures": latest_figures(s)} for s in found]
    return render(
        "stories.html",
        title="Stories",
        rows=rows,
        params=params,
        page=paging(offset, len(found), total),
        types=PLOVER_TYPES,
        outlets=outlets(conn),
    )


def agreed_facts(conn: Connection, story: StoryView) -> Agreed | None:
    """Return what the story's sources agree on, by the brief's rules (``sitroom.brief.agree``)."""
    if not story.events:
        return None
    ids = {i for ev in story.events for i in (ev.actor_id, ev.target_id, ev.location_id) if i is not None}
    types = entity_types(conn, ids)

    def name(entity_id: int | None, text: str | None) -> Name | None:
        if entity_id is None or text is None:
            return None
        return Name(entity_id, text, types.get(entity_id, ""))

    events = tuple(
        EventFact(
            id=ev.id,
            type=ev.type,
            span=Span(ev.document.id, ev.evidence.start, ev.evidence.end, ev.evidence.text),
            actor=name(ev.actor_id, ev.actor),
            target=name(ev.target_id, ev.target),
            location=name(ev.location_id, ev.location),
            attributed_to=None,
            date=ev.date,
            killed=ev.killed,
            injured=ev.injured,
            money=ev.money,
            certainty=ev.certainty,
            negated=ev.negated,
            story_id=ev.story_id,
        )
        for ev in story.events
    )
    reports = {d.id: Report(d.id, d.title, d.url, d.published, d.sources) for d in story.documents}
    fact = StoryFact(
        f"story:{story.id}", story.title, story.type, events, tuple(story.figures), tuple(story.sources)
    )
    return agree(fact, reports)


def blame(story: StoryView, claims: list[ClaimView]) -> dict[str, list[dict[str, Any]]]:
    """Return who accuses and who denies, side by side: quoted claims about the story's parties,
    and the story's events that a party denies, or that one attributes to a party.
    """
    parties = {i for ev in story.events for i in (ev.actor_id, ev.target_id) if i is not None}
    named = {ev.attributed_to for ev in story.events if ev.attributed_to}
    sides: dict[str, list[dict[str, Any]]] = {"accusations": [], "denials": []}
    for c in claims:
        if c.speaker is None or not (c.about_id in parties or c.speaker_id in parties or c.speaker in named):
            continue
        sides["denials" if c.denial else "accusations"].append(
            {
                "speaker": c.speaker,
                "speaker_id": c.speaker_id,
                "about": c.about,
                "about_id": c.about_id,
                "text": c.text,
                "outlets": c.document.sources,
                "href": f"/documents/{c.document.id}?start={c.start}&end={c.end}#evidence",
            }
        )
    for ev in story.events:
        denied = ev.certainty == "denied" or ev.negated
        if not denied and not ev.attributed_to:
            continue
        sides["denials" if denied else "accusations"].append(
            {
                "speaker": ev.attributed_to or ", ".join(ev.document.sources),
                "speaker_id": None,
                "about": ev.actor,
                "about_id": ev.actor_id,
                "text": ev.evidence.text,
                "outlets": ev.document.sources,
                "href": f"/events/{ev.id}",
            }
        )
    return sides


@router.get("/stories/{story_id}")
def story(conn: Conn, story_id: Annotated[int, Path(ge=0, lt=2**63)]) -> HTMLResponse:
    """One story: agreed facts, who blames whom, figures over time, outlets, a map inset, the reports."""
    found = get_story(conn, story_id)
    by_document: dict[str, list[EventView]] = {}
    for ev in found.events:
        by_document.setdefault(ev.document.id, []).append(ev)
    located = [ev for ev in found.events if ev.lat is not None and ev.lon is not None]
    inset = map_view(located, size=(360, 240)) if located else None
    return render(
        "story.html",
        title=found.title or f"Story {found.id}",
        story=found,
        agreed=agreed_facts(conn, found),
        blame=blame(found, story_claims(conn, found)),
        by_document=by_document,
        outlets=story_outlets(found),
        chart=figures_chart(found.figures),
        inset=inset,
    )


@router.get("/documents")
def documents(conn: Conn, outlet: Text = None, offset: Offset = 0) -> HTMLResponse:
    """Stored documents, newest first, from one outlet or all, a page at a time."""
    found = list_documents(conn, PAGE, offset, outlet or None)
    total = count_documents(conn, outlet or None)
    return render(
        "documents.html",
        title="Documents",
        docs=found,
        params={"outlet": outlet},
        page=paging(offset, len(found), total),
        outlets=outlets(conn),
    )


def highlight(
    text: str, start: int | None, end: int | None, evidence: str | None = None
) -> tuple[str, str, str]:
    """Split ``text`` into before, the span (found by ``evidence`` when the offsets miss), after."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return text, "", ""
    if evidence and text[start:end] != evidence and evidence in text:
        start = text.find(evidence)
        end = start + len(evidence)
    return text[:start], text[start:end], text[end:]


@router.get("/documents/{document_id}")
def document(
    conn: Conn,
    document_id: Annotated[str, Path(max_length=200)],
    start: Annotated[int | None, Query(ge=0, lt=2**63)] = None,
    end: Annotated[int | None, Query(ge=0, lt=2**63)] = None,
) -> HTMLResponse:
    """One document: metadata, the events extracted from it, its text with ``start``-``end`` highlighted."""
    found = get_document(conn, document_id)
    events = document_events(conn, document_id)
    before, marked, after = highlight(found["text"], start, end)
    return render(
        "document.html",
        title=found["title"] or "Untitled document",
        doc=found,
        paragraphs=[p for p in found["text"].split("\n") if p.strip()],
        before=before,
        marked=marked,
        after=after,
        events=events,
    )


ENTITY_EVENTS_PAGE = 50


@router.get("/entities/{entity_id}")
def entity(conn: Conn, entity_id: Annotated[int, Path(ge=0, lt=2**63)], offset: Offset = 0) -> HTMLResponse:
    """One entity: aliases, roles once each (dates, sources), relations, a page of events, mentions."""
    found = get_entity(conn, entity_id, ENTITY_EVENTS_PAGE, offset)
    chart = bar_chart([(m["date"], m["count"]) for m in found.mentions_over_time])
    page = paging(offset, len(found.events), found.events_total, ENTITY_EVENTS_PAGE)
    relations: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel in found.relations:
        relations.setdefault((rel["subject"], rel["predicate"], rel["object"]), []).append(rel)
    return render(
        "entity.html",
        title=found.name,
        entity=found,
        roles=entity_roles(conn, found.id),
        relations=relations,
        chart=chart,
        page=page,
    )


@router.get("/events/{event_id}")
def event(conn: Conn, event_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    """One event: its fields and the evidence sentence highlighted in its document's text."""
    found = get_event(conn, event_id)
    text = get_document(conn, found.document.id)["text"]
    before, marked, after = highlight(text, found.evidence.start, found.evidence.end, found.evidence.text)
    if not marked:
        before = text
    title = f"{found.type.capitalize()} event"
    return render("event.html", title=title, event=found, before=before, evidence=marked, after=after)


@router.get("/timeline")
def timeline_page(conn: Conn, entity: Text = None, place: Text = None, offset: Offset = 0) -> HTMLResponse:
    """Events in date order for an entity and/or a place, each with its evidence sentence."""
    names: dict[str, str] = {}
    events: list[EventView] = []
    message = None
    if entity or place:
        try:
            events = timeline(conn, entity or None, place or None)
            resolver = Resolver(conn)
            for key, value in (("entity", entity), ("place", place)):
                if value:
                    names[key] = resolver.name(find_entity(conn, value, resolver)) or value
        except NotFound as error:
            message = error.message
    shown = events[offset : offset + PAGE]
    title = "Timeline" + (" of " + " in ".join(names.values()) if names else "")
    return render(
        "timeline.html",
        title=title,
        events=shown,
        params={"entity": entity, "place": place},
        page=paging(offset, len(shown), len(events)),
        message=message,
    )


@router.get("/search")
def search_page(
    conn: Conn,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: Text = None,
    type: TypeParam = None,
    day: Annotated[str | None, Query(max_length=10)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    """Search reports (whole words, best first) and names, with facets by outlet, event type and day."""
    result = None
    entities: list[dict[str, Any]] = []
    if q.strip():
        result = search(conn, q, SearchFilters(outlet or None, type or None, day or None), PAGE, offset)
        for hit in result.page:
            hit["segments"] = marked_segments(hit["snippet"])
        entities = list_entities(conn, q, 20, 0)
    params = {"q": q, "outlet": outlet, "type": type, "day": day}
    return render(
        "search.html",
        title="Search",
        q=q,
        result=result,
        entities=entities,
        params=params,
        page=paging(offset, len(result.page), result.total) if result else None,
    )


@router.get("/map")
def map_page(
    conn: Conn,
    settings: AppSettings,
    type: TypeParam = None,
    since: Day = None,
    until: Day = None,
    whole: bool = False,
) -> HTMLResponse:
    """Events on a map fitted to where most of them are, markers clustered, filtered by type and date.

    With a tile URL configured, the page also carries what static/map.js needs to draw the
    same markers on web map tiles when the browser can reach them.
    """
    filters = EventFilters(
        type=type or None, since=parse_day(since, "since"), until=parse_day(until, "until")
    )
    events = [
        ev for ev in list_events(conn, filters, 1_000_000, 0) if ev.lat is not None and ev.lon is not None
    ]
    view = map_view(events, whole)
    tile_url = settings.tile_url
    tiles = tile_layer(tile_url, view) if tile_url and view["clusters"] else None
    params = {"type": type, "since": since, "until": until}
    return render(
        "map.html",
        title="Map of events",
        events=events,
        map=view,
        tiles=tiles,
        params=params,
        whole=whole,
        types=PLOVER_TYPES,
    )


@router.get("/network")
def network(
    conn: Conn, type: TypeParam = None, top: Annotated[int, Query(ge=2, le=200)] = 25
) -> HTMLResponse:
    """The actor network: the top actors by events, who acted on whom, coloured by event class."""
    view = network_view(actor_network(conn, type or None, top))
    return render(
        "network.html",
        title="Actor network",
        network=view,
        params={"type": type, "top": top},
        types=PLOVER_TYPES,
    )
