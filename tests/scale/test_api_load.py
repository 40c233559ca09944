"""A bounded load on the web API over loopback: every request answered, the server still up after."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import httpx
import pytest

from sitroom.room import Room

SAMPLE = Path(__file__).parents[2] / "sitroom" / "sample"
THREADS = 8
REQUESTS_PER_THREAD = 40
OVERALL_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web app over the sample corpus, served by uvicorn in a thread on 127.0.0.1 (a free port)."""
    import uvicorn

    from sitroom.web.app import create_app

    db = f"sqlite:///{tmp_path_factory.mktemp('load') / 'load.db'}"
    room = Room(db)
    room.ingest([str(SAMPLE)])
    room.close()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not app_server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=30)


def main_paths(base: str) -> list[str]:
    """The API calls a dashboard makes, one entity page included."""
    entities = httpx.get(f"{base}/api/entities?limit=1", timeout=30).json()["items"]
    return [
        "/api/stories",
        "/api/events?type=ASSAULT",
        "/api/events?place=Kramatorsk",
        "/api/events?since=2023-06-01&until=2023-06-30",
        "/api/search?q=Wagner",
        "/api/documents",
        "/api/stats",
        f"/api/entities/{entities[0]['id']}",
    ]


def test_concurrent_requests_are_all_answered_and_the_server_stays_up(server: str) -> None:
    assert server.startswith("http://127.0.0.1:")
    paths = main_paths(server)

    def hammer(worker: int) -> list[tuple[str, int]]:
        with httpx.Client(base_url=server, timeout=60) as client:
            return [
                (path, client.get(path).status_code)
                for path in (paths[(worker + n) % len(paths)] for n in range(REQUESTS_PER_THREAD))
            ]

    pool = ThreadPoolExecutor(max_workers=THREADS)
    futures = [pool.submit(hammer, worker) for worker in range(THREADS)]
    done, not_done = wait(futures, timeout=OVERALL_TIMEOUT_S)
    pool.shutdown(wait=False, cancel_futures=True)
    assert not not_done, "some requests did not finish in time"
    answers = [answer for future in done for answer in future.result()]

    assert len(answers) == THREADS * REQUESTS_PER_THREAD
    assert {status for _, status in answers} == {200}, [a for a in answers if a[1] != 200][:5]
    after = httpx.get(f"{server}/api/stats", timeout=30)
    assert after.status_code == 200
    assert after.json()["documents"] == 27
