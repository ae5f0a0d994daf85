"""SQLAlchemy 2 typed models. Session state lives here, so a restart resumes a session."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class Trainee(Base):
    __tablename__ = "trainees"
    __table_args__ = (UniqueConstraint("key", name="uq_trainees_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Transport-qualified identity, e.g. "console:alex" or "telegram:123456".
    key: Mapped[str] = mapped_column(String(128))
    display_name: Mapped[str] = mapped_column(String(128), default="")
    feedback_mode: Mapped[str] = mapped_column(String(8), default="each", server_default="each")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_active_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sessions: Mapped[list[PracticeSession]] = relationship(
        back_populates="trainee", cascade="all, delete-orphan", passive_deletes=True
    )


class PracticeSession(Base):
    __tablename__ = "practice_sessions"
    __table_args__ = (Index("ix_practice_sessions_trainee_status", "trainee_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(
        ForeignKey("trainees.id", ondelete="CASCADE"), index=True
    )
    persona_id: Mapped[str] = mapped_column(String(40))
    # A copy of the persona's name, so reports still read well if the file is removed.
    persona_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="active")  # active|ended|abandoned
    engine: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    trainee: Mapped[Trainee] = relationship(back_populates="sessions")


class Turn(Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_turns_session_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(8))  # client|trainee
    text: Mapped[str] = mapped_column(Text)
    # Trainee turns: pending (saved, not yet answered), answered, unanswered (superseded).
    status: Mapped[str] = mapped_column(String(12), default="answered")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AssessmentRecord(Base):
    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("turn_id", name="uq_assessments_turn_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"))
    invited_input: Mapped[bool] = mapped_column(Boolean)
    encouraged_self_advocacy: Mapped[bool] = mapped_column(Boolean)
    overrode_autonomy: Mapped[bool] = mapped_column(Boolean)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    why: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    suggestion: Mapped[str] = mapped_column(Text, default="")
    judge: Mapped[str] = mapped_column(String(32))
    fallback_reason: Mapped[str] = mapped_column(Text, default="")


class ClientStateRecord(Base):
    """The client's state after each exchange; exchange_no 0 is the start of the session."""

    __tablename__ = "client_states"
    __table_args__ = (
        UniqueConstraint("session_id", "exchange_no", name="uq_client_states_session_exchange"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True
    )
    exchange_no: Mapped[int] = mapped_column(Integer)
    trust: Mapped[float] = mapped_column(Float)
    revealed: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
