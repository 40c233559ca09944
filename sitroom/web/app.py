"""The FastAPI application: the JSON API under /api/, the HTML pages, offline API docs, static files.

One ``Room`` (one database engine) per app. With no API token the API is read-only; with
one, ``POST /api/documents`` needs ``Authorization: Bearer <token>``. With a tile URL the map
page draws web map tiles when the browser can reach them; without one it stays offline.
Every response carries the security headers of ``sitroom.web.headers``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sitroom.errors import ConfigError, SitroomError
from sitroom.room import Room
from sitroom.web import api, docs, pages
from sitroom.web.errors import sitroom_error
from sitroom.web.headers import add_security_headers

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
    app = FastAPI(
        title="sitroom",
        summary="A sourced, structured picture of a conflict: documents, entities, events, stories.",
        version="0.1.0",
        docs_url=None,  # served offline by sitroom.web.docs
        redoc_url=None,
    )
    app.state.room = Room(db)
    app.state.api_token = api_token or None
    app.state.tile_url = checked_tile_url
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(docs.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/static-docs", StaticFiles(directory=docs.ASSETS), name="static-docs")
    app.add_exception_handler(SitroomError, sitroom_error)
    app.middleware("http")(add_security_headers)
    return app
