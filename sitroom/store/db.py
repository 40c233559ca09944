"""Open a database (migrating it to the current schema) and write documents with their extraction.

``Store.open`` accepts a SQLite path or an SQLAlchemy URL (SQLite or PostgreSQL) and turns
every way that can fail (unknown scheme, locked or corrupted file, unreachable server) into
a one-line ``StoreError``. Each ``save`` is one transaction: a crash never leaves half a
document behind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.config import database_url
from sitroom.errors import StoreError
from sitroom.model import Analysis, Document

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL

    from sitroom.store.write import EntityCache

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# What ``postgresql://`` means here: psycopg 3 is the driver sitroom ships with.
DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


class Store:
    """A sitroom database: ``Store.open(db)`` then ``save(document, analysis)``."""

    def __init__(self, engine: Engine) -> None:
        from sitroom.store.write import EntityCache

        self.engine = engine
        self.entity_cache: EntityCache = EntityCache()

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        """Open (and create or upgrade) the database named by a path or SQLAlchemy URL."""
        from sqlalchemy import create_engine, event

        url = parse_url(database_url(db))
        if url.get_backend_name() == "sqlite":
            _check_sqlite_file(url.database)
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        store = cls(engine)
        with store.transaction() as conn:
            upgrade(conn)
        return store

    @property
    def label(self) -> str:
        """The database as a user named it: the file path, or the URL without its password."""
        return describe(self.engine.url)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Yield a connection inside one transaction; database failures become ``StoreError``."""
        from sqlalchemy.exc import DBAPIError

        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as error:
            if error.connection_invalidated or _is_store_failure(error):
                raise store_error(self.engine.url, error) from None
            raise

    def has_document(self, document_id: str) -> bool:
        """Return True when a document with this id is stored."""
        from sqlalchemy import select

        from sitroom.store import schema as t

        with self.transaction() as conn:
            found = conn.execute(select(t.documents.c.id).where(t.documents.c.id == document_id)).first()
            return found is not None

    def save(self, document: Document, analysis: Analysis | None = None) -> bool:
        """Store a document and, if given, its extraction, in one transaction; True if the text was new."""
        from sitroom.store.write import insert_document, write_analysis

        try:
            with self.transaction() as conn:
                new = insert_document(conn, document)
                if analysis is not None:
                    write_analysis(conn, analysis, self.entity_cache)
        except BaseException:
            self.entity_cache.discard()
            raise
        self.entity_cache.commit()
        return new

    def save_analysis(self, analysis: Analysis) -> None:
        """Replace the stored extraction of one document, in one transaction."""
        from sitroom.store.write import write_analysis

        try:
            with self.transaction() as conn:
                write_analysis(conn, analysis, self.entity_cache)
        except BaseException:
            self.entity_cache.discard()
            raise
        self.entity_cache.commit()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def parse_url(value: str) -> URL:
    """Return the SQLAlchemy URL for ``value``; raise StoreError for a scheme sitroom cannot use."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

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


def upgrade(conn: Connection) -> None:
    """Bring the schema on ``conn`` to the newest migration (nothing to do when it is there)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

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
    from sqlalchemy.exc import OperationalError

    reason = str(getattr(error, "orig", error)).lower()
    return isinstance(error, OperationalError) or "not a database" in reason or "malformed" in reason


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


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
