"""`peer-practice rubric score|eval`: the rubric over JSON Lines, for scripts and for measuring."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, TextIO

from rubric import Exchange
from rubric.evaluate import RecordError, evaluate, read_records
from rubric.rules import RuleJudge

MAX_LINE_CHARS = 20_000


def run_score(inp: TextIO, out: TextIO, err: TextIO) -> int:
    """One JSON object in per line ({"trainee": ..., "client": ...}), one scored object out.

    A bad line gets an `error` object in its place, so output lines match input lines.
    """
    judge = RuleJudge()
    failures = 0
    for line_no, line in enumerate(inp, start=1):
        if not line.strip():
            continue
        try:
            record_id, exchange = _exchange(line, line_no)
        except ValueError as exc:
            failures += 1
            print(f"line {line_no}: {exc}", file=err)
            out.write(json.dumps({"line": line_no, "error": str(exc)}) + "\n")
            continue
        a = judge.judge(exchange)
        result: dict[str, Any] = {"line": line_no}
        if record_id is not None:
            result["id"] = record_id
        result |= {
            **a.labels(),
            "evidence": a.evidence(),
            "why": a.whys(),
            "suggestion": a.suggestion or None,
            "judge": a.judge,
        }
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return 1 if failures else 0


def _exchange(line: str, line_no: int) -> tuple[str | None, Exchange]:
    if len(line) > MAX_LINE_CHARS:
        raise ValueError(f"line is {len(line):,} characters; the limit is {MAX_LINE_CHARS:,}")
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f'not JSON ({exc.msg}); expected {{"trainee": "..."}}') from None
    if not isinstance(raw, dict):
        raise ValueError('expected a JSON object like {"trainee": "..."}')
    trainee, client = raw.get("trainee"), raw.get("client", "")
    if not isinstance(trainee, str) or not trainee.strip():
        raise ValueError("'trainee' must be non-empty text")
    if not isinstance(client, str):
        raise ValueError("'client' must be text")
    record_id = raw.get("id")
    return (None if record_id is None else str(record_id)), Exchange(trainee, client)


def run_eval(path: Path, *, as_json: bool, out: TextIO, err: TextIO) -> int:
    """Compare the rule judge with a labelled JSON Lines file; print per-dimension figures."""
    try:
        with open(path, encoding="utf-8") as fh:
            records = read_records(fh)
    except OSError as exc:
        print(f"Cannot read {path}: {exc.strerror}", file=err)
        return 1
    except (RecordError, UnicodeDecodeError) as exc:
        print(f"{path}: {exc}", file=err)
        return 1
    if not records:
        print(f"{path}: no labelled records", file=err)
        return 1
    report = asyncio.run(evaluate(RuleJudge(), records))
    if as_json:
        out.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        out.write(report.format_text() + "\n")
    return 0
