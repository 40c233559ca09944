"""The JSON API refuses hostile input with 422 and a one-line detail: no server-side file read, no 500."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.web.app import create_app

TOKEN = "hostile-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_numbers = count(1)

# Strings that name something on the server's own disk, or a scheme sitroom does not fetch.
LOCAL_NAMES = st.one_of(
    st.sampled_from(
        ["/etc/passwd", "etc/passwd", "./secret.txt", "../../etc/shadow", "~/.ssh/id_rsa", "C:\\x"]
    ),
    st.builds(lambda name: f"/{name}", st.text(st.characters(exclude_categories=["Cs"]), max_size=40)),
    st.builds(
        lambda scheme, rest: f"{scheme}:{rest}",
        st.sampled_from(
            ["file", "FILE", "ftp", "gopher", "javascript", "data", "jar", "dict", "ldap", "sftp"]
        ),
        st.sampled_from(
            ["///etc/passwd", "//localhost/etc/passwd", "/etc/hosts", "alert(1)", "text/plain,hi"]
        ),
    ),
    st.sampled_from(["http:/etc/passwd", "https:///etc/passwd", "http://", "http://[::1", "hTTp//x"]),
)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A writable app (token set) over an empty database, SQLite and PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('hostile-api') / 'api.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database(f"sitroom_hostile_api_{os.getpid()}_{next(_numbers)}")
    app = create_app(url, api_token=TOKEN)
    with TestClient(app) as test_client:
        yield test_client
    app.state.room.close()


def test_a_local_path_is_refused_and_nothing_is_read(client: TestClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The vault code is 4711, kept on the server only.\n")
    for url in (str(secret), f"file://{secret}", "/etc/passwd", "file:///etc/passwd", "etc/passwd"):
        answer = client.post("/api/documents", json={"url": url}, headers=AUTH)
        assert answer.status_code == 422, (url, answer.text)
        detail = answer.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail
        assert "http" in detail
    assert client.get("/api/stats").json()["documents"] == 0
    assert client.get("/api/search", params={"q": "vault"}).json()["items"] == []


@SETTINGS
@given(url=LOCAL_NAMES)
def test_any_url_that_is_not_http_is_refused_with_one_line(client: TestClient, url: str) -> None:
    answer = client.post("/api/documents", json={"url": url}, headers=AUTH)
    assert answer.status_code == 422, (url, answer.text)
    detail = answer.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail


def test_a_private_http_address_is_refused_like_on_the_command_line(client: TestClient) -> None:
    for url in (
        "http://127.0.0.1:9/report",
        "http://[::1]/x",
        "https://10.1.2.3/",
        "http://169.254.169.254/",
    ):
        answer = client.post("/api/documents", json={"url": url}, headers=AUTH)
        assert answer.status_code == 422, (url, answer.text)
        assert "private address" in answer.json()["detail"]


HUGE = ["9223372036854775808", "18446744073709551616", str(10**40), "-9223372036854775809"]


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize(
    "path",
    ["/api/entities/{n}", "/api/stories/{n}", "/api/documents?offset={n}", "/api/events?offset={n}",
     "/api/entities?offset={n}", "/api/stories?offset={n}", "/api/search?q=x&offset={n}",
     "/api/entities/1?offset={n}"],
)  # fmt: skip
def test_ids_and_offsets_beyond_64_bits_answer_422(client: TestClient, path: str, number: str) -> None:
    answer = client.get(path.format(n=number))
    assert answer.status_code == 422, answer.text


@pytest.mark.parametrize("path", ["/api/entities/2147483647", "/api/stories/2147483647"])
def test_the_largest_stored_id_is_simply_not_found(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("offset", ["9223372036854775807", "4611686018427387904"])
def test_a_large_valid_offset_gives_an_empty_page(client: TestClient, offset: str) -> None:
    answer = client.get("/api/documents", params={"offset": offset})
    assert answer.status_code == 200, answer.text
    assert answer.json()["items"] == []
