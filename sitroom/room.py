"""``Room``: the application layer — ingest reports, analyse them, store them, resolve stories.

The only module that knows every stage: the CLI, the web app and the Dask runner call
``Room``; ``Room`` calls the readers (ingest), the extraction pipeline (analyse), the store and
resolve. Each document is written together with its extraction in one transaction; once an
ingest has stored all its documents they are put in stories, one transaction each, in order of
publication (then id), so the stories do not depend on the order the inputs arrived in. An
ingest killed at any moment leaves whole documents and whole story memberships, and the next
run (any ingest, or ``extract``) places what was left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TextIO

from sqlalchemy import Engine, or_, select
from sqlalchemy.exc import OperationalError

from sitroom.config import DEFAULT_MAX_BYTES
from sitroom.errors import InputError
from sitroom.extract.pipeline import EXTRACTOR_VERSION, analyze_documents
from sitroom.ingest import read_inputs
from sitroom.model import Document
from sitroom.read.documents import corpus_stats, get_document, list_documents, search_documents, sources_of
from sitroom.resolve import ResolveSummary, resolve_corpus
from sitroom.resolve.stories import assign_documents, assign_pending, forget_document, pending, settle
from sitroom.store import schema as t
from sitroom.store.db import Store, store_error
from sitroom.times import as_utc

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
        are counted and listed in the report; the others are stored. Once all are stored, the
        new documents are put in stories in order of publication, then id (not of arrival), so
        the stories do not depend on the order of the inputs; documents a killed run left
        outside any story are placed first.
        """
        report = IngestReport()
        self._repair()
        arrived: list[str] = []  # the new documents, put in stories once all are stored
        batch: list[Document] = []
        # Texts seen again while their first copy waits in ``batch``: linked after it is stored.
        echoes: list[Document] = []

        pending: set[str] = set()

        def flush() -> None:
            self._store_batch(batch, extract, model=model, batch_size=batch_size)
            if extract:
                report.extracted += len(batch)
                arrived.extend(d.id for d in batch)
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
            report.resolved = self.resolve(arrived)
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

        Returns how many documents were extracted; each one's rows are replaced in one transaction
        and the document is taken out of its stories, to be placed again once all are extracted.
        """
        done = 0
        extracted: list[str] = []
        after = ""
        while True:
            documents = self._stale_documents(after, batch_size, None if force else EXTRACTOR_VERSION)
            if not documents:
                break
            for analysis in analyze_documents(documents, model=model, batch_size=batch_size):
                with self.store.transaction() as conn:
                    forget_document(conn, analysis.document.id)
                self.store.save_analysis(analysis)
                extracted.append(analysis.document.id)
                done += 1
                if progress is not None:
                    progress(analysis.document)
            after = documents[-1].id
        if done or self._pending():
            self.resolve(extracted)
        return done

    def resolve(self, arrived: Iterable[str] = ()) -> ResolveSummary:
        """Place the stored documents ``arrived`` in stories (canonical order) and settle them;
        resolve entities; place documents still left outside stories."""
        try:

            def place_and_resolve(engine: Engine) -> ResolveSummary:
                settle(engine, assign_documents(engine, arrived))
                return resolve_corpus(engine)

            return self.store.exclusively(place_and_resolve)  # one resolving process at a time
        except OperationalError as error:
            raise store_error(self.store.engine.url, error) from None

    def _pending(self) -> bool:
        with self.store.transaction() as conn:
            return bool(pending(conn, 1))

    def _repair(self) -> None:
        """Place the documents a killed run stored but left outside any story."""
        if self._pending():
            try:
                self.store.exclusively(assign_pending)
            except OperationalError as error:
                raise store_error(self.store.engine.url, error) from None

    def documents(self, limit: int = 50, offset: int = 0, source: str | None = None) -> list[dict[str, Any]]:
        """Return stored documents, newest first (see ``queries.list_documents``)."""
        with self.store.transaction() as conn:
            return list_documents(conn, limit, offset, source)

    def document(self, document_id: str) -> dict[str, Any]:
        """Return one stored document with its text; raise NotFound when absent."""
        with self.store.transaction() as conn:
            return get_document(conn, document_id)

    def search(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """Return the documents matching every word of ``q``, best first, with snippets."""
        with self.store.transaction() as conn:
            return search_documents(conn, q, limit)

    def stats(self) -> dict[str, int]:
        """Return the counts of documents, sources, entities, events, claims and stories."""
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
        for analysis in analyze_documents(list(batch), model=model, batch_size=batch_size):
            self.store.save(analysis.document, analysis)

    def _stale_documents(self, after: str, limit: int, current: str | None) -> list[Document]:
        """Return up to ``limit`` stored documents with ids after ``after`` not extracted by ``current``."""
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
                id=r.id,
                text=r.text,
                source=next(iter(names[r.id]), None),
                url=r.url,
                title=r.title,
                published=as_utc(r.published_at),
                language=r.language,
                metadata=r.metadata or {},
            )
            for r in rows
        ]
