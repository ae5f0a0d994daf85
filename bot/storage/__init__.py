"""Persistence: typed models, repositories and the database handle."""

from bot.storage.db import Database, DatabaseError

__all__ = ["Database", "DatabaseError"]
