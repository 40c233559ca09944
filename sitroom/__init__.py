"""sitroom: a sourced, structured picture of a conflict from a stream of news reports.

Public API: ``analyze(text, ...)`` for one document and ``Room(db_url)`` for a corpus. Both
are imported on first use (``__getattr__``), so that importing any part of sitroom stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from sitroom.model import Analysis, Document

if TYPE_CHECKING:
    from sitroom.extract.pipeline import analyze
    from sitroom.room import Room

__all__ = ["Analysis", "Document", "Room", "analyze"]

# public name -> the module that defines it
_PUBLIC = {"analyze": "sitroom.extract.pipeline", "Room": "sitroom.room"}


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(name)
