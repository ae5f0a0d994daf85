"""Fixtures: a real database (SQLite always, PostgreSQL when 127.0.0.1:5432 answers)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.client.scripted import ScriptedEngine
from bot.personas import PersonaCatalog
from bot.practice import PracticeService
from bot.storage import Database
from bot.storage.db import upgrade
from tests.factories import KeywordJudge, make_persona

# The server CI machines run; override with TEST_POSTGRES_URL to point elsewhere.
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://127.0.0.1:5432/test")


def _pg_admin(sql: str) -> None:
    import asyncpg

    async def go() -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=3)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(go())


def _pg_unavailable() -> str | None:
    try:
        import asyncpg  # noqa: F401
    except ImportError:
        return "asyncpg is not installed (pip install peer-practice[postgres])"
    try:
        _pg_admin("SELECT 1")
    except (TimeoutError, OSError, Exception) as exc:
        return f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {type(exc).__name__}"
    return None


_PG_REASON: str | bool | None = False


def pg_reason() -> str | None:
    global _PG_REASON
    if _PG_REASON is False:
        _PG_REASON = _pg_unavailable()
    return _PG_REASON  # type: ignore[return-value]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
        return
    reason = pg_reason()
    if reason:
        pytest.skip(reason)
    name = f"pp_test_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    await upgrade(database_url)
    database = Database(database_url)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
def catalog(tmp_path: Path) -> PersonaCatalog:
    persona = make_persona()
    return PersonaCatalog(directory=tmp_path, personas={persona.id: persona}, problems=[])


@pytest.fixture
def service(db: Database, catalog: PersonaCatalog) -> PracticeService:
    return PracticeService(db=db, catalog=catalog, engine=ScriptedEngine(), judge=KeywordJudge())
