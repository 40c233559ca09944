"""The API documentation pages, /docs (Swagger UI) and /redoc (ReDoc), served offline.

Their JavaScript and CSS come from the ``fastapi-offline`` package's static folder, mounted
at /static-docs; the pages start them from static/docs.js, with no inline script.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from sitroom.web.render import render

# The Swagger UI and ReDoc bundles shipped by fastapi-offline (pinned in pyproject.toml).
ASSETS = Path(str(files("fastapi_offline") / "static"))
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    """Swagger UI over /openapi.json, from local assets."""
    return render("docs.html", title="sitroom API", viewer="swagger")


@router.get("/redoc")
def redoc() -> HTMLResponse:
    """ReDoc over /openapi.json, from local assets."""
    return render("docs.html", title="sitroom API reference", viewer="redoc")
