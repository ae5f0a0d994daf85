"""Initial schema: trainees, sessions, turns, assessments, client states.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainees",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("display_name", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_active_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("key", name="uq_trainees_key"),
    )
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "trainee_id",
            sa.Integer(),
            sa.ForeignKey("trainees.id", ondelete="CASCADE", name="fk_sessions_trainee"),
            nullable=False,
        ),
        sa.Column("persona_id", sa.String(40), nullable=False),
        sa.Column("persona_name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("engine", sa.String(32), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_practice_sessions_trainee_id", "practice_sessions", ["trainee_id"])
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("practice_sessions.id", ondelete="CASCADE", name="fk_turns_session"),
            nullable=False,
        ),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "seq", name="uq_turns_session_seq"),
    )
    op.create_index("ix_turns_session_id", "turns", ["session_id"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "turn_id",
            sa.Integer(),
            sa.ForeignKey("turns.id", ondelete="CASCADE", name="fk_assessments_turn"),
            nullable=False,
        ),
        sa.Column("invited_input", sa.Boolean(), nullable=False),
        sa.Column("encouraged_self_advocacy", sa.Boolean(), nullable=False),
        sa.Column("overrode_autonomy", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("why", sa.JSON(), nullable=False),
        sa.Column("suggestion", sa.Text(), nullable=False),
        sa.Column("judge", sa.String(32), nullable=False),
        sa.Column("fallback_reason", sa.Text(), nullable=False),
        sa.UniqueConstraint("turn_id", name="uq_assessments_turn_id"),
    )
    op.create_table(
        "client_states",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey(
                "practice_sessions.id", ondelete="CASCADE", name="fk_client_states_session"
            ),
            nullable=False,
        ),
        sa.Column("exchange_no", sa.Integer(), nullable=False),
        sa.Column("trust", sa.Float(), nullable=False),
        sa.Column("revealed", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "session_id", "exchange_no", name="uq_client_states_session_exchange"
        ),
    )
    op.create_index("ix_client_states_session_id", "client_states", ["session_id"])


def downgrade() -> None:
    op.drop_table("client_states")
    op.drop_table("assessments")
    op.drop_table("turns")
    op.drop_table("practice_sessions")
    op.drop_table("trainees")
