"""What every command shares: the Typer app, consoles and the common options."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    name="sitroom",
    help="Turn news reports into a sourced, structured picture of a conflict.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database file path or SQLAlchemy URL (default: $SITROOM_DB or sitroom.db)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors and results.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
