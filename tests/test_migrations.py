"""Migrations: up and down, the models match them, old databases upgrade, bad paths fail clearly."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage.db import Database, DatabaseError, downgrade_sync, upgrade, upgrade_sync
from bot.storage.models import Base


async def _run(url: str, fn):  # type: ignore[no-untyped-def]
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(fn)
    finally:
        await engine.dispose()


def _tables(conn) -> set[str]:  # type: ignore[no-untyped-def]
    return set(inspect(conn).get_table_names())


def _revision(conn) -> str | None:  # type: ignore[no-untyped-def]
    return MigrationContext.configure(conn).get_current_revision()


async def test_upgrade_creates_the_schema_the_models_describe(database_url: str) -> None:
    await upgrade(database_url)
    assert await _run(database_url, _revision) == "0002"

    def diff(conn):  # type: ignore[no-untyped-def]
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, Base.metadata)

    assert await _run(database_url, diff) == []


async def test_downgrade_to_base_and_up_again(database_url: str) -> None:
    await upgrade(database_url)
    await asyncio.to_thread(downgrade_sync, database_url, "base")
    assert await _run(database_url, _tables) <= {"alembic_version"}
    await upgrade(database_url)
    assert {"trainees", "practice_sessions", "turns", "assessments", "client_states"} <= (
        await _run(database_url, _tables)
    )


async def test_a_database_from_an_older_migration_is_upgraded_keeping_its_data(
    database_url: str,
) -> None:
    await upgrade(database_url, "0001")
    engine = create_async_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO trainees (key, display_name, created_at, last_active_at) "
                "VALUES ('console:old', 'Old', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    await engine.dispose()
    await upgrade(database_url)
    engine = create_async_engine(database_url)
    async with engine.connect() as conn:
        row = (await conn.execute(text("SELECT key, feedback_mode FROM trainees"))).one()
    await engine.dispose()
    assert tuple(row) == ("console:old", "each")


async def test_a_database_from_a_newer_version_is_refused_clearly(database_url: str) -> None:
    await upgrade(database_url)
    engine = create_async_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    await engine.dispose()
    with pytest.raises(DatabaseError, match="newer version of peer-practice"):
        await upgrade(database_url)


def test_an_unwritable_database_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    url = f"sqlite+aiosqlite:///{blocker / 'sub' / 'pp.db'}"
    with pytest.raises(DatabaseError, match="Set DATABASE_URL to a writable location"):
        upgrade_sync(url)
    with pytest.raises(DatabaseError, match="Cannot write the database file"):
        Database(url)


async def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'wal.db'}"
    await upgrade(url)
    db = Database(url)
    try:
        async with db.read() as s:
            mode = (await s.execute(text("PRAGMA journal_mode"))).scalar_one()
        assert mode == "wal"
    finally:
        await db.dispose()
