"""Story keys and story links found by story: merging or deleting a story no longer scans them all.

Without these, each story merged (and each story deleted, through the foreign keys' cascade)
read every row of ``story_keys`` and ``story_links``, so placing a document cost more as the
corpus grew.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_story_keys_story", "story_keys", ["story_id"])
    op.create_index("ix_story_links_story", "story_links", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_story_links_story", table_name="story_links")
    op.drop_index("ix_story_keys_story", table_name="story_keys")
