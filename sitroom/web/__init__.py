"""The web app and HTTP API: ``create_app(db, api_token)`` returns the FastAPI application."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db: str | None = None, api_token: str | None = None) -> FastAPI:
    """Return the FastAPI app serving the database ``db`` (see ``sitroom.web.app.create_app``)."""
    from sitroom.web.app import create_app as build

    return build(db, api_token)
