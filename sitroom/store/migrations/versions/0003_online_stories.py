"""Stories built online as documents arrive: members, candidate index, term counts, ranking.

``story_documents`` holds the documents (or round-up passages) of each story with the score
and reasons (JSON) that joined them; ``story_keys`` indexes stories by word and name so a new
document is compared only with the stories it shares one with; ``term_counts`` keeps the
document frequency of each word and name for TF-IDF. Stories gain their headline, outlet,
summary line, outlet count, rank, day window and profile. Stories built by the old
whole-corpus pass are dropped here: the next ingest or ``extract`` builds them again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_STORY_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("headline_document_id", sa.String(64)),
    ("outlet", sa.String(300)),
    ("summary", sa.Text()),
    ("outlets", sa.Integer()),
    ("documents", sa.Integer()),
    ("rank", sa.Float()),
    ("first_day", sa.String(10)),
    ("last_day", sa.String(10)),
    ("profile", sa.JSON()),
)


def upgrade() -> None:
    op.execute("DELETE FROM story_links")
    op.execute("UPDATE events SET story_id = NULL")
    op.execute("DELETE FROM stories")
    with op.batch_alter_table("stories") as batch:
        for name, kind in _STORY_COLUMNS:
            batch.add_column(sa.Column(name, kind))
    op.create_index("ix_stories_last_day", "stories", ["last_day"])
    op.create_index("ix_stories_rank", "stories", ["rank"])
    op.create_table(
        "story_documents",
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("passage", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "passage"),
    )
    op.create_index("ix_story_documents_story", "story_documents", ["story_id"])
    op.create_table(
        "story_keys",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "story_id"),
    )
    op.create_table(
        "term_counts",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("term_counts")
    op.drop_table("story_keys")
    op.drop_index("ix_story_documents_story", table_name="story_documents")
    op.drop_table("story_documents")
    op.drop_index("ix_stories_rank", table_name="stories")
    op.drop_index("ix_stories_last_day", table_name="stories")
    with op.batch_alter_table("stories") as batch:
        for name, _ in reversed(_STORY_COLUMNS):
            batch.drop_column(name)
