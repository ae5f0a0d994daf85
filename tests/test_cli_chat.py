"""The terminal transport end to end: a whole session piped through `chat --jsonl`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.factories import PERSONA

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    personas = tmp_path / "personas"
    personas.mkdir()
    data = {k: v for k, v in PERSONA.items() if k != "id"}
    (personas / "sam.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "TELEGRAM_"))}
    return base | {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "PERSONAS_DIR": str(personas),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def chat(env: dict[str, str], stdin: str, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--jsonl", "--trainee", "pat", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=env.get("CWD", ROOT),
        timeout=60,
    )
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return proc.returncode, events, proc.stderr


def types(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


def test_a_whole_session_through_jsonl(env: dict[str, str]) -> None:
    script = (
        "\n".join(
            [
                "What do you want to focus on today?",
                "You need to go to a meeting every day.",
                "/retry",
                "It's your choice. What would you like to say to your brother?",
                "/end",
            ]
        )
        + "\n"
    )
    code, events, err = chat(env, script, "--persona", "sam")
    assert code == 0, err
    assert types(events) == [
        "session",
        "client",
        "client",
        "assessment",
        "client",
        "assessment",
        "rewind",
        "client",
        "assessment",
        "summary",
    ]
    first = events[3]
    assert first["invited_input"] is True and first["overrode_autonomy"] is False
    assert set(first) >= {"evidence", "suggestion", "feedback", "trust_before", "trust_after"}
    order = events[5]
    assert order["overrode_autonomy"] is True and order["suggestion"]
    assert "You need to go to a meeting every day" in order["evidence"]["overrode_autonomy"]
    assert events[6]["trust_after"] == pytest.approx(first["trust_after"])
    summary = events[-1]
    assert summary["exchanges"] == 2
    assert summary["dimensions"]["overrode_autonomy"]["count"] == 0
    assert summary["trust_curve"][0] == pytest.approx(0.4)
    assert len(summary["trust_curve"]) == 3


def test_bad_messages_get_error_events_and_the_session_goes_on(env: dict[str, str]) -> None:
    script = "\n   \n" + "x" * 20_000 + "\n/dance\nWhat matters most to you?\n/end\n"
    code, events, _ = chat(env, script, "--persona", "sam")
    errors = [e for e in events if e["type"] == "error"]
    assert [e["code"] for e in errors] == [
        "message_rejected",
        "message_rejected",
        "message_rejected",
        "unknown_command",
    ]
    assert "20,000 characters; the limit is 4,096" in errors[2]["message"]
    assert events[-1]["type"] == "summary" and events[-1]["exchanges"] == 1
    assert code == 1  # a scripted run that met errors says so


def test_eof_mid_session_saves_and_the_next_run_resumes(env: dict[str, str]) -> None:
    code, events, _ = chat(env, "What do you want to focus on today?\n", "--persona", "sam")
    assert code == 0 and events[-1]["type"] == "saved"
    code, events, _ = chat(env, "/end\n")
    assert code == 0
    assert events[0]["type"] == "session" and events[0]["resumed"] is True
    assert events[0]["exchanges"] == 1
    assert events[-1]["type"] == "summary" and events[-1]["exchanges"] == 1


def test_unknown_persona_is_a_usage_error(env: dict[str, str]) -> None:
    code, events, _ = chat(env, "", "--persona", "nobody")
    assert code == 2
    assert events == [
        {
            "type": "error",
            "code": "unknown_persona",
            "message": "There is no client called 'nobody'. Available: sam.",
        }
    ]


def test_no_persona_given_when_not_interactive(env: dict[str, str]) -> None:
    code, events, _ = chat(env, "hello\n")
    assert code == 2 and "--persona" in events[0]["message"]


def test_no_personas_at_all(env: dict[str, str], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, events, _ = chat(env | {"PERSONAS_DIR": str(empty)}, "", "--persona", "sam")
    assert code == 1 and events[0]["code"] == "no_personas"


def test_a_broken_persona_file_is_reported_and_the_others_still_load(
    env: dict[str, str],
) -> None:
    bad = Path(env["PERSONAS_DIR"]) / "broken.yaml"
    bad.write_text("who: [unclosed\n", encoding="utf-8")
    code, events, err = chat(env, "/end\n", "--persona", "sam")
    assert code == 0 and events[-1]["type"] == "summary"
    assert "broken.yaml:" in err


def test_a_bad_setting_stops_start_up_naming_it(env: dict[str, str]) -> None:
    code, _, err = chat(env | {"DATABASE_URL": "mysql://x/y"}, "", "--persona", "sam")
    assert code == 2 and "DATABASE_URL" in err


def test_an_unwritable_database_path(env: dict[str, str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    url = f"sqlite+aiosqlite:///{blocker}/db.sqlite"
    code, events, _ = chat(env | {"DATABASE_URL": url}, "", "--persona", "sam")
    assert code == 1 and events[0]["code"] == "database"
    assert "writable location" in events[0]["message"]


def test_human_output_shows_reply_feedback_and_trust(env: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--persona", "sam", "--trainee", "h"],
        input="You need to go to a meeting every day.\n/end\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Sam: My brother said I should talk to you." in out
    assert '✗ Overrode autonomy: "You need to go to a meeting every day' in out
    assert "Sam's trust: 0.40 → 0.25" in out
    assert "=== Session with Sam: 1 exchange ===" in out
    assert "Traceback" not in out + proc.stderr


def test_personas_check_command(env: dict[str, str]) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "bot", "personas", "check"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert ok.returncode == 0 and "sam" in ok.stdout
    (Path(env["PERSONAS_DIR"]) / "bad.yaml").write_text("difficulty: impossible\n")
    bad = subprocess.run(
        [sys.executable, "-m", "bot", "personas", "check"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert bad.returncode == 1 and "bad.yaml:1: difficulty:" in bad.stderr


def test_shipped_personas_all_pass_the_check(env: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "personas", "check", str(ROOT / "personas")],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr


def test_ctrl_c_mid_session_keeps_it_resumable(env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--jsonl", "--trainee", "pat", "--persona", "sam"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write("What do you want to focus on today?\n")
    proc.stdin.flush()
    seen = []
    while not seen or seen[-1]["type"] != "assessment":
        seen.append(json.loads(proc.stdout.readline()))
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert json.loads(out.splitlines()[-1])["type"] == "saved"
    code, events, _ = chat(env, "/end\n")
    assert code == 0 and events[0]["resumed"] is True and events[-1]["exchanges"] == 1


def test_interactive_picker_in_a_terminal(env: dict[str, str]) -> None:
    import pty

    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--trainee", "tty"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        cwd=ROOT,
        close_fds=True,
    )
    os.close(terminal)
    screen = b""

    def read_until(marker: bytes) -> None:
        nonlocal screen
        while marker not in screen:
            chunk = os.read(controller, 4096)
            if not chunk:
                raise AssertionError(screen.decode(errors="replace"))
            screen += chunk

    try:
        read_until(b"Number or id")
        assert b"1. Sam (sam, moderate): Two months sober" in screen
        os.write(controller, b"1\n")
        read_until(b"You> ")
        os.write(controller, b"What would you like to talk about?\n")
        read_until(b"trust: 0.40")
        os.write(controller, b"/end\n")
        read_until(b"=== Session with Sam")
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(controller)
