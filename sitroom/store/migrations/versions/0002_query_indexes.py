"""Indexes for the API's listings, and a stored search vector on PostgreSQL.

Events are listed by ``(date IS NULL), date, id``, alone or within one type or one place:
an index in that order per listing lets the database read a page instead of sorting every
match; an entity's events are those it acted in, was the target, place or source of, so
each of those columns has an index. Stories are listed by ``date, id``. Entities are looked
up by lower-cased name or alias, and their merge families through ``merged_into``.

On PostgreSQL ``documents.search_vector`` stores the English ``tsvector`` of title and text
(a generated column), and the GIN search index moves onto it, so ranking reads the stored
vectors instead of parsing every matching text again; rows stay uncompressed up to a page
so that reading them is cheap. SQLite keeps its FTS5 table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The expression of 0001's index, now stored in documents.search_vector.
_SEARCH_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"

_INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_events_order", "events", ("(date IS NULL)", "date", "id")),
    ("ix_events_type_order", "events", ("upper(type)", "(date IS NULL)", "date", "id")),
    ("ix_events_location_order", "events", ("location_id", "(date IS NULL)", "date", "id")),
    ("ix_events_target", "events", ("target_id",)),
    ("ix_events_attributed_to", "events", ("attributed_to_id",)),
    ("ix_stories_order", "stories", ("date", "id")),
    ("ix_entities_lower_name", "entities", ("lower(name)",)),
    ("ix_entities_merged_into", "entities", ("merged_into",)),
    ("ix_entity_aliases_lower_alias", "entity_aliases", ("lower(alias)",)),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, [sa.text(c) for c in columns])
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_documents_search", table_name="documents")
        # Keep rows up to a page inline and uncompressed: ranking decompresses every matching
        # vector otherwise (150 ms instead of 30 ms for 33k matches, measured in bench/RESULTS.md).
        op.execute("ALTER TABLE documents SET (toast_tuple_target = 8160)")
        op.execute(
            "ALTER TABLE documents ADD COLUMN search_vector tsvector"
            f" GENERATED ALWAYS AS ({_SEARCH_VECTOR}) STORED"
        )
        op.create_index("ix_documents_search", "documents", ["search_vector"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_documents_search", table_name="documents")
        op.drop_column("documents", "search_vector")
        op.execute("ALTER TABLE documents RESET (toast_tuple_target)")
        op.create_index("ix_documents_search", "documents", [sa.text(_SEARCH_VECTOR)], postgresql_using="gin")
    for name, table, _ in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
