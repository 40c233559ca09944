"""The schema is built by the migrations, from nothing, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.config import Config
from sqlalchemy import Connection, inspect, text

from sitroom.model import Analysis, Bounds, Document, Event, Evidence
from sitroom.store import schema
from sitroom.store.db import MIGRATIONS, Store


def alembic_config() -> Config:
    """An Alembic configuration for sitroom's migrations (the connection is set per use)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


# Columns the migrations add for one dialect's full-text search, outside sitroom.store.schema.
SEARCH_COLUMNS = {"sqlite": set(), "postgresql": {"search_vector"}}


def stored_indexes(conn: Connection, table: str) -> set[str]:
    """Names of the indexes on ``table`` (SQLAlchemy does not reflect SQLite's expression indexes)."""
    if conn.dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :table"
    else:
        sql = "SELECT indexname FROM pg_indexes WHERE tablename = :table"
    return set(conn.execute(text(sql), {"table": table}).scalars())


def test_migrations_create_every_table_and_index_of_the_schema(db_url: str) -> None:
    store = Store.open(db_url)
    inspector = inspect(store.engine)
    tables = set(inspector.get_table_names())
    assert set(schema.metadata.tables) <= tables
    assert "alembic_version" in tables
    extra = SEARCH_COLUMNS[store.engine.dialect.name]
    with store.engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            assert {ix.name for ix in table.indexes} <= stored_indexes(conn, table.name), table.name
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert {c.name for c in table.columns} == columns - (
                extra if table.name == "documents" else set()
            )
    store.close()


def event_listing_plan(conn: Connection, type: str | None = None) -> str:
    """The query plan of the events listing's first page (by type when ``type`` is given)."""
    where = "WHERE upper(type) = :type " if type else ""
    sql = f"SELECT id FROM events {where}ORDER BY date IS NULL, date, id LIMIT 50"
    if conn.dialect.name == "sqlite":
        rows = conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"), {"type": type}).all()
        return " ".join(str(row[-1]) for row in rows)
    for method in ("seqscan", "bitmapscan", "sort"):  # an empty table would be scanned and sorted
        conn.execute(text(f"SET enable_{method} = off"))
    return " ".join(conn.execute(text(f"EXPLAIN {sql}"), {"type": type}).scalars())


def test_events_listings_read_their_order_from_an_index_without_sorting(db_url: str) -> None:
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        plans = {"all": event_listing_plan(conn), "type": event_listing_plan(conn, "ASSAULT")}
    store.close()
    assert "ix_events_order" in plans["all"]
    assert "ix_events_type_order" in plans["type"]
    for plan in plans.values():
        assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan


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


def test_postgresql_gets_gin_index_on_a_stored_search_vector(fresh_postgres_url: str) -> None:
    store = Store.open(fresh_postgres_url)
    with store.engine.connect() as conn:
        definition = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_documents_search'")
        ).scalar()
        generated = conn.execute(
            text(
                "SELECT generation_expression FROM information_schema.columns"
                " WHERE table_name = 'documents' AND column_name = 'search_vector'"
            )
        ).scalar()
    assert definition is not None
    assert "gin" in definition.lower() and "(search_vector)" in definition
    assert generated is not None and "to_tsvector" in generated
    store.close()


def test_postgresql_migration_0002_fills_the_search_vector_of_existing_documents(
    fresh_postgres_url: str,
) -> None:
    from alembic import command

    store = Store.open(fresh_postgres_url)
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (id, title, text, ingested_at)"
                " VALUES ('d1', 'Shelling', 'Artillery hit Kharkiv overnight.', now())"
            )
        )
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    with store.engine.connect() as conn:
        hits = conn.execute(
            text("SELECT id FROM documents WHERE search_vector @@ plainto_tsquery('english', 'kharkiv')")
        ).scalars()
        assert list(hits) == ["d1"]
    store.close()


def test_sqlite_migration_0002_downgrades_and_upgrades_again(sqlite_url: str) -> None:
    from alembic import command

    store = Store.open(sqlite_url)
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
        assert "ix_events_order" not in stored_indexes(conn, "events")
        command.upgrade(config, "head")
        assert "ix_events_order" in stored_indexes(conn, "events")
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0005"
    store.close()


def test_migration_0004_indexes_story_keys_and_links_by_story(db_url: str) -> None:
    from alembic import command

    store = Store.open(db_url)
    config = alembic_config()
    with store.engine.begin() as conn:
        assert "ix_story_keys_story" in stored_indexes(conn, "story_keys")
        assert "ix_story_links_story" in stored_indexes(conn, "story_links")
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
        assert "ix_story_keys_story" not in stored_indexes(conn, "story_keys")
        assert "ix_story_links_story" not in stored_indexes(conn, "story_links")
        command.upgrade(config, "head")
        assert "ix_story_keys_story" in stored_indexes(conn, "story_keys")
    store.close()


def test_migration_0005_stores_the_wars_counts_apart_and_keeps_events(db_url: str) -> None:
    from alembic import command

    store = Store.open(db_url)
    text_ = "Shelling has killed 40 people in Izium since the invasion."
    document = Document(id="d-izium", text=text_, source="AP", published=datetime(2023, 9, 1, tzinfo=UTC))
    event = Event("ASSAULT", Evidence(0, len(text_), text_), cumulative_killed=Bounds(40, 40))
    store.save(document, Analysis(document=document, events=(event,)))
    config = alembic_config()
    with store.engine.begin() as conn:
        assert conn.execute(text("SELECT cumulative_killed_min FROM events")).scalars().all() == [40]
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
        assert "cumulative_killed_min" not in {c["name"] for c in inspect(conn).get_columns("events")}
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 1
        command.upgrade(config, "head")
        assert conn.execute(text("SELECT cumulative_killed_min FROM events")).scalars().all() == [None]
    store.close()


def test_second_open_is_a_no_op(db_url: str) -> None:
    Store.open(db_url).close()
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert versions == ["0005"]
    store.close()
