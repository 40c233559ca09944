"""Open a database (migrating it to the current schema) and write documents with their extraction.

``Store.open`` accepts a SQLite path or an SQLAlchemy URL (SQLite or PostgreSQL) and turns
every way that can fail (unknown scheme, locked or corrupted file, unreachable server) into
a one-line ``StoreError``. Each ``save`` is one transaction: a crash never leaves half a
document behind.

Several processes may write one database at once. Migrations run under a lock (SQLite's
write lock taken up front, a PostgreSQL advisory lock), writes are idempotent and retried
when another writer holds the lock or a deadlock is detected, and ``exclusively`` runs a
corpus-wide job (resolving) while no other process runs one.
"""

from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from sitroom.config import database_url
from sitroom.errors import ConfigError, StoreError
from sitroom.model import Analysis, Document
from sitroom.store import schema as t
from sitroom.store.write import EntityCache, extracted_by, insert_document, write_analysis

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# How long a write waits, retrying, for other writers (an ingest's resolve holds the lock a
# while); SITROOM_LOCK_WAIT (seconds) changes it.
LOCK_WAIT_S = 180.0
# PostgreSQL advisory lock keys: one for migrations, one for corpus-wide jobs.
MIGRATION_LOCK = 0x5175_0001
EXCLUSIVE_LOCK = 0x5175_0002
# PostgreSQL errors another writer causes, worth running the transaction again: deadlock,
# serialization failure, lock not available.
RETRIED_SQLSTATES = frozenset({"40P01", "40001", "55P03"})
T = TypeVar("T")
# What ``postgresql://`` means here: psycopg 3 is the driver sitroom ships with.
DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


class Store:
    """A sitroom database: ``Store.open(db)`` then ``save(document, analysis)``."""

    def __init__(self, engine: Engine, lock_wait: float = LOCK_WAIT_S) -> None:
        self.engine = engine
        self.lock_wait = lock_wait
        self._saves = 0  # attempts of ``save`` (counted for the fault-injection hook)
        self.entity_cache: EntityCache = EntityCache()

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        """Open (and create or upgrade) the database named by a path or SQLAlchemy URL."""
        url = parse_url(database_url(db))
        lock_wait = _lock_wait()
        if url.get_backend_name() == "sqlite":
            _check_sqlite_file(url.database)
            engine = create_engine(url)
            busy_ms = int(min(BUSY_TIMEOUT_MS, lock_wait * 1000))
            event.listen(engine, "connect", lambda connection, _: _sqlite_pragmas(connection, busy_ms))
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        store = cls(engine, lock_wait)
        with store.transaction() as conn:
            outdated = needs_upgrade(conn)
        if outdated:
            store.write(_migrate)
        return store

    @property
    def writer(self) -> Engine:
        """The engine for write transactions: on SQLite they take the write lock when they begin."""
        return self.engine.execution_options(sitroom_write=True)

    @property
    def label(self) -> str:
        """The database as a user named it: the file path, or the URL without its password."""
        return describe(self.engine.url)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Yield a connection inside one transaction; database failures become ``StoreError``."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as error:
            if error.connection_invalidated or _is_store_failure(error):
                raise store_error(self.engine.url, error) from None
            raise

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work(conn)`` in one write transaction, again while another writer is in the way.

        ``work`` must be safe to run again (it is: every write is idempotent). After
        ``lock_wait`` seconds of contention the failure is raised as a one-line ``StoreError``.
        """
        return self._retrying(lambda: self._write_once(work))

    def exclusively(self, work: Callable[[Engine], T]) -> T:
        """Run ``work(engine)`` while no other process runs an exclusive job on this database.

        For corpus-wide jobs such as resolving: on PostgreSQL under an advisory lock, on SQLite
        each transaction of ``work`` holds the write lock from its start. Retried like ``write``.
        """

        if self.engine.dialect.name != "postgresql":
            return self._retrying(lambda: work(self.writer))
        with self.transaction() as lock:
            lock.execute(select(func.pg_advisory_lock(EXCLUSIVE_LOCK)))
            try:
                return self._retrying(lambda: work(self.writer))
            finally:
                lock.execute(select(func.pg_advisory_unlock(EXCLUSIVE_LOCK)))

    def _write_once(self, work: Callable[[Connection], T]) -> T:
        with self.writer.begin() as conn:
            return work(conn)

    def _retrying(self, attempt: Callable[[], T]) -> T:
        deadline = time.monotonic() + self.lock_wait
        pause = 0.05
        while True:
            try:
                return attempt()
            except DBAPIError as error:
                self.entity_cache.discard()
                if not _is_contention(error) or time.monotonic() > deadline:
                    if error.connection_invalidated or _is_store_failure(error):
                        raise store_error(self.engine.url, error) from None
                    raise
            time.sleep(pause * (1 + random.random()))
            pause = min(pause * 2, 2.0)

    def has_document(self, document_id: str) -> bool:
        """Return True when a document with this id is stored."""

        with self.transaction() as conn:
            found = conn.execute(select(t.documents.c.id).where(t.documents.c.id == document_id)).first()
            return found is not None

    def save(self, document: Document, analysis: Analysis | None = None) -> bool:
        """Store a document and, if given, its extraction, in one transaction; True if the text was new."""

        def work(conn: Connection) -> bool:
            new = insert_document(conn, document)
            # a text another writer stored and extracted with this version keeps that extraction
            version = analysis.extractor_version if analysis is not None else None
            if analysis is not None and (new or not extracted_by(conn, document.id, str(version))):
                write_analysis(conn, analysis, self.entity_cache)
            self._saves += 1
            _fault_point("in-save", self._saves)
            return new

        try:
            new = self.write(work)
        except BaseException:
            self.entity_cache.discard()
            raise
        self.entity_cache.commit()
        _fault_point("after-save", self._saves)
        return new

    def save_analysis(self, analysis: Analysis) -> None:
        """Replace the stored extraction of one document, in one transaction."""
        try:
            self.write(lambda conn: write_analysis(conn, analysis, self.entity_cache))
        except BaseException:
            self.entity_cache.discard()
            raise
        self.entity_cache.commit()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def parse_url(value: str) -> URL:
    """Return the SQLAlchemy URL for ``value``; raise StoreError for a scheme sitroom cannot use."""
    scheme = value.split("://", 1)[0]
    backend = scheme.split("+", 1)[0]
    if backend not in DRIVERS:
        raise StoreError(
            f"{scheme}:// is not a database sitroom can use: give a file path, sqlite:///PATH "
            "or postgresql+psycopg://USER@HOST/NAME"
        )
    try:
        url = make_url(value)
    except ArgumentError:
        raise StoreError(f"{_hide_password(value)} is not a valid database URL") from None
    if "+" not in scheme:
        url = url.set(drivername=DRIVERS[backend])
    return url


def _migrate(conn: Connection) -> None:
    """Upgrade the schema under a lock, so two processes opening a new database do not collide.

    On SQLite the transaction already holds the write lock (``Store.writer``); on PostgreSQL
    an advisory lock held until commit makes the second process wait, then find the schema done.
    """

    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
    upgrade(conn)


def needs_upgrade(conn: Connection) -> bool:
    """True when the schema on ``conn`` is not at the newest migration (or is not sitroom's)."""
    current = set(MigrationContext.configure(conn).get_current_heads())
    return current != set(ScriptDirectory(str(MIGRATIONS)).get_heads())


def upgrade(conn: Connection) -> None:
    """Bring the schema on ``conn`` to the newest migration (nothing to do when it is there)."""
    tables = set(inspect(conn).get_table_names())
    if tables and "alembic_version" not in tables:
        raise StoreError(f"{describe(conn.engine.url)} is not a sitroom database or is corrupted")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def describe(url: URL) -> str:
    """Name a database for messages: the SQLite path, else the URL without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def store_error(url: URL, error: Exception) -> StoreError:
    """Turn a database driver error into a one-line StoreError that names the database."""
    reason = str(getattr(error, "orig", error) or error).strip()
    if url.get_backend_name() == "sqlite":
        path = url.database or ":memory:"
        if "locked" in reason or "busy" in reason:
            return StoreError(f"{path} is locked by another process; try again when it has finished")
        if "not a database" in reason or "malformed" in reason or "corrupt" in reason:
            return StoreError(f"{path} is not a sitroom database or is corrupted")
        return StoreError(f"{path}: {_first_line(reason)}")
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    if "connection" in reason.lower() or "connect" in reason.lower():
        detail = _first_line(reason.split("failed:")[-1]) if "failed:" in reason else _first_line(reason)
        return StoreError(f"cannot reach PostgreSQL at {where} (database {url.database}): {detail}")
    return StoreError(f"PostgreSQL at {where}: {_first_line(reason)}")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0].strip() if text.strip() else "unknown error"


def _hide_password(value: str) -> str:
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", value)


def _is_store_failure(error: Exception) -> bool:
    """True for the failures a user must act on (lock, corruption, connection), not for bugs."""
    reason = str(getattr(error, "orig", error)).lower()
    return isinstance(error, OperationalError) or "not a database" in reason or "malformed" in reason


def _fault_point(where: str, count: int) -> None:
    """Hold the process still at a named point so a test can kill it there (fault injection).

    Only with ``SITROOM_FAULT_PAUSE=WHERE:N`` set (``in-save`` inside the N-th document's
    transaction, ``after-save`` after it commits): touch the file ``SITROOM_FAULT_MARKER`` and wait.
    """
    wanted = os.environ.get("SITROOM_FAULT_PAUSE")
    if not wanted or wanted != f"{where}:{count}":
        return
    Path(os.environ["SITROOM_FAULT_MARKER"]).touch()
    time.sleep(3600)


def _lock_wait() -> float:
    """Return the seconds a write waits for other writers: SITROOM_LOCK_WAIT, else the default."""
    value = os.environ.get("SITROOM_LOCK_WAIT", "").strip()
    if not value:
        return LOCK_WAIT_S
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < 86_400:
        raise ConfigError(f"SITROOM_LOCK_WAIT={value!r}: give the seconds to wait, from 0 to 86399")
    return seconds


def _is_contention(error: Exception) -> bool:
    """True when another writer caused ``error``: a busy or locked SQLite file, a PostgreSQL deadlock."""
    original = getattr(error, "orig", error)
    if getattr(original, "sqlstate", None) in RETRIED_SQLSTATES:
        return True
    reason = str(original).lower()
    return "database is locked" in reason or "database is busy" in reason or "deadlock" in reason


def _check_sqlite_file(database: str | None) -> None:
    """Refuse, before SQLite touches it, a file that is not an SQLite database or a missing folder."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.is_dir():
        raise StoreError(f"{database} is a directory, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"{database}: the folder {path.parent} does not exist")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise StoreError(f"{database} is not a sitroom database or is corrupted")


def _sqlite_pragmas(dbapi_connection: object, busy_ms: int) -> None:
    # sitroom, not the sqlite3 module, begins transactions (see ``_sqlite_begin``).
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """Begin every transaction explicitly; a write one takes the write lock at once (IMMEDIATE).

    A deferred transaction that reads and then writes fails at once with "database is
    locked" when another process wrote in between; an immediate one waits for its turn.
    """
    immediate = conn.get_execution_options().get("sitroom_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
