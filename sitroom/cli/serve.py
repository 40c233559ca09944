"""``sitroom serve``: the web app and HTTP API over a database, with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated
from urllib.parse import urlsplit

import typer
import uvicorn

from sitroom.cli.common import DbOption, err_console
from sitroom.web.app import DEFAULT_TILE_URL, create_app

commands = typer.Typer()

TILE_URL_ENV = "SITROOM_TILE_URL"


@commands.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    api_token: Annotated[
        str | None,
        typer.Option(
            "--api-token",
            envvar="SITROOM_API_TOKEN",
            show_envvar=True,
            help="Token that allows POST /api/documents (Authorization: Bearer TOKEN); none: read-only.",
        ),
    ] = None,
    tile_url: Annotated[
        str | None,
        typer.Option(
            "--tile-url",
            envvar=TILE_URL_ENV,
            show_envvar=True,
            help="Map tiles URL with {z}, {x}, {y}, fetched by the reader's browser "
            "(default: https://tile.openstreetmap.org/{z}/{x}/{y}.png); empty: offline map only.",
        ),
    ] = None,
) -> None:
    """Serve the web pages and the JSON API (OpenAPI schema at /openapi.json)."""
    if tile_url is None:
        # Click ignores an empty environment variable; here an empty value means "no tiles".
        tile_url = os.environ.get(TILE_URL_ENV, DEFAULT_TILE_URL)
    web_app = create_app(db, api_token, tile_url)
    mode = "writes allowed with the API token" if api_token else "read-only API"
    tiles = web_app.state.tile_url
    mode += f"; map tiles from {urlsplit(tiles).netloc}" if tiles else "; offline map"
    err_console.print(
        f"Serving {web_app.state.room.store.label} at http://{host}:{port}/ ({mode}); Ctrl+C stops."
    )
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
