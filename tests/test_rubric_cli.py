"""`peer-practice rubric score|eval` over JSON Lines, including the lines that are wrong."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bot.rubric_cli import run_eval, run_score


def score(text: str) -> tuple[int, list[dict[str, object]], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_score(io.StringIO(text), out, err)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_score_answers_every_line_in_order() -> None:
    text = "\n".join(
        [
            json.dumps({"id": "a", "trainee": "You must stop drinking today."}),
            json.dumps({"trainee": "What would you like to talk about?", "client": "meh"}),
        ]
    )
    code, rows, err = score(text + "\n")
    assert code == 0 and err == ""
    assert rows[0]["id"] == "a" and rows[0]["overrode_autonomy"] is True
    assert rows[0]["evidence"] == {"overrode_autonomy": "You must stop drinking today."}
    assert rows[1]["invited_input"] is True and rows[1]["suggestion"] is None


def test_score_marks_bad_lines_in_place_and_exits_1() -> None:
    text = 'not json\n{"trainee": ""}\n[1, 2]\n{"trainee": "Okay."}\n'
    code, rows, err = score(text)
    assert code == 1
    assert [r.get("line") for r in rows] == [1, 2, 3, 4]
    assert "not JSON" in str(rows[0]["error"]) and "non-empty" in str(rows[1]["error"])
    assert "line 1:" in err and "line 3:" in err
    assert "error" not in rows[3]


def test_eval_reports_each_dimension(tmp_path: Path) -> None:
    items = [
        ("What would help you most?", True, False, False),
        ("It's your decision, and you can say no.", False, True, False),
        ("You need to call your doctor.", False, False, True),
        ("That sounds hard.", False, False, False),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(
                {
                    "trainee": t,
                    "invited_input": i,
                    "encouraged_self_advocacy": a,
                    "overrode_autonomy": o,
                }
            )
            for t, i, a, o in items
        )
    )
    out, err = io.StringIO(), io.StringIO()
    assert run_eval(path, as_json=True, out=out, err=err) == 0
    report = json.loads(out.getvalue())
    assert report["items"] == 4 and report["all_three_right"] == 1.0
    assert report["dimensions"]["overrode_autonomy"]["f1"] == 1.0
    text = io.StringIO()
    run_eval(path, as_json=False, out=text, err=err)
    assert "macro F1 1.000" in text.getvalue()


def test_eval_refuses_unlabelled_or_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"trainee": "hi", "invited_input": "yes"}\n')
    err = io.StringIO()
    assert run_eval(path, as_json=False, out=io.StringIO(), err=err) == 1
    assert "line 1: 'invited_input' must be true or false" in err.getvalue()
    err = io.StringIO()
    assert run_eval(tmp_path / "nope.jsonl", as_json=False, out=io.StringIO(), err=err) == 1
    assert "Cannot read" in err.getvalue()
