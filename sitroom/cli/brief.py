"""``sitroom brief``: write a situation report whose every sentence cites its evidence.

With ``--out FILE`` the facts of the brief are saved next to it as ``FILE.state.json``;
the next brief written to the same file reports what changed since then. A first brief (no
saved state) has no "what changed" section. Without ``--topic`` the brief keeps to the
window's main story line and leaves out off-topic reports.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from sitroom.brief import LLMConfig, write_brief
from sitroom.cli.common import DbOption, QuietOption, err_console
from sitroom.errors import InputError
from sitroom.store.db import Store

commands = typer.Typer()


def _moment(option: str, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date such as 2023-06-27", param_hint=option
        ) from error
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def state_path(out: Path) -> Path:
    """Return where the state of the brief written to ``out`` is kept."""
    return out.with_name(out.name + ".state.json")


def _read_state(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(
            str(path), f"cannot read the previous brief's state ({error}); delete it to start over"
        ) from error
    if not isinstance(state, dict) or not isinstance(state.get("stories"), dict):
        raise InputError(str(path), "not a brief state file; delete it to start over")
    return state


@commands.command()
def brief(
    since: Annotated[
        str | None, typer.Option("--since", help="Only reports published from this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only reports published before this date.")
    ] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only facts involving this entity.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Only events at this place.")] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            help="Only this PLOVER event type or events mentioning this word (default: the main topic).",
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
    out: Annotated[Path | None, typer.Option("--out", help="Write the brief to this file.")] = None,
    db: DbOption = None,
    llm_url: Annotated[
        str | None, typer.Option("--llm-url", help="OpenAI-compatible API base to rephrase sentences.")
    ] = None,
    llm_model: Annotated[str | None, typer.Option("--llm-model", help="Model name for --llm-url.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Write a situation report: developments, casualties, money, people, claims, changes, sources."""
    if fmt not in ("md", "html"):
        raise typer.BadParameter(f"{fmt!r}: use md or html", param_hint="--format")
    previous = _read_state(state_path(out)) if out is not None else None
    store = Store.open(db)
    result = write_brief(
        store.engine,
        since=_moment("--since", since),
        until=_moment("--until", until),
        entity=entity,
        place=place,
        topic=topic,
        fmt=fmt,
        llm=LLMConfig.from_options(llm_url, llm_model),
        previous=previous,
    )
    if out is None:
        typer.echo(result.text, nl=False)
    else:
        out.write_text(result.text, encoding="utf-8")
        state_path(out).write_text(json.dumps(result.state, indent=1, sort_keys=True), encoding="utf-8")
    if quiet:
        return
    summary = f"{len(result.sentences())} sentences citing {len(result.sources)} passages"
    if out is not None:
        summary = f"wrote {out}: {summary}"
    if result.withheld:
        summary += f"; {len(result.withheld)} sentences withheld by the citation checks"
    if result.rewrites is not None:
        rewrites = result.rewrites
        summary += f"; LLM rewrites: {rewrites.accepted} accepted, {len(rewrites.rejected)} rejected"
        if rewrites.failed:
            summary += f", stopped after an error: {rewrites.failed[0]}"
    err_console.print(summary, highlight=False)
