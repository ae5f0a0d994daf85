#!/usr/bin/env python3
"""Set-up and run in one step: `python3 dev.py chat` practises, `python3 dev.py test` tests.

Creates .venv beside this file on first use (and again when pyproject.toml changes), installs
peer-practice with its development extras into it, then runs the command inside it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".dev-stamp"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def ensure_env() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an old Python
        sys.exit(f"peer-practice needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        print("Creating .venv (first run only)...", file=sys.stderr)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:  # ensurepip missing is the usual cause on Debian
            sys.exit(
                f"Could not create .venv ({exc}). On Debian/Ubuntu: apt-get install python3-venv"
            )
    print("Installing peer-practice and its dependencies into .venv...", file=sys.stderr)
    quiet = [] if os.environ.get("DEV_VERBOSE") else ["-q"]
    run([str(PY), "-m", "pip", "install", *quiet, "--upgrade", "pip"])
    run([str(PY), "-m", "pip", "install", *quiet, "-e", f"{ROOT}[dev]"])
    STAMP.write_text(wanted)


def run(cmd: list[str]) -> None:
    code = subprocess.call(cmd, cwd=ROOT)
    if code:
        sys.exit(code)


def test(extra: list[str]) -> int:
    steps = [
        [str(BIN / "ruff"), "check", "."],
        [str(BIN / "ruff"), "format", "--check", "."],
        [str(BIN / "mypy")],
        [str(PY), "-m", "pytest", *extra],
    ]
    for step in steps:
        print(
            "$",
            " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)),
            file=sys.stderr,
            flush=True,
        )
        code = subprocess.call(step, cwd=ROOT)
        if code:
            return code
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"chat", "test", "run"}:
        print(__doc__.strip(), file=sys.stderr)
        print(
            "\nUsage: python3 dev.py chat [chat options] | test [pytest options] | "
            "run PEER-PRACTICE-ARGS...",
            file=sys.stderr,
        )
        return 2
    ensure_env()
    command, extra = sys.argv[1], sys.argv[2:]
    if command == "test":
        return test(extra)
    args = ["chat", *extra] if command == "chat" else extra
    os.execv(str(BIN / "peer-practice"), [str(BIN / "peer-practice"), *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
