"""Measure a judge against labelled trainee messages (JSON Lines), per dimension."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rubric.metrics import Confusion
from rubric.model import DIMENSIONS, Assessment, Exchange, Judge


class RecordError(ValueError):
    """A labelled record that cannot be used; the message names the line and the field."""


@dataclass(frozen=True, slots=True)
class LabelledRecord:
    id: str
    exchange: Exchange
    labels: dict[str, bool]
    hard: bool = False


def parse_record(raw: Mapping[str, Any], line_no: int) -> LabelledRecord:
    """A labelled record from one JSON object: `trainee`, optional `client`, the three labels."""
    trainee = raw.get("trainee")
    if not isinstance(trainee, str) or not trainee.strip():
        raise RecordError(f"line {line_no}: 'trainee' must be non-empty text")
    client = raw.get("client", "")
    if not isinstance(client, str):
        raise RecordError(f"line {line_no}: 'client' must be text")
    labels: dict[str, bool] = {}
    for d in DIMENSIONS:
        value = raw.get(d.value)
        if not isinstance(value, bool):
            raise RecordError(f"line {line_no}: '{d.value}' must be true or false")
        labels[d.value] = value
    return LabelledRecord(
        id=str(raw.get("id", f"line-{line_no}")),
        exchange=Exchange(trainee_said=trainee, client_said=client),
        labels=labels,
        hard=bool(raw.get("hard", False)),
    )


def read_records(lines: Iterable[str]) -> list[LabelledRecord]:
    records = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(f"line {line_no}: not JSON ({exc.msg})") from None
        if not isinstance(raw, dict):
            raise RecordError(f"line {line_no}: must be a JSON object")
        records.append(parse_record(raw, line_no))
    return records


@dataclass
class EvalReport:
    judge: str
    items: int = 0
    confusion: dict[str, Confusion] = field(
        default_factory=lambda: {d.value: Confusion() for d in DIMENSIONS}
    )
    hard: dict[str, Confusion] = field(
        default_factory=lambda: {d.value: Confusion() for d in DIMENSIONS}
    )
    exact: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.confusion.values()) / len(self.confusion)

    @property
    def exact_rate(self) -> float:
        return self.exact / self.items if self.items else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "judge": self.judge,
            "items": self.items,
            "macro_f1": round(self.macro_f1, 4),
            "all_three_right": round(self.exact_rate, 4),
            "dimensions": {k: c.to_dict() for k, c in self.confusion.items()},
            "hard_items": {k: c.to_dict() for k, c in self.hard.items()},
        }

    def format_text(self) -> str:
        out = [
            f"judge {self.judge} on {self.items} items: macro F1 {self.macro_f1:.3f}, "
            f"all three labels right {self.exact_rate:.1%}",
            f"{'dimension':<26}{'prec':>6}{'rec':>6}{'F1':>6}{'kappa':>7}{'hard F1':>9}"
            f"{'tp':>5}{'fp':>5}{'fn':>5}{'tn':>5}",
        ]
        for key, c in self.confusion.items():
            out.append(
                f"{key:<26}{c.precision:>6.2f}{c.recall:>6.2f}{c.f1:>6.2f}{c.kappa:>7.2f}"
                f"{self.hard[key].f1:>9.2f}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.tn:>5}"
            )
        return "\n".join(out)


async def evaluate(judge: Judge, records: Iterable[LabelledRecord]) -> EvalReport:
    """Run the judge over every record and count agreement per dimension."""
    report = EvalReport(judge=judge.name)
    for record in records:
        assessment = await judge.assess(record.exchange)
        score_into(report, record, assessment)
    return report


def score_into(report: EvalReport, record: LabelledRecord, assessment: Assessment) -> None:
    predicted = assessment.labels()
    report.items += 1
    wrong = []
    for key, expected in record.labels.items():
        report.confusion[key].add(predicted=predicted[key], expected=expected)
        if record.hard:
            report.hard[key].add(predicted=predicted[key], expected=expected)
        if predicted[key] != expected:
            wrong.append(key)
    if not wrong:
        report.exact += 1
    else:
        report.misses.append(
            {"id": record.id, "wrong": wrong, "predicted": predicted, "notes": assessment.notes}
        )
