"""The FastAPI application: the JSON API under /api/, the HTML pages, static files, error answers.

One ``Room`` (one database engine) per app. With no API token the API is read-only; with
one, ``POST /api/documents`` needs ``Authorization: Bearer <token>``. With a tile URL the map
page draws web map tiles when the browser can reach them; without one it stays offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Connection

from sitroom.errors import ConfigError, InputError, NotFound, SitroomError, StoreError
from sitroom.room import Room

STATIC = Path(__file__).parent / "static"
# The default of ``sitroom serve --tile-url``; the library's default is no tiles (fully offline).
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def check_tile_url(tile_url: str | None) -> str | None:
    """Return the tile URL template, or None when empty (no tiles); raise ConfigError if unusable."""
    if not tile_url or not tile_url.strip():
        return None
    value = tile_url.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"tile URL {value}: not an http(s) URL with a host (empty: no tiles)")
    missing = [name for name in ("{z}", "{x}", "{y}") if name not in value]
    if missing:
        raise ConfigError(f"tile URL {value}: lacks {', '.join(missing)} (e.g. {DEFAULT_TILE_URL})")
    return value


def create_app(db: str | None = None, api_token: str | None = None, tile_url: str | None = None) -> FastAPI:
    """Return the app serving the database ``db`` (path or SQLAlchemy URL).

    ``api_token`` allows writes; ``tile_url`` (``{z}/{x}/{y}`` template) lets the map use web tiles.
    """
    checked_tile_url = check_tile_url(tile_url)
    from sitroom.web import api, pages

    app = FastAPI(
        title="sitroom",
        summary="A sourced, structured picture of a conflict: documents, entities, events, stories.",
        version="0.1.0",
    )
    app.state.room = Room(db)
    app.state.api_token = api_token or None
    app.state.tile_url = checked_tile_url
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(SitroomError, _sitroom_error)
    return app


def connection(request: Request) -> Iterator[Connection]:
    """Yield a connection to the app's database, inside one (read) transaction."""
    with request.app.state.room.store.transaction() as conn:
        yield conn


def _status(error: SitroomError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InputError):
        return 422
    if isinstance(error, StoreError):
        return 503
    return 400


async def _sitroom_error(request: Request, error: Exception) -> Response:
    """Answer a user-facing error: JSON ``{"detail": message}`` under /api/, an HTML page elsewhere."""
    assert isinstance(error, SitroomError)
    status = _status(error)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": error.message}, status_code=status)
    from sitroom.web.pages import error_page

    return error_page(request, status, error.message)
