"""``sitroom stories``, ``story``, ``entity``, ``timeline`` and ``export``: the corpus across documents."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Connection

from sitroom.cli.common import DbOption, JsonOption, console
from sitroom.export import export, exporter
from sitroom.read.entities import get_entity
from sitroom.read.events import timeline as load_timeline
from sitroom.read.stories import get_story, list_stories
from sitroom.read.views import EventView, StoryView
from sitroom.store.db import Store

commands = typer.Typer()


@contextmanager
def _connection(db: str | None) -> Iterator[Connection]:
    store = Store.open(db)
    try:
        with store.engine.connect() as conn:
            yield conn
    finally:
        store.engine.dispose()


def _figures_text(figures: list[dict[str, Any]], kind: str) -> str:
    """Return a story's figures of one kind over time ("2 → 5 → 12"): no running total of the war nor
    toll of a town far away, and a party's count of its enemy's losses marked as its claim
    ("250 (Russia claims)")."""
    values = []
    for f in figures:
        if f["kind"] != kind or f.get("running_total") or f.get("elsewhere"):
            continue
        low, high = f["min"], f["max"]
        value = str(low) if low == high else f"{low or 0}+" if high is None else f"{low}-{high}"
        values.append(f"{value} ({f['claimed_by']} claims)" if f.get("claimed_by") else value)
    return " → ".join(values)


def _story_text(story: StoryView) -> str:
    """Return a story as a reader sees it: its headline with its outlet, then the agreed facts."""
    title = story.title or story.summary or story.type or f"story {story.id}"
    if story.outlet:
        title += f" ({story.outlet})"
    if story.summary and story.summary != story.title:
        title += f"\n  {story.summary}"
    return title


def _event_line(event: EventView) -> str:
    parts = [event.when or "undated", event.type]
    if event.actor:
        parts.append(f"by {event.actor}")
    if event.target:
        parts.append(f"on {event.target}")
    if event.location:
        parts.append(f"in {event.location}")
    if event.certainty != "asserted":
        parts.append(f"({event.certainty})")
    return " ".join(parts)


@commands.command()
def stories(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only stories on or after this date (YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only stories on or before this date.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Only stories of this PLOVER type.")] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Only stories at this place (name or alias).")
    ] = None,
    min_documents: Annotated[
        int, typer.Option("--min-documents", help="Only stories reported by at least this many documents.")
    ] = 1,
    as_json: JsonOption = False,
) -> None:
    """List stories (one real-world event across documents), by rank: independent outlets, severity,
    recency. --json prints one object per line."""
    with _connection(db) as conn:
        found = list_stories(conn, since=since, until=until, type=type, place=place)
    found = [story for story in found if len(story.documents) >= min_documents]
    if as_json:
        for story in found:
            typer.echo(json.dumps(story.to_json(), ensure_ascii=False))
        return
    table = Table(
        "id", "date", "story", "docs", "outlets", "killed", "conflicts", box=None, header_style="bold"
    )
    for story in found:
        data = story.to_json()
        table.add_row(
            str(story.id),
            story.date or "-",
            escape(_story_text(story)),
            str(data["documents"]),
            str(len(story.sources)),
            _figures_text(data["figures"], "killed") or "-",
            str(len(story.conflicts)) if story.conflicts else "",
        )
    console.print(table)
    if not found:
        console.print("no stories match", highlight=False)


@commands.command()
def story(
    story_id: Annotated[int, typer.Argument(help="The story id (see `sitroom stories`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one story: its events with evidence, sources, figures over time and conflicts."""
    with _connection(db) as conn:
        found = get_story(conn, story_id)
    if as_json:
        typer.echo(json.dumps(found.to_json(with_events=True), ensure_ascii=False))
        return
    heading = escape(found.title or found.summary or found.type) + (
        f" ({escape(found.outlet)})" if found.outlet else ""
    )
    console.print(f"[bold]{heading}[/bold]  (story {found.id}, {found.date or 'undated'})")
    if found.summary:
        console.print(escape(found.summary), highlight=False)
    console.print(
        f"sources: {escape(', '.join(found.sources))}; {len(found.documents)} document(s)", highlight=False
    )
    if found.documents:
        console.print("\n[bold]documents[/bold]")
        for document in found.documents:
            when = document.published.isoformat(timespec="minutes") if document.published else "undated"
            title, outlets = escape(document.title or document.id[:12]), escape(", ".join(document.sources))
            console.print(f"  {when}  {title}  [dim]{outlets}[/dim]", highlight=False)
    console.print("\n[bold]events[/bold]")
    for event in found.events:
        sources = ", ".join(event.document.sources)
        console.print(f"  {escape(_event_line(event))}  [dim]{escape(sources)}[/dim]", highlight=False)
        console.print(f"    “{escape(event.evidence.text)}”", highlight=False)
    if found.figures:
        console.print("\n[bold]figures over time[/bold]")
        for f in found.figures:
            value = str(f.min) if f.min == f.max else f"{f.min}–{f.max if f.max is not None else ''}"
            when = f.published.isoformat(timespec="minutes") if f.published else "undated"
            console.print(f"  {when}  {f.kind} {value}  ({escape(f.source or 'unknown')})", highlight=False)
    if found.conflicts:
        console.print("\n[bold]conflicts[/bold]")
        for conflict in found.conflicts:
            console.print(f"  {conflict['kind']}: {escape(conflict['detail'])}", highlight=False)


@commands.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name, alias or id of the entity.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an entity resolved across documents: aliases, roles, relations, events, mentions over time."""
    with _connection(db) as conn:
        found = get_entity(conn, name)
    if as_json:
        typer.echo(json.dumps(found.to_json(), ensure_ascii=False))
        return
    kind = found.type + (f"/{found.subtype}" if found.subtype else "")
    console.print(f"[bold]{escape(found.name)}[/bold]  ({kind}, id {found.id})", highlight=False)
    console.print(f"aliases: {escape(', '.join(found.aliases))}", highlight=False)
    if found.roles:
        titles = sorted({r["title"] for r in found.roles})
        console.print(f"roles: {escape('; '.join(titles))}", highlight=False)
    lines = Counter(f"{r['subject']} {r['predicate']} {r['object']}" for r in found.relations)
    for line, count in lines.items():
        console.print(f"relation: {escape(line)}  ({count} report(s))", highlight=False)
    if found.events:
        console.print("\n[bold]events[/bold]")
        for event in found.events:
            console.print(f"  {escape(_event_line(event))}", highlight=False)
    if found.mentions_over_time:
        console.print("\n[bold]mentions over time[/bold]")
        for point in found.mentions_over_time:
            console.print(
                f"  {point['date']}  {'▇' * min(point['count'], 40)} {point['count']}", highlight=False
            )


@commands.command()
def timeline(
    db: DbOption = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only events involving this entity.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Only events at this place.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List events in date order, for an entity and/or a place."""
    with _connection(db) as conn:
        events = load_timeline(conn, entity=entity, place=place)
    for event in events:
        if as_json:
            typer.echo(json.dumps(event.to_json(), ensure_ascii=False))
        else:
            sources = ", ".join(event.document.sources)
            console.print(f"{escape(_event_line(event))}  [dim]{escape(sources)}[/dim]", highlight=False)


@commands.command("export")
def export_command(
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, acled-csv, cameo-tsv, stix, ftm or graphml.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the store: events, entities and relations in a format other tools read."""
    exporter(format)
    with _connection(db) as conn:
        if out is None:
            export(conn, format, sys.stdout)
            return
        with out.open("w", encoding="utf-8", newline="") as handle:
            export(conn, format, handle)
    console.print(f"wrote {out}", highlight=False)
