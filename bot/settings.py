"""All settings, read from the environment and `.env` once, in bot/cli.py, and passed down."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_REPO_ROOT = Path(__file__).resolve().parent.parent


def default_personas_dir() -> Path:
    """The repository's personas/ in a checkout, else the copy shipped inside the wheel."""
    checkout = _REPO_ROOT / "personas"
    return checkout if checkout.is_dir() else Path(__file__).resolve().parent / "_personas"


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "peer-practice"


def default_database_url() -> str:
    return f"sqlite+aiosqlite:///{default_data_dir() / 'peer-practice.db'}"


class Settings(BaseSettings):
    """Every setting is documented in README.md; names are the environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    database_url: str = Field(default_factory=default_database_url)
    personas_dir: Path = Field(default_factory=default_personas_dir)
    client_engine: Literal["auto", "scripted"] = "auto"
    judge: Literal["rules"] = "rules"
    max_message_chars: int = Field(default=4096, ge=200, le=20_000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        allowed = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
        if not value.startswith(allowed):
            raise ValueError(
                "must start with sqlite+aiosqlite:// or postgresql+asyncpg:// "
                "(for example sqlite+aiosqlite:///./peer-practice.db)"
            )
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("telegram_api_base_url", "openai_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value or None


def describe_settings_error(exc: Exception) -> str:
    """Name the setting (as its environment variable) and the cause, never the value."""
    from pydantic import ValidationError

    if not isinstance(exc, ValidationError):
        return f"Invalid settings: {exc}"
    lines = ["Invalid settings:"]
    for err in exc.errors(include_input=False, include_url=False):
        name = str(err["loc"][0]).upper() if err["loc"] else "?"
        msg = err["msg"].removeprefix("Value error, ")
        lines.append(f"  {name}: {msg}")
    lines.append("Fix the environment variable (or .env) and try again; see README.md, Settings.")
    return "\n".join(lines)
