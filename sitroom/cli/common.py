"""What every command shares: consoles and the common options."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database file path or SQLAlchemy URL (default: $SITROOM_DB or sitroom.db)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors and results.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
