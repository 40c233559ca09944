"""Writing and reading the store, the same on SQLite and PostgreSQL, and its one-line errors."""

from __future__ import annotations

import socket
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sitroom.errors import NotFound, StoreError
from sitroom.model import Analysis, Bounds, Claim, Document, Entity, Event, Evidence, Mention
from sitroom.read.documents import corpus_stats, get_document, list_documents, search_documents
from sitroom.store import schema as t
from sitroom.store.db import Store

STRIKE = "Russian forces shelled Kharkiv on Monday, killing three civilians, the governor said."
PROTEST = "Thousands protested in Minsk against the government on Sunday."


def span(text: str, part: str) -> Evidence:
    start = text.index(part)
    return Evidence(start, start + len(part), part)


def strike_analysis(document: Document, version: str = "test-1", killed: int = 3) -> Analysis:
    text = document.text
    return Analysis(
        document=document,
        mentions=(Mention("Kharkiv", "GPE", text.index("Kharkiv"), text.index("Kharkiv") + 7, "Kharkiv"),),
        entities=(
            Entity("Kharkiv", "GPE", country="UA", lat=49.99, lon=36.23),
            Entity("Russian Armed Forces", "ORG", aliases=("Russian forces",)),
        ),
        events=(
            Event(
                "ASSAULT",
                span(text, "shelled Kharkiv"),
                actor="Russian Armed Forces",
                location="Kharkiv",
                killed=Bounds(killed, killed),
                trigger="shelled",
            ),
        ),
        claims=(Claim("three civilians were killed", "reported", span(text, "killing three civilians")),),
        extractor_version=version,
    )


def count(store: Store, table: t.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def store(db_url: str) -> Store:
    return Store.open(db_url)


def test_save_stores_document_extraction_and_source(store: Store) -> None:
    published = datetime(2024, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    document = Document.from_text(
        STRIKE, source="Kyiv Independent", title="Shelling in Kharkiv", published=published
    )
    assert store.save(document, strike_analysis(document)) is True
    with store.engine.connect() as conn:
        stored = get_document(conn, document.id)
        stats = corpus_stats(conn)
    assert stored["text"] == STRIKE
    assert stored["sources"] == ["Kyiv Independent"]
    assert stored["published"] == "2024-03-04T07:30:00+00:00"
    assert stored["extractor_version"] == "test-1"
    assert stats == {"documents": 1, "sources": 1, "entities": 2, "events": 1, "claims": 1, "stories": 0}


def test_same_text_from_two_outlets_is_one_document_with_two_sources(store: Store) -> None:
    first = Document.from_text(STRIKE, source="Reuters", origin="a.txt")
    second = Document.from_text(STRIKE, source="AP", origin="b.txt")
    assert store.save(first, strike_analysis(first)) is True
    assert store.save(second) is False
    assert store.save(second) is False
    with store.engine.connect() as conn:
        assert get_document(conn, first.id)["sources"] == ["Reuters", "AP"]
        assert [d["id"] for d in list_documents(conn, 10, 0, source="AP")] == [first.id]
    assert count(store, t.documents) == 1
    assert count(store, t.document_sources) == 2


def test_write_analysis_replaces_the_previous_extraction(store: Store) -> None:
    document = Document.from_text(STRIKE, source="Reuters")
    store.save(document, strike_analysis(document, "test-1", killed=3))
    store.save_analysis(strike_analysis(document, "test-2", killed=4))
    store.save_analysis(strike_analysis(document, "test-2", killed=4))
    with store.engine.connect() as conn:
        killed = conn.execute(select(t.events.c.killed_max, t.events.c.extractor_version)).all()
        version = conn.execute(select(t.documents.c.extractor_version)).scalar()
    assert [tuple(row) for row in killed] == [(4, "test-2")]
    assert version == "test-2"
    assert count(store, t.claims) == 1
    assert count(store, t.mentions) == 1
    assert count(store, t.entities) == 2


def test_search_finds_words_ranks_and_marks_the_snippet(store: Store) -> None:
    for text, source in ((STRIKE, "Reuters"), (PROTEST, "BelSat")):
        store.save(Document.from_text(text, source=source, title=text.split(",")[0]))
    with store.engine.connect() as conn:
        hits = search_documents(conn, "kharkiv shelled", 10)
        protest = search_documents(conn, "protested Minsk", 10)
        missing = search_documents(conn, "Kharkiv Minsk", 10)
    assert [h["sources"] for h in hits] == [["Reuters"]]
    assert "[Kharkiv]" in hits[0]["snippet"]
    assert [h["sources"] for h in protest] == [["BelSat"]]
    assert missing == []


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "kharkiv*(", "NEAR(", "-", "  "])
def test_search_never_fails_on_query_syntax(store: Store, query: str) -> None:
    store.save(Document.from_text(STRIKE, source="Reuters"))
    with store.engine.connect() as conn:
        assert isinstance(search_documents(conn, query, 5), list)


def test_stats_count_only_entities_not_merged_away(store: Store) -> None:
    document = Document.from_text(STRIKE, source="Reuters")
    store.save(document, strike_analysis(document))
    with store.engine.begin() as conn:
        ids = conn.execute(select(t.entities.c.id).order_by(t.entities.c.id)).scalars().all()
        conn.execute(t.entities.update().where(t.entities.c.id == ids[1]).values(merged_into=ids[0]))
        assert corpus_stats(conn)["entities"] == 1


def test_missing_document_is_not_found(store: Store) -> None:
    with store.engine.connect() as conn, pytest.raises(NotFound, match="abc: not in the database"):
        get_document(conn, "abc")


def test_corrupted_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    garbage = bytes(range(256)) * 40
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as caught:
        Store.open(str(path))
    assert str(caught.value) == f"{path} is not a sitroom database or is corrupted"
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.db"]


def test_sqlite_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(StoreError, match="is not a sitroom database"):
        Store.open(str(path))


def test_locked_database_gives_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITROOM_LOCK_WAIT", "1")  # a write waits this long for the lock, then fails
    path = tmp_path / "locked.db"
    Store.open(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = Store.open(str(path))
        with pytest.raises(StoreError) as caught:
            store.save(Document.from_text(STRIKE, source="Reuters"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(caught.value)
    assert message.startswith(f"{path} is locked by another process")
    assert "\n" not in message


@pytest.mark.parametrize("url", ["mysql://root@localhost/news", "ftp://example.org/x.db"])
def test_unknown_url_scheme_is_refused(url: str) -> None:
    with pytest.raises(StoreError, match="is not a database sitroom can use"):
        Store.open(url)


def unused_port() -> int:
    """Return a loopback port that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_postgresql_names_host_and_hides_password() -> None:
    port = unused_port()
    with pytest.raises(StoreError) as caught:
        Store.open(f"postgresql://analyst:s3cret-pw@127.0.0.1:{port}/news")
    message = str(caught.value)
    assert f"127.0.0.1:{port}" in message
    assert "s3cret-pw" not in message
    assert "\n" not in message


def test_time_stored_in_utc_round_trips(store: Store) -> None:
    document = Document.from_text(PROTEST, source="BelSat", published=datetime(2024, 1, 2, 3, 4, tzinfo=UTC))
    store.save(document)
    with store.engine.connect() as conn:
        assert list_documents(conn, 5, 0)[0]["published"] == "2024-01-02T03:04:00+00:00"
