"""``Room``: a corpus in a database — ingest reports, (re-)extract them, list, search, count.

The CLI calls ``Room``; ``Room`` calls the readers, the extraction pipeline and the store.
Each document is written together with its extraction in one transaction, so an ingest
that is killed part way leaves whole documents only, and running it again finishes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from sitroom.config import DEFAULT_MAX_BYTES
from sitroom.errors import InputError
from sitroom.model import Document
from sitroom.store.db import Store

if TYPE_CHECKING:
    from sitroom.resolve import ResolveSummary

# Called after each document is handled: (what happened, the document or failed input).
# What happened is "new", "duplicate" or "failed".
Progress = Callable[[str, Document | InputError], None]


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: documents read, stored as new, already stored, and inputs that failed."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    failed: int = 0
    extracted: int = 0
    errors: list[InputError] = field(default_factory=list)
    resolved: ResolveSummary | None = None  # set when new extraction was resolved across the corpus

    @property
    def ok(self) -> bool:
        """True when every input could be read."""
        return self.failed == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "extracted": self.extracted,
            "errors": [str(e) for e in self.errors],
            "resolved": self.resolved.to_json() if self.resolved else None,
        }


class Room:
    """A corpus of reports in one database (a SQLite path or an SQLAlchemy URL)."""

    def __init__(self, db_url: str | None = None) -> None:
        self.store = Store.open(db_url)

    def ingest(
        self,
        inputs: Sequence[str],
        extract: bool = True,
        *,
        model: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        allow_private: bool = False,
        stdin: TextIO | BinaryIO | None = None,
        batch_size: int = 16,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Read ``inputs`` (paths, URLs, ``-``), store the documents not stored yet, extract them.

        A document already stored only gains the new source link. Inputs that cannot be read
        are counted and listed in the report; the others are stored.
        """
        from sitroom.ingest import read_inputs

        report = IngestReport()
        batch: list[Document] = []
        # Texts seen again while their first copy waits in ``batch``: linked after it is stored.
        echoes: list[Document] = []

        pending: set[str] = set()

        def flush() -> None:
            self._store_batch(batch, extract, model=model, batch_size=batch_size)
            report.extracted += len(batch) if extract else 0
            for echo in echoes:
                self.store.save(echo)
            batch.clear()
            echoes.clear()
            pending.clear()

        for item in read_inputs(inputs, max_bytes=max_bytes, allow_private=allow_private, stdin=stdin):
            if isinstance(item, InputError):
                report.failed += 1
                report.errors.append(item)
                outcome = "failed"
            else:
                report.read += 1
                if item.id in pending:
                    echoes.append(item)
                    outcome = "duplicate"
                elif self.store.has_document(item.id):
                    self.store.save(item)
                    outcome = "duplicate"
                else:
                    batch.append(item)
                    pending.add(item.id)
                    outcome = "new"
                if outcome == "new":
                    report.new += 1
                else:
                    report.duplicates += 1
                if len(batch) >= batch_size:
                    flush()
            if progress is not None:
                progress(outcome, item)
        flush()
        if report.extracted:
            report.resolved = self.resolve()
        return report

    def extract(
        self,
        force: bool = False,
        *,
        model: str | None = None,
        batch_size: int = 16,
        progress: Callable[[Document], None] | None = None,
    ) -> int:
        """Re-run extraction over stored documents made by another extractor version (all with ``force``).

        Returns how many documents were extracted; each one's rows are replaced in one transaction,
        then entities and stories are resolved again across the corpus.
        """
        from sitroom.extract.pipeline import EXTRACTOR_VERSION, analyze_documents

        done = 0
        after = ""
        while True:
            documents = self._stale_documents(after, batch_size, None if force else EXTRACTOR_VERSION)
            if not documents:
                break
            for analysis in analyze_documents(documents, model=model, batch_size=batch_size):
                self.store.save_analysis(analysis)
                done += 1
                if progress is not None:
                    progress(analysis.document)
            after = documents[-1].id
        if done:
            self.resolve()
        return done

    def resolve(self) -> ResolveSummary:
        """Resolve entities and rebuild stories across the whole corpus (one transaction)."""
        from sqlalchemy.exc import OperationalError

        from sitroom.resolve import resolve_corpus
        from sitroom.store.db import store_error

        try:
            return self.store.exclusively(resolve_corpus)  # one resolving process at a time
        except OperationalError as error:
            raise store_error(self.store.engine.url, error) from None

    def documents(self, limit: int = 50, offset: int = 0, source: str | None = None) -> list[dict[str, Any]]:
        """Return stored documents, newest first (see ``queries.list_documents``)."""
        from sitroom.store.queries import list_documents

        with self.store.transaction() as conn:
            return list_documents(conn, limit, offset, source)

    def document(self, document_id: str) -> dict[str, Any]:
        """Return one stored document with its text; raise NotFound when absent."""
        from sitroom.store.queries import get_document

        with self.store.transaction() as conn:
            return get_document(conn, document_id)

    def search(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """Return the documents matching every word of ``q``, best first, with snippets."""
        from sitroom.store.queries import search_documents

        with self.store.transaction() as conn:
            return search_documents(conn, q, limit)

    def stats(self) -> dict[str, int]:
        """Return the counts of documents, sources, entities, events, claims and stories."""
        from sitroom.store.queries import corpus_stats

        with self.store.transaction() as conn:
            return corpus_stats(conn)

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()

    def _store_batch(
        self, batch: Iterable[Document], extract: bool, *, model: str | None, batch_size: int
    ) -> None:
        """Store each document of ``batch`` with its extraction, one transaction per document."""
        if not extract:
            for document in batch:
                self.store.save(document)
            return
        from sitroom.extract.pipeline import analyze_documents

        for analysis in analyze_documents(list(batch), model=model, batch_size=batch_size):
            self.store.save(analysis.document, analysis)

    def _stale_documents(self, after: str, limit: int, current: str | None) -> list[Document]:
        """Return up to ``limit`` stored documents with ids after ``after`` not extracted by ``current``."""
        from sqlalchemy import or_, select

        from sitroom.store import schema as t
        from sitroom.store.queries import as_utc, sources_of

        d = t.documents.c
        columns = (d.id, d.text, d.title, d.url, d.published_at, d.language, d.metadata)
        query = select(*columns).where(d.id > after)
        if current is not None:
            query = query.where(or_(d.extractor_version.is_(None), d.extractor_version != current))
        with self.store.transaction() as conn:
            rows = conn.execute(query.order_by(d.id).limit(limit)).all()
            names = sources_of(conn, [r.id for r in rows])
        return [
            Document(
                id=r.id, text=r.text, source=next(iter(names[r.id]), None), url=r.url, title=r.title,
                published=as_utc(r.published_at), language=r.language, metadata=r.metadata or {},
            )
            for r in rows
        ]
