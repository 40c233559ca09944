"""Exporters: one module per format, looked up by name in ``EXPORTERS``.

Each exporter is ``write(conn, out)``: it reads the store through resolved entities and
writes text to ``out``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from sqlalchemy import Connection

from sitroom.errors import ConfigError

# format name -> (module, what it writes)
EXPORTERS: dict[str, tuple[str, str]] = {
    "jsonl": ("sitroom.export.jsonl", "one event per line with its evidence, document and story"),
    "acled-csv": ("sitroom.export.acled", "ACLED-style CSV of violent events"),
    "cameo-tsv": ("sitroom.export.cameo", "GDELT-like TSV with CAMEO codes"),
    "stix": ("sitroom.export.stix", "STIX 2.1 bundle"),
    "ftm": ("sitroom.export.ftm", "FollowTheMoney entities, one JSON per line"),
    "graphml": ("sitroom.export.graphml", "GraphML graph of entities, relations and events"),
}


def exporter(name: str) -> Callable[[Connection, TextIO], None]:
    """Return the ``write(conn, out)`` function of the format called ``name``."""
    if name not in EXPORTERS:
        raise ConfigError(f"export format {name!r}: unknown; choose one of {', '.join(EXPORTERS)}")
    module = import_module(EXPORTERS[name][0])
    write: Callable[[Connection, TextIO], None] = module.write
    return write


def export(conn: Connection, name: str, out: TextIO) -> None:
    """Write the whole store in format ``name`` to ``out``."""
    exporter(name)(conn, out)
