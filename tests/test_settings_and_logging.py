"""Settings refuse bad values by name; logs never carry secrets or message text at INFO."""

from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError

from bot.logging_setup import RedactSecrets
from bot.settings import Settings, describe_settings_error

TOKEN = "123456789:AAH-fake-token-for-tests-only-abcdefghij"


def test_defaults_need_no_keys(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "OPENAI_API_KEY", "TELEGRAM_BOT_TOKEN", "PERSONAS_DIR"):
        monkeypatch.delenv(name, raising=False)
    s = Settings()
    assert s.database_url.startswith("sqlite+aiosqlite:///")
    assert s.client_engine == "auto" and s.judge == "rules"
    assert (s.personas_dir / "README.md").exists()


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("DATABASE_URL", "mysql://localhost/x", "DATABASE_URL: must start with sqlite+aiosqlite"),
        ("MAX_MESSAGE_CHARS", "lots", "MAX_MESSAGE_CHARS: Input should be a valid integer"),
        ("LOG_LEVEL", "chatty", "LOG_LEVEL: Input should be"),
        ("OPENAI_BASE_URL", "localhost:11434", "OPENAI_BASE_URL: must be an http"),
    ],
)
def test_a_bad_value_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as info:
        Settings()
    message = describe_settings_error(info.value)
    assert expected in message
    assert value not in message.replace(expected, "")


def test_secret_values_are_not_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-key-1234")
    text = repr(Settings()) + str(Settings())
    assert TOKEN not in text and "sk-test-secret-key-1234" not in text


def test_redaction_scrubs_known_secrets_and_token_shapes(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redact")
    f = RedactSecrets(["sk-test-secret-key-1234"])
    logger.addFilter(f)
    try:
        with caplog.at_level(logging.INFO, logger="test.redact"):
            logger.info("POST https://api.telegram.org/bot%s/getMe", TOKEN)
            logger.info("key=%s", "sk-test-secret-key-1234")
            try:
                raise RuntimeError(f"failed with {TOKEN}")
            except RuntimeError:
                logger.exception("boom")
    finally:
        logger.removeFilter(f)
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert TOKEN not in text and "sk-test-secret-key-1234" not in text
    assert text.count("***") >= 3
