"""``sitroom ingest``: store reports with their extraction; ``sitroom extract``: re-run extraction."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from sitroom.cli.common import DbOption, QuietOption, console, err_console
from sitroom.config import settings_from_env
from sitroom.errors import InputError
from sitroom.extract.pipeline import EXTRACTOR_VERSION
from sitroom.model import Document
from sitroom.room import Room

commands = typer.Typer()

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to use (default: $SITROOM_MODEL or en_core_web_sm)."),
]
# Fewer inputs than this (and no directory) finish too fast for a progress bar to help.
PROGRESS_MIN_INPUTS = 4


def _progress_bar() -> Progress:
    """A bar with the count, the total when known, the rate and the time left."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )


def known_total(inputs: list[str]) -> int | None:
    """Return how many reports the inputs hold when that is cheap to know, else None.

    A JSON Lines file holds one report per non-blank line, a directory one per file, another
    file one; a URL or stdin is unknown until read.
    """
    total = 0
    for item in inputs:
        path = Path(item)
        if item == "-" or "://" in item or not path.exists():
            return None
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def rate_text(done: int, seconds: float) -> str:
    """Return the rate as a reader says it: "12.5 docs/s"."""
    return f"{done / seconds:.1f} docs/s" if seconds > 0 and done else ""


def _wants_progress(inputs: list[str], quiet: bool) -> bool:
    """A bar on a terminal only (in a log it is noise), and only for more than a few inputs."""
    if quiet or not err_console.is_terminal:
        return False
    return len(inputs) >= PROGRESS_MIN_INPUTS or any(Path(i).is_dir() for i in inputs)


@commands.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(metavar="PATH|URL|-...", help="Files, directories, URLs; - for stdin.")
    ],
    db: DbOption = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store the documents only; run `sitroom extract` later.")
    ] = False,
    model: ModelOption = None,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", help="Refuse inputs larger than this many bytes.")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private and loopback addresses.")
    ] = False,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="ADDRESS|local[:N]",
            help="Read and extract on a Dask cluster: a scheduler address, or local[:N] worker processes.",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Store reports and what is extracted from them; documents already stored are skipped.

    Exits 0 when every input was read, 2 when some failed (the others are stored).
    """
    settings = settings_from_env(db=db, model=model, max_bytes=max_bytes, allow_private=allow_private or None)
    room = Room(settings.db)
    bar = _progress_bar() if _wants_progress(inputs, quiet) else None
    counts = {"new": 0, "duplicate": 0, "failed": 0}
    with bar if bar is not None else nullcontext():
        total = known_total(inputs) if bar is not None else None
        task = bar.add_task("reading", total=total, rate="") if bar is not None else None

        def advance(outcome: str, item: Document | InputError) -> None:
            counts[outcome] += 1
            if bar is not None and task is not None:
                described = f"{counts['new']} new, {counts['duplicate']} already stored"
                done = sum(counts.values())
                elapsed = bar.tasks[0].elapsed or 0.0
                bar.update(task, completed=done, description=described, rate=rate_text(done, elapsed))

        try:
            if cluster is not None:
                # Dask is slow to import: this is the one place it is loaded, for --cluster only.
                from sitroom.scale.dask_runner import ingest_on_cluster

                report = ingest_on_cluster(
                    room,
                    inputs,
                    cluster,
                    extract=not no_extract,
                    model=settings.model,
                    max_bytes=settings.max_bytes,
                    allow_private=settings.allow_private,
                    progress=advance,
                )
            else:
                report = room.ingest(
                    inputs,
                    extract=not no_extract,
                    model=settings.model,
                    max_bytes=settings.max_bytes,
                    allow_private=settings.allow_private,
                    progress=advance,
                )
        finally:
            room.close()
    for error in report.errors:
        err_console.print(f"sitroom: {error}", markup=False, highlight=False, soft_wrap=True)
    console.print(
        f"{report.read} read, {report.new} new, {report.duplicates} already stored, {report.failed} failed",
        highlight=False,
    )
    if report.resolved is not None and not quiet:
        merged, stories = report.resolved.entities_merged, report.resolved.stories
        console.print(f"{merged} entities merged, {stories} stories", highlight=False)
    if not report.ok:
        raise typer.Exit(2)


@commands.command()
def extract(
    db: DbOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Extract every document again, not only stale ones.")
    ] = False,
    model: ModelOption = None,
    quiet: QuietOption = False,
) -> None:
    """Re-run extraction over stored documents made by an older extractor (all with --force)."""
    settings = settings_from_env(db=db, model=model)
    room = Room(settings.db)
    bar = _progress_bar() if not quiet and err_console.is_terminal else None
    with bar if bar is not None else nullcontext():
        task = bar.add_task("extracting", total=None, rate="") if bar is not None else None
        done_so_far = [0]

        def advance(_document: Any) -> None:
            if bar is not None and task is not None:
                done_so_far[0] += 1
                elapsed = bar.tasks[0].elapsed or 0.0
                bar.update(task, advance=1, rate=rate_text(done_so_far[0], elapsed))

        try:
            done = room.extract(force=force, model=settings.model, progress=advance)
        finally:
            room.close()
    console.print(f"{done} documents extracted (extractor {EXTRACTOR_VERSION})", highlight=False)
