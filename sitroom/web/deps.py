"""What every route may depend on: a database connection, and the app's settings.

Routes of ``api`` and ``pages`` import from here (never from ``app``), so the web package has
no import cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Connection

from sitroom.room import Room


@dataclass(frozen=True, slots=True)
class Settings:
    """How the app was started: the API token that allows writes, the map tile URL template."""

    api_token: str | None = None
    tile_url: str | None = None


def room(request: Request) -> Room:
    """Return the app's ``Room`` (its database and ingest pipeline)."""
    found: Room = request.app.state.room
    return found


def settings(request: Request) -> Settings:
    """Return the app's settings, as ``create_app`` put them in the app's state."""
    return Settings(api_token=request.app.state.api_token, tile_url=request.app.state.tile_url)


def connection(request: Request) -> Iterator[Connection]:
    """Yield a connection to the app's database, inside one (read) transaction."""
    with room(request).store.transaction() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]
AppSettings = Annotated[Settings, Depends(settings)]
