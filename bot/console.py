"""The terminal transport: a practice session in a shell, for people or (with --jsonl) scripts.

It only translates: each line becomes one PracticeService call, each result is rendered.
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import dataclass
from typing import Any, TextIO

from bot import texts
from bot.practice import (
    ExchangeResult,
    PracticeError,
    PracticeService,
    ProgressReport,
    RewindResult,
    SessionView,
    SummaryView,
)
from rubric import DIMENSIONS
from rubric.feedback import FeedbackLine, dimension_label

HELP = """Commands:
  /retry              take back your last message (and its effect on trust), or resend a
                      message the client could not answer
  /end                end the session and see the summary
  /progress           your rates across sessions
  /feedback each|end|off   when feedback appears
  /help               this list
Anything else you type is said to the client. Ctrl-D (or Ctrl-C) leaves; the session is saved."""

_MARK = {"good": "✓", "bad": "✗", "try": "→"}


@dataclass
class Console:
    """Runs one session loop over input lines; returns an exit code."""

    service: PracticeService
    runner: asyncio.Runner
    trainee: str
    out: TextIO
    jsonl: bool = False
    interactive: bool = False
    errors: int = 0

    # --- output ---------------------------------------------------------------------

    def emit(self, event: dict[str, Any], human: str) -> None:
        if self.jsonl:
            self.out.write(json.dumps(event, ensure_ascii=False) + "\n")
        elif human:
            self.out.write(human + "\n")
        self.out.flush()

    def error(self, code: str, message: str) -> None:
        self.errors += 1
        self.emit({"type": "error", "code": code, "message": message}, f"! {message}")

    def show_session(self, view: SessionView) -> None:
        p = view.persona
        intro = (
            texts.SESSION_RESUMED.format(name=p.name, exchanges=view.exchanges)
            if view.resumed
            else texts.SESSION_STARTED.format(name=p.name, situation=p.who.situation)
        )
        self.emit(
            {
                "type": "session",
                "session_id": view.session_id,
                "persona": p.id,
                "name": p.name,
                "resumed": view.resumed,
                "exchanges": view.exchanges,
                "trust": view.state.trust,
            },
            f"{intro}\n{texts.DISCLAIMER}\nType /help for commands.\n",
        )
        self.emit(
            {"type": "client", "text": view.last_client_line}, f"{p.name}: {view.last_client_line}"
        )
        if view.pending_text:
            self.error("pending", texts.CLIENT_UNAVAILABLE)

    def show_exchange(self, r: ExchangeResult) -> None:
        name = r.persona.name
        self.emit({"type": "client", "text": r.reply}, f"{name}: {r.reply}")
        a = r.assessment
        event = {
            "type": "assessment",
            "exchange": r.exchange_no,
            **a.labels(),
            "evidence": a.evidence(),
            "why": a.whys(),
            "suggestion": a.suggestion or None,
            "feedback": [{"kind": f.kind, "text": f.text} for f in r.feedback],
            "trust_before": r.trust_before,
            "trust_after": r.trust_after,
            "mood": r.mood.value,
            "judge": a.judge,
        }
        human = ""
        if r.show_feedback:
            lines = [_feedback_line(f) for f in r.feedback]
            lines.append(
                f"  {name}'s trust: {r.trust_before:.2f} → {r.trust_after:.2f}"
                f" ({r.mood.value.replace('_', ' ')})"
            )
            human = "\n".join(lines)
        self.emit(event, human)

    def show_rewind(self, r: RewindResult) -> None:
        self.emit(
            {
                "type": "rewind",
                "removed": r.removed_text,
                "client": r.client_line,
                "trust_before": r.trust_before,
                "trust_after": r.trust_after,
            },
            texts.REWOUND.format(name=r.persona.name, line=r.client_line)
            + f"\n  Trust back to {r.trust_after:.2f}.",
        )

    def show_summary(self, view: SummaryView) -> None:
        self.emit(summary_event(view), format_summary(view))

    def show_progress(self, report: ProgressReport) -> None:
        event = {
            "type": "progress",
            "exchanges": report.exchanges,
            "overall": report.overall,
            "first": report.first,
            "latest": report.latest,
            "sessions": [
                {
                    "session_id": s.session_id,
                    "persona": s.persona_name,
                    "started_at": s.started_at.isoformat(),
                    "status": s.status,
                    "exchanges": s.exchanges,
                    "rates": s.rates,
                    "trust_start": s.trust_start,
                    "trust_end": s.trust_end,
                }
                for s in report.sessions
            ],
        }
        self.emit(event, format_progress(report))

    # --- input ----------------------------------------------------------------------

    def handle(self, line: str) -> bool:
        """Handle one input line; False when the session has ended."""
        stripped = line.strip()
        try:
            if stripped.startswith("/"):
                return self.command(stripped)
            self.show_exchange(self.runner.run(self.service.exchange(self.trainee, line)))
        except PracticeError as exc:
            self.error(exc.code, str(exc))
        return True

    def command(self, text: str) -> bool:
        name, _, arg = text.partition(" ")
        name, arg = name.lower(), arg.strip()
        if name == "/retry":
            result = self.runner.run(self.service.retry(self.trainee))
            if isinstance(result, RewindResult):
                self.show_rewind(result)
            else:
                self.show_exchange(result)
        elif name == "/end":
            self.show_summary(self.runner.run(self.service.end(self.trainee)))
            return False
        elif name == "/progress":
            self.show_progress(self.runner.run(self.service.progress(self.trainee)))
        elif name == "/feedback":
            mode = self.runner.run(self.service.set_feedback_mode(self.trainee, arg.lower()))
            self.emit(
                {"type": "info", "feedback_mode": mode},
                texts.FEEDBACK_MODE_SET.format(mode=texts.FEEDBACK_MODES[mode]),
            )
        elif name == "/help":
            self.emit({"type": "help", "text": HELP}, HELP)
        else:
            self.error("unknown_command", f"Unknown command {name[:40]}. {HELP}")
        return True

    def loop(self, lines: Any) -> int:
        for line in lines:
            if not self.handle(line):
                return 1 if (self.errors and not self.interactive) else 0
        self.emit({"type": "saved", "message": texts.SESSION_SAVED}, "\n" + texts.SESSION_SAVED)
        return 1 if (self.errors and not self.interactive) else 0


def _feedback_line(f: FeedbackLine) -> str:
    return f"  {_MARK[f.kind]} {f.text}"


def summary_event(view: SummaryView) -> dict[str, Any]:
    s = view.summary
    return {
        "type": "summary",
        "session_id": view.session_id,
        "persona": view.persona.id if view.persona else None,
        "name": view.persona_name,
        "exchanges": s.exchanges,
        "dimensions": {
            d.value: {
                "count": s.tallies[d].count,
                "rate": s.rate(d),
                "exchanges": list(s.tallies[d].exchanges),
                "quotes": list(s.tallies[d].quotes),
            }
            for d in DIMENSIONS
        },
        "trust_curve": list(s.trust_curve),
        "strongest": (
            {"exchange": s.strongest.number, "text": s.strongest.trainee_said}
            if s.strongest
            else None
        ),
        "to_redo": (
            {
                "exchange": s.to_redo.number,
                "text": s.to_redo.trainee_said,
                "suggestion": s.to_redo.assessment.suggestion,
            }
            if s.to_redo
            else None
        ),
    }


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= limit else text[: limit - 1] + "…"}"'


def _exchanges(n: int) -> str:
    return "exchange" if n == 1 else "exchanges"


def format_summary(view: SummaryView) -> str:
    s = view.summary
    lines = [f"\n=== Session with {view.persona_name}: {s.exchanges} {_exchanges(s.exchanges)} ==="]
    if not s.exchanges:
        lines.append("No exchanges yet, so there is nothing to summarise.")
        return "\n".join(lines)
    for d in DIMENSIONS:
        t = s.tallies[d]
        listed = ", ".join(map(str, t.exchanges))
        where = f" ({_exchanges(len(t.exchanges))} {listed})" if t.exchanges else ""
        lines.append(f"{dimension_label(d)}: {t.count} of {s.exchanges}{where}")
    lines.append("Trust: " + " → ".join(f"{v:.2f}" for v in s.trust_curve))
    if s.strongest:
        lines.append(
            f"Strongest moment (#{s.strongest.number}): {_quote(s.strongest.trainee_said)}"
        )
    if s.to_redo:
        lines.append(f"One to redo (#{s.to_redo.number}): {_quote(s.to_redo.trainee_said)}")
        lines.append(f"  Try: {_quote(s.to_redo.assessment.suggestion, 200)}")
    return "\n".join(lines)


def format_progress(report: ProgressReport) -> str:
    if not report.sessions:
        return texts.NO_PROGRESS
    lines = [f"Progress over {len(report.sessions)} sessions, {report.exchanges} exchanges:"]
    for s in report.sessions:
        rates = "  ".join(f"{k.split('_')[0]} {v:.0%}" for k, v in s.rates.items())
        lines.append(
            f"  {s.started_at:%Y-%m-%d} {s.persona_name:<12} {s.exchanges:>3} ex  {rates}"
            f"  trust {s.trust_start:.2f}→{s.trust_end:.2f}"
        )
    for d in DIMENSIONS:
        first, latest = report.first[d.value], report.latest[d.value]
        lines.append(f"{dimension_label(d)}: first {first:.0%}, latest {latest:.0%}")
    return "\n".join(lines)


def choose_persona(service: PracticeService, out: TextIO, inp: TextIO) -> str | None:
    """Interactive picker: a numbered list, answered by number or id."""
    personas = service.personas()
    out.write("Choose a client to practise with:\n")
    for i, p in enumerate(personas, start=1):
        out.write(f"  {i}. {p.name} ({p.id}, {p.difficulty}): {p.who.situation}\n")
    while True:
        out.write("Number or id (Ctrl-D to leave): ")
        out.flush()
        answer = inp.readline()
        if not answer:
            return None
        answer = answer.strip().lower()
        if answer.isdigit() and 1 <= int(answer) <= len(personas):
            return personas[int(answer) - 1].id
        if any(p.id == answer for p in personas):
            return answer
        out.write(f"'{answer[:40]}' is not on the list.\n")


def interactive_lines(out: TextIO, prompt: str = "You> ") -> Any:
    """Lines typed at a terminal; ends on Ctrl-D."""
    while True:
        try:
            yield input(prompt)
        except EOFError:
            out.write("\n")
            return


def stdin_lines(inp: TextIO = sys.stdin) -> Any:
    for line in inp:
        yield line.rstrip("\n")
