"""Fixtures shared by every test directory: real databases, empty for each test.

- ``postgres_server`` (session): a real PostgreSQL server started from Debian's binaries
  (``/usr/lib/postgresql/*/bin``) in a temporary directory, listening on 127.0.0.1 (a free
  port) and on a unix socket in that directory, trust authentication, stopped at the end.
  As root it runs as the ``postgres`` system user (PostgreSQL refuses to run as root).
  Fails, telling you to run ``scripts/system-deps.sh``, when the server is not installed.
- ``postgres_url`` (session): ``postgresql+psycopg://`` URL of one database on that server.
- ``fresh_postgres_url``: URL of a new, empty database on that server, one per test.
- ``sqlite_url``: ``sqlite:///`` URL of a database file (not yet created) in ``tmp_path``.
- ``db_url``: parametrized over ``sqlite`` and ``postgresql``; an empty database per test.
  Tests using it run twice; ``-k sqlite`` or ``-k postgresql`` picks one backend.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import pytest

_database_numbers = count(1)


@dataclass(frozen=True)
class PostgresServer:
    """A running test server: connect as ``user`` on ``host:port`` (or the socket in ``socket_dir``)."""

    host: str
    port: int
    user: str
    socket_dir: Path

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database called ``name`` and return its URL."""
        import psycopg

        conninfo = f"host={self.host} port={self.port} user={self.user} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _server_binaries() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        pytest.fail(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: "
            "run scripts/system-deps.sh (as root) to install them",
            pytrace=False,
        )
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """Run ``command`` as the ``postgres`` user when we are root (PostgreSQL refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a throwaway PostgreSQL server for the whole test session."""
    binaries = _server_binaries()
    # Not under pytest's tmp dir: that is private to root and the server user could not enter it.
    home = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
    data, log = home / "data", home / "server.log"
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    port = _free_port()
    run: dict[str, Any] = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(binaries / "initdb"),
                    "-D",
                    str(data),
                    "-A",
                    "trust",
                    "-U",
                    user,
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            **run,
        )
        options = (
            f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        subprocess.run(
            _as_server_user(
                [str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]
            ),
            **run,
        )
    except subprocess.CalledProcessError as error:
        detail = log.read_text() if log.exists() else ""
        shutil.rmtree(home, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {error.stderr}{error.stdout}{detail}", pytrace=False)
    try:
        yield PostgresServer(host="127.0.0.1", port=port, user=user, socket_dir=home)
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """URL of a database on the session's PostgreSQL server (shared by the whole session)."""
    return postgres_server.create_database("sitroom_session")


@pytest.fixture
def fresh_postgres_url(postgres_server: PostgresServer) -> str:
    """URL of a new, empty PostgreSQL database for one test."""
    return postgres_server.create_database(f"sitroom_test_{os.getpid()}_{next(_database_numbers)}")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a SQLite database file in the test's temporary directory (created on first open)."""
    return f"sqlite:///{tmp_path / 'sitroom.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database per test, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("fresh_postgres_url"))
