"""Trainee preferences: when feedback appears; an index for finding active sessions.

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


def upgrade() -> None:
    with op.batch_alter_table("trainees") as batch:
        batch.add_column(
            sa.Column("feedback_mode", sa.String(8), nullable=False, server_default="each")
        )
    op.create_index(
        "ix_practice_sessions_trainee_status", "practice_sessions", ["trainee_id", "status"]
    )


def downgrade() -> None:
    op.drop_index("ix_practice_sessions_trainee_status", table_name="practice_sessions")
    with op.batch_alter_table("trainees") as batch:
        batch.drop_column("feedback_mode")
