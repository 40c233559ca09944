"""Fixtures of the web tests: the hand-made corpus stored in SQLite and PostgreSQL, and apps serving it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from live_server import LiveServer
from web_corpus import TOKEN, fill

from sitroom.web.app import create_app

_numbers = count(1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding the web corpus, resolved; one per backend, shared by a module's read-only tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'corpus.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database(f"sitroom_web_{os.getpid()}_{next(_numbers)}")
    fill(url).close()
    return url


@pytest.fixture(scope="module")
def client(corpus_url: str) -> Iterator[TestClient]:
    """A test client of the app over the corpus, with an API token configured."""
    app = create_app(corpus_url, api_token=TOKEN)
    with TestClient(app) as test_client:
        yield test_client
    app.state.room.close()


@pytest.fixture(scope="module")
def ids(client: TestClient) -> dict[str, Any]:
    """Ids of the corpus's things, found through the API: the strike story, its events, entities."""
    stories = client.get("/api/stories").json()["items"]
    strike = next(s for s in stories if s["location"] == "Kramatorsk")
    hostile_story = next(s for s in stories if s["location"] and "Evilton" in s["location"])
    story = client.get(f"/api/stories/{strike['id']}").json()
    first = next(e for e in story["events"] if e["document"]["title"].startswith("Missile strike"))
    hostile_event = client.get(f"/api/stories/{hostile_story['id']}").json()["events"][0]
    entities = {
        e["name"]: e["id"] for e in client.get("/api/entities", params={"limit": 100}).json()["items"]
    }
    return {
        "story": strike["id"],
        "hostile_story": hostile_story["id"],
        "event": first["id"],
        "document": first["document"]["id"],
        "hostile_event": hostile_event["id"],
        "hostile_document": hostile_event["document"]["id"],
        "entities": entities,
    }


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """uvicorn serving the corpus in SQLite on a free loopback port."""
    db = str(tmp_path_factory.mktemp("live") / "corpus.db")
    fill(db).close()
    with LiveServer(db) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where a test saves its screenshots."""
    return tmp_path
