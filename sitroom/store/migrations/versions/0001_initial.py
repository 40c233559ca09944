"""The initial schema: every table of sitroom.store.schema plus full-text search.

Full-text search is per dialect: on SQLite an FTS5 table ``documents_fts`` over title and
text, kept in step with ``documents`` by triggers; on PostgreSQL a GIN index over the
English ``tsvector`` of title and text (the expression ``queries.search_documents`` uses).

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Must match the expression in sitroom.read.documents so PostgreSQL uses the index.
_SEARCH_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def _create_sqlite_search() -> None:
    """Create the FTS5 table over documents and the triggers that keep it in step.

    The table keeps its own copy of the text keyed by document id: an external-content
    table would key on ``documents.rowid``, which VACUUM may renumber for a text key.
    """
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        "id UNINDEXED, title, text, tokenize='porter unicode61')"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(id, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
        "DELETE FROM documents_fts WHERE id = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
        "UPDATE documents_fts SET title = new.title, text = new.text WHERE id = old.id; END"
    )


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extractor_version", sa.String(length=40), nullable=True),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_documents_published_at", "documents", ["published_at"])

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("subtype", sa.String(length=40), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("external_ids", sa.JSON(), nullable=True),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("type", "name", name="uq_entity_type_name"),
    )
    op.create_index("ix_entities_name", "entities", ["name"])

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("about_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("certainty", sa.String(length=12), nullable=False),
        sa.Column("attributed_to_id", sa.Integer(), nullable=True),
        sa.Column("polarity", sa.String(length=10), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("extractor_version", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["about_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["attributed_to_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_claims_about", "claims", ["about_id"])
    op.create_index("ix_claims_document", "claims", ["document_id"])

    op.create_table(
        "document_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id", "source_id", name="uq_document_source"),
    )
    op.create_table(
        "entity_aliases",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_id", "alias"),
    )
    op.create_table(
        "entity_merges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("judgement", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["kept_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["merged_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kept_id", "merged_id", name="uq_entity_merge"),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mentions_document", "mentions", ["document_id"])
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"])

    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("predicate", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_relations_object", "relations", ["object_id"])
    op.create_index("ix_relations_subject", "relations", ["subject_id"])

    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_roles_entity", "roles", ["entity_id"])

    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("date", sa.String(length=40), nullable=True),
        sa.Column("first_reported", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_reported", sa.DateTime(timezone=True), nullable=True),
        sa.Column("conflicts", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stories_date", "stories", ["date"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=True),
        sa.Column("context", sa.String(length=40), nullable=True),
        sa.Column("cameo", sa.String(length=6), nullable=True),
        sa.Column("acled_event_type", sa.String(length=60), nullable=True),
        sa.Column("acled_sub_event_type", sa.String(length=60), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("date", sa.String(length=40), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=True),
        sa.Column("killed_min", sa.Integer(), nullable=True),
        sa.Column("killed_max", sa.Integer(), nullable=True),
        sa.Column("injured_min", sa.Integer(), nullable=True),
        sa.Column("injured_max", sa.Integer(), nullable=True),
        sa.Column("money_amount", sa.Float(), nullable=True),
        sa.Column("money_currency", sa.String(length=3), nullable=True),
        sa.Column("money_usd", sa.Float(), nullable=True),
        sa.Column("certainty", sa.String(length=12), nullable=False),
        sa.Column("attributed_to_id", sa.Integer(), nullable=True),
        sa.Column("actor_code", sa.String(length=40), nullable=True),
        sa.Column("target_code", sa.String(length=40), nullable=True),
        sa.Column("trigger", sa.Text(), nullable=True),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("extractor_version", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["attributed_to_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_events_actor", "events", ["actor_id"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_document", "events", ["document_id"])
    op.create_index("ix_events_location", "events", ["location_id"])
    op.create_index("ix_events_story", "events", ["story_id"])
    op.create_index("ix_events_type", "events", ["type"])

    op.create_table(
        "story_links",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id"),
    )

    if op.get_bind().dialect.name == "sqlite":
        _create_sqlite_search()
    else:
        op.create_index(
            "ix_documents_search",
            "documents",
            [sa.text(_SEARCH_VECTOR)],
            postgresql_using="gin",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    else:
        op.drop_index("ix_documents_search", table_name="documents")
    op.drop_table("story_links")
    op.drop_table("events")
    op.drop_table("stories")
    op.drop_table("roles")
    op.drop_table("relations")
    op.drop_table("mentions")
    op.drop_table("entity_merges")
    op.drop_table("entity_aliases")
    op.drop_table("document_sources")
    op.drop_table("claims")
    op.drop_table("sources")
    op.drop_table("entities")
    op.drop_table("documents")
