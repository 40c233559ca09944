"""``sitroom serve``: the web app and HTTP API over a database, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from sitroom.cli.common import DbOption, app, err_console


@app.command()
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
) -> None:
    """Serve the web pages and the JSON API (OpenAPI schema at /openapi.json)."""
    import uvicorn

    from sitroom.web.app import create_app

    web_app = create_app(db, api_token)
    mode = "writes allowed with the API token" if api_token else "read-only API"
    err_console.print(
        f"Serving {web_app.state.room.store.label} at http://{host}:{port}/ ({mode}); Ctrl+C stops."
    )
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
