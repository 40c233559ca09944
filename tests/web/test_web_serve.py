"""``sitroom serve`` runs the app with uvicorn: pages, API and token from the environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from web_corpus import TOKEN, fill


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_pages_and_api_and_takes_the_token_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    fill(str(db)).close()
    port = free_port()
    env = {**os.environ, "SITROOM_API_TOKEN": TOKEN}
    command = [sys.executable, "-m", "sitroom", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                stats = httpx.get(f"{base}/api/stats", timeout=5).json()
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "sitroom serve did not answer"
                time.sleep(0.2)
        assert stats["documents"] == 5
        assert "<h1>Situation room</h1>" in httpx.get(base + "/", timeout=5).text
        assert "/api/events" in httpx.get(f"{base}/openapi.json", timeout=5).json()["paths"]
        wrong = httpx.post(
            f"{base}/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer no"}
        )
        assert wrong.status_code == 401  # a token is configured (from SITROOM_API_TOKEN), and this is not it
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert f"Serving {db} at http://127.0.0.1:{port}/" in " ".join(errors.split())


def test_serve_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database")
    done = subprocess.run(
        [sys.executable, "-m", "sitroom", "serve", "--db", str(bogus)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 5
    assert done.stderr.strip() == f"sitroom: {bogus} is not a sitroom database or is corrupted"
