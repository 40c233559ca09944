"""Story building at scale: docs/s per block of new documents as the corpus grows, and peak memory.

Real items replayed: a pool database already holding extracted real items (``sitroom ingest``
of ``../shared/data/rss-2023``) is copied into a fresh database over and over, each replay
shifted ``REPLAY_DAYS`` later (new document and event ids, dates moved, the same texts, names,
places and events), so the stream keeps the real mix of stories and singletons while the
corpus grows. Each block of new documents is then placed in stories as an ingest places them
(``assign_documents`` then ``settle``), and its rate is measured. Extraction is not timed here:
its cost per document does not depend on the corpus (``bench/throughput.py`` measures it).

    PYTHONPATH=. python -m sitroom.bench.stories --pool rss.db --out stories.db --blocks 10 --size 10000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from sitroom.bench.throughput import current_rss_mb, peak_rss_mb
from sitroom.resolve.stories import assign_documents, settle
from sitroom.store import schema as t
from sitroom.store.db import Store

REPLAY_DAYS = 21  # each replay of the pool lies three weeks after the one before


@dataclass(frozen=True, slots=True)
class Block:
    """One block of new documents placed in stories."""

    number: int
    documents: int  # documents in the block
    corpus: int  # documents stored once the block is in
    seconds: float  # wall time
    cpu_seconds: float  # this process's CPU time: steady when other jobs share the machine
    stories: int  # stories stored once the block is in
    rss_mb: float  # resident memory after the block
    peak_rss_mb: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def docs_per_cpu_s(self) -> float:
        return self.documents / self.cpu_seconds if self.cpu_seconds else 0.0


def _new_id(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def _shift(value: str | None, days: int) -> str | None:
    """Return an ISO date (or "a/b" range) moved by ``days``; other values as they are."""
    if not value or len(value) < 10 or value[4] != "-":
        return value
    try:
        moved = date.fromisoformat(value[:10]) + timedelta(days=days)
    except ValueError:
        return value
    return moved.isoformat() + value[10:] if "/" not in value else value


class Replayer:
    """Copies the pool's documents into the bench database, one replay after another."""

    def __init__(self, pool: Engine) -> None:
        with pool.connect() as conn:
            self.documents = conn.execute(
                select(t.documents).order_by(t.documents.c.published_at, t.documents.c.id)
            ).all()
            self.sources = {r.id: r.name for r in conn.execute(select(t.sources))}
            self.links = _by_document(conn, t.document_sources)
            self.mentions = _by_document(conn, t.mentions)
            self.events = _by_document(conn, t.events)
            self.entities = conn.execute(select(t.entities)).all()
        self.position = 0

    def copy_entities(self, conn: Connection) -> None:
        conn.execute(t.entities.insert(), [dict(r._mapping, merged_into=None) for r in self.entities])

    def next_documents(self, conn: Connection, count: int, source_ids: dict[str, int]) -> list[str]:
        """Insert the next ``count`` documents of the replay stream; return their ids."""
        made = []
        for _ in range(count):
            replay, index = divmod(self.position, len(self.documents))
            self.position += 1
            doc = self.documents[index]
            days = replay * REPLAY_DAYS
            new = _new_id(doc.id, replay)
            published = doc.published_at + timedelta(days=days) if doc.published_at else None
            conn.execute(t.documents.insert().values(dict(doc._mapping, id=new, published_at=published)))
            for link in self.links.get(doc.id, []):
                name = self.sources[link.source_id]
                if name not in source_ids:
                    key = conn.execute(t.sources.insert().values(name=name)).inserted_primary_key
                    source_ids[name] = int(key[0])  # type: ignore[index]
                row = dict(link._mapping, document_id=new, source_id=source_ids[name])
                row.pop("id")
                row["published_at"] = link.published_at + timedelta(days=days) if link.published_at else None
                conn.execute(t.document_sources.insert().values(row))
            mentions = [dict(m._mapping, document_id=new) for m in self.mentions.get(doc.id, [])]
            for m in mentions:
                m.pop("id")
            if mentions:
                conn.execute(t.mentions.insert(), mentions)
            events = [
                dict(
                    e._mapping,
                    id=_new_id(e.id, replay),
                    document_id=new,
                    story_id=None,
                    date=_shift(e.date, days),
                )
                for e in self.events.get(doc.id, [])
            ]
            if events:
                conn.execute(t.events.insert(), events)
            made.append(new)
        return made


def _by_document(conn: Connection, table: Any) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for row in conn.execute(select(table)):
        found.setdefault(row.document_id, []).append(row)
    return found


def run(pool_db: str, out_db: str, blocks: int, size: int) -> list[Block]:
    """Place ``blocks`` blocks of ``size`` replayed real documents in stories; return each block's figures."""
    pool = Store.open(pool_db)
    replayer = Replayer(pool.engine)
    pool.close()
    store = Store.open(out_db)
    with store.engine.begin() as conn:
        replayer.copy_entities(conn)
    sources: dict[str, int] = {}
    found = []
    for number in range(1, blocks + 1):
        with store.engine.begin() as conn:
            ids = replayer.next_documents(conn, size, sources)
        started, cpu_started = time.perf_counter(), time.process_time()
        touched = assign_documents(store.engine, ids)
        settle(store.engine, touched)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        with store.engine.connect() as conn:
            corpus = int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())
            stories = int(conn.execute(select(func.count()).select_from(t.stories)).scalar_one())
        memory = current_rss_mb(), peak_rss_mb()
        block = Block(number, len(ids), corpus, seconds, cpu_seconds, stories, *memory)
        found.append(block)
        rates = {"docs_per_s": round(block.docs_per_s, 2), "docs_per_cpu_s": round(block.docs_per_cpu_s, 2)}
        print(json.dumps({**asdict(block), **rates}), flush=True)
    store.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", required=True, help="A database holding extracted real items.")
    parser.add_argument("--out", required=True, help="A new database to build (path or URL).")
    parser.add_argument("--blocks", type=int, default=10)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    run(args.pool, args.out, args.blocks, args.size)


if __name__ == "__main__":
    main()
