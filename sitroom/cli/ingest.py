"""``sitroom ingest``: store reports with their extraction; ``sitroom extract``: re-run extraction."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sitroom.cli.common import DbOption, QuietOption, app, console, err_console

if TYPE_CHECKING:
    from rich.progress import Progress

    from sitroom.errors import InputError
    from sitroom.model import Document

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to use (default: $SITROOM_MODEL or en_core_web_sm)."),
]
# Fewer inputs than this (and no directory) finish too fast for a progress bar to help.
PROGRESS_MIN_INPUTS = 4


def _progress_bar() -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def _wants_progress(inputs: list[str], quiet: bool) -> bool:
    """A bar on a terminal only (in a log it is noise), and only for more than a few inputs."""
    if quiet or not err_console.is_terminal:
        return False
    return len(inputs) >= PROGRESS_MIN_INPUTS or any(Path(i).is_dir() for i in inputs)


@app.command()
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
    from sitroom.config import settings_from_env
    from sitroom.store.room import Room

    settings = settings_from_env(db=db, model=model, max_bytes=max_bytes, allow_private=allow_private or None)
    room = Room(settings.db)
    bar = _progress_bar() if _wants_progress(inputs, quiet) else None
    counts = {"new": 0, "duplicate": 0, "failed": 0}
    with bar if bar is not None else nullcontext():
        task = bar.add_task("reading", total=None) if bar is not None else None

        def advance(outcome: str, item: Document | InputError) -> None:
            counts[outcome] += 1
            if bar is not None and task is not None:
                described = f"{counts['new']} new, {counts['duplicate']} already stored"
                bar.update(task, completed=sum(counts.values()), description=described)

        try:
            if cluster is not None:
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


@app.command()
def extract(
    db: DbOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Extract every document again, not only stale ones.")
    ] = False,
    model: ModelOption = None,
    quiet: QuietOption = False,
) -> None:
    """Re-run extraction over stored documents made by an older extractor (all with --force)."""
    from sitroom.config import settings_from_env
    from sitroom.extract.pipeline import EXTRACTOR_VERSION
    from sitroom.store.room import Room

    settings = settings_from_env(db=db, model=model)
    room = Room(settings.db)
    bar = _progress_bar() if not quiet and err_console.is_terminal else None
    with bar if bar is not None else nullcontext():
        task = bar.add_task("extracting", total=None) if bar is not None else None

        def advance(_document: Any) -> None:
            if bar is not None and task is not None:
                bar.advance(task)

        try:
            done = room.extract(force=force, model=settings.model, progress=advance)
        finally:
            room.close()
    console.print(f"{done} documents extracted (extractor {EXTRACTOR_VERSION})", highlight=False)
