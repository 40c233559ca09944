"""Answers to user-facing errors: JSON ``{"detail": message}`` under /api/, an HTML page elsewhere."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from sitroom.errors import InputError, NotFound, SitroomError, StoreError
from sitroom.web.render import render


def status_of(error: SitroomError) -> int:
    """Return the HTTP status of an error: 404 unknown id, 422 bad input, 503 store down, else 400."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InputError):
        return 422
    if isinstance(error, StoreError):
        return 503
    return 400


def error_page(status: int, message: str) -> HTMLResponse:
    """Return the HTML page for a user-facing error (404 for unknown ids)."""
    heading = "Not found" if status == 404 else "Something went wrong"
    return render("error.html", status, title=heading, message=message)


async def sitroom_error(request: Request, error: Exception) -> Response:
    """Answer a ``SitroomError`` raised by a route, as JSON under /api/ and as a page elsewhere."""
    assert isinstance(error, SitroomError)
    status = status_of(error)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": error.message}, status_code=status)
    return error_page(status, error.message)
