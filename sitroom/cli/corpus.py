"""``sitroom documents``, ``search`` and ``stats``: look at what a database holds."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sitroom.cli.common import DbOption, JsonOption, console
from sitroom.read.documents import SNIPPET_MARKS
from sitroom.room import Room

commands = typer.Typer()

LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")]


def _print_json_lines(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))


def _date(value: str | None) -> str:
    return value[:10] if value else "-"


@commands.command()
def documents(
    db: DbOption = None,
    limit: LimitOption = 50,
    source: Annotated[str | None, typer.Option("--source", help="Only documents from this outlet.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored documents, newest first; --json prints one object per line."""
    room = Room(db)
    try:
        rows = room.documents(limit=limit, source=source)
    finally:
        room.close()
    if as_json:
        _print_json_lines(rows)
        return
    table = Table("id", "published", "source", "title", "extracted", box=None, header_style="bold")
    for row in rows:
        table.add_row(
            row["id"][:12],
            _date(row["published"]),
            ", ".join(row["sources"]),
            row["title"] or "(untitled)",
            row["extractor_version"] or "no",
        )
    console.print(table)
    if not rows:
        console.print("no documents" + (f" from {source}" if source else ""), highlight=False)


@commands.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for; every word must match.")],
    db: DbOption = None,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search of stored documents: title, source, date and a snippet of each match."""
    room = Room(db)
    try:
        hits = room.search(query, limit=limit)
    finally:
        room.close()
    if as_json:
        _print_json_lines(hits)
        return
    start, stop = SNIPPET_MARKS
    for hit in hits:
        title = escape(hit["title"] or "(untitled)")
        where = escape(", ".join(hit["sources"]))
        when = _date(hit["published"])
        console.print(f"[bold]{title}[/bold]  {where}  {when}  [dim]{hit['id'][:12]}[/dim]")
        parts = hit["snippet"].replace(stop, start).split(start)
        # Odd-numbered parts are the matched words, between the snippet marks.
        snippet = "".join(
            f"[yellow]{escape(p)}[/yellow]" if i % 2 else escape(p) for i, p in enumerate(parts)
        )
        console.print(f"  {snippet}", highlight=False)
    if not hits:
        console.print(f"no documents match {query!r}", highlight=False, markup=False)


@commands.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Count the documents, sources, entities, events, claims and stories in the database."""
    room = Room(db)
    try:
        counts = room.stats()
    finally:
        room.close()
    if as_json:
        typer.echo(json.dumps(counts))
        return
    for name, count in counts.items():
        console.print(f"{name:<10} {count:>8}", highlight=False)
