"""The database handle: engines, short transactions, and migrations at start-up.

SQLite allows one writer at a time even in WAL mode, and a deferred transaction that reads
and then writes fails at once with "database is locked" (busy_timeout does not help), so
write transactions begin IMMEDIATE on a dedicated single-connection engine.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

log = logging.getLogger(__name__)


class DatabaseError(Exception):
    """The database cannot be used; the message says what to do (and holds no password)."""


def safe_url(url: str | URL) -> str:
    """The URL with any password hidden, for logs and errors."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).expanduser()


def prepare_sqlite_path(url: str) -> None:
    """Create the folder of a SQLite file, or say clearly why it cannot be used."""
    path = _sqlite_path(make_url(url))
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "ab"):
            pass
    except OSError as exc:
        raise DatabaseError(
            f"Cannot write the database file {path}: {exc.strerror or exc}. "
            "Set DATABASE_URL to a writable location, e.g. "
            "sqlite+aiosqlite:///./peer-practice.db"
        ) from None


def _sqlite_pragmas(immediate: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    return on_connect


class Database:
    """Two engines on SQLite (readers, and one IMMEDIATE writer); one shared engine elsewhere."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            prepare_sqlite_path(url)
            self.read_engine = create_async_engine(url)
            self.write_engine = create_async_engine(url, pool_size=1, max_overflow=0)
            for eng, immediate in ((self.read_engine, False), (self.write_engine, True)):
                event.listen(eng.sync_engine, "connect", _sqlite_pragmas(immediate))
                event.listen(
                    eng.sync_engine,
                    "begin",
                    _begin_immediate if immediate else _begin_deferred,
                )
        else:
            self.read_engine = create_async_engine(
                url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
            )
            self.write_engine = self.read_engine
        self._readers = async_sessionmaker(self.read_engine, expire_on_commit=False)
        self._writers = async_sessionmaker(self.write_engine, expire_on_commit=False)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A short read-only unit of work; closing ends its transaction and keeps loaded rows."""
        async with self._readers() as session:
            yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """One short transaction, committed on success and rolled back on any error."""
        async with self._writers() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            await self.write_engine.dispose()

    async def ping(self) -> None:
        """Fail early, with a clear message, if the database cannot be reached."""
        from sqlalchemy import text

        try:
            async with self.read() as session:
                await session.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError) as exc:
            raise DatabaseError(
                f"Cannot reach the database at {safe_url(self.url)}: {type(exc).__name__}. "
                "Check DATABASE_URL."
            ) from None


def _begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


# --- migrations -------------------------------------------------------------------------


def migrations_dir() -> Path:
    """The repository's alembic/ in a checkout, else the copy shipped inside the wheel."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "alembic"
    return checkout if (checkout / "env.py").is_file() else package / "_migrations"


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    # Passed as an attribute, not an ini option, so '%' in a password needs no escaping.
    cfg.attributes["database_url"] = url
    cfg.attributes["configure_logging"] = False
    return cfg


def upgrade_sync(url: str, revision: str = "head") -> None:
    """Apply migrations; must run outside an event loop (alembic's env.py calls asyncio.run)."""
    from alembic.util.exc import CommandError

    from alembic import command

    prepare_sqlite_path(url)
    try:
        command.upgrade(alembic_config(url), revision)
    except CommandError as exc:
        raise DatabaseError(
            f"Cannot migrate the database at {safe_url(url)}: {exc}. It may have been created "
            "by a newer version of peer-practice; upgrade peer-practice or use another "
            "DATABASE_URL."
        ) from None
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseError(
            f"Cannot migrate the database at {safe_url(url)}: {type(exc).__name__}: "
            f"{_first_line(exc)}. Check DATABASE_URL."
        ) from None


def downgrade_sync(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


async def upgrade(url: str, revision: str = "head") -> None:
    """Apply migrations from async code, in a worker thread with its own event loop."""
    await asyncio.to_thread(upgrade_sync, url, revision)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else ""
