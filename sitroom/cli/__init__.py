"""The ``sitroom`` command: a thin Typer app that parses options, calls the library, prints.

Each group of commands lives in its own module and registers itself on ``app``; library
modules are imported inside the commands so that ``sitroom --help`` starts fast.
"""

from __future__ import annotations

import sys

from sitroom.cli.common import app
from sitroom.errors import SitroomError

# Importing the command modules registers their commands on ``app``.
from sitroom.cli import analyze, bench, brief, corpus, ingest, serve, stories  # noqa: F401  isort: skip


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
