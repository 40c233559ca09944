"""The web app and HTTP API: ``create_app(db, api_token, tile_url)`` returns the FastAPI application."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db: str | None = None, api_token: str | None = None, tile_url: str | None = None) -> FastAPI:
    """Return the FastAPI app serving the database ``db`` (see ``sitroom.web.app.create_app``).

    ``api_token`` allows POST ingestion; ``tile_url`` (``.../{z}/{x}/{y}.png``) lets the map page
    use web map tiles when they can be reached.
    """
    from sitroom.web.app import create_app as build

    return build(db, api_token, tile_url)
