"""Events keep the war's counts to date apart from their own toll.

Extraction reads "500 children have been killed since the invasion" as a cumulative figure of the
conflict, not the day's toll; these columns store it, so stories show it as the war's count to date
instead of losing it or taking it for a toll.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = (
    "cumulative_killed_min",
    "cumulative_killed_max",
    "cumulative_injured_min",
    "cumulative_injured_max",
)


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("events", sa.Column(name, sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ drops columns): a batch copy would lose the expression
    # indexes that 0002 made on events.
    for name in reversed(COLUMNS):
        op.drop_column("events", name)
