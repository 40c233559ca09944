"""Security headers on every response: a Content-Security-Policy the pages satisfy, and friends.

The pages load scripts and styles only from this server and run no inline script; map tiles
(when configured) are the only images from elsewhere. The API documentation pages (Swagger
UI, ReDoc) inject their own styles and ReDoc runs a worker from a blob, so those two pages
alone also allow inline styles and blob workers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import Request, Response

DOCS_PATHS = ("/docs", "/redoc")


def content_security_policy(tile_url: str | None, docs: bool = False) -> str:
    """Return the CSP of a response: everything from 'self', images also from the tile server."""
    images = ["'self'", "data:"]
    if tile_url:
        parts = urlsplit(tile_url)
        images.append(f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}")
    styles = "'self' 'unsafe-inline'" if docs else "'self'"
    workers = "'self' blob:" if docs else "'self'"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            f"style-src {styles}",
            f"img-src {' '.join(images)}",
            f"worker-src {workers}",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


async def add_security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Middleware: set CSP, nosniff, frame and referrer policies on the response of every request."""
    response = await call_next(request)
    docs = request.url.path in DOCS_PATHS
    response.headers["Content-Security-Policy"] = content_security_policy(request.app.state.tile_url, docs)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
