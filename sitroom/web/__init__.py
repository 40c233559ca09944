"""The web app and HTTP API: ``sitroom.web.app.create_app(db, api_token, tile_url)`` returns the
FastAPI application; ``api`` and ``pages`` hold its routes."""
