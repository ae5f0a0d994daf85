"""The layering DESIGN.md promises: rubric/ is pure, and only bot/llm.py may import openai."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_rubric_imports_no_framework_and_nothing_from_bot() -> None:
    forbidden = {
        "bot",
        "telegram",
        "openai",
        "sqlalchemy",
        "pydantic",
        "pydantic_settings",
        "httpx",
        "yaml",
    }
    for path in (ROOT / "rubric").rglob("*.py"):
        assert not imported_modules(path) & forbidden, path


def test_only_the_llm_adapter_imports_openai() -> None:
    for path in (ROOT / "bot").rglob("*.py"):
        if path.name != "llm.py":
            assert "openai" not in imported_modules(path), path


def test_transports_do_not_touch_sql_or_the_rubric_judges() -> None:
    for path in [ROOT / "bot" / "console.py"]:
        mods = imported_modules(path)
        assert "sqlalchemy" not in mods, path
