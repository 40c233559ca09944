"""The schema is built by the migrations, from nothing, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect, text

from sitroom.store import schema
from sitroom.store.db import Store


def test_migrations_create_every_table_and_index_of_the_schema(db_url: str) -> None:
    store = Store.open(db_url)
    inspector = inspect(store.engine)
    tables = set(inspector.get_table_names())
    assert set(schema.metadata.tables) <= tables
    assert "alembic_version" in tables
    for table in schema.metadata.sorted_tables:
        stored = {ix["name"] for ix in inspector.get_indexes(table.name)}
        assert {ix.name for ix in table.indexes} <= stored, table.name
        assert {c.name for c in table.columns} == {c["name"] for c in inspector.get_columns(table.name)}
    store.close()


def test_sqlite_gets_fts5_table_and_triggers(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    with store.engine.connect() as conn:
        names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
        mode = conn.execute(text("PRAGMA journal_mode")).scalar()
        foreign_keys = conn.execute(text("PRAGMA foreign_keys")).scalar()
    assert {"documents_fts", "documents_fts_insert", "documents_fts_delete"} <= names
    assert mode == "wal"
    assert foreign_keys == 1
    store.close()


def test_postgresql_gets_gin_search_index(fresh_postgres_url: str) -> None:
    store = Store.open(fresh_postgres_url)
    with store.engine.connect() as conn:
        definition = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_documents_search'")
        ).scalar()
    assert definition is not None
    assert "gin" in definition.lower() and "to_tsvector" in definition
    store.close()


def test_second_open_is_a_no_op(db_url: str) -> None:
    Store.open(db_url).close()
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert versions == ["0001"]
    store.close()
