"""Read documents: list, fetch and search them, their outlets, and count what the corpus holds.

Every function takes an open connection. The listings return plain dicts (JSON-ready
values), so the CLI, the web app and exporters format them as they like; ``document_views``
returns the ``DocumentView`` that stories and events cite.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select, text

from sitroom.errors import NotFound
from sitroom.read.views import DocumentView, SearchFilters, SearchResult
from sitroom.store import schema as t
from sitroom.store.chunks import in_chunks
from sitroom.times import as_utc

SNIPPET_MARKS = ("[", "]")


def _iso(moment: datetime | None) -> str | None:
    utc = as_utc(moment)
    return utc.isoformat() if utc else None


def sources_of(conn: Connection, document_ids: list[str]) -> dict[str, list[str]]:
    """Return, for each document id, the names of the outlets it came from (first seen first)."""
    if not document_ids:
        return {}
    rows = conn.execute(
        select(t.document_sources.c.document_id, t.sources.c.name)
        .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
        .where(t.document_sources.c.document_id.in_(document_ids))
        .order_by(t.document_sources.c.id)
    )
    found: dict[str, list[str]] = {doc_id: [] for doc_id in document_ids}
    for row in rows:
        found[row.document_id].append(row.name)
    return found


def _summary(row: Any, sources: list[str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "sources": sources,
        "url": row.url,
        "published": _iso(row.published_at),
        "language": row.language,
        "ingested": _iso(row.ingested_at),
        "extractor_version": row.extractor_version,
    }


_SUMMARY_COLUMNS = (
    t.documents.c.id,
    t.documents.c.title,
    t.documents.c.url,
    t.documents.c.published_at,
    t.documents.c.language,
    t.documents.c.ingested_at,
    t.documents.c.extractor_version,
)


def list_documents(
    conn: Connection, limit: int = 50, offset: int = 0, source: str | None = None
) -> list[dict[str, Any]]:
    """Return stored documents, newest publication first, optionally only those from ``source``."""
    query = select(*_SUMMARY_COLUMNS)
    if source is not None:
        from_source = (
            select(t.document_sources.c.document_id)
            .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
            .where(t.sources.c.name == source)
        )
        query = query.where(t.documents.c.id.in_(from_source))
    newest_first = (t.documents.c.published_at.is_(None), t.documents.c.published_at.desc(), t.documents.c.id)
    rows = conn.execute(query.order_by(*newest_first).limit(limit).offset(offset)).all()
    names = sources_of(conn, [r.id for r in rows])
    return [_summary(r, names[r.id]) for r in rows]


def get_document(conn: Connection, document_id: str) -> dict[str, Any]:
    """Return one document with its text and metadata; raise NotFound when it is not stored."""
    row = conn.execute(
        select(*_SUMMARY_COLUMNS, t.documents.c.text, t.documents.c.metadata).where(
            t.documents.c.id == document_id
        )
    ).first()
    if row is None:
        raise NotFound(f"document {document_id}: not in the database")
    found = _summary(row, sources_of(conn, [document_id])[document_id])
    found["text"] = row.text
    found["metadata"] = row.metadata or {}
    return found


def fts5_query(query: str) -> str:
    """Return ``query`` as an FTS5 expression matching all its words, so no input is a syntax error.

    Each whitespace-separated word becomes a quoted string (quotes inside doubled), which
    FTS5 reads as a phrase of the tokens in it, never as an operator.
    """
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def search_documents(conn: Connection, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Return the documents matching every word of ``query``, best first, each with a snippet.

    ``offset`` skips that many of the best hits. Matches in the snippet are wrapped in
    ``SNIPPET_MARKS``.
    """
    if not query.split():
        return []
    start, stop = SNIPPET_MARKS
    sql: Any
    if conn.dialect.name == "sqlite":
        sql = text(
            "SELECT d.id, d.title, d.url, d.published_at, d.language, d.ingested_at, d.extractor_version,"
            " snippet(documents_fts, 2, :start, :stop, '…', 16) AS snippet, bm25(documents_fts) AS rank"
            " FROM documents_fts JOIN documents AS d ON d.id = documents_fts.id"
            " WHERE documents_fts MATCH :query ORDER BY rank LIMIT :limit OFFSET :offset"
        ).columns(published_at=t.documents.c.published_at.type, ingested_at=t.documents.c.ingested_at.type)
        params = {"query": fts5_query(query), "start": start, "stop": stop, "limit": limit, "offset": offset}
    else:
        # Rank on the stored vectors (migration 0002) and cut the page first: only the page's
        # texts are parsed again, for their snippets.
        sql = text(
            "SELECT d.id, d.title, d.url, d.published_at, d.language, d.ingested_at, d.extractor_version,"
            " ts_headline('english', d.text, hit.q, :options) AS snippet, hit.rank"
            " FROM (SELECT d.id, q, -ts_rank(d.search_vector, q) AS rank"
            "       FROM documents AS d, plainto_tsquery('english', :query) AS q WHERE d.search_vector @@ q"
            "       ORDER BY rank, d.id LIMIT :limit OFFSET :offset) AS hit"
            " JOIN documents AS d ON d.id = hit.id ORDER BY hit.rank, d.id"
        )
        options = f"StartSel={start}, StopSel={stop}, MaxWords=24, MinWords=10, MaxFragments=1"
        params = {"query": query, "options": options, "limit": limit, "offset": offset}
    rows = conn.execute(sql, params).all()
    names = sources_of(conn, [r.id for r in rows])
    found = []
    for row in rows:
        hit = _summary(row, names[row.id])
        hit["snippet"] = " ".join(row.snippet.split())
        hit["score"] = round(-float(row.rank), 4)
        found.append(hit)
    return found


def corpus_stats(conn: Connection) -> dict[str, int]:
    """Return how many documents, sources, entities (not merged away), events, claims, stories there are."""

    def count(table: Any, *where: Any) -> int:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

    return {
        "documents": count(t.documents),
        "sources": count(t.sources),
        "entities": count(t.entities, t.entities.c.merged_into.is_(None)),
        "events": count(t.events),
        "claims": count(t.claims),
        "stories": count(t.stories),
    }


def document_views(
    conn: Connection, document_ids: set[str]
) -> dict[str, tuple[DocumentView, tuple[Any, ...]]]:
    """Return each document's view and its (outlet, published) pairs."""
    found: dict[str, tuple[DocumentView, tuple[Any, ...]]] = {}
    ids = sorted(document_ids)
    for chunk in in_chunks(ids):
        docs = conn.execute(
            select(
                t.documents.c.id, t.documents.c.title, t.documents.c.url, t.documents.c.published_at
            ).where(t.documents.c.id.in_(chunk))
        ).all()
        outlets: dict[str, list[tuple[str, datetime | None]]] = defaultdict(list)
        rows = conn.execute(
            select(t.document_sources.c.document_id, t.sources.c.name, t.document_sources.c.published_at)
            .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
            .where(t.document_sources.c.document_id.in_(chunk))
            .order_by(t.sources.c.name)
        )
        for doc_id, name, published in rows:
            outlets[doc_id].append((name, as_utc(published)))
        for d in docs:
            pairs = tuple((name, when or as_utc(d.published_at)) for name, when in outlets[d.id])
            view = DocumentView(d.id, d.title, d.url, as_utc(d.published_at), tuple(n for n, _ in pairs))
            found[d.id] = (view, pairs)
    return found


def all_document_views(conn: Connection) -> list[DocumentView]:
    """Return the view of every stored document, by id."""
    ids = set(conn.execute(select(t.documents.c.id)).scalars())
    return sorted((view for view, _ in document_views(conn, ids).values()), key=lambda view: view.id)


def last_published(conn: Connection) -> date | None:
    """Return the day (UTC) of the newest stored publication, None when nothing is dated."""
    newest = conn.execute(select(func.max(t.documents.c.published_at))).scalar_one()
    if newest is None:
        return None
    return newest.date() if hasattr(newest, "date") else date.fromisoformat(str(newest)[:10])


def outlets(conn: Connection) -> list[tuple[str, int]]:
    """Return every outlet with how many stored documents it published, most first."""
    rows = conn.execute(
        select(t.sources.c.name, func.count())
        .join(t.document_sources, t.document_sources.c.source_id == t.sources.c.id)
        .group_by(t.sources.c.name)
        .order_by(func.count().desc(), t.sources.c.name)
    )
    return [(name, int(count)) for name, count in rows]


def count_documents(conn: Connection, outlet: str | None) -> int:
    """Return how many documents are stored, or came from ``outlet``."""
    query = select(func.count()).select_from(t.documents)
    if outlet:
        query = query.where(
            t.documents.c.id.in_(
                select(t.document_sources.c.document_id)
                .join(t.sources, t.sources.c.id == t.document_sources.c.source_id)
                .where(t.sources.c.name == outlet)
            )
        )
    return int(conn.execute(query).scalar_one())


# How many of the best hits the search facets are counted over.
FACET_HITS = 200


def search(conn: Connection, q: str, filters: SearchFilters, limit: int, offset: int) -> SearchResult:
    """Search documents on whole words (full-text ranking), with facets by outlet, event type and day.

    Facets count the best ``FACET_HITS`` hits; the filters keep the hits with that value.
    """
    hits = search_documents(conn, q, FACET_HITS, 0)
    types: dict[str, set[str]] = defaultdict(set)
    ids = [hit["id"] for hit in hits]
    for chunk in in_chunks(ids):
        for document_id, kind in conn.execute(
            select(t.events.c.document_id, t.events.c.type)
            .where(t.events.c.document_id.in_(chunk))
            .distinct()
        ):
            types[document_id].add(kind)

    def day(hit: dict[str, Any]) -> str:
        return str(hit["published"] or "")[:10] or "undated"

    kept = [
        hit
        for hit in hits
        if (not filters.outlet or filters.outlet in hit["sources"])
        and (not filters.type or filters.type in types[hit["id"]])
        and (not filters.day or day(hit) == filters.day)
    ]
    outlet_counts = Counter(o for hit in kept for o in hit["sources"])
    type_counts = Counter(kind for hit in kept for kind in types[hit["id"]])
    day_counts = Counter(day(hit) for hit in kept)
    return SearchResult(
        total=len(kept),
        page=kept[offset : offset + limit],
        outlets=_by_count(outlet_counts),
        types=_by_count(type_counts),
        days=sorted(day_counts.items()),
    )


def _by_count(counts: Counter[str]) -> list[tuple[str, int]]:
    """Facet values, most hits first; equal counts by name, so every run lists them alike."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
