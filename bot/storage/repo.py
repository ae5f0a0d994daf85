"""Repositories: keyword-only data functions that take the caller's session."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import (
    AssessmentRecord,
    ClientStateRecord,
    PracticeSession,
    Trainee,
    Turn,
    utcnow,
)


async def get_trainee(session: AsyncSession, *, key: str) -> Trainee | None:
    return (await session.execute(select(Trainee).where(Trainee.key == key))).scalar_one_or_none()


async def get_or_create_trainee(
    session: AsyncSession, *, key: str, display_name: str = ""
) -> Trainee:
    """The trainee with this key, created if new, and locked for the rest of the transaction.

    Insert-if-absent then SELECT ... FOR UPDATE: simultaneous first messages from a new
    trainee create one row, and writers for one trainee queue instead of racing (on SQLite
    the IMMEDIATE write transaction already serialises them; FOR UPDATE is a no-op there).
    """
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    now = utcnow()
    await session.execute(
        insert(Trainee)
        .values(key=key, display_name=display_name[:128], created_at=now, last_active_at=now)
        .on_conflict_do_nothing(index_elements=[Trainee.key])
    )
    stmt = select(Trainee).where(Trainee.key == key).with_for_update()
    trainee = (await session.execute(stmt)).scalar_one()
    trainee.last_active_at = now
    return trainee


async def active_session(
    session: AsyncSession, *, trainee_id: int, lock: bool = False
) -> PracticeSession | None:
    """The trainee's active session; `lock` serialises writers to it (SQLite needs no lock:
    its write transactions begin IMMEDIATE)."""
    stmt = (
        select(PracticeSession)
        .where(PracticeSession.trainee_id == trainee_id, PracticeSession.status == "active")
        .order_by(PracticeSession.id.desc())
        .limit(1)
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def active_session_for_key(
    session: AsyncSession, *, key: str, lock: bool = False
) -> PracticeSession | None:
    stmt = (
        select(PracticeSession)
        .join(Trainee, Trainee.id == PracticeSession.trainee_id)
        .where(Trainee.key == key, PracticeSession.status == "active")
        .order_by(PracticeSession.id.desc())
        .limit(1)
    )
    if lock:
        stmt = stmt.with_for_update(of=PracticeSession)
    return (await session.execute(stmt)).scalar_one_or_none()


async def turns(session: AsyncSession, *, session_id: int) -> Sequence[Turn]:
    stmt = select(Turn).where(Turn.session_id == session_id).order_by(Turn.seq)
    return (await session.execute(stmt)).scalars().all()


async def states(session: AsyncSession, *, session_id: int) -> Sequence[ClientStateRecord]:
    stmt = (
        select(ClientStateRecord)
        .where(ClientStateRecord.session_id == session_id)
        .order_by(ClientStateRecord.exchange_no)
    )
    return (await session.execute(stmt)).scalars().all()


async def latest_state(session: AsyncSession, *, session_id: int) -> ClientStateRecord:
    stmt = (
        select(ClientStateRecord)
        .where(ClientStateRecord.session_id == session_id)
        .order_by(ClientStateRecord.exchange_no.desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one()


async def assessments(session: AsyncSession, *, session_id: int) -> dict[int, AssessmentRecord]:
    """Assessments of a session keyed by the trainee turn's id."""
    stmt = (
        select(AssessmentRecord)
        .join(Turn, Turn.id == AssessmentRecord.turn_id)
        .where(Turn.session_id == session_id)
    )
    return {a.turn_id: a for a in (await session.execute(stmt)).scalars().all()}


async def supersede_pending(session: AsyncSession, *, session_id: int) -> None:
    await session.execute(
        update(Turn)
        .where(Turn.session_id == session_id, Turn.status == "pending")
        .values(status="unanswered")
    )


async def delete_turns_from(session: AsyncSession, *, session_id: int, seq: int) -> None:
    await session.execute(delete(Turn).where(Turn.session_id == session_id, Turn.seq >= seq))


async def delete_state(session: AsyncSession, *, session_id: int, exchange_no: int) -> None:
    await session.execute(
        delete(ClientStateRecord).where(
            ClientStateRecord.session_id == session_id,
            ClientStateRecord.exchange_no == exchange_no,
        )
    )


async def sessions_of(session: AsyncSession, *, trainee_id: int) -> Sequence[PracticeSession]:
    stmt = (
        select(PracticeSession)
        .where(PracticeSession.trainee_id == trainee_id)
        .order_by(PracticeSession.started_at, PracticeSession.id)
    )
    return (await session.execute(stmt)).scalars().all()


async def next_seq(session: AsyncSession, *, session_id: int) -> int:
    stmt = select(func.max(Turn.seq)).where(Turn.session_id == session_id)
    current = (await session.execute(stmt)).scalar_one_or_none()
    return 0 if current is None else current + 1
