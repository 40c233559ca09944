"""Ids in slices small enough for one SQL ``IN (...)`` list on every supported database."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

# SQLite allows 999 bound parameters per statement in older builds: stay well under it.
IN_LIST = 500
T = TypeVar("T")


def in_chunks(ids: Sequence[T]) -> Iterator[Sequence[T]]:
    """Yield ``ids`` in order, at most IN_LIST at a time."""
    for start in range(0, len(ids), IN_LIST):
        yield ids[start : start + IN_LIST]
