"""The ``sitroom`` command: a thin Typer app that parses options, calls the library, prints.

Each group of commands lives in its own module (``sitroom.cli.ingest``, ...) with its own
``commands`` Typer app and imports what it needs at its top. ``COMMANDS`` names the module of
each command and its one-line help: ``sitroom --help`` lists them without importing any,
and a command's module is imported only when that command runs or shows its own help. This
is the one lazy import of the CLI; it keeps ``sitroom --help`` fast.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from sitroom.errors import SitroomError

# command -> (its module, the one-line help the command list shows); in the order listed.
COMMANDS: dict[str, tuple[str, str]] = {
    "analyze": (
        "sitroom.cli.analyze",
        "Extract entities, events and claims from reports; --json prints one JSON object per report.",
    ),
    "eval": (
        "sitroom.cli.analyze",
        "Score the extraction against gold data: precision, recall and F1 per part, with targets.",
    ),
    "bench": (
        "sitroom.cli.bench",
        "Measure extraction against plain spaCy, memory, ingest rates and the API's query latency.",
    ),
    "brief": (
        "sitroom.cli.brief",
        "Write a situation report: developments, casualties, money, people, claims, changes, sources.",
    ),
    "documents": (
        "sitroom.cli.corpus",
        "List stored documents, newest first; --json prints one object per line.",
    ),
    "search": (
        "sitroom.cli.corpus",
        "Full-text search of stored documents: title, source, date and a snippet of each match.",
    ),
    "stats": (
        "sitroom.cli.corpus",
        "Count the documents, sources, entities, events, claims and stories in the database.",
    ),
    "ingest": (
        "sitroom.cli.ingest",
        "Store reports and what is extracted from them; documents already stored are skipped.",
    ),
    "extract": (
        "sitroom.cli.ingest",
        "Re-run extraction over stored documents made by an older extractor (all with --force).",
    ),
    "serve": ("sitroom.cli.serve", "Serve the web pages and the JSON API (OpenAPI schema at /openapi.json)."),
    "stories": (
        "sitroom.cli.stories",
        "List stories (one real-world event across documents), by rank: independent outlets, severity, "
        "recency. --json prints one object per line.",
    ),
    "story": (
        "sitroom.cli.stories",
        "Show one story: its events with evidence, sources, figures over time and conflicts.",
    ),
    "entity": (
        "sitroom.cli.stories",
        "Show an entity resolved across documents: aliases, roles, relations, events, mentions over time.",
    ),
    "timeline": ("sitroom.cli.stories", "List events in date order, for an entity and/or a place."),
    "export": (
        "sitroom.cli.stories",
        "Export the store: events, entities and relations in a format other tools read.",
    ),
}


def load_command(name: str) -> Any:
    """Import the module of command ``name`` and return that command, built by Typer."""
    built = typer.main.get_command(import_module(COMMANDS[name][0]).commands)
    return built.commands[name] if isinstance(built, TyperGroup) else built


class LazyGroup(TyperGroup):
    """The ``sitroom`` commands: listed from ``COMMANDS``, each imported when it is run."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for name, (_, summary) in COMMANDS.items():
            self.commands[name] = TyperCommand(name, help=summary)  # what listings and suggestions show

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        if args and args[0] in COMMANDS:
            return args[0], load_command(args[0]), args[1:]
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="sitroom",
    cls=LazyGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def sitroom() -> None:
    """Turn news reports into a sourced, structured picture of a conflict."""


def main() -> None:
    """Entry point of the console script: one line on stderr for any user-facing error."""
    try:
        app()
    except SitroomError as error:
        print(f"sitroom: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("sitroom: interrupted", file=sys.stderr)
        sys.exit(130)
